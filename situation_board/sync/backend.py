"""The shared store: a SQLite file or a PostgreSQL database, same tables, same protocol.

* **SQLite file** (one room, tests): rollback journal (``journal_mode=DELETE`` — WAL needs shared
  memory, which a network share does not give), ``busy_timeout``, every write in a short
  ``BEGIN IMMEDIATE``, ``PRAGMA integrity_check`` when opened and after ``store init``. No
  connection is kept open between operations.
* **PostgreSQL** through psycopg 3 (the production choice): the password comes from a
  ``PasswordSource`` at connect time and is never part of the engine's URL; after each push the
  store sends ``NOTIFY`` (delivered at COMMIT) so that other stations pull at once.

A push takes the change counter first (``UPDATE store_counter … RETURNING``: a row lock held until
COMMIT — and SQLite's ``BEGIN IMMEDIATE`` serialises writers anyway), so pushes commit in counter
order and a pull by cursor cannot skip a transaction that commits late. A pull is one ``SELECT``
(rows and conflicts, ``UNION ALL``) in a read-only transaction: it writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    String,
    Text,
    cast,
    create_engine,
    delete,
    event,
    insert,
    literal,
    null,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from situation_board.domain.entities import Conflict
from situation_board.domain.ids import uuid7
from situation_board.store.database import make_sqlite_engine
from situation_board.store.queries import to_conflict
from situation_board.store.schema import UTCDateTime, conflict_values
from situation_board.sync import migrate
from situation_board.sync.credentials import PasswordSource, StoreUrl
from situation_board.sync.errors import GapError, SyncError, UpdateRequiredError, classify
from situation_board.sync.merge import FieldDecision, decide, make_conflict
from situation_board.sync.protocol import (
    ORIGIN_SITE,
    SNAPSHOT,
    OutboxRow,
    PulledRow,
    PushResult,
    SiteInfo,
    StoreHistory,
    StoreMeta,
)
from situation_board.sync.shared_schema import (
    NOTIFY_CHANNEL,
    SHARED_SCHEMA_VERSION,
    conflicts,
    entities,
    site_progress,
    stations,
    store_counter,
    store_meta,
)

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_S = 5
Stage = Callable[[str], None]


def _no_stage(_name: str) -> None:
    return None


class ChangeNumbers:
    """Values of the store-wide change counter, taken under its row lock until COMMIT."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        stmt = (
            update(store_counter)
            .where(store_counter.c.id == 1)
            .values(value=store_counter.c.value)
            .returning(store_counter.c.value)
        )
        self.value = int(conn.execute(stmt).scalar_one())

    def next(self) -> int:
        self.value += 1
        return self.value

    def finish(self) -> None:
        self.conn.execute(
            update(store_counter).where(store_counter.c.id == 1).values(value=self.value)
        )


