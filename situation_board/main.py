"""The program's entry point (``situation-board``, ``python -m situation_board``).

It runs the command line with the Qt face's window launcher. It is the one module that may
import both faces (DESIGN §3: "the entry point may launch the window"); Qt is imported only when
a window is actually opened.
"""

from __future__ import annotations

import sys

from situation_board import APP_NAME, __version__

TYPE_CHECKING = False  # not ``typing.TYPE_CHECKING``: --version imports nothing it does not need
if TYPE_CHECKING:
    from collections.abc import Sequence

    from situation_board.app.context import AppContext


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
    from importlib.util import find_spec  # noqa: PLC0415 - not for --version

    return find_spec("PySide6") is not None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit status.

    ``situation-board --version`` answers before anything else is imported (the configuration,
    the catalogue, the command line); every other command goes through the CLI, which imports
    the store (SQLAlchemy) and the window (Qt) only when a command needs them.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        print(f"{APP_NAME} {__version__}")
        return 0
    from situation_board.cli import main as cli_main  # noqa: PLC0415 - not for --version

    return cli_main(args, windows=QtWindows() if qt_available() else None)
