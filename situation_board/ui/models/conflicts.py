"""Table model of sync conflicts: which field of what, the kept and the lost value, by whom."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from situation_board.domain.hlc import Hlc
from situation_board.domain.timeutil import fmt_datetime
from situation_board.services.describe import FIELD_SV
from situation_board.sync.conflicts import ConflictView
from situation_board.ui.models.base import ListModel

Index = QModelIndex | QPersistentModelIndex

ENTITY_SV = {
    "events": "Händelse",
    "systems": "System",
    "actions": "Åtgärd",
    "deadlines": "Frist",
    "briefings": "Stabsorientering",
}


def _value(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, str):
        try:
            return fmt_datetime(datetime.fromisoformat(value))
        except ValueError:
            return value
    return json.dumps(value, ensure_ascii=False)


def _when(stamp: str) -> str:
    hlc, _site = Hlc.parse(stamp)
    from datetime import UTC  # noqa: PLC0415

    return fmt_datetime(datetime.fromtimestamp(hlc.ms / 1000, UTC))


class ConflictsModel(ListModel):
    """One row per recorded conflict, newest first."""

    DETECTED, WHAT, KEPT, LOST, REVIEWED = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ConflictView] = []
        self.titles: dict[str, str] = {}
        self.headers = [
            self.tr("Detected"),
            self.tr("What"),
            self.tr("Kept value (newer)"),
            self.tr("Lost value"),
            self.tr("Reviewed"),
        ]

    def set_conflicts(self, rows: list[ConflictView], titles: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.titles = rows, titles
        self.endResetModel()

    def items(self) -> Sequence[Any]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        c = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.DETECTED:
            return fmt_datetime(c.detected_at)
        if col == self.WHAT:
            title = self.titles.get(c.entity_id, c.entity_id[-8:])
            field = FIELD_SV.get(c.field, c.field)
            return f"{ENTITY_SV.get(c.entity, c.entity)} ”{title}”: {field}"
        if col == self.KEPT:
            return f"{_value(c.kept_value)} ({c.kept_author}, {_when(c.kept_stamp)})"
        if col == self.LOST:
            return f"{_value(c.lost_value)} ({c.lost_author}, {_when(c.lost_stamp)})"
        if col == self.REVIEWED:
            return f"{c.reviewed_by}, {fmt_datetime(c.reviewed_at)}" if c.reviewed_at else "–"
        return None
