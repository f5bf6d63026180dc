"""The one change bus: every write announces which kinds of data it touched.

Change sets are sets of table names (``journal``, ``systems``, ``actions``, ``level_decisions``,
``events``, ``deadlines``, ``briefings``, ``handovers``) or ``ALL`` (after a sync pull). Panels
listen and refresh only what their data depends on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

ALL = frozenset(
    {
        "events",
        "level_decisions",
        "systems",
        "actions",
        "journal",
        "deadlines",
        "briefings",
        "handovers",
    }
)


class ChangeBus(QObject):
    """Broadcasts change sets on the GUI thread."""

    changed = Signal(frozenset)

    def announce(self, changes: frozenset[str]) -> None:
        self.changed.emit(frozenset(changes))
