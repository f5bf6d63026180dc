"""Opening the local SQLite store: pragmas, transactions, migrations, station identity.

* WAL, ``synchronous=FULL``, ``busy_timeout``, ``foreign_keys=ON`` on every connection.
* Reads run in a deferred transaction (one consistent snapshot); every write runs in
  ``BEGIN IMMEDIATE`` through ``LocalStore.write()`` and returns only after COMMIT.
* The schema is upgraded with Alembic when the store is opened; a database written by a newer
  program is refused (``SchemaTooNewError``) without touching it.
"""

from __future__ import annotations

import errno
import logging
import os
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
from situation_board.domain.errors import BoardError, SchemaTooNewError, StateError, StoreIOError
from situation_board.domain.hlc import Hlc
from situation_board.domain.ids import uuid7
from situation_board.domain.messages import Text
from situation_board.domain.rules import station_code
from situation_board.i18n import N_
from situation_board.store import faults
from situation_board.store.schema import journal, local_station
from situation_board.store.unit_of_work import WriteTx, bump_journal_counter

HEAD_REVISION = "0005_journal_chain"  # kept equal to the migrations' head by a test
BUSY_TIMEOUT_MS = 10_000
DEFAULT_STATION = "V1"
log = logging.getLogger(__name__)

# SQLite primary result codes (https://www.sqlite.org/rescode.html) of the machine's own faults
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 13, 14
_IO_CODES = {
    _SQLITE_PERM,
    _SQLITE_BUSY,
    _SQLITE_LOCKED,
    _SQLITE_READONLY,
    _SQLITE_IOERR,
    _SQLITE_FULL,
    _SQLITE_CANTOPEN,
}


def _log_file() -> str:
    """The log file's path for a message (the handler the faces attached, if any)."""
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if name:
            return str(name)
    return "–"


def io_error(exc: BaseException, path: Path) -> StoreIOError | None:
    """``exc`` as the one-line ``StoreIOError`` a person can act on, or None when it is not one
    of the machine's own faults (disk full, read-only, permission denied, locked, I/O error).

    Classified by SQLite's result code (``sqlite3.Error.sqlite_errorcode``) or ``OSError.errno``.
    """
    orig: BaseException = exc
    if isinstance(exc, DatabaseError | OperationalError) and exc.orig is not None:
        orig = exc.orig
    where = {"path": str(path)}
    if isinstance(orig, sqlite3.Error):
        code = getattr(orig, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary not in _IO_CODES:
            return None
        if primary == _SQLITE_FULL:
            return StoreIOError("disk_full", **where)
        if primary == _SQLITE_READONLY:
            return StoreIOError("db_read_only", **where)
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return StoreIOError("db_locked", seconds=BUSY_TIMEOUT_MS // 1000, **where)
        if primary == _SQLITE_CANTOPEN and _read_only_disk(path):
            return StoreIOError("db_read_only", **where)
        if primary == _SQLITE_PERM or (primary == _SQLITE_CANTOPEN and _denied(path)):
            return StoreIOError("db_permission_denied", **where)
        reason = getattr(orig, "sqlite_errorname", None) or str(orig)
        return StoreIOError("db_io_error", reason=reason, log=_log_file(), **where)
    if isinstance(orig, OSError):
        if orig.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return StoreIOError("disk_full", **where)
        if orig.errno == errno.EROFS:
            return StoreIOError("db_read_only", **where)
        if orig.errno in (errno.EACCES, errno.EPERM):
            return StoreIOError("db_permission_denied", **where)
        if orig.errno == errno.EIO:
            return StoreIOError("db_io_error", reason="EIO", log=_log_file(), **where)
    return None


def _read_only_disk(path: Path) -> bool:
    """True when ``path``'s folder is on a file system mounted read-only."""
    folder = path.parent  # Path("board.db").parent is "."
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows) or no folder
        return False


def _denied(path: Path) -> bool:
    """True when this process may not read and write ``path`` or create files beside it."""
    folder = path.parent if path.parent != Path() else Path()
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return True
    return folder.exists() and not os.access(folder, os.W_OK | os.X_OK)


@contextmanager
def io_errors(path: Path, doing: str) -> Iterator[None]:
    """Turn the machine's own faults inside the block into ``StoreIOError`` (one line for the
    person), with the traceback written to the log file here, whichever face called.

    Only SQLAlchemy's database errors and ``OSError`` are looked at; anything else (a rule's
    ``ValidationError``, an integrity error) passes unchanged."""
    try:
        yield
    except (DatabaseError, OSError) as exc:
        mapped = io_error(exc, path)
        if mapped is None:
            raise
        log.error("%s %s failed: %s", doing, path, mapped.key, exc_info=True)
        raise mapped from exc


OPEN_REASONS = {
    "disk_full": N_("the disk is full"),
    "db_read_only": N_("the file, its folder or the disk is read-only"),
    "db_permission_denied": N_("permission denied for the file or its folder"),
    "db_locked": N_("another program is using it (the database is locked)"),
    "db_io_error": N_("the disk could not be read or written"),
}
"""Why a board could not be opened, by ``StoreIOError`` key: the start of the one line is "Cannot
open the database …" (the window's start-up dialog says the same), the end "nothing was saved"."""

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
            with io_errors(path, "creating the folder of"):
                path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # not one of the machine's faults: a file where a folder goes…
            detail = exc.strerror or str(exc)
            raise BoardError("db_unusable", path=str(path), reason=detail) from None
        if path.is_dir():
            folder = Text(N_("it is a folder, not a file"))
            raise BoardError("db_unusable", path=str(path), reason=folder)
        store = cls(path, clock=clock, hlc_wall=hlc_wall)
        try:
            with io_errors(path, "opening"):
                store._migrate()
                store._ensure_station(code)
        except StoreIOError as exc:  # the machine's own fault, met while opening (logged)
            store.close()
            fault = Text(N_("{reason}; nothing was saved"), {"reason": Text(OPEN_REASONS[exc.key])})
            raise BoardError("db_unusable", path=str(path), reason=fault) from exc
        except (OperationalError, DatabaseError) as exc:
            store.close()
            log.error("opening %s failed", path, exc_info=True)
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
        """A read-only snapshot (deferred transaction), rolled back at the end.

        The machine's own faults raise ``StoreIOError`` (see ``io_errors``)."""
        with io_errors(self.path, "reading"), self.engine.connect() as conn, conn.begin() as tx:
            yield conn
            tx.rollback()

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A raw ``BEGIN IMMEDIATE`` transaction, committed on success (no HLC, no outbox).

        Disk full (also at COMMIT), a read-only file, permission denied, a lock held past the
        busy timeout and I/O errors raise ``StoreIOError``: the transaction was rolled back,
        nothing of it was saved, and the traceback is in the log file."""
        with io_errors(self.path, "writing"), self.engine.connect() as raw:
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
            faults.point("write_begun")
            tx = WriteTx(conn, author=author, now=now or self.clock(), wall_ms=self.hlc_wall)
            yield tx
            tx.finish()
            faults.point("write_before_commit")
        faults.point("write_committed")
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
