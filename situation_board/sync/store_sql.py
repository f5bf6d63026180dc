"""The SQL of the shared store's protocol, for ``backend.SharedStore`` (both dialects).

* ``pull_query`` and ``handshake_query``: a pull and a round's first read, each ONE ``SELECT``;
* the push's reads — ``COUNTER_SQL`` (the change counter's lock), ``CLAIM_SQL`` (this site's
  progress and station code), ``KEYS_SQL`` (the rows a batch touches) — and writes: ``copy_rows``
  (PostgreSQL ``COPY``) and ``upsert_rows`` (``INSERT … SELECT … ON CONFLICT``).

A batch travels to the store as ONE JSON parameter, expanded into rows by the database itself
(PostgreSQL ``json_to_recordset``, SQLite ``json_each``): a set-based statement needs no
temporary staging table (the documented roles may not create one) and binds one value, not
thousands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Connection,
    DateTime,
    Integer,
    String,
    Text,
    bindparam,
    cast,
    column,
    func,
    literal,
    null,
    or_,
    select,
    table,
    text,
    true,
    union_all,
)

from situation_board.domain.entities import Conflict
from situation_board.store.schema import UTCDateTime
from situation_board.store.unit_of_work import os_account
from situation_board.sync import migrate
from situation_board.sync.batch import IMMUTABLE_ENTITIES, Key, StoredRow, keys_of
from situation_board.sync.errors import SyncError
from situation_board.sync.protocol import OutboxRow, PulledRow, SiteInfo, unwrap
from situation_board.sync.shared_schema import (
    conflicts,
    entities,
    site_progress,
    stations,
    store_counter,
    store_meta,
)

COUNTER_SQL = "UPDATE store_counter SET value = value WHERE id = 1 RETURNING value"
"""Takes the store-wide change counter's row lock (held until COMMIT) and reads its value."""

CLAIM_SQL = (
    "SELECT (SELECT site_id FROM stations WHERE code = {code}),"
    " (SELECT name FROM stations WHERE code = {code}),"
    " (SELECT site_id FROM stations WHERE site_id = {site}),"
    " (SELECT last_seq FROM site_progress WHERE site_id = {site})"
)
"""Who holds the station code, whether the site is registered, its last applied sequence."""


@dataclass(frozen=True, slots=True)
class Claim:
    """What a push learns about its site before it writes: the last applied sequence, whether
    the site is registered, and the earlier site of the same station whose code it takes over."""

    last_seq: int
    progress_exists: bool
    registered: bool
    takeover: str | None


def pulled_row(r: Any) -> PulledRow:
    """A ``PulledRow`` from a row of ``pull_query`` (positions, not names: 100,000 rows)."""
    if r[1] == "row":
        data = r[5] or {}
        return PulledRow(
            kind="row",
            change=int(r[2]),
            entity=r[3],
            id=r[4],
            fields=unwrap(data) if r[3] in IMMUTABLE_ENTITIES else data,
            versions=r[6],
            site_id=r[7],
            stamp=r[8],
        )
    return PulledRow(
        kind="conflict",
        change=int(r[2]),
        entity=r[3],
        id=r[4],
        conflict=Conflict(
            id=r[4],
            entity=r[3],
            entity_id=r[9],
            field=r[10],
            kept_value=r[11],
            lost_value=r[12],
            kept_stamp=r[13],
            lost_stamp=r[14],
            kept_author=r[15] or "",
            lost_author=r[16] or "",
            detected_at=r[17],
        ),
    )


def pull_query(cursor: int, limit: int, site_id: str | None = None) -> Any:
    """The pull: entity rows and conflicts after ``cursor``, ordered by change, at most ``limit``
    (without the rows ``site_id`` itself left as they are), beside the store's counter (one row
    with the counter only when there is nothing to pull). The statement is built once; the
    values are its parameters."""
    values = {"cursor": cursor, "limit": limit}
    if site_id is None:
        return _pull_statement(False).params(values)
    return _pull_statement(True).params(values, site=site_id)


