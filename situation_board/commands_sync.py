"""Handlers of the shared-store and sync commands (``cli.py`` registers them).

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

from situation_board import logs
from situation_board.commands import Context
from situation_board.domain.timeutil import fmt_datetime
from situation_board.sync.credentials import (
    AUTH_ERRORS,
    PasswordSource,
    PromptHook,
    StoreUrl,
    keyring_available,
    parse_store_url,
    save_password,
)
from situation_board.sync.errors import SyncError
from situation_board.sync.status import SyncReport, SyncStatus

log = logging.getLogger("situation_board")


def setup_logging(ctx: Context, *, service: bool = False) -> None:
    """The log file always (``logs.setup``); stderr too for the foreground ``sync`` service, and
    for one-shot commands only with ``log_level = "DEBUG"`` (their errors are the one line
    ``main`` prints)."""
    logs.setup(ctx.settings, stderr=service or ctx.settings.log_level == "DEBUG")
    if ctx.settings.log_level == "DEBUG":  # statements and parameters too (never a password)
        logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
        logging.getLogger("psycopg").setLevel(logging.DEBUG)


def _url(ctx: Context, given: str | None) -> StoreUrl:
    text = given or ctx.settings.store_url
    if not text:
        raise SyncError("store_not_configured")
    return parse_store_url(text)


def _prompt(ctx: Context) -> PromptHook | None:
    """getpass when a person is at the terminal; nothing for scripts and services."""
    if not sys.stdin.isatty():
        return None

    def ask(display: str) -> str | None:
        return getpass.getpass(ctx.t(f"Lösenord för {display}: ", f"Password for {display}: "))

    return ask


# ---------------------------------------------------------------------- store


def cmd_store_init(ctx: Context) -> int:
    from situation_board.sync.backend import SharedStore  # noqa: PLC0415

    setup_logging(ctx)
    url = _url(ctx, ctx.args.url)
    password = PasswordSource(url, _prompt(ctx))
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
    verb = ctx.t("skapad", "created") if created else ctx.t("uppgraderad", "upgraded")
    print(
        ctx.t(
            f"Gemensam databas {verb}: {url.display} (schema {meta.schema_version}, epok {meta.epoch})",
            f"Shared store {verb}: {url.display} (schema {meta.schema_version}, "
            f"epoch {meta.epoch})",
        )
    )
    return 0


def cmd_store_password(ctx: Context) -> int:
    url = _url(ctx, ctx.args.url)
    if url.kind != "postgresql":
        print(ctx.t("En SQLite-fil har inget lösenord.", "A SQLite file has no password."))
        return 0
    if not keyring_available():
        raise SyncError("store_no_keyring", store=url.display)
    if sys.stdin.isatty():
        secret = getpass.getpass(
            ctx.t(f"Lösenord för {url.display}: ", f"Password for {url.display}: ")
        )
    else:
        secret = sys.stdin.readline().rstrip("\r\n")
    save_password(url, secret)
    print(
        ctx.t(
            f"Lösenordet för {url.display} är sparat i nyckelringen.",
            f"The password for {url.display} is saved in the keyring.",
        )
    )
    return 0


# ---------------------------------------------------------------------- sync


def _summary(ctx: Context, r: SyncReport) -> str:
    text = ctx.t(
        f"Synkat med {r.store}: skickade {r.pushed} ändringar"
        + (f" ({r.duplicates} redan kända)" if r.duplicates else "")
        + f", hämtade {r.pulled}, nya konflikter {r.new_conflicts}, väntande {r.pending}.",
        f"Synced with {r.store}: pushed {r.pushed} changes"
        + (f" ({r.duplicates} already known)" if r.duplicates else "")
        + f", pulled {r.pulled}, new conflicts {r.new_conflicts}, pending {r.pending}.",
    )
    if r.epoch_changed:
        text += ctx.t(
            " Databasen var återskapad: allt hämtades och skickades på nytt.",
            " The store was rebuilt: everything was pulled and pushed again.",
        )
    if r.clock_warning:
        text += f" {ctx.t('Varning', 'Warning')}: {r.clock_warning}"
    return text


def _status_line(ctx: Context, s: SyncStatus) -> str:
    if s.last_error:
        return ctx.t(
            f"Synk misslyckades ({s.consecutive_failures} i rad), väntande {s.pending}: "
            f"{s.last_error}",
            f"Sync failed ({s.consecutive_failures} in a row), pending {s.pending}: {s.last_error}",
        )
    when = fmt_datetime(s.last_success_at) if s.last_success_at else "–"
    line = ctx.t(
        f"Synkat {when}: väntande {s.pending}, konflikter {s.conflicts}.",
        f"Synced {when}: pending {s.pending}, conflicts {s.conflicts}.",
    )
    if s.clock_warning:
        line += f" {ctx.t('Varning', 'Warning')}: {s.clock_warning}"
    return line


def cmd_sync(ctx: Context) -> int:
    from situation_board.sync.engine import SyncEngine  # noqa: PLC0415

    setup_logging(ctx, service=not ctx.args.once)
    url = _url(ctx, ctx.args.store)
    engine = SyncEngine(
        ctx.store(),
        url,
        interval_s=ctx.settings.sync_interval_s,
        language=ctx.language,
        prompt=_prompt(ctx),
    )
    if ctx.args.once:
        try:
            report = engine.run_once()
        finally:
            engine.stop()
            engine.shared.close()
        print(_summary(ctx, report))
        return 0

    stop = threading.Event()

    def _on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _on_signal)

    def _print(status: SyncStatus) -> None:
        stream = sys.stderr if status.last_error else sys.stdout
        print(_status_line(ctx, status), file=stream, flush=True)

    engine.add_listener(_print)
    print(
        ctx.t(
            f"Synkar med {url.display} var {engine.interval_s}:e sekund (avsluta med Ctrl+C).",
            f"Syncing with {url.display} every {engine.interval_s} s (stop with Ctrl+C).",
        ),
        flush=True,
    )
    engine.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        engine.stop()
    print(ctx.t("Synk stoppad.", "Sync stopped."), flush=True)
    return 0
