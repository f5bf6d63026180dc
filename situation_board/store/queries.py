"""Read queries of the local store, returning domain entities (never rows) to the services."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    and_,
    func,
    literal_column,
    or_,
    select,
    text,
)

from situation_board.domain.briefings import Recurrence
from situation_board.domain.entities import (
    Action,
    AffectedSystem,
    Briefing,
    Conflict,
    DeadlineClock,
    Event,
    Handover,
    JournalEntry,
    LevelDecision,
    Station,
    SyncInfo,
)
from situation_board.domain.enums import (
    ActionStatus,
    DeadlineKind,
    EntryCategory,
    Medium,
    Priority,
    ReadinessLevel,
    StaffFunction,
    SystemStatus,
)
from situation_board.domain.reminders import Ack, Shown
from situation_board.domain.timeutil import utc
from situation_board.store.schema import (
    actions,
    briefings,
    conflicts,
    deadlines,
    entry_visibility,
    events,
    handovers,
    journal,
    level_decisions,
    local_station,
    outbox,
    reminder_acks,
    reminders_shown,
    sync_state,
    systems,
)

_HEX = re.compile(r"[0-9a-f]{4,32}")
RowLike = Mapping[Any, Any]  # a result row mapping (SQLAlchemy RowMapping)

# ---------------------------------------------------------------------- row -> entity


def to_event(r: RowLike) -> Event:
    return Event(
        id=r["id"],
        name=r["name"],
        exercise=bool(r["exercise"]),
        started_at=r["started_at"],
        closed_at=r["closed_at"],
        close_reason=r["close_reason"] or None,
    )


def to_level(r: RowLike) -> LevelDecision:
    return LevelDecision(
        id=r["id"],
        event_id=r["event_id"],
        level=ReadinessLevel(r["level"]),
        scope=r["scope"],
        decided_by=r["decided_by"],
        reason=r["reason"],
        decided_at=r["decided_at"],
        recorded_at=r["recorded_at"],
    )


def to_system(r: RowLike) -> AffectedSystem:
    return AffectedSystem(
        id=r["id"],
        event_id=r["event_id"],
        name=r["name"],
        status=SystemStatus(r["status"]),
        supplier=r["supplier"],
        processes=r["processes"],
        reserve_routine_active=bool(r["reserve_routine_active"]),
        reserve_routine_since=r["reserve_routine_since"],
        reserve_routine=r["reserve_routine"],
        workaround=r["workaround"],
        prognosis_at=r["prognosis_at"],
        prognosis_text=r["prognosis_text"],
        personal_data_affected=bool(r["personal_data_affected"]),
        next_update_at=r["next_update_at"],
        status_since=r["status_since"],
    )


def to_action(r: RowLike) -> Action:
    return Action(
        id=r["id"],
        event_id=r["event_id"],
        title=r["title"],
        status=ActionStatus(r["status"]),
        owner=r["owner"],
        due_at=r["due_at"],
        priority=Priority(r["priority"]),
        system_id=r["system_id"],
        created_at=r["created_at"],
        closed_at=r["closed_at"],
    )


def to_entry(r: RowLike) -> JournalEntry:
    return JournalEntry(
        id=r["id"],
        event_id=r["event_id"],
        number=r["number"],
        occurred_at=r["occurred_at"],
        recorded_at=r["recorded_at"],
        author=r["author"],
        function=StaffFunction(r["function"]),
        category=EntryCategory(r["category"]),
        text=r["text"],
        medium=Medium(r["medium"]) if r["medium"] else None,
        from_party=r["from_party"],
        to_party=r["to_party"],
        corrects=r["corrects"],
        hidden_from_wall=bool(r["hidden_from_wall"]),
    )


def to_handover(r: RowLike) -> Handover:
    return Handover(
        id=r["id"],
        event_id=r["event_id"],
        from_person=r["from_person"],
        to_person=r["to_person"],
        period_start=r["period_start"],
        period_end=r["period_end"],
        summary=r["summary"],
        note=r["note"],
        acknowledged_by=r["acknowledged_by"],
        acknowledged_at=r["acknowledged_at"],
        covered=tuple(r["covered"] or ()),
    )


def to_conflict(r: RowLike) -> Conflict:
    """A conflict record from a row of either store's ``conflicts`` (review columns optional)."""
    return Conflict(
        id=r["id"],
        entity=r["entity"],
        entity_id=r["entity_id"],
        field=r["field"],
        kept_value=r["kept_value"],
        lost_value=r["lost_value"],
        kept_stamp=r["kept_stamp"],
        lost_stamp=r["lost_stamp"],
        kept_author=r["kept_author"] or "",
        lost_author=r["lost_author"] or "",
        detected_at=r["detected_at"],
        reviewed_at=r.get("reviewed_at"),
        reviewed_by=r.get("reviewed_by") or "",
    )


