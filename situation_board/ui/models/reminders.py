"""Table model of the active reminders (*Påminnelser*): what, since when, and its state — new,
shown (how often), or acknowledged by whom and when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from situation_board.domain.reminders import Evaluation, Reminder, Shown
from situation_board.domain.timeutil import fmt_datetime, fmt_table
from situation_board.i18n import _, ngettext
from situation_board.ui import theme
from situation_board.ui.models.base import ListModel

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def state_text(r: Reminder, now: datetime, language: str) -> str:
    """``Ny`` / ``Visad`` / ``Visad 3 gånger`` / ``Kvitterad av Anna 14:05``."""
    if r.ack is not None:
        return _("Acknowledged by {0} {1}").format(r.ack.by, fmt_table(r.ack.at, now, language))
    if r.shown is None:
        return _("New")
    if r.shown.times == 1:
        return _("Shown")
    return ngettext("Shown {0} time", "Shown {0} times", r.shown.times).format(r.shown.times)


def reminder_icon(r: Reminder) -> Any:
    if r.acknowledged:
        return theme.icon("acknowledged")
    return theme.icon("overdue") if r.kind.urgent else theme.icon("reminder")


class RemindersModel(ListModel):
    """One row per active reminder: unacknowledged first, urgent first, newest first."""

    STATE, KIND, TEXT, SINCE = range(4)

    def __init__(self, language: str = "sv", parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language
        self._rows: tuple[Reminder, ...] = ()
        self._now: datetime | None = None
        self.headers = [_("State"), _("Reminder"), _("Text"), _("Since")]

    def set_evaluation(self, evaluation: Evaluation) -> None:
        """Show ``evaluation``'s reminders; those it made due count as shown once more (the
        driver has just notified them)."""
        due = {r.key for r in evaluation.due}
        rows = tuple(
            _shown_now(r, evaluation.now) if r.key in due else r for r in evaluation.reminders
        )
        if rows == self._rows and evaluation.now == self._now:
            return
        self._now = evaluation.now
        self.replace_rows(rows, self._store, key=lambda r: str(r.key))

    def _store(self, rows: tuple[Reminder, ...]) -> None:
        self._rows = rows

    def items(self) -> Sequence[Any]:
        return self._rows

    def reminder(self, row: int) -> Reminder:
        return self._rows[row]

    def unacknowledged(self) -> list[Reminder]:
        return [r for r in self._rows if not r.acknowledged]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        now = self._now
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or now is None:
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == KEY_ROLE:
            return r.key
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.STATE:
                return state_text(r, now, self.language)
            if col == self.KIND:
                return r.kind.label(self.language)
            if col == self.TEXT:
                return r.text(self.language)
            return fmt_table(r.since, now, self.language)
        if role == Qt.ItemDataRole.DecorationRole and col == self.STATE:
            return reminder_icon(r)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.acknowledged:
                return QBrush(QColor(theme.CLOSED_FG))
            if r.kind.urgent:
                return QBrush(QColor(theme.OVERDUE_FG))
        if role == Qt.ItemDataRole.FontRole and not r.acknowledged:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [r.text(self.language), _("Since {0}").format(fmt_datetime(r.since))]
            if r.shown is not None:
                lines.append(_("First shown {0}").format(fmt_datetime(r.shown.first_at)))
            if r.ack is not None:
                station = f" ({r.ack.station})" if r.ack.station else ""
                lines.append(state_text(r, now, self.language) + station)
            return "\n".join(lines)
        return None


def _shown_now(r: Reminder, now: datetime) -> Reminder:
    return replace(r, shown=Shown.at(r.shown, r.key, now))
