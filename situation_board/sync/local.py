"""The station's side of the protocol, on the local SQLite store.

* the outbox: rows after a sequence, marking rows acknowledged (one local transaction);
* ``sync_state``: the store epoch, the pull cursor, the last success and error, warnings;
* applying a pulled page and its new cursor in one local ``BEGIN IMMEDIATE`` transaction:
  per-field last-writer-wins against the local ``versions`` (an unpushed local edit with a newer
  stamp survives), immutable rows inserted if absent, the store's conflicts copied, and the local
  HLC advanced past the remote stamps (``receive``). Applying a page twice changes nothing.

Pulled changes are written with the raw write connection, not ``WriteTx``: they are not local
changes and must not enter the outbox.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Connection, Table, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from situation_board.domain.chain import GENESIS, restore_segment
from situation_board.domain.hlc import Hlc, is_far_ahead, receive
from situation_board.domain.ids import uuid7
from situation_board.store.database import LocalStore
from situation_board.store.schema import (
    CONFLICT_RECORD,
    IMMUTABLE,
    MUTABLE,
    REPLICATED,
    SCHEMA_VERSION,
    UTCDateTime,
    data_columns,
    encode_value,
    local_station,
    outbox,
    sync_state,
)
from situation_board.store.unit_of_work import bump_journal_counter
from situation_board.sync.errors import SyncError
from situation_board.sync.merge import remote_wins
from situation_board.sync.protocol import ORIGIN_SITE, SNAPSHOT, OutboxRow, PulledRow, SiteInfo

# sync_state keys
EPOCH = "store_epoch"
CURSOR = "cursor"
STORE = "store"
LAST_SUCCESS = "last_success_at"
LAST_ERROR = "last_error"
UPDATE_REQUIRED = "update_required"
CLOCK_WARNING = "clock_warning"


# ---------------------------------------------------------------------- sync_state


def get_state(conn: Connection, key: str, default: Any = None) -> Any:
    row = conn.execute(select(sync_state.c.value).where(sync_state.c.key == key)).first()
    return default if row is None or row[0] is None else row[0]


def set_state(conn: Connection, key: str, value: Any) -> None:
    stmt = sqlite_insert(sync_state).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def set_states(conn: Connection, values: dict[str, Any]) -> None:
    """``set_state`` for several keys: one statement."""
    if values:
        stmt = sqlite_insert(sync_state)
        conn.execute(
            stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}),
            [{"key": k, "value": v} for k, v in values.items()],
        )


@dataclass(frozen=True, slots=True)
class LocalState:
    """What a sync round reads locally first, in one read transaction."""

    site: SiteInfo
    states: dict[str, Any]
    pending: int
    last_acked: tuple[int, str] | None  # (sequence, mutation id) of the last acknowledged row
    hlc: Hlc

    @property
    def cursor(self) -> int:
        return int(self.states.get(CURSOR) or 0)


def local_state(store: LocalStore) -> LocalState:
    """This station's identity, sync state, outbox position and clock: one read transaction."""
    with store.read() as conn:
        station = conn.execute(select(local_station)).mappings().one()
        states = {r.key: r.value for r in conn.execute(select(sync_state))}
        pending = conn.execute(
            select(func.count()).select_from(outbox).where(outbox.c.acked.is_(False))
        ).scalar_one()
        acked = conn.execute(
            select(outbox.c.seq, outbox.c.mutation_id)
            .where(outbox.c.acked.is_(True))
            .order_by(outbox.c.seq.desc())
            .limit(1)
        ).first()
    site = SiteInfo(
        site_id=station["site_id"],
        code=station["code"],
        name=station["name"],
        previous=tuple(states.get(PREVIOUS_SITES) or ()),
    )
    return LocalState(
        site=site,
        states=states,
        pending=int(pending),
        last_acked=(int(acked[0]), str(acked[1])) if acked is not None else None,
        hlc=Hlc(station["hlc_ms"], station["hlc_counter"]),
    )