def conflicts_list(conn: Connection, *, include_reviewed: bool = False) -> list[Conflict]:
    """Conflicts, newest first (unreviewed only unless ``include_reviewed``)."""
    q = select(conflicts).order_by(conflicts.c.detected_at.desc(), conflicts.c.id)
    if not include_reviewed:
        q = q.where(conflicts.c.reviewed_at.is_(None))
    return [to_conflict(r) for r in conn.execute(q).mappings()]


def to_deadline(r: RowLike) -> DeadlineClock:
    return DeadlineClock(
        id=r["id"],
        event_id=r["event_id"],
        kind=deadline_kind(r["kind"]),
        title=r["title"],
        aware_at=r["aware_at"],
        due_at=r["due_at"],
        reported_at=r["reported_at"],
        reference=r["reference"],
        late_reason=r["late_reason"],
        follows_id=r["follows_id"],
        not_required_at=r["not_required_at"],
        not_required_reason=r["not_required_reason"] or "",
    )


def deadline_kind(code: str) -> DeadlineKind:
    """The kind stored as ``code``: old codes by their alias (``other`` → ``custom``), and a
    code a newer version wrote as ``custom`` (its title says what it is)."""
    try:
        return DeadlineKind(code)
    except ValueError:
        return DeadlineKind.CUSTOM


def to_briefing(r: RowLike) -> Briefing:
    return Briefing(
        id=r["id"],
        event_id=r["event_id"],
        at=r["at"],
        title=r["title"],
        recurrence=Recurrence.from_code(r["recurrence"]),
        cancelled_at=r["cancelled_at"],
    )


# ---------------------------------------------------------------------- queries


def station(conn: Connection) -> Station:
    r = conn.execute(select(local_station)).mappings().one()
    return Station(site_id=r["site_id"], code=r["code"], name=r["name"])


def open_events(conn: Connection) -> list[Event]:
    """Events not closed, most recently started first (the first is the active one)."""
    q = (
        select(events)
        .where(events.c.closed_at.is_(None), events.c.deleted.is_(False))
        .order_by(events.c.started_at.desc(), events.c.id.desc())
    )
    return [to_event(r) for r in conn.execute(q).mappings()]


def all_events(conn: Connection) -> list[Event]:
    q = select(events).where(events.c.deleted.is_(False)).order_by(events.c.started_at)
    return [to_event(r) for r in conn.execute(q).mappings()]


def event_by_id(conn: Connection, event_id: str) -> Event | None:
    r = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
    return to_event(r) if r else None


def level_history(conn: Connection, event_id: str) -> list[LevelDecision]:
    q = (
        select(level_decisions)
        .where(level_decisions.c.event_id == event_id)
        .order_by(level_decisions.c.decided_at, level_decisions.c.stamp)
    )
    return [to_level(r) for r in conn.execute(q).mappings()]


def current_level(conn: Connection, event_id: str) -> LevelDecision | None:
    q = (
        select(level_decisions)
        .where(level_decisions.c.event_id == event_id)
        .order_by(level_decisions.c.decided_at.desc(), level_decisions.c.stamp.desc())
        .limit(1)
    )
    r = conn.execute(q).mappings().first()
    return to_level(r) if r else None


