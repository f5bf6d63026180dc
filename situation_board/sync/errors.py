"""Sync errors with translatable messages, and turning driver errors into them without secrets.

Driver errors (psycopg, sqlite3) are classified into a few keys the user can act on (wrong password,
unreachable host, busy or damaged file…). Their text is scrubbed of every known secret before it
becomes part of a message, and the original exception is never chained (``from None``), so a
password cannot reach a log, a traceback or an error dialog through them.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from situation_board.domain.errors import BoardError

if TYPE_CHECKING:
    from situation_board.sync.status import SyncReport

_PASSWORD_PARAM = re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)([^@\s]+)(@)")


class SyncError(BoardError):
    """A sync run could not complete; the board keeps working locally.

    ``report`` is set when the pull went through before the push was refused (a read-only role):
    what that pull changed still has to reach the views.
    """

    report: SyncReport | None = None


class UpdateRequiredError(SyncError):
    """The shared store was upgraded by a newer program: push nothing until this one is updated."""


class GapError(Exception):
    """The store refused a batch: its first new sequence does not follow the last applied one."""

    def __init__(self, expected: int) -> None:
        super().__init__(f"gap: the store expects sequence {expected}")
        self.expected = expected


def keyring_available() -> bool:
    """True when ``keyring`` has a usable backend (not ``fail.Keyring``)."""
    import keyring  # noqa: PLC0415 - keyring (and its D-Bus backends) only when a password is needed
    from keyring.backends import fail  # noqa: PLC0415 - keyring (and its D-Bus backends) only when a password is needed

    try:
        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # a backend that fails to load: there is no usable keyring
        return False


def pgpass_path() -> str:
    """Where libpq looks for the password file: ``PGPASSFILE``, else ``~/.pgpass``
    (``%APPDATA%\\postgresql\\pgpass.conf`` on Windows)."""
    given = os.environ.get("PGPASSFILE")
    if given:
        return given
    if sys.platform == "win32":
        return str(Path(os.environ.get("APPDATA", "~")) / "postgresql" / "pgpass.conf")
    return str(Path("~/.pgpass").expanduser())


def password_hint() -> dict[str, object]:
    """Parameters for a password message: on a machine with no keyring, it names what works
    there (the PostgreSQL password file, client certificates) instead of ``store password``."""
    if keyring_available():
        return {}
    return {"no_keyring": True, "pgpass": pgpass_path()}


def scrub(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with every secret, ``password=…`` parameter and URL password replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    text = _PASSWORD_PARAM.sub(r"\1***", text)
    return _URL_PASSWORD.sub(r"\1***\3", text)


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[0] if lines else text.strip()


def classify(exc: BaseException, store: str, secrets: Iterable[str | None] = ()) -> SyncError:
    """A ``SyncError`` for a driver or connection error (message scrubbed of ``secrets``)."""
    if isinstance(exc, SyncError):
        return exc
    orig: BaseException = exc
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        orig = exc.orig
    raw = str(orig)
    low = raw.lower()
    reason = scrub(_first_line(raw), secrets)
    if "password authentication failed" in low or "authentication failed" in low:
        return SyncError("store_auth_failed", store=store, **password_hint())
    if "no password supplied" in low or "password is required" in low:
        return SyncError("store_password_missing", store=store, **password_hint())
    if "permission denied" in low and "table" in low:
        return SyncError("store_permission_denied", store=store, reason=reason)
    if "database is locked" in low or "database table is locked" in low:
        return SyncError("store_busy", store=store)
    if "malformed" in low or "not a database" in low or "integrity" in low:
        return SyncError("store_corrupt", store=store, reason=reason)
    unreachable = (
        "connection refused",
        "could not connect",
        "could not translate host name",
        "timeout expired",
        "timed out",
        "no such file or directory",
        "server closed the connection",
        "connection is closed",
        "terminating connection",
        "the database system is starting up",
        "the database system is shutting down",
        "unable to open database file",
        "network is unreachable",
        "no route to host",
        "connection to server",
        "consuming input failed",
        "does not exist",
    )
    if any(word in low for word in unreachable):
        return SyncError("store_unreachable", store=store, reason=reason)
    if isinstance(exc, SQLAlchemyError | OSError):
        return SyncError("store_error", store=store, reason=reason)
    return SyncError("store_error", store=store, reason=scrub(f"{type(orig).__name__}: {reason}"))
