"""What the command line prints: JSON, journal lines, the board as text.

Everything goes through ``emit`` so that output policy lives in one place. **Terminal safety:**
no raw control byte ever reaches the output, whatever the data holds (text stored before the
input rule, or received from an older station): ``emit`` shows control characters as their
Unicode control pictures (ESC → ␛, CR → ␍), bidirectional overrides as ``<U+202E>``, keeping
newline and tab; JSON escapes them as ``\\u001b``-style escapes (the data is unchanged). In the
one-line journal listing, the lines of a multi-line text after the first are indented, so a line
break can never make text look like another entry.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from situation_board.domain.entities import Board, JournalEntry
from situation_board.domain.messages import render
from situation_board.domain.text import json_safe, visible
from situation_board.domain.timeutil import fmt_datetime, fmt_short
from situation_board.i18n import _
from situation_board.reports.journal_stream import ENTRY_INDENT


def emit(text: str = "", *, end: str = "\n", err: bool = False, flush: bool = False) -> None:
    """Print one line (or text) on standard output (``err``: standard error), terminal-safe
    (``domain.text.visible``)."""
    print(visible(text), end=end, file=sys.stderr if err else sys.stdout, flush=flush)


def json_text(data: Any) -> str:
    """``data`` as indented UTF-8 JSON with no raw control character: ``json`` escapes C0
    itself; DEL, C1, bidirectional controls and lone surrogates are escaped here (``\\u009b``)."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


def _emit_raw(text: str, *, end: str = "\n") -> None:
    print(text, end=end)


def emit_json(data: Any) -> None:
    """Print ``data`` as indented UTF-8 JSON (``json_text``)."""
    _emit_raw(json_text(data))


def emit_chunks(chunks: Iterable[str]) -> None:
    """Print JSON text that arrives in pieces (a journal of 100,000 entries, streamed), then a
    newline; nothing is held back to be printed at the end. Each piece is made terminal-safe as
    ``json_text`` makes a whole document (``domain.text.json_safe``)."""
    write = sys.stdout.write
    for chunk in chunks:
        write(json_safe(chunk))
    write("\n")


def emit_json_array(items: Iterable[Any]) -> None:
    """Print a JSON array item by item (large journals are not built in memory first)."""
    first = True
    _emit_raw("[", end="")
    for item in items:
        body = json_text(item).replace("\n", "\n  ")
        _emit_raw(("\n  " if first else ",\n  ") + body, end="")
        first = False
    _emit_raw("\n]" if not first else "]")


def entry_line(e: JournalEntry, language: str) -> str:
    """One journal entry on one line: number, times, category, parties, text, correction."""
    times = fmt_datetime(e.occurred_at)
    if e.times_differ:
        times += " (" + _("rec. {0}").format(fmt_short(e.recorded_at, language)) + ")"
    parties = f" {e.from_party}→{e.to_party}" if (e.from_party or e.to_party) else ""
    fix = " [" + _("corrects {0}").format(e.corrects[-8:]) + "]" if e.corrects else ""
    head = visible(f"{e.number:9}  {times}  [{e.category.label(language)}]{parties}", one_line=True)
    text = visible(e.text).replace("\n", "\n" + ENTRY_INDENT)
    return f"{head} {text}{fix}"


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