def _live(table: Table, event_id: str) -> Any:
    return select(table).where(table.c.event_id == event_id, table.c.deleted.is_(False))


def systems_of(conn: Connection, event_id: str) -> list[AffectedSystem]:
    rows = conn.execute(_live(systems, event_id).order_by(systems.c.name)).mappings()
    return sorted((to_system(r) for r in rows), key=lambda s: (-s.status.severity, s.name))


def actions_of(conn: Connection, event_id: str) -> list[Action]:
    q = _live(actions, event_id).order_by(actions.c.due_at.is_(None), actions.c.due_at)
    return [to_action(r) for r in conn.execute(q).mappings()]


def deadlines_of(conn: Connection, event_id: str) -> list[DeadlineClock]:
    q = _live(deadlines, event_id).order_by(deadlines.c.due_at)
    return [to_deadline(r) for r in conn.execute(q).mappings()]


def briefings_of(conn: Connection, event_id: str) -> list[Briefing]:
    q = _live(briefings, event_id).order_by(briefings.c.at)
    return [to_briefing(r) for r in conn.execute(q).mappings()]


def handovers_of(conn: Connection, event_id: str) -> list[Handover]:
    q = (
        select(handovers)
        .where(handovers.c.event_id == event_id)
        .order_by(handovers.c.acknowledged_at)
    )
    return [to_handover(r) for r in conn.execute(q).mappings()]


_HIDDEN: ColumnElement[bool] = func.coalesce(
    entry_visibility.c.hidden_from_wall, journal.c.hidden_from_wall
).label("hidden_from_wall")
"""An entry's effective "hidden from the wall": its visibility record when one exists (a later
decision), else the value it was written with (journal entries are immutable)."""
_JOURNAL_WITH_VISIBILITY = journal.outerjoin(
    entry_visibility,
    and_(entry_visibility.c.id == journal.c.id, entry_visibility.c.deleted.is_(False)),
)


def _journal_select() -> Select[Any]:
    """``SELECT`` of journal rows with the effective ``hidden_from_wall``."""
    columns = [c for c in journal.c if c.name != "hidden_from_wall"]
    return select(*columns, _HIDDEN).select_from(_JOURNAL_WITH_VISIBILITY)


def visibility_of(conn: Connection, event_id: str) -> dict[str, bool]:
    """``{entry id: hidden from the wall}`` of the event's entries whose visibility was changed
    after they were written (the window's journal applies these without reloading)."""
    q = select(entry_visibility.c.id, entry_visibility.c.hidden_from_wall).where(
        entry_visibility.c.event_id == event_id, entry_visibility.c.deleted.is_(False)
    )
    return {r.id: bool(r.hidden_from_wall) for r in conn.execute(q)}


def journal_of(
    conn: Connection,
    event_id: str,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    recorded_since: datetime | None = None,
) -> list[JournalEntry]:
    """Entries in chronological order: occurred time, then recorded time, then number."""
    q = _journal_select().where(journal.c.event_id == event_id)
    if since is not None:
        q = q.where(journal.c.occurred_at >= since)
    if until is not None:
        q = q.where(journal.c.occurred_at < until)
    if recorded_since is not None:
        q = q.where(journal.c.recorded_at >= recorded_since)
    q = q.order_by(journal.c.occurred_at, journal.c.recorded_at, journal.c.number, journal.c.id)
    return [to_entry(r) for r in conn.execute(q).mappings()]


_CATEGORIES = {m.value: m for m in EntryCategory}
_FUNCTIONS = {m.value: m for m in StaffFunction}
_MEDIA = {m.value: m for m in Medium}
_ENTRY_COLUMNS = (
    journal.c.id,
    journal.c.event_id,
    journal.c.number,
    journal.c.occurred_at,
    journal.c.recorded_at,
    journal.c.author,
    journal.c.function,
    journal.c.category,
    journal.c.text,
    journal.c.medium,
    journal.c.from_party,
    journal.c.to_party,
    journal.c.corrects,
    _HIDDEN,
)


