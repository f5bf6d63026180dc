"""The common part of the list models: a flat table of frozen dataclasses under fixed headers.

``replace_rows`` updates a model in place, keyed by id: rows that went are removed, new rows are
inserted, moved rows are moved and the rest change their data. Nothing is reset, so the selection,
the current row and the scroll position survive the board reloading every 30 s and on every sync
(a reset would lose the action a user just selected to press K on).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ListModel(QAbstractTableModel):
    """Subclasses set ``headers`` (translated) and implement ``items`` and ``data``."""

    headers: list[str]

    def items(self) -> Sequence[Any]:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def replace_rows(
        self,
        new: Sequence[Any],
        set_rows: Callable[[tuple[Any, ...]], None],
        key: Callable[[Any], str] = lambda item: str(item.id),
    ) -> None:
        """Make the model show ``new`` (``set_rows`` stores the row tuple) with the smallest
        signals: removes, a layout change for moved rows, inserts, then ``dataChanged``."""
        rows = list(self.items())
        wanted = {key(item) for item in new}
        for row in range(len(rows) - 1, -1, -1):  # removals, bottom up
            if key(rows[row]) not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del rows[row]
                set_rows(tuple(rows))
                self.endRemoveRows()
        kept = {key(item) for item in rows}
        order = [key(item) for item in new if key(item) in kept]
        if [key(item) for item in rows] != order:  # moved rows: keep persistent indexes on them
            self.layoutAboutToBeChanged.emit()
            position = {k: i for i, k in enumerate(order)}
            old_keys = [key(item) for item in rows]
            rows.sort(key=lambda item: position[key(item)])
            set_rows(tuple(rows))
            for index in self.persistentIndexList():
                if index.isValid():
                    target = position[old_keys[index.row()]]
                    self.changePersistentIndex(index, self.index(target, index.column()))
            self.layoutChanged.emit()
        for row, item in enumerate(new):  # inserts, top down: row is where it belongs
            if row >= len(rows) or key(rows[row]) != key(item):
                self.beginInsertRows(QModelIndex(), row, row)
                rows.insert(row, item)
                set_rows(tuple(rows))
                self.endInsertRows()
        set_rows(tuple(new))
        if new:
            last = self.index(len(new) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
