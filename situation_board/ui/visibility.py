"""Entries hidden from the wall after they were saved, applied to the journals that are loaded.

A journal entry is immutable; whether it shows on the wall lives beside it (``entry_visibility``)
and can change later — here, on another station, or through an undo. The journal is loaded
incrementally by rowid, so such a change would not reach a loaded journal: when a change set
names ``Topic.ENTRY_VISIBILITY`` (a local write or a sync pull), the visibility of the active
event's entries is read off the GUI thread and handed to ``apply``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from situation_board.domain.changes import ChangeSet, Topic
from situation_board.ui.controller import BoardController


class VisibilityFollower(QObject):
    """Calls ``apply({entry id: hidden})`` after every change of entry visibility."""

    def __init__(
        self,
        controller: BoardController,
        apply: Callable[[dict[str, bool]], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or controller)
        self.setObjectName("visibilityFollower")
        self.controller = controller
        self.apply = apply
        controller.bus.changed.connect(self._changed)

    def _changed(self, changes: ChangeSet) -> None:
        if Topic.ENTRY_VISIBILITY in changes:
            self.controller.execute(lambda s: s.wall_visibility(), on_done=self.apply, owner=self)