def journal_watermark(conn: Connection) -> int:
    """The highest rowid of the journal (0 when empty)."""
    return int(conn.execute(text("SELECT coalesce(max(rowid), 0) FROM journal")).scalar_one())


def journal_after_rowid(
    conn: Connection, event_id: str, after: int
) -> tuple[int, list[JournalEntry]]:
    """Entries stored after SQLite rowid ``after`` (local writes and synced ones alike), in
    storage order, and the highest rowid seen: the window's cheap incremental refresh.

    This is the window's bulk path (100,000 entries on start), so it reads plain tuples and
    maps enums through dicts instead of going through ``to_entry``.
    """
    rowid: ColumnElement[int] = literal_column("journal.rowid")
    q = (
        select(rowid, *_ENTRY_COLUMNS)
        .select_from(_JOURNAL_WITH_VISIBILITY)
        .where(journal.c.event_id == event_id, rowid > after)
        .order_by(rowid)
    )
    rows = conn.execute(q).all()
    cats, funcs, media = _CATEGORIES, _FUNCTIONS, _MEDIA
    entries = [
        JournalEntry(
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            funcs[r[7]],
            cats[r[8]],
            r[9],
            media[r[10]] if r[10] else None,
            r[11],
            r[12],
            r[13],
            bool(r[14]),
        )
        for r in rows
    ]
    return (int(rows[-1][0]) if rows else after), entries


EXPORT_BATCH = 2000