def read_states(store: LocalStore) -> dict[str, Any]:
    with store.read() as conn:
        return {r.key: r.value for r in conn.execute(select(sync_state))}


def write_states(
    store: LocalStore, values: dict[str, Any], *, acked_up_to: int | None = None
) -> None:
    """Set ``values`` (and mark the outbox acknowledged up to ``acked_up_to``) in one local
    transaction."""
    with store.write_connection() as conn:
        if acked_up_to is not None:
            _mark(conn, acked_up_to)
        set_states(conn, values)


# ---------------------------------------------------------------------- outbox


PREVIOUS_SITES = "previous_sites"


def site_info(store: LocalStore) -> SiteInfo:
    with store.read() as conn:
        row = conn.execute(select(local_station)).mappings().one()
        previous = tuple(get_state(conn, PREVIOUS_SITES, []) or [])
    return SiteInfo(site_id=row["site_id"], code=row["code"], name=row["name"], previous=previous)


def last_acked(store: LocalStore) -> int:
    """The highest acknowledged sequence (acknowledged rows are always a prefix)."""
    with store.read() as conn:
        q = select(func.max(outbox.c.seq)).where(outbox.c.acked.is_(True))
        return int(conn.execute(q).scalar() or 0)


def outbox_after(
    store: LocalStore, after: int, limit: int, *, raw_immutable: bool = False
) -> list[OutboxRow]:
    """Outbox rows with a sequence above ``after``, in order, at most ``limit`` (read with one
    prepared statement, without per-row type processing: a batch of 500 is read per push).

    With ``raw_immutable`` an immutable row's changes stay the outbox's JSON text
    (``OutboxRow.raw``): the push hands them to the store as they are."""
    with store.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT seq, mutation_id, entity, entity_id, op, changes, stamp, author,"
            " schema_version FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, limit),
        ).all()
    loads = json.loads
    keep = IMMUTABLE if raw_immutable else {}
    return [
        OutboxRow(
            seq=int(r[0]),
            mutation_id=r[1],
            entity=r[2],
            entity_id=r[3],
            op=r[4],
            changes={} if r[2] in keep else loads(r[5]),
            stamp=r[6],
            author=r[7],
            schema_version=int(r[8]),
            raw=r[5] if r[2] in keep else None,
        )
        for r in rows
    ]


def pending_count(store: LocalStore) -> int:
    with store.read() as conn:
        q = select(func.count()).select_from(outbox).where(outbox.c.acked.is_(False))
        return int(conn.execute(q).scalar_one())


def mark_acked(store: LocalStore, up_to: int) -> None:
    """Every outbox row up to ``up_to`` is in the store: one local transaction."""
    with store.write_connection() as conn:
        _mark(conn, up_to)


def _mark(conn: Connection, up_to: int) -> None:
    conn.execute(
        update(outbox).where(outbox.c.seq <= up_to, outbox.c.acked.is_(False)).values(acked=True)
    )


def reset_for_epoch(store: LocalStore, epoch: str, *, snapshot: bool) -> int:
    """Another store (or a rebuilt one): pull everything again and push the whole outbox.

    With ``snapshot`` (the store this station knew was replaced), also append a copy of every
    row this station holds, whoever wrote it: a store rebuilt from any one station gets the whole
    board back, not only what that station wrote. Returns the number of snapshot rows.
    """
    with store.write_connection() as conn:
        conn.execute(update(outbox).values(acked=False))
        set_state(conn, CURSOR, 0)
        set_state(conn, EPOCH, epoch)
        return _append_snapshot(conn) if snapshot else 0