@cache
def _pull_statement(skip_echoes: bool) -> Any:
    cursor, limit = bindparam("cursor", type_=BigInteger), bindparam("limit", type_=Integer)
    rows = select(
        literal("row", String).label("kind"),
        entities.c.change,
        entities.c.entity,
        entities.c.id,
        entities.c.fields.label("data"),
        entities.c.versions,
        entities.c.site_id,
        entities.c.stamp,
        cast(null(), String).label("entity_id"),
        cast(null(), String).label("field"),
        cast(null(), JSON).label("kept_value"),
        cast(null(), JSON).label("lost_value"),
        cast(null(), String).label("kept_stamp"),
        cast(null(), String).label("lost_stamp"),
        cast(null(), Text).label("kept_author"),
        cast(null(), Text).label("lost_author"),
        cast(null(), UTCDateTime()).label("detected_at"),
    ).where(entities.c.change > cursor)
    if skip_echoes:
        site = bindparam("site", type_=String)
        rows = rows.where(or_(entities.c.echo_site.is_(None), entities.c.echo_site != site))
    rows = rows.order_by(entities.c.change).limit(limit)
    found = (
        select(
            literal("conflict", String).label("kind"),
            conflicts.c.change,
            conflicts.c.entity,
            conflicts.c.id,
            cast(null(), JSON).label("data"),
            cast(null(), JSON).label("versions"),
            cast(null(), String).label("site_id"),
            cast(null(), String).label("stamp"),
            conflicts.c.entity_id,
            conflicts.c.field,
            conflicts.c.kept_value,
            conflicts.c.lost_value,
            conflicts.c.kept_stamp,
            conflicts.c.lost_stamp,
            conflicts.c.kept_author,
            conflicts.c.lost_author,
            conflicts.c.detected_at,
        )
        .where(conflicts.c.change > cursor)
        .order_by(conflicts.c.change)
        .limit(limit)
    )
    both = union_all(rows.subquery().select(), found.subquery().select()).subquery("both")
    page = select(both).order_by(both.c.change).limit(limit).subquery("page")
    return (
        select(store_counter.c.value.label("high"), page)
        .select_from(store_counter.outerjoin(page, true()))
        .where(store_counter.c.id == 1)
        .order_by(page.c.change)
    )


ALEMBIC_VERSION = table(migrate.VERSION_TABLE, column("version_num", String))


def handshake_query(site_id: str, code: str, postgres: bool) -> Any:
    """One row: epoch, schema version, revision, server time, this site's progress, the holder
    of station code ``code``, the change counter and (PostgreSQL) the current WAL file name,
    whose first 8 hex digits are the timeline (the statement built once)."""
    return _handshake_statement(postgres).params(site=site_id, code=code)


@cache
def _handshake_statement(postgres: bool) -> Any:
    def meta(key: str) -> Any:
        return select(store_meta.c.value).where(store_meta.c.key == key).scalar_subquery()

    progress = site_progress.c.site_id == bindparam("site", type_=String)
    holder = stations.c.code == bindparam("code", type_=String)
    return select(
        meta("store_epoch").label("epoch"),
        meta("schema_version").label("schema_version"),
        select(ALEMBIC_VERSION.c.version_num).limit(1).scalar_subquery().label("revision"),
        (func.now() if postgres else cast(null(), DateTime(timezone=True))).label("server_time"),
        select(site_progress.c.last_seq).where(progress).scalar_subquery().label("last_seq"),
        select(site_progress.c.last_mutation)
        .where(progress)
        .scalar_subquery()
        .label("last_mutation"),
        select(stations.c.site_id).where(holder).scalar_subquery().label("owner_site"),
        select(stations.c.name).where(holder).scalar_subquery().label("owner_name"),
        select(store_counter.c.value).scalar_subquery().label("counter"),
        # the WAL file name starts with the timeline (hex) that a promotion or a restore moves on
        (
            func.pg_walfile_name(func.pg_current_wal_lsn()) if postgres else cast(null(), String)
        ).label("wal"),
    )


