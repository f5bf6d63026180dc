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

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from situation_board.domain.ids import uuid7
from situation_board.store.database import make_sqlite_engine
from situation_board.store.schema import conflict_values
from situation_board.sync import migrate
from situation_board.sync.batch import (
    BatchPlan,
    Key,
    StoredRow,
    fresh_rows,
    plan_batch,
)
from situation_board.sync.chain_check import Heads, check_push
from situation_board.sync.credentials import PasswordSource, StoreUrl
from situation_board.sync.errors import GapError, SyncError, UpdateRequiredError, classify
from situation_board.sync.protocol import (
    Handshake,
    OutboxRow,
    PulledRow,
    PullPage,
    PushResult,
    SiteInfo,
    StoreHistory,
    StoreMeta,
)
from situation_board.sync.shared_schema import (
    NOTIFY_CHANNEL,
    SHARED_SCHEMA_VERSION,
    conflicts,
    site_progress,
    stations,
    store_counter,
    store_meta,
)
from situation_board.sync.store_sql import (
    CLAIM_SQL,
    COUNTER_SQL,
    HEADS_SQL,
    HEADS_UPSERT_SQL,
    KEYS_SQL,
    STORE_JOURNAL_SQL,
    Claim,
    claim_of,
    copy_rows,
    handshake_query,
    keys_json,
    pull_query,
    pulled_row,
    pushing_role,
    stored_rows,
    upsert_rows,
)

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_S = 5
Stage = Callable[[str], None]


def _no_stage(_name: str) -> None:
    return None