def rekey_site(store: LocalStore) -> str:
    """This local board was restored from a backup (the store has seen later changes from its
    site): continue as a new site, sending the whole outbox again under it. Nothing the station
    wrote after the restore is then mistaken for a change the store already has."""
    new_site = uuid7()
    with store.write_connection() as conn:
        me = conn.execute(
            select(local_station.c.site_id, local_station.c.chain_seq, local_station.c.chain_head)
        ).one()
        old = me.site_id
        previous = [*(get_state(conn, PREVIOUS_SITES, []) or []), old]
        set_state(conn, PREVIOUS_SITES, previous)  # so it may take over its own station code
        # the new site's chain starts with a link that records the restore (domain.chain)
        marker = restore_segment(old, int(me.chain_seq), me.chain_head or GENESIS)
        conn.execute(
            update(local_station).values(
                site_id=new_site, chain_seq=0, chain_head=me.chain_head, chain_segment=marker
            )
        )
        conn.execute(update(outbox).values(acked=False))
    return new_site


def _append_snapshot(conn: Connection) -> int:
    row = conn.execute(select(local_station)).mappings().one()
    seq = int(row["outbox_seq"])
    now = datetime.now(UTC)
    count = 0
    for name, table in REPLICATED.items():
        columns = data_columns(table)
        for r in conn.execute(select(table)).mappings():
            if name in MUTABLE:
                versions = r["versions"] or {}
                changes = {
                    c: {
                        "v": encode_value(r[c]),
                        "hlc": versions[c][0],
                        "author": versions[c][1] if len(versions[c]) > 1 else "",
                        "base": None,
                    }
                    for c in columns
                    if c in versions
                }
                stamp = max((v["hlc"] for v in changes.values()), default="")
            else:
                changes = {c: {"v": encode_value(r[c])} for c in columns}
                changes[ORIGIN_SITE] = {"v": r["site_id"]}
                stamp = r["stamp"]
            if not changes:
                continue
            seq += 1
            count += 1
            conn.execute(
                insert(outbox).values(
                    seq=seq,
                    mutation_id=uuid7(),
                    entity=name,
                    entity_id=r["id"],
                    op=SNAPSHOT,
                    changes=changes,
                    stamp=stamp,
                    author="",
                    schema_version=SCHEMA_VERSION,
                    created_at=now,
                )
            )
    conn.execute(update(local_station).values(outbox_seq=seq))
    return count


# ---------------------------------------------------------------------- pull


@dataclass(frozen=True, slots=True)
class PageResult:
    """What applying pulled rows did (and, for a round's last transaction, what is pending)."""

    rows: int
    changed: int
    conflicts: int
    far_ahead: bool
    entities: frozenset[str]
    pending: int = 0


Finish = Callable[[Connection, PageResult], None]
"""Called at the end of a round's local transaction, inside it (sync state, say)."""


def apply_page(
    store: LocalStore, page: list[PulledRow], cursor: int, wall_ms: Callable[[], int]
) -> PageResult:
    """Apply ``page`` and store ``cursor`` in one local ``BEGIN IMMEDIATE`` transaction."""
    return apply_round(store, [page], cursor, wall_ms)


def apply_round(
    store: LocalStore,
    pages: list[list[PulledRow]],
    cursor: int | None,
    wall_ms: Callable[[], int],
    *,
    acked_up_to: int | None = None,
    finish: Finish | None = None,
) -> PageResult:
    """One local ``BEGIN IMMEDIATE`` transaction of a sync round: mark the outbox acknowledged up
    to ``acked_up_to``, apply ``pages`` (each with a few prepared statements run by
    ``executemany``), store ``cursor``, then ``finish`` (inside the transaction). Applying the same
    pages twice changes nothing."""
    apply = _Apply()
    try:
        with store.write_connection() as conn:
            if acked_up_to is not None:
                _mark(conn, acked_up_to)
            for page in pages:
                apply.page(conn, page)
            far = _advance_clock(conn, apply.newest, wall_ms)
            bump_journal_counter(conn, apply.numbers)
            if cursor is not None:
                set_state(conn, CURSOR, cursor)
            result = PageResult(
                sum(len(p) for p in pages),
                apply.changed,
                apply.conflicts,
                far,
                frozenset(apply.touched),
            )
            if finish is not None:
                pending = conn.execute(
                    select(func.count()).select_from(outbox).where(outbox.c.acked.is_(False))
                ).scalar_one()
                result = replace(result, pending=int(pending))
                finish(conn, result)
    except IntegrityError as exc:
        raise SyncError("pull_rejected", reason=str(exc.orig).splitlines()[0]) from None
    return result


