"""Table model of the affected systems (berörda system)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from situation_board.domain.entities import AffectedSystem
from situation_board.domain.timeutil import fmt_datetime, fmt_table
from situation_board.i18n import _
from situation_board.ui import theme
from situation_board.ui.models.base import ListModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SystemsModel(ListModel):
    """One row per system, worst status first (the service sorts them)."""

    STATUS, NAME, RESERVE, WORKAROUND, PROGNOSIS, NEXT_UPDATE, SUPPLIER = range(7)

    def __init__(self, language: str = "sv", parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language
        self._rows: tuple[AffectedSystem, ...] = ()
        self._now: datetime | None = None
        self.headers = [
            _("Status"),
            _("System"),
            _("Reserve routine"),
            _("Workaround"),
            _("Prognosis"),
            _("Next update"),
            _("Supplier"),
        ]

    def set_systems(self, systems: tuple[AffectedSystem, ...], now: datetime) -> None:
        if systems == self._rows and now == self._now:
            return
        self._now = now
        self.replace_rows(systems, self._store)

    def _store(self, rows: tuple[AffectedSystem, ...]) -> None:
        self._rows = rows

    def system(self, row: int) -> AffectedSystem:
        return self._rows[row]

    def items(self) -> Sequence[Any]:
        return self._rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        now = self._now  # the board's as-of time, set with the rows
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or now is None:
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return s.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, col, now)
        if role == Qt.ItemDataRole.DecorationRole and col == self.STATUS:
            return theme.status_icon(s.status)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.STATUS:
                return QBrush(QColor(theme.STATUS_COLOURS[s.status]))
            if col == self.NEXT_UPDATE and s.next_update_overdue(now):
                return QBrush(QColor(theme.OVERDUE_FG))
            if col == self.PROGNOSIS and not s.has_prognosis:
                return QBrush(QColor(theme.CLOSED_FG))
        if role == Qt.ItemDataRole.FontRole and col in (self.STATUS, self.NAME):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{s.name}: {s.status.label(self.language)}"
        return None

    def _display(self, s: AffectedSystem, col: int, now: datetime) -> str:
        lang = self.language
        if col == self.STATUS:
            return s.status.label(lang)
        if col == self.NAME:
            return s.name + ("  ⚠ " + _("personal data") if s.personal_data_affected else "")
        if col == self.RESERVE:
            if not s.reserve_routine_active:
                return "–"
            since = fmt_table(s.reserve_routine_since, now, lang)
            return _("Active since {0}").format(since) if since else _("Active")
        if col == self.WORKAROUND:
            return s.workaround or "–"
        if col == self.PROGNOSIS:
            if s.prognosis_at is not None:
                return fmt_table(s.prognosis_at, now, lang)
            return s.prognosis_text or _("no prognosis")
        if col == self.NEXT_UPDATE:
            text = fmt_table(s.next_update_at, now, lang)
            if s.next_update_overdue(now):  # the promised update has not come
                return "⚠ " + _("{0} · not received").format(text)
            return text or "–"
        if col == self.SUPPLIER:
            return s.supplier or "–"
        return ""

    def _tooltip(self, s: AffectedSystem) -> str:
        lines = [f"<b>{s.name}</b> — {s.status.label(self.language)}"]
        if s.status_since:
            lines.append(_("Status since {0}").format(fmt_datetime(s.status_since)))
        for label, value in (
            (_("Processes"), s.processes),
            (_("Supplier"), s.supplier),
            (_("Reserve routine"), s.reserve_routine),
            (_("Workaround"), s.workaround),
        ):
            if value:
                lines.append(f"{label}: {value}")
        if s.personal_data_affected:
            lines.append(_("Personal data may be affected"))
        return "<br>".join(lines)
