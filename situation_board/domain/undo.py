"""Undo of quick actions (one key or one click: K, a status change, hide from the wall).

A quick change returns an ``UndoStep`` with its ``Outcome``: which fields of which mutable record it
changed, from what to what. Undoing writes a NEW change that restores the ``before`` values —
nothing is erased from the record, and the journal shows the change and its undo — and only when
every field still holds the ``after`` value (if another user or station changed it since, the undo
is refused instead of overwriting their change).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from situation_board.domain.messages import Text


@dataclass(frozen=True, slots=True)
class UndoStep:
    """How to undo one change of a mutable record.

    ``entity`` is the record's table (``actions``, ``systems``, ``entry_visibility``) and
    ``entity_id`` its id; ``before`` and ``after`` are ``(field, column value)`` pairs — the
    values the change replaced and the values it wrote (UTC instants, enum code names);
    ``summary`` says what the change did, for the status bar (*Ångra*); ``journal_number`` is
    the number of the journal entry the change wrote (``V1-0042``), named by the undo's entry.
    """

    entity: str
    entity_id: str
    before: tuple[tuple[str, Any], ...]
    after: tuple[tuple[str, Any], ...]
    summary: Text
    journal_number: str = ""

    @classmethod
    def of(
        cls,
        entity: str,
        entity_id: str,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        *,
        summary: Text,
        journal_number: str = "",
    ) -> UndoStep:
        """The step for a change that replaced ``old`` (``{field: value}``, e.g. what
        ``WriteTx.update`` returns) by the matching values of ``new``."""
        fields = sorted(old)
        return cls(
            entity,
            entity_id,
            tuple((f, old[f]) for f in fields),
            tuple((f, new[f]) for f in fields),
            summary,
            journal_number,
        )

    @property
    def restores(self) -> dict[str, Any]:
        """``{field: value}`` the undo writes back."""
        return dict(self.before)

    @property
    def expects(self) -> dict[str, Any]:
        """``{field: value}`` the record must still hold for the undo to be allowed."""
        return dict(self.after)
