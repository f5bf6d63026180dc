"""One command of the command line: the application context, the parsed arguments, and how to
open windows (given by the entry point, so the CLI never imports the Qt face)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from situation_board.app.context import AppContext
from situation_board.app.windows import Windows
from situation_board.domain.enums import Labelled
from situation_board.domain.rules import parse_enum

if TYPE_CHECKING:  # the services (SQLAlchemy) load when a command first uses them
    from situation_board.services import BoardService

E = TypeVar("E", bound=Labelled)


@dataclass(slots=True)
class Invocation:
    """What a handler gets: ``ctx`` (settings, store, clock, language), ``args`` and
    ``windows`` (``None`` when Qt is not installed: window commands then print the board)."""

    ctx: AppContext
    args: argparse.Namespace
    windows: Windows | None = None

    @property
    def services(self) -> BoardService:
        """The use cases on the context's local board (opened on first use)."""
        return self.ctx.services()

    def when(self, text: str | None, field: str) -> datetime | None:
        """A time argument as an aware UTC instant (``None`` when not given)."""
        return self.ctx.parse_time(text, field)

    def enum(self, cls: type[E], value: str | None, field: str) -> E | None:
        """An enum argument by code name or label (``None`` when not given)."""
        return None if value is None else parse_enum(cls, value, field)
