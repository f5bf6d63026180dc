"""Change sets: which kinds of data a write (or a sync pull) touched.

A service's write returns an ``Outcome``: the value it made or changed and the change set taken
from its write transaction (``WriteTx.changes``), as Anki's collection operations return their
``OpChanges``. The window and the wall refresh only what a change set names; a sync report
carries the change set of its pull.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from situation_board.domain.undo import UndoStep


class Topic(StrEnum):
    """A kind of data the views show; the replicated ones are named like their tables."""

    EVENTS = "events"
    LEVEL_DECISIONS = "level_decisions"
    SYSTEMS = "systems"
    ACTIONS = "actions"
    JOURNAL = "journal"
    DEADLINES = "deadlines"
    BRIEFINGS = "briefings"
    HANDOVERS = "handovers"
    CONFLICTS = "conflicts"
    STATION = "station"
    ENTRY_VISIBILITY = "entry_visibility"
    """Whether journal entries are hidden from the wall (a mutable record beside each entry)."""
    REMINDERS = "reminders"
    """Acknowledged reminders (``reminder_acks``) and this station's shown reminders."""


ChangeSet = frozenset[Topic]
"""The topics one write or one sync run changed."""

NOTHING: ChangeSet = frozenset()
EVERYTHING: ChangeSet = frozenset(Topic)
_BY_NAME = {t.value: t for t in Topic}
_BY_NAME["reminder_acks"] = Topic.REMINDERS


def change_set(names: Iterable[str]) -> ChangeSet:
    """The topics among ``names`` (table or topic names); unknown names are ignored."""
    return frozenset(_BY_NAME[n] for n in names if n in _BY_NAME)


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What a write use case returns: its ``value`` (a frozen entity), its ``changes``, and for
    a quick change (K, a status change, hide from the wall) the ``undo`` step that restores the
    previous values (``services`` ``undo``)."""

    value: T
    changes: ChangeSet
    undo: UndoStep | None = None