class ChangeNumbers:
    """Values of the store-wide change counter, taken under its row lock until COMMIT
    (``taken``: the value ``COUNTER_SQL`` already returned in this transaction)."""

    def __init__(self, conn: Connection, *, taken: int | None = None) -> None:
        self.conn = conn
        if taken is None:
            taken = int(conn.execute(text(COUNTER_SQL)).scalar_one())
        self.value = taken

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
        self._pusher: str | None = None

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
        except Exception as exc:
            # psycopg's own errors, from what runs on the driver directly (COPY, a pipeline)
            if type(exc).__module__.partition(".")[0] != "psycopg":
                raise
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
        the last applied one raises ``GapError`` (nothing is applied). The batch costs a fixed
        number of statements whatever its size: the counter's lock, one read of this site's
        progress and station code, one read of the rows the batch touches, the per-field
        decisions for the whole batch in memory (``sync.batch``), then the new rows in one
        statement (PostgreSQL: ``COPY``), the changed ones in one upsert, and the bookkeeping —
        on PostgreSQL sent as one pipeline with the COMMIT. ``stage`` is called with
        ``after_counter`` (counter values taken, nothing written yet) and ``after_store_commit``.
        """
        with self._guard():
            self._check_integrity()
            with self._write() as conn:
                numbers, claim, current, mine = self._begin_push(conn, site, rows)
                fresh, duplicates = fresh_rows(rows, claim.last_seq)
                plan = plan_batch(
                    site.site_id, fresh, current, numbers.next, now, duplicates=duplicates
                )
                heads = check_push(conn, site, plan, mine)
                role = self._role(conn)
                for r in plan.rows:
                    r.pushed_by = role
                recorded = self._new_conflicts(conn, plan, numbers)
                new = [r for r in plan.rows if r.new]
                if new and self.is_postgres:  # the bulk of a batch: COPY, before the pipeline
                    copy_rows(conn, new)
                    new = []
                stage("after_counter")
                with self._pipeline(conn, commit=True):
                    changed = new + [r for r in plan.rows if not r.new]
                    if changed:
                        upsert_rows(conn, changed)
                    if recorded:
                        conn.execute(insert(conflicts), recorded)
                    self._write_station(conn, site, claim, now)
                    if heads:
                        conn.execute(
                            text(HEADS_UPSERT_SQL),
                            [{"site": k, "seq": n, "hash": h} for k, (n, h) in heads.items()],
                        )
                    if fresh:
                        values = {"last_seq": plan.last_seq, "last_mutation": plan.last_mutation}
                        if claim.progress_exists:
                            conn.execute(
                                update(site_progress)
                                .where(site_progress.c.site_id == site.site_id)
                                .values(**values)
                            )
                        else:
                            conn.execute(
                                insert(site_progress).values(site_id=site.site_id, **values)
                            )
                        numbers.finish()
                        if self.is_postgres:
                            conn.execute(
                                text("SELECT pg_notify(:channel, :site)"),
                                {"channel": NOTIFY_CHANNEL, "site": site.site_id},
                            )
            stage("after_store_commit")
        last = plan.last_seq if fresh else claim.last_seq
        return PushResult(
            last_seq=last, applied=plan.applied, duplicates=duplicates, conflicts=len(recorded)
        )

    def _role(self, conn: Connection) -> str:
        """Who pushes (``store_sql.pushing_role``), read once per store object."""
        if self._pusher is None:
            self._pusher = pushing_role(conn)
        return self._pusher

    def journal_rows(self) -> list[Any]:
        """Every journal row of the store as ``(id, fields as pushed, site id, pushed_by)``, in
        change order, in one read-only ``SELECT`` (``services.integrity``)."""
        with self._guard():
            self._check_integrity()
            with self._read() as conn:
                try:
                    return list(conn.execute(text(STORE_JOURNAL_SQL)).all())
                except DBAPIError as exc:
                    if _missing_table(exc):
                        raise SyncError("store_not_initialised", store=self.store.display) from None
                    raise

    @contextmanager
    def _pipeline(self, conn: Connection, *, commit: bool = False) -> Iterator[None]:
        """Statements that need no answer, sent together — with the COMMIT when ``commit`` (a
        psycopg pipeline on PostgreSQL: one round trip instead of one each; the transaction's
        own commit then finds nothing left to do). On SQLite, in process anyway, nothing
        changes."""
        if not self.is_postgres:
            yield
            return
        raw: Any = conn.connection.driver_connection
        with raw.pipeline():
            yield
            if commit:
                raw.commit()

    def _new_conflicts(
        self, conn: Connection, plan: BatchPlan, numbers: ChangeNumbers
    ) -> list[dict[str, Any]]:
        """The conflicts of ``plan`` the store does not have yet, numbered (a conflict found
        again, e.g. after a re-push, stays one row)."""
        if not plan.conflicts:
            return []
        ids = list(dict.fromkeys(c.id for c in plan.conflicts))
        seen = set(conn.execute(select(conflicts.c.id).where(conflicts.c.id.in_(ids))).scalars())
        recorded: list[dict[str, Any]] = []
        for c in plan.conflicts:
            if c.id not in seen:
                seen.add(c.id)
                recorded.append({**conflict_values(c), "change": numbers.next()})
        return recorded

    def _begin_push(
        self, conn: Connection, site: SiteInfo, rows: list[OutboxRow]
    ) -> tuple[ChangeNumbers, Claim, dict[Key, StoredRow], Heads | None]:
        """The counter's lock, this site's progress and station code, the store's rows the
        batch touches and (PostgreSQL) the chain heads of this site and its earlier ones. On
        PostgreSQL the four go in one pipeline (one round trip, with the transaction's BEGIN); a
        subclass that supplies its own numbers (the late-commit test's naive sequence) takes
        them its own way, before the reads (the heads are then read when needed)."""
        names = {"code": site.code, "site": site.site_id}
        keys = keys_json(rows)
        own_sites = frozenset((site.site_id, *site.previous))
        own = json.dumps(sorted(own_sites))
        if self.is_postgres and type(self).change_numbers is SharedStore.change_numbers:
            raw: Any = conn.connection.driver_connection
            with raw.pipeline():
                counter = raw.execute(COUNTER_SQL)
                holder = raw.execute(CLAIM_SQL.format(code="%(code)s", site="%(site)s"), names)
                found = raw.execute(
                    KEYS_SQL["postgresql"].replace(":keys", "%(keys)s"), {"keys": keys}
                )
                chained = raw.execute(
                    HEADS_SQL["postgresql"].replace(":sites", "%(sites)s"), {"sites": own}
                )
            numbers = ChangeNumbers(conn, taken=int(counter.fetchone()[0]))
            claim = claim_of(site, *holder.fetchone())
            mine = Heads(own_sites, {str(r[0]): (int(r[1]), str(r[2])) for r in chained})
            return numbers, claim, stored_rows(found.fetchall()), mine
        numbers = self.change_numbers(conn)
        holder_row = conn.execute(text(CLAIM_SQL.format(code=":code", site=":site")), names).one()
        found_rows = conn.execute(text(KEYS_SQL[conn.dialect.name]), {"keys": keys}).all()
        return numbers, claim_of(site, *holder_row), stored_rows(found_rows), None

    def _write_station(self, conn: Connection, site: SiteInfo, claim: Claim, now: datetime) -> None:
        if claim.takeover is not None:
            # the same station under a new site id (its local board was restored): take over
            conn.execute(delete(stations).where(stations.c.site_id == claim.takeover))
        if claim.registered:
            conn.execute(
                update(stations)
                .where(stations.c.site_id == site.site_id)
                .values(code=site.code, name=site.name, last_seen=now)
            )
        else:
            conn.execute(
                insert(stations).values(
                    site_id=site.site_id,
                    code=site.code,
                    name=site.name,
                    first_seen=now,
                    last_seen=now,
                )
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
        return _page_of(result, cursor, limit)

    def handshake(
        self, site_id: str, code: str, *, pull: tuple[int, int] | None = None
    ) -> Handshake:
        """What a sync run checks first, in ONE read-only ``SELECT``: the store's epoch, schema
        version and revision, the server's clock (PostgreSQL), this site's progress, who holds
        station code ``code``, and the store's timeline and change counter (failover,
        ``StoreHistory``). ``store_not_initialised`` when the store has no schema yet.

        With ``pull`` (cursor, limit) — a round with nothing to push — the first page of the
        pull (``pull_page`` for ``site_id``) is read in the same read transaction:
        ``Handshake.page``."""
        with self._guard():
            self._check_integrity()
            with self._read() as conn:
                try:
                    row = conn.execute(handshake_query(site_id, code, self.is_postgres)).one()
                except DBAPIError as exc:
                    if _missing_table(exc):
                        raise SyncError("store_not_initialised", store=self.store.display) from None
                    raise
                page = (
                    _page_of(conn.execute(pull_query(pull[0], pull[1], site_id)).all(), *pull)
                    if pull is not None and row.epoch is not None
                    else None
                )
        if row.epoch is None:
            raise SyncError("store_not_initialised", store=self.store.display)
        server = row.server_time
        return Handshake(
            page=page,
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
            history=StoreHistory(
                timeline=int(str(row.wal)[:8], 16) if row.wal is not None else None,
                counter=int(row.counter),
            ),
        )


def _page_of(result: Any, cursor: int, limit: int) -> PullPage:
    """The rows of ``pull_query`` as a page, and the cursor that follows them."""
    rows = [pulled_row(r) for r in result if r[1] is not None]
    if len(rows) >= limit:
        return PullPage(rows, rows[-1].change)
    high = int(result[0][0]) if result and result[0][0] is not None else 0
    return PullPage(rows, max(cursor, rows[-1].change if rows else cursor, high))


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
