"""The command-line face (DESIGN §6): the parser (``parser``) and the handlers (the sibling
modules), over the application context. Nothing else in the program imports this package; the
entry point (``situation_board.main``) calls ``main`` with the Qt face's window launcher.

Bad input prints one line on stderr and exits with status 2, having changed nothing: a rule's
``BoardError``, an argument that is not valid UTF-8 (checked before anything else), and the
machine's own faults (disk full, read-only, permission denied, a lock past the busy timeout:
``StoreIOError``, whose traceback the store layer wrote to the log file). Anything unexpected is
logged with its traceback and reported in one line too (exit status 1): never a traceback on the
terminal.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from situation_board.app.context import AppContext, Options, open_context
from situation_board.app.windows import Windows
from situation_board.cli.invocation import Invocation
from situation_board.cli.output import emit
from situation_board.cli.parser import Handler, UsageError, build_parser, localise_argparse
from situation_board.domain.clock import Clock, system_clock
from situation_board.domain.errors import BoardError
from situation_board.i18n import _

EXIT_BAD_INPUT = 2
EXIT_UNEXPECTED = 1
log = logging.getLogger("situation_board.cli")

HANDLERS: dict[str, str] = {
    "wall": "windows.wall",
    "demo": "windows.demo",
    "station": "records.station",
    "event new": "records.event_new",
    "event close": "records.event_close",
    "event list": "records.event_list",
    "level set": "records.level_set",
    "level history": "records.level_history",
    "system add": "records.system_add",
    "system set": "records.system_set",
    "system list": "records.system_list",
    "action add": "records.action_add",
    "action set": "records.action_set",
    "action done": "records.action_done",
    "action list": "records.action_list",
    "show": "records.show",
    "log add": "journal.log_add",
    "log list": "journal.log_list",
    "handover": "journal.handover",
    "deadline add": "rhythm.deadline_add",
    "deadline report": "rhythm.deadline_report",
    "deadline not-required": "rhythm.deadline_not_required",
    "deadline list": "rhythm.deadline_list",
    "briefing add": "rhythm.briefing_add",
    "briefing list": "rhythm.briefing_list",
    "briefing cancel": "rhythm.briefing_cancel",
    "briefing agenda": "rhythm.briefing_agenda",
    "briefing decision": "rhythm.briefing_decision",
    "template list": "rhythm.template_list",
    "export journal-csv": "export.journal_csv",
    "export journal-json": "export.journal_json",
    "export journal-pdf": "export.journal_pdf",
    "export board-pdf": "export.board_pdf",
    "export lagesbild": "export.lagesbild",
    "export archive": "export.archive",
    "store init": "sync.store_init",
    "store password": "sync.store_password",
    "sync": "sync.sync",
    "verify": "integrity.verify",
}
"""Each command's handler as ``module.function`` in this package, imported when the command
runs: ``--help``, ``--version`` and a usage error load no handler module (and so neither
SQLAlchemy nor the sync code behind them)."""


def handler(path: str) -> Handler:
    """The handler of command ``path`` (``""``: the window), its module imported now."""
    module, _dot, name = (HANDLERS.get(path) or "windows.window").partition(".")
    found: Handler = getattr(import_module(f"situation_board.cli.{module}"), name)
    return found


READ_ONLY = frozenset(
    {
        "event list",
        "level history",
        "system list",
        "action list",
        "log list",
        "show",
        "deadline list",
        "briefing list",
        "briefing agenda",
        "export journal-csv",
        "export journal-json",
        "export journal-pdf",
        "export board-pdf",
        "export lagesbild",
        "export archive",
    }
)
"""Commands that only read: given a path with no board (a typo in ``--db``) they say so and
create nothing, instead of printing an empty board from a new file."""


def _options(argv: Sequence[str]) -> Options:
    pre = argparse.ArgumentParser(add_help=False)
    for name in ("--db", "--config", "--station", "--user"):
        pre.add_argument(name)
    known, _rest = pre.parse_known_args(argv)
    return Options(
        db=Path(known.db) if known.db else None,
        config=Path(known.config) if known.config else None,
        station=known.station,
        user=known.user,
    )


def opens_window(argv: Sequence[str]) -> bool:
    """True when ``argv`` asks for a window program (no command, ``wall``, or ``demo`` without
    ``--no-gui``), judged without the full parser (the configuration may be broken)."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return False
    pre = argparse.ArgumentParser(add_help=False)
    for name in ("--db", "--config", "--station", "--user"):
        pre.add_argument(name)
    _known, rest = pre.parse_known_args(list(argv))
    words = [a for a in rest if not a.startswith("-")]
    if not words:
        return not rest
    if words[0] == "wall":
        return True
    return words[0] == "demo" and "--no-gui" not in rest


def _fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    emit(f"situation-board: {message}", err=True)
    return status


def _undecodable(argv: Sequence[str]) -> BoardError | None:
    """An argument holding bytes that are not UTF-8 (Python hands them over as lone surrogates,
    PEP 383), refused before anything reads it; the bytes are shown as ``\\xff``."""
    for index, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raw = arg.encode("utf-8", "surrogateescape")
            shown = raw.decode("utf-8", "backslashreplace")
            return BoardError("argument_not_utf8", index=index, value=shown)
    return None


def _unexpected(exc: BaseException, language: str) -> int:
    """Log ``exc`` with its traceback (the log file only) and say so in one line."""
    from situation_board.app import logs  # noqa: PLC0415 - after parsing: --help stays fast

    log.critical("unexpected error", exc_info=exc)
    return _fail(logs.unexpected_message(logs.log_path(), language), EXIT_UNEXPECTED)


def main(
    argv: Sequence[str] | None = None,
    *,
    clock: Clock = system_clock,
    windows: Windows | None = None,
) -> int:
    """Run one command; returns the exit status (0 ok, 2 bad input).

    ``argv`` defaults to ``sys.argv[1:]``; ``clock`` is the board's notion of now (tests pass a
    fixed one); ``windows`` opens the window programs (``None``: window commands print the board).
    """
    if hasattr(signal, "SIGPIPE"):  # `situation-board log list | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    argv = list(sys.argv[1:] if argv is None else argv)
    language = "sv"
    refused = _undecodable(argv)
    if refused is not None:
        return _fail(refused.message(language))
    try:
        options = _options(argv)
        ctx: AppContext = open_context(options, clock=clock)
        language = ctx.language
        localise_argparse()
        args = build_parser(HANDLERS).parse_args(argv)
    except UsageError as exc:
        return _fail(_("usage error: {0} (see --help)").format(exc))
    except BoardError as exc:  # a broken configuration: a window program shows it in a dialog
        if windows is not None and opens_window(argv):
            return windows.startup_error(exc.message(language), language)
        return _fail(exc.message(language))
    from situation_board.app import logs  # noqa: PLC0415 - after parsing: --help stays fast

    logs.setup(ctx.settings)
    path: str = getattr(args, "command_path", "")
    inv = Invocation(ctx, args, windows)
    try:
        if path in READ_ONLY:
            ctx.require_board()
        return handler(path)(inv)
    except BoardError as exc:
        return _fail(exc.message(language))
    except Exception as exc:
        return _unexpected(exc, language)
    finally:
        try:
            ctx.close()
        except Exception:  # closing a store on a broken disk: the error is already reported
            log.warning("closing the local store failed", exc_info=True)
