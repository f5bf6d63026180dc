"""Table model of the deadline clocks (lagstadgade frister): open clocks first, by due time,
then the closed ones; the state in an urgency colour with its icon and words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from situation_board.domain.entities import DeadlineClock
from situation_board.domain.timeutil import fmt_datetime, fmt_table
from situation_board.i18n import _
from situation_board.ui import clocks, theme
from situation_board.ui.models.base import ListModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def ordered(deadlines: Sequence[DeadlineClock]) -> tuple[DeadlineClock, ...]:
    """Open clocks by due time, then closed ones, most recently closed first."""
    open_ = sorted((d for d in deadlines if d.is_open), key=lambda d: d.due_at)
    closed = sorted(
        (d for d in deadlines if not d.is_open),
        key=lambda d: d.reported_at or d.not_required_at or d.due_at,
        reverse=True,
    )
    return (*open_, *closed)


class DeadlinesModel(ListModel):
    """One row per clock of the active event."""

    STATE, TITLE, AWARE, DUE, LEFT, SOURCE = range(6)

    def __init__(self, language: str = "sv", parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language
        self._rows: tuple[DeadlineClock, ...] = ()
        self._now: datetime | None = None
        self.headers = [
            _("State"),
            _("Deadline"),
            _("Aware"),
            _("Due"),
            _("Time left / outcome"),
            _("Source"),
        ]

    def set_deadlines(self, deadlines: Sequence[DeadlineClock], now: datetime) -> None:
        rows = ordered(deadlines)
        if rows == self._rows and now == self._now:
            return
        self._now = now
        self.replace_rows(rows, self._store)

    def _store(self, rows: tuple[DeadlineClock, ...]) -> None:
        self._rows = rows

    def deadline(self, row: int) -> DeadlineClock:
        return self._rows[row]

    def items(self) -> Sequence[Any]:
        return self._rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        now = self._now
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or now is None:
            return None
        d = self._rows[index.row()]
        col = index.column()
        urgency = d.urgency(now)
        pair = clocks.urgency_pair(urgency) if col in (self.STATE, self.LEFT) else None
        if role == ID_ROLE:
            return d.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(d, col, now)
        if role == Qt.ItemDataRole.DecorationRole and col == self.STATE:
            return clocks.urgency_icon(urgency)
        if role == Qt.ItemDataRole.ForegroundRole:
            if pair is not None:
                return QBrush(QColor(pair[0]))
            if not d.is_open:
                return QBrush(QColor(theme.CLOSED_FG))
        if role == Qt.ItemDataRole.BackgroundRole and pair is not None:
            return QBrush(QColor(pair[1]))
        if role == Qt.ItemDataRole.FontRole and d.is_open and col in (self.STATE, self.TITLE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(d, now)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{d.title}: {clocks.state_text(d, now, self.language)}"
        return None

    def _display(self, d: DeadlineClock, col: int, now: datetime) -> str:
        lang = self.language
        if col == self.STATE:
            return clocks.state_text(d, now, lang)
        if col == self.TITLE:
            return d.title
        if col == self.AWARE:
            return fmt_table(d.aware_at, now, lang)
        if col == self.DUE:
            return fmt_table(d.due_at, now, lang)
        if col == self.LEFT:
            return clocks.time_left(d, now, lang) if d.is_open else clocks.outcome_text(d, lang)
        if col == self.SOURCE:
            return d.source or "–"
        return ""

    def _tooltip(self, d: DeadlineClock, now: datetime) -> str:
        lines = [f"<b>{d.title}</b> — {clocks.state_text(d, now, self.language)}"]
        lines.append(_("Aware {0}").format(fmt_datetime(d.aware_at)))
        lines.append(_("due {0}").format(fmt_datetime(d.due_at)))
        outcome = clocks.outcome_text(d, self.language)
        if outcome:
            lines.append(outcome)
        if d.source:
            lines.append(d.source)
        return "<br>".join(lines)
