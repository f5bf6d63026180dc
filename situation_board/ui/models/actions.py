"""Table model of the actions (åtgärder) and the proxy that sorts and filters them.

Open actions come first, sorted by due time (no due time last); overdue rows are red with an icon,
rows due within the hour amber. The proxy filters by owner and by status group.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from situation_board.domain.entities import Action
from situation_board.domain.enums import ActionStatus, Priority
from situation_board.domain.ids import short_id
from situation_board.domain.timeutil import countdown, fmt_datetime, fmt_table, late_by
from situation_board.i18n import _
from situation_board.ui import theme
from situation_board.ui.models.base import ListModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
OWNER_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4

OPEN_GROUP = "open"  # open + in progress (the default filter)
ALL_GROUP = "all"


class ActionsModel(ListModel):
    """One row per action."""

    FLAG, TITLE, OWNER, DUE, PRIORITY, STATUS = range(6)

    def __init__(self, language: str = "sv", parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language
        self._rows: tuple[Action, ...] = ()
        self._now: datetime | None = None
        self._system_names: dict[str, str] = {}
        self.headers = [
            "",
            _("Action"),
            _("Owner"),
            _("Due"),
            _("Priority"),
            _("Status"),
        ]

    def set_actions(
        self, actions: tuple[Action, ...], now: datetime, system_names: dict[str, str] | None = None
    ) -> None:
        if actions == self._rows and now == self._now:
            return
        self._now = now
        self._system_names = system_names or {}
        self.replace_rows(actions, self._store)

    def _store(self, rows: tuple[Action, ...]) -> None:
        self._rows = rows

    def action(self, row: int) -> Action:
        return self._rows[row]

    def owners(self) -> list[str]:
        return sorted({a.owner for a in self._rows if a.owner}, key=str.casefold)

    def items(self) -> Sequence[Any]:
        return self._rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        now = self._now  # the board's as-of time, set with the rows
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or now is None:
            return None
        a = self._rows[index.row()]
        col = index.column()
        overdue, soon = a.is_overdue(now), a.is_due_soon(now)
        if role == ID_ROLE:
            return a.id
        if role == OWNER_ROLE:
            return a.owner
        if role == STATUS_ROLE:
            return a.status.value
        if role == SORT_ROLE:
            due = a.due_at.timestamp() if a.due_at else float("inf")
            return (1 if a.status.is_closed else 0, due, a.priority.rank, a.title.casefold())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(a, col, now, overdue, soon)
        if role == Qt.ItemDataRole.DecorationRole and col == self.FLAG:
            if a.status.is_closed:
                return theme.icon("done")
            if overdue:
                return theme.icon("overdue")
            if soon:
                return theme.icon("due-soon")
        if role == Qt.ItemDataRole.BackgroundRole:
            if overdue:
                return QBrush(QColor(theme.OVERDUE_BG))
            if soon:
                return QBrush(QColor(theme.DUE_SOON_BG))
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return QBrush(QColor(theme.OVERDUE_FG))
            if soon:
                return QBrush(QColor(theme.DUE_SOON_FG))
            if a.status.is_closed:
                return QBrush(QColor(theme.CLOSED_FG))
        if role == Qt.ItemDataRole.FontRole and (
            overdue or (col == self.PRIORITY and a.priority is Priority.HIGH)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(a, overdue, soon)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.FLAG:
            return self._flag_text(a, overdue, soon)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.FLAG:
            return self._flag_text(a, overdue, soon)
        return None

    def _flag_text(self, a: Action, overdue: bool, soon: bool) -> str:
        if a.status.is_closed:
            return a.status.label(self.language)
        if overdue:
            return _("Overdue")
        if soon:
            return _("Due within the hour")
        return ""

    def _display(self, a: Action, col: int, now: datetime, overdue: bool, soon: bool) -> str:
        if col == self.FLAG:
            return ""
        if col == self.TITLE:
            return a.title
        if col == self.OWNER:
            return a.owner or "–"
        if col == self.DUE:
            due = fmt_table(a.due_at, now, self.language) or "–"
            if a.due_at is None or a.status.is_closed:
                return due
            if overdue:  # how late, not just that it is: "15:00 · FÖRSENAD 1 h 05 min"
                late = late_by(now - a.due_at, self.language)
                return _("{0} · OVERDUE {1}").format(due, late)
            if soon:
                return f"{due} · {countdown(a.due_at - now, self.language)}"
            return due
        if col == self.PRIORITY:
            return a.priority.label(self.language)
        if col == self.STATUS:
            return a.status.label(self.language)
        return ""

    def _tooltip(self, a: Action, overdue: bool, soon: bool) -> str:
        lines = [f"<b>{a.title}</b>", f"id {short_id(a.id)}"]
        if a.due_at:
            lines.append(_("Due {0}").format(fmt_datetime(a.due_at)))
        if a.system_id and a.system_id in self._system_names:
            lines.append(_("System: {0}").format(self._system_names[a.system_id]))
        flag = self._flag_text(a, overdue, soon)
        if flag:
            lines.append(f"<b>{flag}</b>")
        return "<br>".join(lines)


class ActionsProxy(QSortFilterProxyModel):
    """Sorts open-first by due time; filters by owner and status group."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._owner = ""
        self._status = OPEN_GROUP
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.sort(ActionsModel.DUE)

    def set_owner(self, owner: str) -> None:
        self.beginFilterChange()
        self._owner = owner
        self.endFilterChange()

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        if self._owner and model.data(index, OWNER_ROLE) != self._owner:
            return False
        status = model.data(index, STATUS_ROLE)
        if self._status == ALL_GROUP:
            return True
        if self._status == OPEN_GROUP:
            return status in (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)
        return bool(status == self._status)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        return bool(model.data(left, SORT_ROLE) < model.data(right, SORT_ROLE))
