"""The program's entry point (``situation-board``, ``python -m situation_board``).

It runs the command line with the Qt face's window launcher. It is the one module that may
import both faces (DESIGN §3: "the entry point may launch the window"); Qt is imported only when
a window is actually opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

from situation_board.app.context import AppContext
from situation_board.app.windows import NoWindows
from situation_board.cli import main as cli_main


def _launch() -> ModuleType:
    try:
        from situation_board.ui import launch  # noqa: PLC0415 - Qt only when a window opens
    except ImportError as exc:  # PySide6 not installed: the CLI prints the board instead
        raise NoWindows(str(exc)) from None
    return launch


class QtWindows:
    """``app.windows.Windows`` through the Qt face, imported on first use (``NoWindows``
    when PySide6 cannot be imported)."""

    def workstation(self, ctx: AppContext) -> int:
        """Open the workstation window (see ``ui.launch.run_workstation``)."""
        return int(_launch().run_workstation(ctx))

    def wall(self, ctx: AppContext, *, screen: int | None, windowed: bool) -> int:
        """Open the wall display (see ``ui.launch.run_wall``)."""
        return int(_launch().run_wall(ctx, screen=screen, windowed=windowed))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit status."""
    return cli_main(argv, windows=QtWindows())