def journal_export_rows(
    conn: Connection,
    event_id: str,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Iterator[tuple[Any, ...]]:
    """The event's journal in chronological order (as ``journal_of``), as stored, row by row
    (never all in memory, and in index order: nothing is sorted): the exports' fast path
    (``reports.journal_stream``).

    Each row is ``(id, number, occurred_at, recorded_at, author, function, category, medium,
    from_party, to_party, text, corrects, hidden_from_wall)``: times are the stored UTC text
    (``YYYY-MM-DD HH:MM:SS.ffffff``), enums their code names, and ``hidden_from_wall`` the
    effective one (the entry's visibility record when it has one, as ``_journal_select``)."""
    where = ["j.event_id = ?"]
    params: list[Any] = [event_id]
    if since is not None:
        where.append("j.occurred_at >= ?")
        params.append(_stored_instant(since))
    if until is not None:
        where.append("j.occurred_at < ?")
        params.append(_stored_instant(until))
    cursor = conn.connection.driver_connection.execute(  # type: ignore[union-attr]
        "SELECT j.id, j.number, j.occurred_at, j.recorded_at, j.author, j.function, j.category,"
        " j.medium, j.from_party, j.to_party, j.text, j.corrects,"
        " coalesce(v.hidden_from_wall, j.hidden_from_wall) FROM journal j"
        " LEFT JOIN entry_visibility v ON v.id = j.id AND v.deleted = 0"
        f" WHERE {' AND '.join(where)} ORDER BY j.occurred_at, j.recorded_at, j.number, j.id",
        params,
    )
    try:
        while rows := cursor.fetchmany(EXPORT_BATCH):
            yield from rows
    finally:
        cursor.close()


def _stored_instant(when: datetime) -> str:
    """An aware instant as the local store keeps it (naive UTC text, as ``UTCDateTime``)."""
    return f"{utc(when).replace(tzinfo=None):%Y-%m-%d %H:%M:%S.%f}"


def journal_tail(conn: Connection, event_id: str, count: int) -> list[JournalEntry]:
    """The latest ``count`` entries of the event, chronological (as ``journal_of`` ends)."""
    q = (
        select(journal)
        .where(journal.c.event_id == event_id)
        .order_by(
            journal.c.occurred_at.desc(),
            journal.c.recorded_at.desc(),
            journal.c.number.desc(),
            journal.c.id.desc(),
        )
        .limit(count)
    )
    return [to_entry(r) for r in reversed(conn.execute(q).mappings().all())]


def entry_by_ref(conn: Connection, ref: str) -> list[JournalEntry]:
    """Entries whose id or number equals ``ref`` (numbers compared case-insensitively)."""
    q = _journal_select().where(
        or_(journal.c.id == ref, func.upper(journal.c.number) == ref.strip().upper())
    )
    return [to_entry(r) for r in conn.execute(q).mappings()]


def rows_matching_id(conn: Connection, table: Table, event_id: str, ref: str) -> list[Any]:
    """Live rows of ``table`` in the event whose id equals or ends with ``ref`` (short ids)."""
    needle = ref.strip().lower().replace("-", "")
    if not _HEX.fullmatch(needle):
        return []
    q = _live(table, event_id).where(
        or_(table.c.id == ref.strip().lower(), func.replace(table.c.id, "-", "").like(f"%{needle}"))
    )
    return list(conn.execute(q).mappings())


def pending_outbox(conn: Connection) -> int:
    q = select(func.count()).select_from(outbox).where(outbox.c.acked.is_(False))
    return int(conn.execute(q).scalar_one())


def open_conflicts(conn: Connection) -> int:
    q = select(func.count()).select_from(conflicts).where(conflicts.c.reviewed_at.is_(None))
    return int(conn.execute(q).scalar_one())


def fingerprint(conn: Connection) -> tuple[object, ...]:
    """Changes whenever anything on the board changes, whoever wrote it (this process, another
    process on the same file, or a sync pull): the last outbox sequence, the last journal rowid,
    and the sync bookkeeping. Cheap enough to poll every few seconds."""
    row = conn.execute(
        text(
            "SELECT (SELECT max(seq) FROM outbox), (SELECT max(rowid) FROM journal), "
            "(SELECT group_concat(key || '=' || coalesce(value, ''), ';') FROM sync_state), "
            "(SELECT count(*) FROM conflicts)"
        )
    ).one()
    return tuple(row)


def sync_info(conn: Connection) -> SyncInfo:
    """The station's sync state as recorded by the last sync run (local ``sync_state``)."""
    state = {
        r.key: r.value
        for r in conn.execute(
            select(sync_state.c.key, sync_state.c.value).where(
                sync_state.c.key.in_(("store", "last_success_at", "last_error"))
            )
        )
    }
    last = state.get("last_success_at")
    return SyncInfo(
        store=state.get("store"),
        last_success_at=datetime.fromisoformat(last) if last else None,
        pending=pending_outbox(conn),
        conflicts=open_conflicts(conn),
        last_error=state.get("last_error"),
    )


def reminder_acks_by_key(conn: Connection) -> dict[str, Ack]:
    """The first acknowledgement of each reminder key (later ones by other people are in the
    journal too, but the reminder was seen at the first)."""
    q = (
        select(reminder_acks)
        .where(reminder_acks.c.deleted.is_(False))
        .order_by(reminder_acks.c.acknowledged_at, reminder_acks.c.id)
    )
    out: dict[str, Ack] = {}
    for r in conn.execute(q).mappings():
        out.setdefault(
            r["reminder_key"],
            Ack(r["reminder_key"], r["acknowledged_by"], r["acknowledged_at"], r["station"]),
        )
    return out


def reminders_shown_by_key(conn: Connection) -> dict[str, Shown]:
    """This station's record of the reminders it has notified."""
    return {
        r["key"]: Shown(r["key"], r["first_shown_at"], r["last_shown_at"], int(r["times"]))
        for r in conn.execute(select(reminders_shown)).mappings()
    }


def station_created_at(conn: Connection) -> datetime:
    """When this local board was created (reminders treat older entries as history)."""
    value: datetime = conn.execute(select(local_station.c.created_at)).scalar_one()
    return value
