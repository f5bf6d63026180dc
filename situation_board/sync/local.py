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

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from situation_board.domain.hlc import Hlc, is_far_ahead, receive
from situation_board.domain.ids import uuid7
from situation_board.store.database import LocalStore
from situation_board.store.schema import (
    MUTABLE,
    REPLICATED,
    SCHEMA_VERSION,
    conflict_values,
    conflicts,
    data_columns,
    decode_value,
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


def read_states(store: LocalStore) -> dict[str, Any]:
    with store.read() as conn:
        return {r.key: r.value for r in conn.execute(select(sync_state))}


def write_states(store: LocalStore, values: dict[str, Any]) -> None:
    with store.write_connection() as conn:
        for key, value in values.items():
            set_state(conn, key, value)


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


def outbox_after(store: LocalStore, after: int, limit: int) -> list[OutboxRow]:
    """Outbox rows with a sequence above ``after``, in order, at most ``limit``."""
    with store.read() as conn:
        rows = conn.execute(
            select(outbox).where(outbox.c.seq > after).order_by(outbox.c.seq).limit(limit)
        ).mappings()
        return [
            OutboxRow(
                seq=int(r["seq"]),
                mutation_id=r["mutation_id"],
                entity=r["entity"],
                entity_id=r["entity_id"],
                op=r["op"],
                changes=dict(r["changes"]),
                stamp=r["stamp"],
                author=r["author"],
                schema_version=int(r["schema_version"]),
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
        conn.execute(
            update(outbox)
            .where(outbox.c.seq <= up_to, outbox.c.acked.is_(False))
            .values(acked=True)
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
        old = conn.execute(select(local_station.c.site_id)).scalar_one()
        previous = [*(get_state(conn, PREVIOUS_SITES, []) or []), old]
        set_state(conn, PREVIOUS_SITES, previous)  # so it may take over its own station code
        conn.execute(update(local_station).values(site_id=new_site))
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
    """What applying one pulled page did."""

    rows: int
    changed: int
    conflicts: int
    far_ahead: bool
    entities: frozenset[str]


def apply_page(
    store: LocalStore, page: list[PulledRow], cursor: int, wall_ms: Callable[[], int]
) -> PageResult:
    """Apply ``page`` and store ``cursor`` in one local ``BEGIN IMMEDIATE`` transaction."""
    changed = found = 0
    touched: set[str] = set()
    newest: str | None = None
    numbers: list[str] = []
    try:
        with store.write_connection() as conn:
            for row in page:
                if row.kind == "conflict":
                    found += _copy_conflict(conn, row)
                    continue
                table = REPLICATED.get(row.entity)
                if table is None:
                    continue  # an entity this program does not know (a newer schema)
                if row.entity in MUTABLE:
                    done, top = _merge_mutable(conn, table, row)
                else:
                    done, top = _insert_immutable(conn, table, row), row.stamp
                if done:
                    changed += 1
                    touched.add(row.entity)
                    if row.entity == "journal":
                        numbers.append(str(row.fields.get("number", "")))
                if top is not None and (newest is None or top > newest):
                    newest = top
            far = _advance_clock(conn, newest, wall_ms)
            bump_journal_counter(conn, numbers)
            set_state(conn, CURSOR, cursor)
    except IntegrityError as exc:
        raise SyncError("pull_rejected", reason=str(exc.orig).splitlines()[0]) from None
    return PageResult(len(page), changed, found, far, frozenset(touched))


def _decode(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    return {k: decode_value(table, k, v) for k, v in fields.items() if k in table.c}


def _merge_mutable(conn: Connection, table: Table, row: PulledRow) -> tuple[bool, str | None]:
    remote_versions = row.versions or {}
    newest = max((v[0] for v in remote_versions.values()), default=None)
    current = conn.execute(select(table).where(table.c.id == row.id)).mappings().first()
    if current is None:
        values = _decode(table, row.fields)
        missing = [c.name for c in table.columns if c.name not in values and _required(c)]
        if missing:
            return False, newest  # an incomplete row (cannot happen with a whole outbox)
        versions = {k: v for k, v in remote_versions.items() if k in table.c}
        conn.execute(insert(table).values(id=row.id, versions=versions, **values))
        return True, newest
    local_versions: dict[str, list[str]] = dict(current["versions"] or {})
    take: dict[str, Any] = {}
    for name, version in remote_versions.items():
        if name not in table.c or name in ("id", "versions"):
            continue
        mine = local_versions.get(name)
        if remote_wins(version[0], mine[0] if mine else None):
            take[name] = decode_value(table, name, row.fields.get(name))
            local_versions[name] = list(version)
    if not take:
        return False, newest
    conn.execute(update(table).where(table.c.id == row.id).values(versions=local_versions, **take))
    return True, newest


def _required(column: Any) -> bool:
    return (
        not column.nullable
        and column.server_default is None
        and column.name not in ("id", "versions")
    )


def _insert_immutable(conn: Connection, table: Table, row: PulledRow) -> bool:
    exists = conn.execute(select(table.c.id).where(table.c.id == row.id)).first()
    if exists is not None:
        return False
    values = _decode(table, row.fields)
    conn.execute(insert(table).values(id=row.id, site_id=row.site_id, stamp=row.stamp, **values))
    return True


def _copy_conflict(conn: Connection, row: PulledRow) -> int:
    exists = conn.execute(select(conflicts.c.id).where(conflicts.c.id == row.id)).first()
    if exists is not None or row.conflict is None:
        return 0
    conn.execute(insert(conflicts).values(**conflict_values(row.conflict)))
    return 1


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