# The batch travels to the store as ONE JSON parameter, expanded into rows by the database itself
# (PostgreSQL ``json_to_recordset``, SQLite ``json_each``): a set-based statement needs no
# temporary staging table (the documented roles may not create one) and binds one value, not
# thousands.

KEYS_SQL = {
    "postgresql": (
        "SELECT e.entity, e.id, e.immutable, CASE WHEN e.immutable THEN NULL ELSE e.fields END,"
        " e.versions FROM json_to_recordset(CAST(:keys AS json)) AS k(entity text, id text)"
        " JOIN entities e ON e.entity = k.entity AND e.id = k.id"
    ),
    "sqlite": (
        "SELECT e.entity, e.id, e.immutable, CASE WHEN e.immutable THEN NULL ELSE e.fields END,"
        " e.versions FROM json_each(:keys) AS k JOIN entities e"
        " ON e.entity = json_extract(k.value, '$.entity') AND e.id = json_extract(k.value, '$.id')"
    ),
}

COLUMNS = "entity, id, immutable, fields, versions, site_id, stamp, change, echo_site, pushed_by"
ON_CONFLICT = (
    " ON CONFLICT (entity, id) DO UPDATE SET fields = excluded.fields,"
    " versions = excluded.versions, change = excluded.change, echo_site = excluded.echo_site,"
    " pushed_by = excluded.pushed_by"
)
ROLE_SQL = "SELECT session_user, current_user"
"""PostgreSQL: the role that logged in and the role in effect (``SET ROLE``)."""


def pushing_role(conn: Connection) -> str:
    """Who pushes, for ``entities.pushed_by``: on PostgreSQL ``session_user``, with
    ``current_user`` after a slash when a ``SET ROLE`` made them differ; for a SQLite file the
    operating-system account of this process (``unit_of_work.os_account``)."""
    if conn.dialect.name != "postgresql":
        return os_account()
    session, current = conn.execute(text(ROLE_SQL)).one()
    return str(session) if session == current else f"{session}/{current}"


HEADS_SQL = {
    "postgresql": (
        "SELECT h.site_id, h.seq, h.hash FROM chain_heads h"
        " JOIN json_array_elements_text(CAST(:sites AS json)) AS s(site) ON h.site_id = s.site"
    ),
    "sqlite": (
        "SELECT h.site_id, h.seq, h.hash FROM chain_heads h"
        " JOIN json_each(:sites) AS s ON h.site_id = s.value"
    ),
}
"""The stored chain heads of the sites a batch's journal entries belong to (one read)."""

STORE_JOURNAL_SQL = (
    "SELECT id, fields, site_id, pushed_by FROM entities WHERE entity = 'journal' ORDER BY change"
)
"""Every journal row of a store, for ``verify --store``."""

HEADS_UPSERT_SQL = (
    "INSERT INTO chain_heads (site_id, seq, hash) VALUES (:site, :seq, :hash)"
    " ON CONFLICT (site_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash"
    " WHERE excluded.seq > chain_heads.seq"
)
UPSERT_SQL = {
    "postgresql": (
        f"INSERT INTO entities ({COLUMNS}) SELECT {COLUMNS}"
        " FROM json_to_recordset(CAST(:rows AS json)) AS r(entity text, id text,"
        " immutable boolean, fields json, versions json, site_id text, stamp text,"
        " change bigint, echo_site text, pushed_by text)" + ON_CONFLICT
    ),
    "sqlite": (
        f"INSERT INTO entities ({COLUMNS}) SELECT json_extract(value, '$.entity'),"
        " json_extract(value, '$.id'), json_extract(value, '$.immutable'),"
        " json(json_extract(value, '$.fields')), json(json_extract(value, '$.versions')),"
        " json_extract(value, '$.site_id'), json_extract(value, '$.stamp'),"
        " json_extract(value, '$.change'), json_extract(value, '$.echo_site'),"
        " json_extract(value, '$.pushed_by')"
        " FROM json_each(:rows) WHERE true" + ON_CONFLICT
    ),
}