# Raw values as the local store keeps them (what SQLAlchemy's SQLite types write), so pulled rows
# go in through prepared statements without SQLAlchemy's per-row processing.


def _raw_instant(value: Any) -> Any:
    """A pulled ISO instant (``…+00:00``) as SQLite's stored UTC text (``YYYY-MM-DD HH:MM:SS.ffffff``)."""
    if value is None:
        return None
    if len(value) == 32 and value.endswith("+00:00"):  # 2024-01-22T13:05:00.123456+00:00
        return f"{value[:10]} {value[11:26]}"
    if len(value) == 25 and value.endswith("+00:00"):  # 2024-01-22T13:05:00+00:00
        return f"{value[:10]} {value[11:19]}.000000"
    instant = datetime.fromisoformat(value).astimezone(UTC)
    return f"{instant:%Y-%m-%d %H:%M:%S.%f}"


def _raw_json(value: Any) -> Any:
    return None if value is None else json.dumps(value)


def _raw_plain(value: Any) -> Any:
    return value


def _encoders(table: Table) -> dict[str, Callable[[Any], Any]]:
    out: dict[str, Callable[[Any], Any]] = {}
    for c in table.columns:
        if isinstance(c.type, UTCDateTime):
            out[c.name] = _raw_instant
        elif isinstance(c.type, JSON):
            out[c.name] = _raw_json
        else:
            out[c.name] = _raw_plain
    return out


ENCODERS = {name: _encoders(table) for name, table in REPLICATED.items()}


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT (id) DO NOTHING'


def _update_sql(table: str, columns: tuple[str, ...]) -> str:
    sets = ", ".join(f'"{c}" = ?' for c in columns)
    return f'UPDATE "{table}" SET {sets} WHERE id = ?'


CONFLICT_SQL = _insert_sql("conflicts", CONFLICT_RECORD)


