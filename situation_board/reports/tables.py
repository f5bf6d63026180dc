"""The event's tables as CSV for Swedish Excel and as JSON; no Qt here.

**CSV for Excel**: UTF-8 with BOM, semicolon-separated, CRLF line ends — Swedish Excel opens it
with å, ä, ö intact and the columns split. Headers and values are Swedish (times
``2024-01-22 13:05 +01:00``, ``ja``/``nej``, labels such as ``Ur funktion``). A cell that begins
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
from situation_board.reports.board_json import (
    action_json,
    briefing_json,
    deadline_json,
    entry_json,
    event_json,
    system_json,
)
from situation_board.reports.records import EventRecord

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Table:
    """One table of the event: CSV cells for people, JSON records for programs."""

    name: str  # file stem, ASCII: "stabsjournal"
    title: str  # Swedish title: "Stabsjournal"
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
    return (json_safe(json.dumps(list(records), ensure_ascii=False, indent=2)) + "\n").encode(
        "utf-8"
    )


def _t(dt: datetime | None) -> str:
    return fmt_datetime(dt)


def _yn(flag: bool) -> str:
    return "ja" if flag else "nej"


# ---------------------------------------------------------------------- per table

JOURNAL_HEADERS = (
    "Nummer",
    "Händelsetid",
    "Registreringstid",
    "Kategori",
    "Medium",
    "Från",
    "Till",
    "Text",
    "Författare",
    "Funktion",
    "Rättar post",
    "Dold på väggskärm",
    "Id",
)


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


def journal_table(entries: Sequence[JournalEntry], numbers: dict[str, str] | None = None) -> Table:
    """The journal, chronological; ``numbers`` maps ids to numbers for the "rättar" column."""
    known = {e.id: e.number for e in entries} | (numbers or {})
    rows = tuple(
        (
            e.number,
            _t(e.occurred_at),
            _t(e.recorded_at),
            e.category.sv,
            e.medium.sv if e.medium else "",
            e.from_party,
            e.to_party,
            e.text,
            e.author,
            e.function.sv,
            known.get(e.corrects, e.corrects) if e.corrects else "",
            _yn(e.hidden_from_wall),
            e.id,
        )
        for e in entries
    )
    records = tuple(entry_json(e) for e in entries)
    return Table("stabsjournal", "Stabsjournal", JOURNAL_HEADERS, rows, records)


def level_record(d: LevelDecision) -> dict[str, Any]:
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


def level_table(history: Sequence[LevelDecision]) -> Table:
    headers: tuple[str, ...] = ("Beslutstid", "Beredskapsläge", "Omfattning", "Beslut av")
    headers += ("Motivering", "Registrerad", "Id")
    rows = tuple(
        (_t(d.decided_at), d.level.sv, d.scope, d.decided_by, d.reason, _t(d.recorded_at), d.id)
        for d in history
    )
    records = tuple(level_record(d) for d in history)
    return Table("beredskapsbeslut", "Beslut om beredskapsläge", headers, rows, records)


def system_table(systems: Sequence[AffectedSystem]) -> Table:
    headers = (
        "System",
        "Status",
        "Status sedan",
        "Leverantör",
        "Berörda processer",
        "Reservrutin aktiv",
        "Reservrutin sedan",
        "Reservrutin",
        "Alternativ lösning",
        "Prognos",
        "Personuppgifter kan vara berörda",
        "Nästa uppdatering",
        "Id",
    )
    rows = tuple(
        (
            s.name,
            s.status.sv,
            _t(s.status_since),
            s.supplier,
            s.processes,
            _yn(s.reserve_routine_active),
            _t(s.reserve_routine_since),
            s.reserve_routine,
            s.workaround,
            _t(s.prognosis_at) or s.prognosis_text or "ingen prognos",
            _yn(s.personal_data_affected),
            _t(s.next_update_at),
            s.id,
        )
        for s in systems
    )
    return Table("system", "Berörda system", headers, rows, tuple(system_json(s) for s in systems))


def action_table(actions: Sequence[Action], board: Board) -> Table:
    headers: tuple[str, ...] = ("Åtgärd", "Ansvarig", "Senast", "Prioritet", "Status")
    headers += ("Försenad", "System", "Skapad", "Avslutad", "Kort id", "Id")
    names = {s.id: s.name for s in board.systems}
    rows = tuple(
        (
            a.title,
            a.owner,
            _t(a.due_at),
            a.priority.sv,
            a.status.sv,
            _yn(a.is_overdue(board.as_of)),
            names.get(a.system_id, a.system_id) if a.system_id else "",
            _t(a.created_at),
            _t(a.closed_at),
            short_id(a.id),
            a.id,
        )
        for a in actions
    )
    records = tuple(action_json(a, board) for a in actions)
    return Table("atgarder", "Åtgärder", headers, rows, records)


def handover_record(h: Handover) -> dict[str, Any]:
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


def handover_table(handovers: Sequence[Handover], numbers: dict[str, str]) -> Table:
    headers: tuple[str, ...] = ("Kvitterad", "Från", "Till", "Period från", "Period till")
    headers += (
        "Anteckning",
        "Kvitterad av",
        "Antal poster",
        "Täckta poster",
        "Sammanfattning",
        "Id",
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
    return Table("overlamningar", "Överlämningar", headers, rows, records)


def deadline_table(deadlines: Sequence[DeadlineClock], board: Board) -> Table:
    headers: tuple[str, ...] = ("Frist", "Typ", "Kännedom", "Senast", "Status", "Rapporterad")
    headers += ("Referens", "Skäl till försening", "Id")
    rows = tuple(
        (
            d.title,
            d.kind.sv,
            _t(d.aware_at),
            _t(d.due_at),
            d.status(board.as_of).sv,
            _t(d.reported_at),
            d.reference,
            d.late_reason,
            d.id,
        )
        for d in deadlines
    )
    records = tuple(deadline_json(d, board) for d in deadlines)
    return Table("frister", "Lagstadgade frister", headers, rows, records)


def briefing_table(briefings: Sequence[Briefing]) -> Table:
    rows = tuple((_t(b.at), b.title, b.id) for b in briefings)
    records = tuple(briefing_json(b) for b in briefings)
    return Table("stabsorienteringar", "Stabsorienteringar", ("Tid", "Rubrik", "Id"), rows, records)


def event_table(record: EventRecord) -> Table:
    e = record.event
    headers = ("Händelse", "Övning", "Startad", "Avslutad", "Skäl till avslut", "Id")
    row = (e.name, _yn(e.exercise), _t(e.started_at), _t(e.closed_at), e.close_reason or "", e.id)
    data = event_json(e)
    assert data is not None
    return Table("handelse", "Händelsen", headers, (row,), (data,))


def event_tables(record: EventRecord) -> tuple[Table, ...]:
    """Every table of one event, in the order the archive lists them."""
    board = record.board
    numbers = {e.id: e.number for e in board.journal}
    return (
        event_table(record),
        level_table(record.level_history),
        system_table(board.systems),
        action_table(board.actions, board),
        journal_table(board.journal, numbers),
        handover_table(record.handovers, numbers),
        deadline_table(board.deadlines, board),
        briefing_table(board.briefings),
    )
