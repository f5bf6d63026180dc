"""Opening the local SQLite store: pragmas, transactions, migrations, station identity.

* WAL, ``synchronous=FULL``, ``busy_timeout``, ``foreign_keys=ON`` on every connection.
* Reads run in a deferred transaction (one consistent snapshot); every write runs in
  ``BEGIN IMMEDIATE`` through ``LocalStore.write()`` and returns only after COMMIT.
* The schema is upgraded with Alembic when the store is opened; a database written by a newer
  program is refused (``SchemaTooNewError``) without touching it.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select, text, update
from sqlalchemy.exc import DatabaseError, OperationalError

from situation_board.domain.clock import Clock, system_clock
from situation_board.domain.errors import BoardError, SchemaTooNewError, StateError
from situation_board.domain.hlc import Hlc
from situation_board.domain.ids import uuid7
from situation_board.domain.messages import Text
from situation_board.domain.rules import station_code
from situation_board.i18n import N_
from situation_board.store.schema import journal, local_station
from situation_board.store.unit_of_work import WriteTx, bump_journal_counter

HEAD_REVISION = "0004_journal_search"  # kept equal to the migrations' head by a test
BUSY_TIMEOUT_MS = 10_000
DEFAULT_STATION = "V1"
log = logging.getLogger(__name__)


_REASONS = (
    ("database is locked", N_("another program is using it (the database is locked)")),
    ("unable to open", N_("the file cannot be opened (check the path and its permissions)")),
    ("readonly database", N_("the file is read-only")),
    ("not a database", N_("the file is not a board database, or it is damaged")),
    ("malformed", N_("the file is damaged")),
    ("disk i/o error", N_("the disk could not be read or written")),
)


def unusable_reason(detail: str) -> Text | str:
    """A person's reason for SQLite's ``detail`` (``database is locked`` → "another program is
    using it …") in the UI language, without SQLite's English words beside it (they go to the
    log); ``detail`` itself when unknown."""
    log.info("the local database cannot be used: %s", detail)  # for IT, in the log
    lowered = detail.lower()
    for needle, reason in _REASONS:
        if needle in lowered:
            return Text(reason)
    return detail


def wall_ms() -> int:
    """Real wall-clock milliseconds for the HLC (independent of the app's display clock)."""
    return time.time_ns() // 1_000_000


def make_sqlite_engine(path: Path, *, wal: bool = True, **engine_kwargs: Any) -> Engine:
    """An engine whose connections have the store's pragmas and explicit BEGIN handling.

    ``wal=False`` gives a rollback journal (the shared SQLite store on a network share).
    """
    engine = create_engine(f"sqlite:///{path}", future=True, **engine_kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class LocalStore:
    """This station's local SQLite board."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock = system_clock,
        hlc_wall: Callable[[], int] = wall_ms,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.hlc_wall = hlc_wall
        self.engine = make_sqlite_engine(self.path)
        self._write_listeners: list[Callable[[], None]] = []

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        station: str | None = None,
        clock: Clock = system_clock,
        hlc_wall: Callable[[], int] = wall_ms,
    ) -> LocalStore:
        """Open (creating and upgrading as needed) the store at ``path``.

        ``station`` is the station code wanted by config or ``--station``; it is stored on first
        use and replaces the stored one when it differs (future journal numbers use it).
        """
        path = Path(path)
        code = station_code(station) if station else None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise BoardError("db_unusable", path=str(path), reason=detail) from None
        if path.is_dir():
            folder = Text(N_("it is a folder, not a file"))
            raise BoardError("db_unusable", path=str(path), reason=folder)
        store = cls(path, clock=clock, hlc_wall=hlc_wall)
        try:
            store._migrate()
            store._ensure_station(code)
        except (OperationalError, DatabaseError) as exc:
            store.close()
            reason = unusable_reason(str(exc.orig))
            raise BoardError("db_unusable", path=str(path), reason=reason) from None
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def _current_revision(self, conn: Connection) -> str | None:
        exists = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not exists:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None

    def _migrate(self) -> None:
        with self.engine.connect() as conn:
            current = self._current_revision(conn)
            conn.rollback()
        if current == HEAD_REVISION:
            return
        from situation_board.store import migrate  # noqa: PLC0415 - Alembic only when needed

        if current is not None and not migrate.knows_revision(current):
            raise SchemaTooNewError("schema_too_new", path=str(self.path), found=current)
        with self.engine.connect() as conn:
            migrate.upgrade_local(conn.execution_options(sqlite_begin="IMMEDIATE"))

    def _ensure_station(self, code: str | None) -> None:
        with self.write_connection() as conn:
            row = conn.execute(select(local_station)).mappings().first()
            if row is None:
                conn.execute(
                    insert(local_station).values(
                        id=1,
                        site_id=uuid7(),
                        code=code or DEFAULT_STATION,
                        created_at=self.clock(),
                    )
                )
                return
        if code and row["code"] != code:
            if row["journal_counter"] > 0:
                # numbers already carry the old code: changing it is a deliberate act
                # (the window's identity dialog, or `situation-board station CODE`)
                raise StateError("station_code_mismatch", have=row["code"], wanted=code)
            self.set_station_code(code)

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only snapshot (deferred transaction), rolled back at the end."""
        with self.engine.connect() as conn, conn.begin() as tx:
            yield conn
            tx.rollback()

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A raw ``BEGIN IMMEDIATE`` transaction, committed on success (no HLC, no outbox)."""
        with self.engine.connect() as raw:
            conn = raw.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def write(self, author: str, now: datetime | None = None) -> Iterator[WriteTx]:
        """A unit of work: ``BEGIN IMMEDIATE``; rows, their HLC stamps and outbox rows; COMMIT.

        The station's HLC and counters are persisted in the same transaction. Listeners added
        with ``on_write`` run after the COMMIT (sync uses this to run soon after a local write).
        """
        with self.write_connection() as conn:
            tx = WriteTx(conn, author=author, now=now or self.clock(), wall_ms=self.hlc_wall)
            yield tx
            tx.finish()
        for listener in list(self._write_listeners):
            listener()

    def on_write(self, listener: Callable[[], None]) -> None:
        self._write_listeners.append(listener)

    # ------------------------------------------------------------------ station

    def set_station_code(self, code: str) -> str:
        """Change this station's code (future journal numbers use it); returns the clean code.

        The counter moves past any number the new code already has here, so none is reused.
        """
        clean = station_code(code)
        with self.write_connection() as conn:
            conn.execute(update(local_station).values(code=clean))
            numbers = conn.execute(
                select(journal.c.number).where(journal.c.number.like(f"{clean}-%"))
            ).scalars()
            bump_journal_counter(conn, numbers)
        return clean

    def hlc(self) -> Hlc:
        with self.read() as conn:
            row = conn.execute(select(local_station.c.hlc_ms, local_station.c.hlc_counter)).one()
        return Hlc(row.hlc_ms, row.hlc_counter)
