"""Errors the core raises for bad input and impossible requests.

Each error carries a message *key* and parameters; ``domain.messages`` renders it through the
message catalogue in Swedish (default) or English. The CLI prints the rendered message on one
line and exits with status 2; the window shows it beside the field it concerns.
"""

from __future__ import annotations

from typing import Any

from situation_board.domain.messages import render


class BoardError(Exception):
    """Base class: a request the board refuses, with a translatable message."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, language: str = "sv") -> str:
        """The message in ``language`` (``sv`` or ``en``), one line, parameters filled in."""
        return render(self.key, language, **self.params)

    def __str__(self) -> str:
        return self.message("sv")


class ValidationError(BoardError):
    """Input that breaks a rule: empty text, an absurd date, an unknown enum value."""


class NotFoundError(BoardError):
    """An id or name that matches nothing (or more than one thing)."""


class NoActiveEventError(BoardError):
    """Recording needs an active event and there is none."""

    def __init__(self) -> None:
        super().__init__("no_active_event")


class StateError(BoardError):
    """A request that the board's current state does not allow (e.g. a second active event)."""


class SchemaTooNewError(BoardError):
    """The database was written by a newer version of the program."""


class StoreIOError(BoardError):
    """The local store could not be read or written (disk full, read-only, permission denied,
    locked past the busy timeout, an I/O error). Nothing of the failed transaction was saved;
    the message says what happened, the traceback goes to the log file."""
