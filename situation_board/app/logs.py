"""Logging: a rotating log file in the platform's log directory, never a secret in it.

``setup`` is called once by the CLI and by the window programs. The level comes from the
configuration (``log_level``). A filter masks the password part of any URL and every secret
registered with ``register_secret`` (the sync layer also scrubs its own errors).

``install_excepthook`` writes an unhandled exception (on any thread) to the log and, in the
window, tells the user in Swedish where the log is. Every change is committed the moment it is
saved, so an unexpected error loses nothing that was recorded.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from situation_board.app import config
from situation_board.i18n import translations

LOG_NAME = "situation-board.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]+):[^@\s]*@", re.IGNORECASE)
_secrets: set[str] = set()
_lock = threading.Lock()


def log_path() -> Path:
    """The rotating log file (``situation-board.log`` in the platform's log folder)."""
    return config.log_dir() / LOG_NAME


def register_secret(secret: str | None) -> None:
    """Never let ``secret`` (e.g. a typed store password) reach a log line."""
    if secret:
        with _lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    """``text`` with URL passwords and every registered secret replaced by ``***``."""
    text = _URL_PASSWORD.sub(r"\g<head>:***@", text)
    with _lock:
        secrets = list(_secrets)
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then masks URL passwords and registered secrets (message and trace)."""

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record, redacted."""
        return redact(super().format(record))


def setup(settings: config.Settings, *, stderr: bool = False) -> Path | None:
    """Attach the rotating file handler (and optionally stderr) to the root logger, once."""
    root = logging.getLogger()
    root.setLevel(settings.log_level)
    # a log file that cannot be written (the disk is full) must not print a traceback of its own
    logging.raiseExceptions = False
    path: Path | None = log_path()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        try:
            assert path is not None
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        except OSError:  # a read-only home: keep working, log to stderr only
            path = None
        else:
            handler.setFormatter(RedactingFormatter(FORMAT))
            root.addHandler(handler)
    if stderr and not any(getattr(h, "_sb_stderr", False) for h in root.handlers):
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        console._sb_stderr = True  # type: ignore[attr-defined]
        root.addHandler(console)
    if settings.log_level != "DEBUG":
        for name in ("apscheduler", "alembic", "sqlalchemy", "psycopg"):
            logging.getLogger(name).setLevel(logging.WARNING)
    return path


Show = Callable[[str], None]


def unexpected_message(path: Path | None, language: str = "sv") -> str:
    """The one line shown for an unexpected error, naming the log file ``path``."""
    where = str(path) if path else "–"
    return (
        translations(language)
        .gettext(
            "An unexpected error occurred. Everything already saved is kept; check the last "
            "entry you were writing. The details are in the log: {path}"
        )
        .format(path=where)
    )


def install_excepthook(show: Show | None = None, language: str = "sv") -> None:
    """Log every unhandled exception; ``show`` tells the user (the window's dialog)."""
    log = logging.getLogger("situation_board.unhandled")

    def handle(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.critical("unhandled exception", exc_info=(kind, exc, tb))
        if show is not None:
            try:
                show(unexpected_message(log_path(), language))
            except Exception:
                log.exception("could not show the error dialog")

    def thread_handle(args: threading.ExceptHookArgs) -> None:
        handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    sys.excepthook = handle
    threading.excepthook = thread_handle
