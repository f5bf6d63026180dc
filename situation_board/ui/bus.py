"""The one change bus: every write and every sync pull announces its change set.

A change set (``domain.changes.ChangeSet``) names the topics a service's write transaction or a
sync run touched; panels listen and refresh only what their data depends on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from situation_board.domain.changes import ChangeSet


class ChangeBus(QObject):
    """Broadcasts change sets on the GUI thread."""

    changed = Signal(frozenset)

    def announce(self, changes: ChangeSet) -> None:
        """Tell every listener that ``changes`` changed (nothing for an empty set)."""
        if changes:
            self.changed.emit(frozenset(changes))
