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
    DateTime,
    Engine,
    String,
    Text,
    and_,
    cast,
    column,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    table,
    text,
    true,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from situation_board.domain.entities import Conflict
from situation_board.domain.ids import uuid7
from situation_board.store.database import make_sqlite_engine
from situation_board.store.schema import UTCDateTime, conflict_values
from situation_board.sync import migrate
from situation_board.sync.batch import (
    IMMUTABLE_ENTITIES,
    BatchPlan,
    Key,
    StoredRow,
    fresh_rows,
    keys_of,
    plan_batch,
)
from situation_board.sync.credentials import PasswordSource, StoreUrl
from situation_board.sync.errors import GapError, SyncError, UpdateRequiredError, classify
from situation_board.sync.protocol import (
    Handshake,
    OutboxRow,
    PulledRow,
    PullPage,
    PushResult,
    SiteInfo,
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
            self._checked = False  # after an error, check the file again before the next use
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
        the last applied one raises ``GapError`` (nothing is applied). The batch is applied with
        a fixed number of statements whatever its size: one read of the rows it touches, the
        per-field decisions for the whole batch (``sync.batch``), one upsert of the written rows
        and one insert of the conflicts found. ``stage`` is called with ``after_counter`` (counter
        values taken, before COMMIT) and ``after_store_commit``.
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
                fresh, duplicates = fresh_rows(rows, last)
                plan = plan_batch(
                    site.site_id,
                    fresh,
                    _current_rows(conn, fresh),
                    numbers.next,
                    now,
                    duplicates=duplicates,
                )
                found = self._write_plan(conn, plan, numbers)
                if fresh:
                    last = plan.last_seq
                    values = {"last_seq": last, "last_mutation": plan.last_mutation}
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
        return PushResult(
            last_seq=last, applied=plan.applied, duplicates=duplicates, conflicts=found
        )

    def _write_plan(self, conn: Connection, plan: BatchPlan, numbers: ChangeNumbers) -> int:
        """Write ``plan``'s rows (one upsert) and its new conflicts (one insert); returns the
        number of conflicts recorded (a conflict found again, e.g. after a re-push, is one row)."""
        if plan.rows:
            conn.execute(
                _upsert(conn.dialect.name),
                [
                    {
                        "entity": r.entity,
                        "id": r.id,
                        "immutable": r.immutable,
                        "fields": r.fields,
                        "versions": r.versions,
                        "site_id": r.site_id,
                        "stamp": r.stamp,
                        "change": r.change,
                        "echo_site": r.echo_site,
                    }
                    for r in plan.rows
                ],
            )
        if not plan.conflicts:
            return 0
        ids = list(dict.fromkeys(c.id for c in plan.conflicts))
        seen = set(conn.execute(select(conflicts.c.id).where(conflicts.c.id.in_(ids))).scalars())
        new: list[dict[str, Any]] = []
        for c in plan.conflicts:
            if c.id not in seen:
                seen.add(c.id)
                new.append({**conflict_values(c), "change": numbers.next()})
        if new:
            conn.execute(insert(conflicts), new)
        return len(new)

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

    # ------------------------------------------------------------------ pull

    def pull(self, cursor: int, limit: int) -> list[PulledRow]:
        """Rows and conflicts with a change number above ``cursor``, in order: ONE ``SELECT``."""
        return self.pull_page(cursor, limit).rows

    def pull_page(self, cursor: int, limit: int, site_id: str | None = None) -> PullPage:
        """One page after ``cursor`` (ONE ``SELECT``, read-only) and the cursor that follows it.

        With ``site_id``, rows that site itself left as they are (``echo_site``: it has them) are
        skipped. When the page is not full, the next cursor is the store's counter as of the same
        statement's snapshot: every number up to it is committed and was considered, so a station
        moves past the rows it skipped; a push still in flight holds the counter's lock and has
        numbers above it, so nothing that commits late is passed over.
        """
        with self._guard():
            self._check_integrity()
            with self._read() as conn:
                result = conn.execute(pull_query(cursor, limit, site_id)).all()
        rows = [_pulled(r) for r in result if r[1] is not None]
        if len(rows) >= limit:
            return PullPage(rows, rows[-1].change)
        high = int(result[0][0]) if result and result[0][0] is not None else 0
        return PullPage(rows, max(cursor, rows[-1].change if rows else cursor, high))

    def handshake(self, site_id: str, code: str) -> Handshake:
        """What a sync run checks first, in ONE read-only ``SELECT``: the store's epoch, schema
        version and revision, the server's clock (PostgreSQL), this site's progress and who holds
        station code ``code``. ``store_not_initialised`` when the store has no schema yet."""
        with self._guard():
            self._check_integrity()
            with self._read() as conn:
                try:
                    row = conn.execute(handshake_query(site_id, code, self.is_postgres)).one()
                except DBAPIError as exc:
                    if _missing_table(exc):
                        raise SyncError("store_not_initialised", store=self.store.display) from None
                    raise
        if row.epoch is None:
            raise SyncError("store_not_initialised", store=self.store.display)
        server = row.server_time
        return Handshake(
            meta=StoreMeta(
                epoch=row.epoch,
                schema_version=int(row.schema_version or 0),
                revision=row.revision,
            ),
            server_time=server.astimezone(UTC) if server is not None else None,
            progress=(int(row.last_seq), str(row.last_mutation))
            if row.last_seq is not None
            else None,
            owner=(row.owner_site, row.owner_name) if row.owner_site is not None else None,
        )


def _pulled(r: Any) -> PulledRow:
    """A ``PulledRow`` from a row of ``pull_query`` (positions, not names: 100,000 rows)."""
    if r[1] == "row":
        return PulledRow(
            kind="row",
            change=int(r[2]),
            entity=r[3],
            id=r[4],
            fields=r[5] or {},
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
    with the counter only when there is nothing to pull)."""
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
    if site_id is not None:
        rows = rows.where(or_(entities.c.echo_site.is_(None), entities.c.echo_site != site_id))
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


_alembic = table(migrate.VERSION_TABLE, column("version_num", String))


def handshake_query(site_id: str, code: str, postgres: bool) -> Any:
    """One row: epoch, schema version, revision, server time, this site's progress, the holder
    of station code ``code``."""

    def meta(key: str) -> Any:
        return select(store_meta.c.value).where(store_meta.c.key == key).scalar_subquery()

    progress = site_progress.c.site_id == site_id
    holder = stations.c.code == code
    return select(
        meta("store_epoch").label("epoch"),
        meta("schema_version").label("schema_version"),
        select(_alembic.c.version_num).limit(1).scalar_subquery().label("revision"),
        (func.now() if postgres else cast(null(), DateTime(timezone=True))).label("server_time"),
        select(site_progress.c.last_seq).where(progress).scalar_subquery().label("last_seq"),
        select(site_progress.c.last_mutation)
        .where(progress)
        .scalar_subquery()
        .label("last_mutation"),
        select(stations.c.site_id).where(holder).scalar_subquery().label("owner_site"),
        select(stations.c.name).where(holder).scalar_subquery().label("owner_name"),
    )


def _current_rows(conn: Connection, fresh: list[OutboxRow]) -> dict[Key, StoredRow]:
    """The store's rows that ``fresh`` touches: at most two ``SELECT``s (existence of immutable
    rows; fields and versions of mutable ones), by primary key."""
    found: dict[Key, StoredRow] = {}
    groups = keys_of(fresh)
    fixed = {e: ids for e, ids in groups.items() if e in IMMUTABLE_ENTITIES}
    merged = {e: ids for e, ids in groups.items() if e not in IMMUTABLE_ENTITIES}
    if fixed:
        q = select(entities.c.entity, entities.c.id).where(_by_keys(fixed))
        for e, i in conn.execute(q):
            found[(e, i)] = StoredRow(entity=e, id=i, immutable=True, fields={}, versions=None)
    if merged:
        q = select(
            entities.c.entity,
            entities.c.id,
            entities.c.immutable,
            entities.c.fields,
            entities.c.versions,
        ).where(_by_keys(merged))
        for r in conn.execute(q):
            found[(r.entity, r.id)] = StoredRow(
                entity=r.entity,
                id=r.id,
                immutable=bool(r.immutable),
                fields=dict(r.fields or {}),
                versions=dict(r.versions) if r.versions is not None else None,
            )
    return found


def _by_keys(groups: dict[str, set[str]]) -> Any:
    return or_(
        *(
            and_(entities.c.entity == entity, entities.c.id.in_(sorted(ids)))
            for entity, ids in sorted(groups.items())
        )
    )


def _upsert(dialect: str) -> Any:
    """INSERT of written rows; a mutable row the store already has takes the merged fields."""
    stmt = pg_insert(entities) if dialect == "postgresql" else sqlite_insert(entities)
    return stmt.on_conflict_do_update(
        index_elements=[entities.c.entity, entities.c.id],
        set_={
            "fields": stmt.excluded.fields,
            "versions": stmt.excluded.versions,
            "change": stmt.excluded.change,
            "echo_site": stmt.excluded.echo_site,
        },
    )


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