class _Apply:
    """Applies pulled pages inside one transaction, a handful of statements per page."""

    def __init__(self) -> None:
        self.changed = 0
        self.conflicts = 0
        self.touched: set[str] = set()
        self.numbers: list[str] = []
        self.newest: str | None = None

    def _stamp(self, stamp: str | None) -> None:
        if stamp is not None and (self.newest is None or stamp > self.newest):
            self.newest = stamp

    def page(self, conn: Connection, page: list[PulledRow]) -> None:
        fixed: dict[str, list[PulledRow]] = {}
        merged: dict[str, list[PulledRow]] = {}
        found: list[PulledRow] = []
        for row in page:
            if row.kind == "conflict":
                found.append(row)
            elif row.entity in IMMUTABLE:
                fixed.setdefault(row.entity, []).append(row)
            elif row.entity in MUTABLE:
                merged.setdefault(row.entity, []).append(row)
            # else: an entity this program does not know (a newer schema)
        for name, rows in fixed.items():
            self._immutable(conn, name, rows)
        for name, rows in merged.items():
            self._mutable(conn, name, rows)
        if found:
            self._conflicts(conn, found)

    def _immutable(self, conn: Connection, name: str, rows: list[PulledRow]) -> None:
        enc = ENCODERS[name]
        known = REPLICATED[name].c
        groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for row in rows:
            self._stamp(row.stamp)
            fields = row.fields
            columns = ("id", "site_id", "stamp", *(k for k in fields if k in known))
            values = (
                row.id,
                row.site_id,
                row.stamp,
                *(enc[k](v) for k, v in fields.items() if k in known),
            )
            groups.setdefault(columns, []).append(values)
            if name == "journal":
                self.numbers.append(str(fields.get("number", "")))
        inserted = 0
        for columns, batch in groups.items():
            inserted += conn.exec_driver_sql(_insert_sql(name, columns), batch).rowcount
        if inserted:
            self.changed += inserted
            self.touched.add(name)

    def _mutable(self, conn: Connection, name: str, rows: list[PulledRow]) -> None:
        table = REPLICATED[name]
        enc = ENCODERS[name]
        data = tuple(c.name for c in table.columns if c.name not in ("id", "versions"))
        names = ", ".join(f'"{c}"' for c in data)
        marks = ", ".join("?" for _ in rows)
        current = {
            r[0]: r
            for r in conn.exec_driver_sql(
                f'SELECT id, versions, {names} FROM "{name}" WHERE id IN ({marks})',
                tuple(row.id for row in rows),
            )
        }
        required = {c.name for c in table.columns if _required(c)}
        inserts: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        updates: list[tuple[Any, ...]] = []
        for row in rows:
            remote = row.versions or {}
            newest = max((v[0] for v in remote.values()), default=None)
            self._stamp(newest)
            have = current.get(row.id)
            if have is None:
                present = [k for k in row.fields if k in table.c and k not in ("id", "versions")]
                if not required <= set(present):
                    continue  # an incomplete row (cannot happen with a whole outbox)
                versions = {k: v for k, v in remote.items() if k in table.c}
                columns = ("id", "versions", *present)
                values = (
                    row.id,
                    json.dumps(versions),
                    *(enc[k](row.fields[k]) for k in present),
                )
                inserts.setdefault(columns, []).append(values)
                continue
            local_versions: dict[str, list[str]] = json.loads(have[1]) if have[1] else {}
            values_now = list(have[2:])
            take = False
            for field_name, version in remote.items():
                if field_name not in table.c or field_name in ("id", "versions"):
                    continue
                mine = local_versions.get(field_name)
                if remote_wins(version[0], mine[0] if mine else None):
                    values_now[data.index(field_name)] = enc[field_name](row.fields.get(field_name))
                    local_versions[field_name] = list(version)
                    take = True
            if take:
                updates.append((*values_now, json.dumps(local_versions), row.id))
        for columns, batch in inserts.items():
            conn.exec_driver_sql(_insert_sql(name, columns), batch)
        if updates:
            conn.exec_driver_sql(_update_sql(name, (*data, "versions")), updates)
        done = sum(len(v) for v in inserts.values()) + len(updates)
        if done:
            self.changed += done
            self.touched.add(name)

    def _conflicts(self, conn: Connection, rows: list[PulledRow]) -> None:
        values = []
        for row in rows:
            c = row.conflict
            if c is None:
                continue
            values.append(
                (
                    c.id,
                    c.entity,
                    c.entity_id,
                    c.field,
                    _raw_json(c.kept_value),
                    _raw_json(c.lost_value),
                    c.kept_stamp,
                    c.lost_stamp,
                    c.kept_author,
                    c.lost_author,
                    f"{c.detected_at.astimezone(UTC):%Y-%m-%d %H:%M:%S.%f}",
                )
            )
        if values:
            self.conflicts += conn.exec_driver_sql(CONFLICT_SQL, values).rowcount


def _required(column: Any) -> bool:
    return (
        not column.nullable
        and column.server_default is None
        and column.name not in ("id", "versions")
    )


def _advance_clock(conn: Connection, newest: str | None, wall_ms: Callable[[], int]) -> bool:
    """Move the local HLC past ``newest``; True when that stamp is far ahead of local time."""
    if newest is None:
        return False
    remote, _site = Hlc.parse(newest)
    now = wall_ms()
    row = conn.execute(select(local_station.c.hlc_ms, local_station.c.hlc_counter)).one()
    local = Hlc(row.hlc_ms, row.hlc_counter)
    if remote > local:
        nxt = receive(local, remote, now)
        conn.execute(update(local_station).values(hlc_ms=nxt.ms, hlc_counter=nxt.counter))
    return is_far_ahead(remote, now)
