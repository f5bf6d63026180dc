"""The event's tables as CSV for Swedish Excel and as JSON; no Qt here.

**CSV for Excel**: UTF-8 with BOM, semicolon-separated, CRLF line ends — Swedish Excel opens it
with å, ä, ö intact and the columns split. Headers and labels follow the document language
(``language``: ``sv``/``en``, ``None`` the UI language: ``Händelsetid``/``Occurred``,
``ja``/``yes``, ``Ur funktion``/``Down``); times are ``2024-01-22 13:05 +01:00``. A cell that begins
with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) gets a leading apostrophe so that Excel
shows it as text instead of running it as a formula; the JSON files keep the exact text.

**JSON**: the documented shapes of ``show --json`` (``services/export.py``): code names, ISO 8601
times with offset; plus the level decisions and handovers, which ``show`` does not list.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from situation_board.domain.entities import (
    Action,
    AffectedSystem,
    Board,
    Briefing,
    DeadlineClock,
    Handover,
    JournalEntry,
    LevelDecision,
)
from situation_board.domain.ids import short_id
from situation_board.domain.text import json_safe, visible
from situation_board.domain.timeutil import fmt_datetime, iso
from situation_board.i18n import N_
from situation_board.reports.board_json import (
    action_json,
    briefing_json,
    deadline_json,
    entry_json,
    event_json,
    system_json,
)
from situation_board.reports.lang import Lang
from situation_board.reports.privacy import mark_labels, privacy_marks
from situation_board.reports.records import EventRecord

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Table:
    """One table of the event: CSV cells for people, JSON records for programs."""

    name: str  # file stem, ASCII, the same in every language: "stabsjournal"
    title: str  # in the document language: "Stabsjournal" / "Staff journal"
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    records: tuple[dict[str, Any], ...]


def excel_safe(cell: str) -> str:
    """The cell as Excel should show it: text, never a formula, and no raw control character
    (shown as its control picture, ``domain.text.visible``; newline and tab are kept)."""
    cell = visible(cell)
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def excel_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """CSV bytes for Swedish Excel: UTF-8 with BOM, ``;``, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([excel_safe(h) for h in headers])
    for row in rows:
        writer.writerow([excel_safe(c) for c in row])
    return buffer.getvalue().encode("utf-8-sig")


def json_bytes(records: Sequence[dict[str, Any]]) -> bytes:
    """Indented UTF-8 JSON of a list of records, with a final newline (no raw control
    character: ``domain.text.json_safe``)."""
    return (json_safe(json.dumps(list(records), ensure_ascii=False, indent=2)) + "\n").encode(
        "utf-8"
    )


def _t(dt: datetime | None) -> str:
    return fmt_datetime(dt)


def _headers(lang: Lang, msgids: Sequence[str]) -> tuple[str, ...]:
    return tuple(lang.gettext(m) for m in msgids)


# ---------------------------------------------------------------------- per table

EXERCISE_MARK = "ÖVNING"
JOURNAL_HEADERS = (
    N_("Number"),
    N_("Occurred"),
    N_("Recorded"),
    N_("Category"),
    N_("Medium"),
    N_("From"),
    N_("To"),
    N_("Text"),
    N_("Author"),
    N_("Function"),
    N_("Corrects entry"),
    N_("Hidden on the wall display"),
    N_("Id"),
    N_("Exercise"),
)
MARKS_HEADER = N_("Stays in the room")
"""The archive's last journal column: why an entry is left out of outgoing documents."""


def entries_in_period(
    entries: Sequence[JournalEntry], since: datetime | None, until: datetime | None
) -> list[JournalEntry]:
    """Entries with ``since <= occurred < until`` (as ``log list``), in their given order: the
    journal's print, PDF and CSV for a period, from the CLI and from the window alike."""
    return [
        e
        for e in entries
        if (since is None or e.occurred_at >= since) and (until is None or e.occurred_at < until)
    ]


