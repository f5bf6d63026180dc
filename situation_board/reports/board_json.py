"""The stable JSON shape of ``show --json`` and ``log list --json`` (DESIGN §6, README).

Times are ISO 8601 in Stockholm time with their offset; enum values are the code names, with the
Swedish label beside them under ``*_label``/``label``.
"""

from __future__ import annotations

from typing import Any

from situation_board.domain.deadlines import elapsed_percent
from situation_board.domain.entities import (
    Action,
    AffectedSystem,
    Board,
    Briefing,
    DeadlineClock,
    Event,
    JournalEntry,
    LevelDecision,
    SyncInfo,
)
from situation_board.domain.enums import ReadinessLevel
from situation_board.domain.ids import short_id
from situation_board.domain.timeutil import iso

JSON_SHAPE_VERSION = 1


def event_json(e: Event | None) -> dict[str, Any] | None:
    """The event in the documented shape (``None`` without one)."""
    if e is None:
        return None
    return {
        "id": e.id,
        "name": e.name,
        "exercise": e.exercise,
        "started_at": iso(e.started_at),
        "closed_at": iso(e.closed_at),
        "close_reason": e.close_reason,
    }


def level_json(d: LevelDecision | None) -> dict[str, Any]:
    """The current level decision (Normalläge with empty fields without one)."""
    level = d.level if d else ReadinessLevel.NORMAL
    return {
        "level": level.value,
        "label": level.sv,
        "scope": d.scope if d else None,
        "decided_by": d.decided_by if d else None,
        "reason": d.reason if d else None,
        "decided_at": iso(d.decided_at) if d else None,
    }


def system_json(s: AffectedSystem) -> dict[str, Any]:
    """An affected system in the documented shape."""
    prognosis = iso(s.prognosis_at) if s.prognosis_at else (s.prognosis_text or None)
    return {
        "id": s.id,
        "name": s.name,
        "status": s.status.value,
        "status_label": s.status.sv,
        "status_since": iso(s.status_since),
        "supplier": s.supplier,
        "processes": s.processes,
        "reserve_routine_active": s.reserve_routine_active,
        "reserve_routine_since": iso(s.reserve_routine_since),
        "reserve_routine": s.reserve_routine,
        "workaround": s.workaround,
        "prognosis": prognosis,
        "prognosis_label": prognosis or "ingen prognos",
        "personal_data_affected": s.personal_data_affected,
        "next_update_at": iso(s.next_update_at),
    }


def action_json(a: Action, board: Board) -> dict[str, Any]:
    """An action, with ``overdue``/``due_soon`` as of ``board.as_of``."""
    return {
        "id": a.id,
        "short_id": short_id(a.id),
        "title": a.title,
        "owner": a.owner,
        "due_at": iso(a.due_at),
        "priority": a.priority.value,
        "status": a.status.value,
        "status_label": a.status.sv,
        "overdue": a.is_overdue(board.as_of),
        "due_soon": a.is_due_soon(board.as_of),
        "system_id": a.system_id,
        "created_at": iso(a.created_at),
        "closed_at": iso(a.closed_at),
    }


def entry_json(e: JournalEntry, *, exercise: bool | None = None) -> dict[str, Any]:
    """A journal entry; ``exercise`` (when given) adds the event's exercise flag to the entry,
    as the journal's own exports do (``log list --json``, ``export journal-json``)."""
    data: dict[str, Any] = {
        "id": e.id,
        "number": e.number,
        "occurred_at": iso(e.occurred_at),
        "recorded_at": iso(e.recorded_at),
        "author": e.author,
        "function": e.function.value,
        "category": e.category.value,
        "category_label": e.category.sv,
        "medium": e.medium.value if e.medium else None,
        "from": e.from_party,
        "to": e.to_party,
        "text": e.text,
        "corrects": e.corrects,
        "hidden_from_wall": e.hidden_from_wall,
    }
    if exercise is not None:
        data["exercise"] = exercise
    return data


def deadline_json(d: DeadlineClock, board: Board) -> dict[str, Any]:
    """A deadline clock with its status as of ``board.as_of``."""
    status = d.status(board.as_of)
    urgency = d.urgency(board.as_of)
    return {
        "id": d.id,
        "short_id": short_id(d.id),
        "kind": d.kind.value,
        "kind_label": d.kind.sv,
        "title": d.title,
        "aware_at": iso(d.aware_at),
        "due_at": iso(d.due_at),
        "status": status.value,
        "status_label": status.sv,
        "urgency": urgency.value,
        "elapsed_percent": elapsed_percent(d.aware_at, d.due_at, board.as_of),
        "reported_at": iso(d.reported_at),
        "reference": d.reference,
        "late_reason": d.late_reason,
        "not_required_at": iso(d.not_required_at),
        "not_required_reason": d.not_required_reason,
        "follows_id": d.follows_id,
        "source": d.source,
    }


def briefing_json(b: Briefing, board: Board | None = None) -> dict[str, Any]:
    """A briefing: ``at`` is its (first) time; ``recurrence`` its rhythm (``every 4h``,
    ``daily 08:00,13:00``, or null); ``next_at`` its next occurrence as of ``board``."""
    data: dict[str, Any] = {
        "id": b.id,
        "at": iso(b.at),
        "title": b.title,
        "recurrence": b.recurrence.code if b.recurrence else None,
        "cancelled_at": iso(b.cancelled_at),
    }
    if board is not None:
        data["next_at"] = iso(b.next_at(board.as_of))
    return data


def sync_json(s: SyncInfo, board: Board) -> dict[str, Any]:
    """Everything that differs between stations lives here, so boards compare without it."""
    return {
        "station": board.station.code,
        "site_id": board.station.site_id,
        "store": s.store,
        "last_success_at": iso(s.last_success_at),
        "pending": s.pending,
        "conflicts": s.conflicts,
        "last_error": s.last_error,
    }


def board_json(board: Board) -> dict[str, Any]:
    """The whole board in the documented shape."""
    return {
        "shape": JSON_SHAPE_VERSION,
        "event": event_json(board.event),
        "other_open_events": [event_json(e) for e in board.other_open_events],
        "level": level_json(board.level),
        "systems": [system_json(s) for s in board.systems],
        "actions": [action_json(a, board) for a in board.actions],
        "journal": [entry_json(e) for e in board.journal],
        "deadlines": [deadline_json(d, board) for d in board.deadlines],
        "briefings": [briefing_json(b, board) for b in board.briefings],
        "sync": sync_json(board.sync, board),
    }