class SharedStore:
    """One shared store (SQLite file or PostgreSQL) as the sync protocol uses it."""

    def __init__(self, store: StoreUrl, password: PasswordSource | None = None) -> None:
        self.store = store
        self.password = password or PasswordSource(store)
        self._engine: Engine | None = None
        self._checked = False

    def __repr__(self) -> str:
        return f"SharedStore({self.store.display!r})"

    @property
    def is_postgres(self) -> bool:
        return self.store.kind == "postgresql"

    @property
    def path(self) -> Path:
        return Path(self.store.url.database or "")

    # ------------------------------------------------------------------ connections

    def engine(self, *, create: bool = False) -> Engine:
        if not self.is_postgres and not create and not self.path.is_file():
            # checked on every use, not only the first: a SQLite file on an unmounted share must
            # not be silently re-created as an empty store
            raise SyncError("store_missing", store=self.store.display)
        if self._engine is None:
            self._engine = self._make_engine(create=create)
        return self._engine

    def _make_engine(self, *, create: bool) -> Engine:
        if not self.is_postgres:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return make_sqlite_engine(self.path, wal=False, poolclass=NullPool)
        engine = create_engine(
            self.store.url,
            pool_pre_ping=True,
            pool_size=2,
            max_overflow=4,
            connect_args={
                "connect_timeout": CONNECT_TIMEOUT_S,
                "application_name": "situation-board",
            },
        )
        source = self.password

        @event.listens_for(engine, "do_connect")
        def _password(_d: Any, _rec: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
            secret = source.get()
            if secret is not None:
                cparams["password"] = secret

        return engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def error(self, exc: BaseException) -> SyncError:
        """``exc`` as a ``SyncError`` whose text holds no password."""
        return classify(exc, self.store.display, self.password.secrets())

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except (SyncError, GapError):
            raise
        except (SQLAlchemyError, OSError) as exc:
            raise self.error(exc) from None

    @contextmanager
    def _write(self, *, create: bool = False) -> Iterator[Connection]:
        with self.engine(create=create).connect() as raw:
            conn = raw.execution_options(sqlite_begin="IMMEDIATE") if not self.is_postgres else raw
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine().connect() as raw:
            conn = raw.execution_options(postgresql_readonly=True) if self.is_postgres else raw
            with conn.begin() as tx:
                yield conn
                tx.rollback()

    def _check_integrity(self) -> None:
        if self.is_postgres or self._checked:
            return
        with self.engine().connect() as conn:
            result = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            conn.rollback()
        if result != "ok":
            raise SyncError("store_corrupt", store=self.store.display, reason=str(result))
        self._checked = True

    # ------------------------------------------------------------------ schema

    def init(self) -> tuple[StoreMeta, bool]:
        """Create or upgrade the shared schema; returns its meta and whether it was created."""
        with self._guard():
            with self._write(create=True) as conn:
                if self.is_postgres:  # two admins running init at once: one after the other
                    conn.execute(text("SELECT pg_advisory_xact_lock(7411)"))
                found = _revision(conn)
                if found is not None and not migrate.knows_revision(found):
                    raise UpdateRequiredError("store_schema_newer", store=self.store.display)
                if found is not None:
                    version = _meta_values(conn).get("schema_version")
                    if version is not None and int(version) > SHARED_SCHEMA_VERSION:
                        raise UpdateRequiredError("store_schema_newer", store=self.store.display)
                migrate.upgrade(conn)
                values = _meta_values(conn)
                created = "store_epoch" not in values
                if created:
                    conn.execute(insert(store_meta).values(key="store_epoch", value=uuid7()))
                if "schema_version" in values:
                    conn.execute(
                        update(store_meta)
                        .where(store_meta.c.key == "schema_version")
                        .values(value=str(SHARED_SCHEMA_VERSION))
                    )
                else:
                    conn.execute(
                        insert(store_meta).values(
                            key="schema_version", value=str(SHARED_SCHEMA_VERSION)
                        )
                    )
            self._checked = False
            self._check_integrity()
            return self.meta(), created

    def meta(self) -> StoreMeta:
        """Epoch, schema version and revision (``store_not_initialised`` when there are none)."""
        with self._guard():
            self._check_integrity()
            with self._read() as conn:
                try:
                    values = _meta_values(conn)
                    revision = _revision(conn)
                except DBAPIError as exc:
                    if _missing_table(exc):
                        raise SyncError("store_not_initialised", store=self.store.display) from None
                    raise
        if "store_epoch" not in values:
            raise SyncError("store_not_initialised", store=self.store.display)
        return StoreMeta(
            epoch=values["store_epoch"],
            schema_version=int(values.get("schema_version", "0")),
            revision=revision,
        )

    def server_time(self) -> datetime | None:
        """The database server's clock (PostgreSQL ``now()``); None for a SQLite file."""
        if not self.is_postgres:
            return None
        with self._guard(), self._read() as conn:
            value: datetime = conn.execute(text("SELECT now()")).scalar_one()
        return value.astimezone(UTC)

    def station_owner(self, code: str) -> tuple[str, str] | None:
        """(site id, name) of the station holding ``code`` in this store, if any (read-only)."""
        with self._guard(), self._read() as conn:
            row = conn.execute(
                select(stations.c.site_id, stations.c.name).where(stations.c.code == code)
            ).first()
        return (row.site_id, row.name) if row else None

    def site_progress(self, site_id: str) -> tuple[int, str] | None:
        """(last applied sequence, its mutation id) of ``site_id`` in this store (read-only)."""
        with self._guard(), self._read() as conn:
            row = conn.execute(
                select(site_progress.c.last_seq, site_progress.c.last_mutation).where(
                    site_progress.c.site_id == site_id
                )
            ).first()
        return (int(row.last_seq), str(row.last_mutation)) if row else None

    # ------------------------------------------------------------------ push

    def change_numbers(self, conn: Connection) -> ChangeNumbers:
        """The counter for one push (a test replaces it with a naive sequence to prove the point)."""
        return ChangeNumbers(conn)

    def push(
        self,
        site: SiteInfo,
        rows: list[OutboxRow],
        *,
        now: datetime,
        stage: Stage = _no_stage,
    ) -> PushResult:
        """Apply one batch in ONE transaction; returns the acknowledgement.

        Sequences already applied are skipped; a batch whose first new sequence does not follow
        the last applied one raises ``GapError`` (nothing is applied). ``stage`` is called with
        ``after_counter`` (counter values taken, before COMMIT) and ``after_store_commit``.
        """
        with self._guard():
            self._check_integrity()
            with self._write() as conn:
                numbers = self.change_numbers(conn)
                self._claim_station(conn, site, now)
                progress = conn.execute(
                    select(site_progress.c.last_seq).where(site_progress.c.site_id == site.site_id)
                ).scalar()
                last = int(progress or 0)
                applied = duplicates = found = 0
                last_mutation = ""
                for row in rows:
                    if row.seq <= last:
                        duplicates += 1
                        continue
                    if row.seq != last + 1:
                        raise GapError(last + 1)
                    if row.entity in IMMUTABLE_ENTITIES:
                        self._apply_immutable(conn, site, row, numbers)
                    else:
                        found += self._apply_mutable(conn, row, numbers, now)
                    last = row.seq
                    last_mutation = row.mutation_id
                    applied += 1
                if applied:
                    values = {"last_seq": last, "last_mutation": last_mutation}
                    if progress is None:
                        conn.execute(insert(site_progress).values(site_id=site.site_id, **values))
                    else:
                        conn.execute(
                            update(site_progress)
                            .where(site_progress.c.site_id == site.site_id)
                            .values(**values)
                        )
                    numbers.finish()
                    if self.is_postgres:
                        conn.execute(
                            text("SELECT pg_notify(:channel, :site)"),
                            {"channel": NOTIFY_CHANNEL, "site": site.site_id},
                        )
                stage("after_counter")
            stage("after_store_commit")
        return PushResult(last_seq=last, applied=applied, duplicates=duplicates, conflicts=found)

    def _claim_station(self, conn: Connection, site: SiteInfo, now: datetime) -> None:
        owner = conn.execute(
            select(stations.c.site_id, stations.c.name).where(stations.c.code == site.code)
        ).first()
        if owner is not None and owner.site_id in site.previous:
            # the same station under a new site id (its local board was restored): take over
            conn.execute(delete(stations).where(stations.c.site_id == owner.site_id))
            owner = None
        if owner is not None and owner.site_id != site.site_id:
            raise SyncError(
                "station_code_taken", code=site.code, owner=owner.name or owner.site_id[:8]
            )
        mine = conn.execute(
            select(stations.c.site_id).where(stations.c.site_id == site.site_id)
        ).first()
        if mine is None:
            conn.execute(
                insert(stations).values(
                    site_id=site.site_id,
                    code=site.code,
                    name=site.name,
                    first_seen=now,
                    last_seen=now,
                )
            )
        else:
            conn.execute(
                update(stations)
                .where(stations.c.site_id == site.site_id)
                .values(code=site.code, name=site.name, last_seen=now)
            )

    def _apply_immutable(
        self, conn: Connection, site: SiteInfo, row: OutboxRow, numbers: ChangeNumbers
    ) -> None:
        exists = conn.execute(
            select(entities.c.id).where(
                entities.c.entity == row.entity, entities.c.id == row.entity_id
            )
        ).first()
        if exists is not None:
            return
        origin = row.changes.get(ORIGIN_SITE, {}).get("v") or site.site_id  # snapshot rows
        conn.execute(
            insert(entities).values(
                entity=row.entity,
                id=row.entity_id,
                immutable=True,
                fields={k: v.get("v") for k, v in row.changes.items() if k != ORIGIN_SITE},
                versions=None,
                site_id=origin,
                stamp=row.stamp,
                change=numbers.next(),
            )
        )

    def _apply_mutable(
        self, conn: Connection, row: OutboxRow, numbers: ChangeNumbers, now: datetime
    ) -> int:
        current = conn.execute(
            select(entities.c.fields, entities.c.versions).where(
                entities.c.entity == row.entity, entities.c.id == row.entity_id
            )
        ).first()
        fields: dict[str, Any] = dict(current.fields) if current else {}
        versions: dict[str, list[str]] = dict(current.versions or {}) if current else {}
        changed = False
        found: list[Conflict] = []
        snapshot = row.op == SNAPSHOT
        for name, change in row.changes.items():
            pushed: str = change["hlc"]
            mine = versions.get(name)
            decision = decide(pushed, change.get("base"), mine[0] if mine else None)
            if snapshot:  # a copy of state, not an edit: the newer stamp wins, no conflict
                decision = FieldDecision(apply=mine is None or pushed > mine[0], conflict=False)
            if decision.conflict and mine is not None:
                theirs = (fields.get(name), mine[0], mine[1] if len(mine) > 1 else "")
                ours = (change.get("v"), pushed, row.author)
                kept, lost = (ours, theirs) if decision.apply else (theirs, ours)
                found.append(
                    make_conflict(
                        row.entity, row.entity_id, name, kept=kept, lost=lost, detected_at=now
                    )
                )
            if decision.apply:
                fields[name] = change.get("v")
                versions[name] = [pushed, change.get("author", row.author)]
                changed = True
        if changed and current is None:
            conn.execute(
                insert(entities).values(
                    entity=row.entity,
                    id=row.entity_id,
                    immutable=False,
                    fields=fields,
                    versions=versions,
                    change=numbers.next(),
                )
            )
        elif changed:
            conn.execute(
                update(entities)
                .where(entities.c.entity == row.entity, entities.c.id == row.entity_id)
                .values(fields=fields, versions=versions, change=numbers.next())
            )
        recorded = 0
        for c in found:
            seen = conn.execute(select(conflicts.c.id).where(conflicts.c.id == c.id)).first()
            if seen is None:
                conn.execute(insert(conflicts).values(**conflict_values(c), change=numbers.next()))
                recorded += 1
        return recorded

    # ------------------------------------------------------------------ pull

    def pull(self, cursor: int, limit: int) -> list[PulledRow]:
        """Rows and conflicts with a change number above ``cursor``, in order: ONE ``SELECT``."""
        with self._guard():
            self._check_integrity()
            with self._read() as conn:
                result = conn.execute(pull_query(cursor, limit)).mappings().all()
        out = []
        for r in result:
            if r["kind"] == "row":
                out.append(
                    PulledRow(
                        kind="row",
                        change=int(r["change"]),
                        entity=r["entity"],
                        id=r["id"],
                        fields=dict(r["data"] or {}),
                        versions=dict(r["versions"]) if r["versions"] is not None else None,
                        site_id=r["site_id"],
                        stamp=r["stamp"],
                    )
                )
            else:
                out.append(
                    PulledRow(
                        kind="conflict",
                        change=int(r["change"]),
                        entity=r["entity"],
                        id=r["id"],
                        conflict=to_conflict(r),
                    )
                )
        return out

    # ------------------------------------------------------------------ failover (issue 14)

    def history(self) -> StoreHistory:
        """The store's timeline and change counter (``StoreHistory``), read-only."""
        with self._guard(), self._read() as conn:
            counter = int(conn.execute(select(store_counter.c.value)).scalar_one())
            timeline = None
            if self.is_postgres:  # the WAL file name starts with the timeline, in hex
                wal = conn.execute(text("SELECT pg_walfile_name(pg_current_wal_lsn())"))
                timeline = int(str(wal.scalar_one())[:8], 16)
        return StoreHistory(timeline=timeline, counter=counter)


IMMUTABLE_ENTITIES = frozenset({"journal", "level_decisions", "handovers"})


def pull_query(cursor: int, limit: int) -> Any:
    """The pull: entity rows and conflicts after ``cursor``, ordered by change, at most ``limit``."""
    rows = (
        select(
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
        )
        .where(entities.c.change > cursor)
        .order_by(entities.c.change)
        .limit(limit)
    )
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
    both = union_all(rows.subquery().select(), found.subquery().select()).subquery("page")
    return select(both).order_by(both.c.change).limit(limit)


def _meta_values(conn: Connection) -> dict[str, str]:
    return {r.key: r.value for r in conn.execute(select(store_meta.c.key, store_meta.c.value))}


def _revision(conn: Connection) -> str | None:
    try:
        with conn.begin_nested():
            row = conn.execute(text(f"SELECT version_num FROM {migrate.VERSION_TABLE}")).first()
    except DBAPIError as exc:
        if _missing_table(exc):
            return None
        raise
    return str(row[0]) if row else None


def _missing_table(exc: DBAPIError) -> bool:
    low = str(exc.orig).lower()
    return "no such table" in low or ("relation" in low and "does not exist" in low)