def journal_table(
    entries: Sequence[JournalEntry],
    numbers: dict[str, str] | None = None,
    *,
    exercise: bool = False,
    language: str | None = None,
    marked: bool = False,
) -> Table:
    """The journal, chronological; ``numbers`` maps ids to numbers for the "corrects" column.

    The "Exercise" column says EXERCISE (ÖVNING) on every row of an exercise, and each JSON
    record carries ``exercise``: a row copied out of an exercise's journal still says what it
    is. ``marked`` (the closure archive, the internal record) adds a last column saying why an
    entry stays in the room — hidden from the wall, looks like a personal identity number
    (``reports.privacy``) — and ``privacy`` (the codes) to each JSON record.
    """
    lang = Lang.of(language)
    known = {e.id: e.number for e in entries} | (numbers or {})
    mark = lang.gettext("EXERCISE") if exercise else ""
    rows = tuple(
        (
            e.number,
            _t(e.occurred_at),
            _t(e.recorded_at),
            lang.label(e.category),
            lang.label(e.medium) if e.medium else "",
            e.from_party,
            e.to_party,
            e.text,
            e.author,
            lang.label(e.function),
            known.get(e.corrects, e.corrects) if e.corrects else "",
            lang.yes_no(e.hidden_from_wall),
            e.id,
            mark,
        )
        + ((mark_labels(privacy_marks(e), lang.code),) if marked else ())
        for e in entries
    )
    records = tuple(
        entry_json(e, exercise=exercise) | ({"privacy": list(privacy_marks(e))} if marked else {})
        for e in entries
    )
    title = lang.gettext("Staff journal")
    headers = JOURNAL_HEADERS + ((MARKS_HEADER,) if marked else ())
    return Table("stabsjournal", title, _headers(lang, headers), rows, records)


def level_record(d: LevelDecision) -> dict[str, Any]:
    """A level decision as a JSON record."""
    return {
        "id": d.id,
        "level": d.level.value,
        "label": d.level.sv,
        "scope": d.scope,
        "decided_by": d.decided_by,
        "reason": d.reason,
        "decided_at": iso(d.decided_at),
        "recorded_at": iso(d.recorded_at),
    }


def level_table(history: Sequence[LevelDecision], lang: Lang) -> Table:
    """The decisions on the readiness level, in order."""
    headers = _headers(
        lang,
        (
            N_("Decided"),
            N_("Readiness level"),
            N_("Scope"),
            N_("Decided by"),
            N_("Reason"),
            N_("Recorded"),
            N_("Id"),
        ),
    )
    rows = tuple(
        (
            _t(d.decided_at),
            lang.label(d.level),
            d.scope,
            d.decided_by,
            d.reason,
            _t(d.recorded_at),
            d.id,
        )
        for d in history
    )
    records = tuple(level_record(d) for d in history)
    title = lang.gettext("Decisions on the readiness level")
    return Table("beredskapsbeslut", title, headers, rows, records)


def system_table(systems: Sequence[AffectedSystem], lang: Lang) -> Table:
    """The affected systems as they stand."""
    headers = _headers(
        lang,
        (
            N_("System"),
            N_("Status"),
            N_("Status since"),
            N_("Supplier"),
            N_("Affected processes"),
            N_("Reserve routine active"),
            N_("Reserve routine since"),
            N_("Reserve routine"),
            N_("Alternative solution"),
            N_("Prognosis"),
            N_("Personal data may be affected"),
            N_("Next update"),
            N_("Id"),
        ),
    )
    rows = tuple(
        (
            s.name,
            lang.label(s.status),
            _t(s.status_since),
            s.supplier,
            s.processes,
            lang.yes_no(s.reserve_routine_active),
            _t(s.reserve_routine_since),
            s.reserve_routine,
            s.workaround,
            _t(s.prognosis_at) or s.prognosis_text or lang.gettext("no prognosis"),
            lang.yes_no(s.personal_data_affected),
            _t(s.next_update_at),
            s.id,
        )
        for s in systems
    )
    title = lang.gettext("Affected systems")
    return Table("system", title, headers, rows, tuple(system_json(s) for s in systems))


def action_table(actions: Sequence[Action], board: Board, lang: Lang) -> Table:
    """The event's actions."""
    headers = _headers(
        lang,
        (
            N_("Action"),
            N_("Owner"),
            N_("Due"),
            N_("Priority"),
            N_("Status"),
            N_("Overdue"),
            N_("System"),
            N_("Created"),
            N_("Closed"),
            N_("Short id"),
            N_("Id"),
        ),
    )
    names = {s.id: s.name for s in board.systems}
    rows = tuple(
        (
            a.title,
            a.owner,
            _t(a.due_at),
            lang.label(a.priority),
            lang.label(a.status),
            lang.yes_no(a.is_overdue(board.as_of)),
            names.get(a.system_id, a.system_id) if a.system_id else "",
            _t(a.created_at),
            _t(a.closed_at),
            short_id(a.id),
            a.id,
        )
        for a in actions
    )
    records = tuple(action_json(a, board) for a in actions)
    return Table("atgarder", lang.gettext("Actions"), headers, rows, records)


