"""How the command line opens windows without importing the Qt face.

The entry point (``situation_board.main``) hands the CLI a ``Windows`` implementation from the
Qt face; the CLI only knows this protocol, so the faces never import each other.
"""

from __future__ import annotations

from typing import Protocol

from situation_board.app.context import AppContext


class NoWindows(Exception):
    """The window programs cannot start here (Qt is not installed)."""


class Windows(Protocol):
    """Opens the window programs; each returns the process exit status."""

    def workstation(self, ctx: AppContext) -> int:
        """Open the workstation window on the context's local board until it closes."""
        ...

    def wall(self, ctx: AppContext, *, screen: int | None, windowed: bool) -> int:
        """Open the wall display (screen index ``screen``, default the first) until closed."""
        ...

    def problem(self, language: str) -> str | None:
        """Why no window can open here (one line in ``language``), or ``None`` when one can.
        Checked before any window toolkit is loaded (``app.startup``)."""
        ...

    def startup_error(self, message: str, language: str) -> int:
        """Tell the person why a window program cannot start (``message``: one line): in a
        dialog when a display is usable, always on stderr; returns the exit status (2)."""
        ...
