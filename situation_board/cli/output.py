"""What the command line prints: JSON, journal lines, the board as text.

Everything goes through ``emit`` so that output policy (terminal safety, streaming) lives in one
place.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from situation_board.domain.entities import Board, JournalEntry
from situation_board.domain.messages import render
from situation_board.domain.timeutil import fmt_datetime, fmt_short
from situation_board.i18n import _


def emit(text: str = "", *, end: str = "\n", err: bool = False) -> None:
    """Print one line (or text) on standard output (``err``: standard error)."""
    print(text, end=end, file=sys.stderr if err else sys.stdout)


def emit_json(data: Any) -> None:
    """Print ``data`` as indented UTF-8 JSON."""
    emit(json.dumps(data, ensure_ascii=False, indent=2))


def emit_chunks(chunks: Iterable[str]) -> None:
    """Print text that arrives in pieces (a journal of 100,000 entries, streamed), then a
    newline; nothing is held back to be printed at the end."""
    write = sys.stdout.write
    for chunk in chunks:
        write(chunk)
    write("\n")


def emit_json_array(items: Iterable[Any]) -> None:
    """Print a JSON array item by item (large journals are not built in memory first)."""
    first = True
    emit("[", end="")
    for item in items:
        body = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        emit(("\n  " if first else ",\n  ") + body, end="")
        first = False
    emit("\n]" if not first else "]")


def entry_line(e: JournalEntry, language: str) -> str:
    """One journal entry on one line: number, times, category, parties, text, correction."""
    times = fmt_datetime(e.occurred_at)
    if e.times_differ:
        times += " (" + _("rec. {0}").format(fmt_short(e.recorded_at, language)) + ")"
    parties = f" {e.from_party}→{e.to_party}" if (e.from_party or e.to_party) else ""
    fix = " [" + _("corrects {0}").format(e.corrects[-8:]) + "]" if e.corrects else ""
    return f"{e.number:9}  {times}  [{e.category.label(language)}]{parties} {e.text}{fix}"


LATEST_ENTRIES = 8
"""How many of the latest journal entries ``show`` prints."""


def print_board(board: Board, language: str) -> None:
    """The board as a few lines of text (``show`` without ``--json``)."""
    if board.event is None:
        emit(render("no_active_event", language))
        return
    e = board.event
    emit(e.name + (" [" + _("EXERCISE") + "]" if e.exercise else ""))
    lvl = board.level
    line = _("Readiness level: {0}").format(board.current_level.label(language).upper())
    if lvl:
        line += " " + _("({scope}) since {since}, decided by {who}").format(
            scope=lvl.scope, since=fmt_short(lvl.decided_at, language), who=lvl.decided_by
        )
    emit(line)
    emit("\n" + _("Affected systems:"))
    for s in board.systems:
        prog = fmt_short(s.prognosis_at, language) or s.prognosis_text or _("no prognosis")
        emit(f"  {s.status.label(language):18} {s.name} – " + _("prognosis: {0}").format(prog))
    emit("\n" + _("Open actions:"))
    for x in board.open_actions():
        flag = _("OVERDUE") + " " if x.is_overdue(board.as_of) else ""
        emit(f"  {flag}{fmt_short(x.due_at, language):13} {x.title} ({x.owner})")
    emit("\n" + _("Latest journal entries:"))
    for j in board.journal[-LATEST_ENTRIES:]:
        emit("  " + entry_line(j, language))