def handover_record(h: Handover) -> dict[str, Any]:
    """A signed handover as a JSON record (with the ids it covered)."""
    return {
        "id": h.id,
        "from": h.from_person,
        "to": h.to_person,
        "period_start": iso(h.period_start),
        "period_end": iso(h.period_end),
        "note": h.note,
        "acknowledged_by": h.acknowledged_by,
        "acknowledged_at": iso(h.acknowledged_at),
        "covered": list(h.covered),
        "summary": h.summary,
    }


def handover_table(handovers: Sequence[Handover], numbers: dict[str, str], lang: Lang) -> Table:
    """The signed handovers (the summary as it was signed, in Swedish: it is the record)."""
    headers = _headers(
        lang,
        (
            N_("Acknowledged"),
            N_("From"),
            N_("To"),
            N_("Period from"),
            N_("Period to"),
            N_("Note"),
            N_("Acknowledged by"),
            N_("Number of entries"),
            N_("Entries covered"),
            N_("Summary"),
            N_("Id"),
        ),
    )
    rows = tuple(
        (
            _t(h.acknowledged_at),
            h.from_person,
            h.to_person,
            _t(h.period_start),
            _t(h.period_end),
            h.note,
            h.acknowledged_by,
            str(len(h.covered)),
            " ".join(sorted(numbers.get(i, i) for i in h.covered)),
            h.summary,
            h.id,
        )
        for h in handovers
    )
    records = tuple(handover_record(h) for h in handovers)
    return Table("overlamningar", lang.gettext("Handovers"), headers, rows, records)


def deadline_table(deadlines: Sequence[DeadlineClock], board: Board, lang: Lang) -> Table:
    """The statutory deadlines and their state when the table was made."""
    headers = _headers(
        lang,
        (
            N_("Deadline"),
            N_("Kind"),
            N_("Aware"),
            N_("Due"),
            N_("Status"),
            N_("Reported"),
            N_("Reference"),
            N_("Reason for the delay"),
            N_("Id"),
        ),
    )
    rows = tuple(
        (
            d.title,
            lang.label(d.kind),
            _t(d.aware_at),
            _t(d.due_at),
            lang.label(d.status(board.as_of)),
            _t(d.reported_at),
            d.reference,
            d.late_reason,
            d.id,
        )
        for d in deadlines
    )
    records = tuple(deadline_json(d, board) for d in deadlines)
    return Table("frister", lang.gettext("Statutory deadlines"), headers, rows, records)


def briefing_table(briefings: Sequence[Briefing], lang: Lang) -> Table:
    """The staff briefings, in time order."""
    rows = tuple((_t(b.at), b.title, b.id) for b in briefings)
    records = tuple(briefing_json(b) for b in briefings)  # as stored: ``next_at`` changes
    headers = _headers(lang, (N_("Time"), N_("Title"), N_("Id")))
    return Table("stabsorienteringar", lang.gettext("Staff briefings"), headers, rows, records)


def event_table(record: EventRecord, lang: Lang) -> Table:
    """The event itself, one row."""
    e = record.event
    headers = _headers(
        lang,
        (
            N_("Event"),
            N_("Exercise"),
            N_("Started"),
            N_("Closed"),
            N_("Reason for closing"),
            N_("Id"),
        ),
    )
    row = (
        e.name,
        lang.yes_no(e.exercise),
        _t(e.started_at),
        _t(e.closed_at),
        e.close_reason or "",
        e.id,
    )
    data = event_json(e)
    assert data is not None
    return Table("handelse", lang.gettext("The event"), headers, (row,), (data,))


def event_tables(record: EventRecord, language: str | None = None) -> tuple[Table, ...]:
    """Every table of one event, in the order the archive lists them, in ``language``."""
    lang = Lang.of(language)
    board = record.board
    numbers = {e.id: e.number for e in board.journal}
    return (
        event_table(record, lang),
        level_table(record.level_history, lang),
        system_table(board.systems, lang),
        action_table(board.actions, board, lang),
        journal_table(
            board.journal,
            numbers,
            exercise=record.event.exercise,
            language=lang.code,
            marked=True,
        ),
        handover_table(record.handovers, numbers, lang),
        deadline_table(board.deadlines, board, lang),
        briefing_table(board.briefings, lang),
    )