def keys_json(rows: list[OutboxRow]) -> str:
    """The (entity, id) keys a batch touches, as the JSON parameter of ``KEYS_SQL``."""
    return json.dumps([{"entity": e, "id": i} for e, ids in keys_of(rows).items() for i in ids])


def stored_rows(found: Any) -> dict[Key, StoredRow]:
    """Rows of ``KEYS_SQL`` (an immutable row only says that it exists; a mutable one brings
    its fields and versions, JSON text on SQLite)."""

    def decoded(value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    out: dict[Key, StoredRow] = {}
    for entity, entity_id, immutable, fields, versions in found:
        stored_versions = decoded(versions)
        out[(entity, entity_id)] = StoredRow(
            entity=entity,
            id=entity_id,
            immutable=bool(immutable),
            fields=dict(decoded(fields) or {}),
            versions=dict(stored_versions) if stored_versions is not None else None,
        )
    return out


def claim_of(
    site: SiteInfo, owner: str | None, owner_name: str | None, mine: str | None, seq: int | None
) -> Claim:
    """The row of ``CLAIM_SQL`` for ``site``; refuses a station code another station holds
    (``station_code_taken``)."""
    takeover = owner if owner is not None and owner in site.previous else None
    if owner is not None and takeover is None and owner != site.site_id:
        raise SyncError("station_code_taken", code=site.code, owner=owner_name or owner[:8])
    return Claim(
        last_seq=int(seq or 0),
        progress_exists=seq is not None,
        registered=mine is not None,
        takeover=takeover,
    )


def row_json(r: StoredRow) -> str:
    """One row as a JSON object (an immutable row's changes embedded as pushed, not re-encoded)."""
    dumps = json.dumps
    fields = r.fields_json() if r.immutable else dumps(r.fields, ensure_ascii=False)
    return (
        f'{{"entity":{dumps(r.entity)},"id":{dumps(r.id)},"immutable":{dumps(r.immutable)},'
        f'"fields":{fields},"versions":{dumps(r.versions, ensure_ascii=False)},'
        f'"site_id":{dumps(r.site_id)},"stamp":{dumps(r.stamp)},"change":{r.change},'
        f'"echo_site":{dumps(r.echo_site)},"pushed_by":{dumps(r.pushed_by)}}}'
    )


def copy_rows(conn: Connection, rows: list[StoredRow]) -> None:
    """New rows into ``entities`` with PostgreSQL's ``COPY`` (none of them is there: the batch
    read the store under the counter's lock, which every writer takes first)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    dumps = json.dumps
    with cursor.copy(f"COPY entities ({COLUMNS}) FROM STDIN") as copy:
        for r in rows:
            copy.write_row(
                (
                    r.entity,
                    r.id,
                    r.immutable,
                    r.fields_json() if r.immutable else dumps(r.fields, ensure_ascii=False),
                    None if r.versions is None else dumps(r.versions, ensure_ascii=False),
                    r.site_id,
                    r.stamp,
                    r.change,
                    r.echo_site,
                    r.pushed_by,
                )
            )


def upsert_rows(conn: Connection, rows: list[StoredRow]) -> None:
    """Rows in ONE statement with ONE JSON parameter the database expands into rows (no staging
    table: the documented roles may not create one); a mutable row the store already has takes
    the merged fields, versions, change number and echo mark (``ON CONFLICT … DO UPDATE``)."""
    payload = "[" + ",".join(row_json(r) for r in rows) + "]"
    conn.execute(text(UPSERT_SQL[conn.dialect.name]), {"rows": payload})
