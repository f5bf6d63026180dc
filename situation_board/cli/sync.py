"""Handlers of the shared-store and sync commands.

``store init URL``, ``store password URL``, ``sync --once [--store URL]`` and ``sync [--store URL]``
(the scheduler in the foreground until SIGINT/SIGTERM). Failures are ``BoardError``s: one line on
stderr, exit status 2 (see ``cli.main``). The password is read with ``getpass`` (or from standard
input when it is not a terminal) and never printed, logged or put in a URL.
"""

from __future__ import annotations

import getpass
import logging
import signal
import sys
import threading
from types import FrameType

from situation_board.app import logs
from situation_board.cli.invocation import Invocation
from situation_board.cli.output import emit
from situation_board.domain.timeutil import fmt_datetime
from situation_board.i18n import _
from situation_board.sync.credentials import (
    AUTH_ERRORS,
    PasswordSource,
    PromptHook,
    StoreUrl,
    parse_store_url,
    save_password,
)
from situation_board.sync.errors import SyncError, keyring_available, pgpass_path
from situation_board.sync.status import SyncReport, SyncStatus

log = logging.getLogger("situation_board")


def setup_logging(inv: Invocation, *, service: bool = False) -> None:
    """The log file always (``logs.setup``); stderr too for the foreground ``sync`` service, and
    for one-shot commands only with ``log_level = "DEBUG"`` (their errors are the one line
    ``main`` prints)."""
    settings = inv.ctx.settings
    logs.setup(settings, stderr=service or settings.log_level == "DEBUG")
    if settings.log_level == "DEBUG":  # statements and parameters too (never a password)
        logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
        logging.getLogger("psycopg").setLevel(logging.DEBUG)


def _url(inv: Invocation, given: str | None) -> StoreUrl:
    text = given or inv.ctx.settings.store_url
    if not text:
        raise SyncError("store_not_configured")
    return parse_store_url(text)


def _prompt() -> PromptHook | None:
    """getpass when a person is at the terminal; nothing for scripts and services."""
    if not sys.stdin.isatty():
        return None

    def ask(display: str) -> str | None:
        return getpass.getpass(_("Password for {0}: ").format(display))

    return ask


# ---------------------------------------------------------------------- store


def store_init(inv: Invocation) -> int:
    """``store init URL``: create or upgrade a shared store's schema."""
    from situation_board.sync.backend import SharedStore  # noqa: PLC0415 - SQLAlchemy and psycopg only for sync commands

    setup_logging(inv)
    url = _url(inv, inv.args.url)
    password = PasswordSource(url, _prompt())
    shared = SharedStore(url, password)
    try:
        try:
            meta, created = shared.init()
        except SyncError as exc:
            if exc.key not in AUTH_ERRORS or not password.ask():
                raise
            meta, created = shared.init()
    finally:
        shared.close()
    template = (
        _("Shared store created: {store} (schema {schema}, epoch {epoch})")
        if created
        else _("Shared store upgraded: {store} (schema {schema}, epoch {epoch})")
    )
    emit(template.format(store=url.display, schema=meta.schema_version, epoch=meta.epoch))
    return 0


def store_password(inv: Invocation) -> int:
    """``store password URL``: save the store password in the OS keyring."""
    url = _url(inv, inv.args.url)
    if url.kind != "postgresql":
        emit(_("A SQLite file has no password."))
        return 0
    if not keyring_available():
        raise SyncError("store_no_keyring", store=url.display, pgpass=pgpass_path())
    if sys.stdin.isatty():
        secret = getpass.getpass(_("Password for {0}: ").format(url.display))
    else:
        secret = sys.stdin.readline().rstrip("\r\n")
    save_password(url, secret)
    emit(_("The password for {0} is saved in the keyring.").format(url.display))
    return 0


# ---------------------------------------------------------------------- sync


def _summary(r: SyncReport) -> str:
    text = _("Synced with {store}: pushed {pushed} changes").format(store=r.store, pushed=r.pushed)
    if r.duplicates:
        text += " " + _("({0} already known)").format(r.duplicates)
    text += _(", pulled {pulled}, new conflicts {conflicts}, pending {pending}.").format(
        pulled=r.pulled, conflicts=r.new_conflicts, pending=r.pending
    )
    if r.epoch_changed:
        text += " " + _("The store was rebuilt: everything was pulled and pushed again.")
    if r.history_lost:
        text += " " + _(
            "The store had lost changes (a failover or a restore): everything was pulled again "
            "and this station's copy pushed."
        )
    if r.resent:
        text += " " + _(
            "{0} acknowledged changes the store no longer held were sent again."
        ).format(r.resent)
    if r.clock_warning:
        text += " " + _("Warning: {0}").format(r.clock_warning)
    return text


def _status_line(s: SyncStatus) -> str:
    if s.last_error:
        return _("Sync failed ({failures} in a row), pending {pending}: {error}").format(
            failures=s.consecutive_failures, pending=s.pending, error=s.last_error
        )
    when = fmt_datetime(s.last_success_at) if s.last_success_at else "–"
    line = _("Synced {when}: pending {pending}, conflicts {conflicts}.").format(
        when=when, pending=s.pending, conflicts=s.conflicts
    )
    if s.clock_warning:
        line += " " + _("Warning: {0}").format(s.clock_warning)
    return line


def sync(inv: Invocation) -> int:
    """``sync [--once] [--store URL]``: one run, or the scheduler until SIGINT/SIGTERM."""
    from situation_board.sync.engine import SyncEngine  # noqa: PLC0415 - SQLAlchemy and psycopg only for sync commands

    setup_logging(inv, service=not inv.args.once)
    url = _url(inv, inv.args.store)
    engine = SyncEngine(
        inv.ctx.store(),
        url,
        interval_s=inv.ctx.settings.sync_interval_s,
        language=inv.ctx.language,
        prompt=_prompt(),
    )
    if inv.args.once:
        try:
            report = engine.run_once()
        finally:
            engine.stop()
            engine.shared.close()
        emit(_summary(report))
        return 0

    stop = threading.Event()

    def _on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _on_signal)

    def _print(status: SyncStatus) -> None:
        emit(_status_line(status), err=bool(status.last_error), flush=True)

    engine.add_listener(_print)
    emit(
        _("Syncing with {store} every {interval} s (stop with Ctrl+C).").format(
            store=url.display, interval=engine.interval_s
        ),
        flush=True,
    )
    engine.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        engine.stop()
    emit(_("Sync stopped."), flush=True)
    return 0
