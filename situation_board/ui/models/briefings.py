"""Table model of the briefings (stabsorienteringar): single ones and rhythms, with the next
occurrence counting down; cancelled and past ones stay listed, greyed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from situation_board.domain.entities import Briefing
from situation_board.domain.timeutil import countdown, fmt_datetime, fmt_table
from situation_board.i18n import _
from situation_board.ui import theme
from situation_board.ui.models.base import ListModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def ordered(briefings: Sequence[Briefing], now: datetime) -> tuple[Briefing, ...]:
    """Briefings still to come by their next time, then the others by their first time."""
    coming = [(b.next_at(now), b) for b in briefings]
    ahead = sorted(((at, b) for at, b in coming if at is not None), key=lambda p: p[0])
    done = sorted((b for at, b in coming if at is None), key=lambda b: b.at, reverse=True)
    return (*(b for _at, b in ahead), *done)


class BriefingsModel(ListModel):
    """One row per briefing of the active event."""

    TITLE, RHYTHM, NEXT = range(3)

    def __init__(self, language: str = "sv", parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language
        self._rows: tuple[Briefing, ...] = ()
        self._now: datetime | None = None
        self.headers = [_("Briefing"), _("When"), _("Next")]

    def set_briefings(self, briefings: Sequence[Briefing], now: datetime) -> None:
        rows = ordered(briefings, now)
        if rows == self._rows and now == self._now:
            return
        self._now = now
        self.replace_rows(rows, self._store)

    def _store(self, rows: tuple[Briefing, ...]) -> None:
        self._rows = rows

    def briefing(self, row: int) -> Briefing:
        return self._rows[row]

    def items(self) -> Sequence[Any]:
        return self._rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        now = self._now
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or now is None:
            return None
        b = self._rows[index.row()]
        col = index.column()
        nxt = b.next_at(now)
        if role == ID_ROLE:
            return b.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(b, col, now, nxt)
        if role == Qt.ItemDataRole.ForegroundRole and nxt is None:
            return QBrush(QColor(theme.CLOSED_FG))
        if role == Qt.ItemDataRole.FontRole and nxt is not None and col == self.NEXT:
            font = QFont()
            font.setBold(True)
            return font
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{b.title}: {self._display(b, self.RHYTHM, now, nxt)} · " + self._display(
                b, self.NEXT, now, nxt
            )
        return None

    def _display(self, b: Briefing, col: int, now: datetime, nxt: datetime | None) -> str:
        lang = self.language
        if col == self.TITLE:
            return b.title
        if col == self.RHYTHM:
            if b.recurrence is None:
                return fmt_table(b.at, now, lang)
            return _("{rhythm}, from {start}").format(
                rhythm=b.recurrence.describe(lang), start=fmt_table(b.at, now, lang)
            )
        if col == self.NEXT:
            if nxt is not None:
                return f"{fmt_table(nxt, now, lang)} ({countdown(nxt - now, lang)})"
            if b.cancelled_at is not None:
                return _("cancelled {0}").format(fmt_datetime(b.cancelled_at))
            return _("held")
        return ""
