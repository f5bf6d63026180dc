"""The program's entry point (``situation-board``, ``python -m situation_board``).

It runs the command line with the Qt face's window launcher. It is the one module that may
import both faces (DESIGN §3: "the entry point may launch the window"); Qt is imported only when
a window is actually opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.util import find_spec

from situation_board.app.context import AppContext
from situation_board.cli import main as cli_main


class QtWindows:
    """``app.windows.Windows`` through the Qt face, imported on first use."""

    def workstation(self, ctx: AppContext) -> int:
        """Open the workstation window (see ``ui.launch.run_workstation``)."""
        from situation_board.ui.launch import run_workstation  # noqa: PLC0415 - Qt on demand

        return run_workstation(ctx)

    def wall(self, ctx: AppContext, *, screen: int | None, windowed: bool) -> int:
        """Open the wall display (see ``ui.launch.run_wall``)."""
        from situation_board.ui.launch import run_wall  # noqa: PLC0415 - Qt on demand

        return run_wall(ctx, screen=screen, windowed=windowed)


def qt_available() -> bool:
    """True when PySide6 can be imported (without importing it)."""

    return find_spec("PySide6") is not None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit status."""
    return cli_main(argv, windows=QtWindows() if qt_available() else None)
