"""The program's entry point (``situation-board``, ``python -m situation_board``).

It runs the command line with the Qt face's window launcher. It is the one module that may
import both faces (DESIGN §3: "the entry point may launch the window"); Qt is imported only when
a window is actually opened, and only after ``app.startup`` has found a usable display — without
one the program says so in one line and exits with status 2 instead of letting Qt abort. Without
PySide6 at all (``NoWindows``) the CLI prints the board instead.

Errors that stop a window program before it shows (a broken configuration, a station-code clash,
a newer local schema, a locked or unreadable database, a screen that does not exist) are shown in
a dialog when there is a display, and always as one line on stderr; the exit status is 2.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from situation_board.app import startup
from situation_board.app.context import AppContext
from situation_board.app.windows import NoWindows
from situation_board.cli import main as cli_main
from situation_board.domain.errors import BoardError

EXIT_STARTUP = 2
log = logging.getLogger(__name__)


def _launch() -> ModuleType:
    try:
        from situation_board.ui import launch  # noqa: PLC0415 - Qt only when a window opens
    except ImportError as exc:  # PySide6 not installed: the CLI prints the board instead
        raise NoWindows(str(exc)) from None
    return launch


def _line(message: str) -> int:
    print(f"situation-board: {message}", file=sys.stderr)
    return EXIT_STARTUP


class QtWindows:
    """``app.windows.Windows`` through the Qt face, imported on first use (``NoWindows``
    when PySide6 cannot be imported)."""

    def problem(self, language: str) -> str | None:
        """Why no window can open here (``app.startup.display_problem``), or ``None`` — also
        when Qt is not installed at all (the window commands then print the board)."""
        if not startup.qt_installed():
            return None
        found = startup.display_problem()
        return None if found is None else found.message(language)

    def startup_error(self, message: str, language: str) -> int:
        """One line on stderr, and the start-up dialog when a display is usable; returns 2."""
        _line(message)
        if startup.qt_installed() and startup.display_problem() is None:
            try:
                from situation_board.ui.startup import (  # noqa: PLC0415 - Qt on demand
                    show_startup_error,
                )
            except ImportError as exc:
                log.warning("no start-up dialog (%s)", exc)
            else:
                show_startup_error(message, language)
        return EXIT_STARTUP

    def _prepare(self, ctx: AppContext) -> int | None:
        """Open the local store (Qt-free: its errors are the person's to fix, display or not),
        then check the display: an exit status, or ``None`` to go on."""
        try:
            ctx.store()
        except BoardError as exc:
            return self.startup_error(exc.message(ctx.language), ctx.language)
        problem = self.problem(ctx.language)
        if problem is not None:
            return _line(problem)
        return None

    def workstation(self, ctx: AppContext) -> int:
        """Open the workstation window (see ``ui.launch.run_workstation``)."""
        status = self._prepare(ctx)
        if status is not None:
            return status
        launch = _launch()
        try:
            return int(launch.run_workstation(ctx))
        except BoardError as exc:
            return self.startup_error(exc.message(ctx.language), ctx.language)

    def wall(self, ctx: AppContext, *, screen: int | None, windowed: bool) -> int:
        """Open the wall display (see ``ui.launch.run_wall``)."""
        status = self._prepare(ctx)
        if status is not None:
            return status
        launch = _launch()
        try:
            return int(launch.run_wall(ctx, screen=screen, windowed=windowed))
        except BoardError as exc:
            return self.startup_error(exc.message(ctx.language), ctx.language)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit status."""
    return cli_main(argv, windows=QtWindows())
