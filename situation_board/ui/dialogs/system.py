"""Add or edit an affected system; a status change asks for a comment for the journal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from situation_board.domain.clock import system_clock
from situation_board.domain.entities import AffectedSystem
from situation_board.domain.enums import SystemStatus
from situation_board.domain.errors import ValidationError
from situation_board.domain.rules import MAX_NAME, optional_text, require_text
from situation_board.domain.timeutil import looks_like_time, parse_instant, prefill_time
from situation_board.ui import theme
from situation_board.ui.dialogs.common import FormDialog

NO_PROGNOSIS = frozenset({"", "ingen", "ingen prognos", "none", "no prognosis", "-", "–"})


class SystemDialog(FormDialog):
    """Fields of ``AffectedSystem``; ``values()`` holds only what changed when editing."""

    def __init__(
        self, language: str, system: AffectedSystem | None = None, parent: QWidget | None = None
    ) -> None:
        title = self.tr("New affected system") if system is None else self.tr("Edit system")
        super().__init__(title, language, parent)
        self.original = system
        self.name = QLineEdit(system.name if system else "")
        self.name.setObjectName("systemName")
        self.status = QComboBox()
        self.status.setObjectName("systemStatus")
        for st in SystemStatus:
            self.status.addItem(theme.status_icon(st), st.label(language), st.value)
        self.status.setCurrentIndex(
            self.status.findData((system.status if system else SystemStatus.DOWN).value)
        )
        self.supplier = QLineEdit(system.supplier if system else "")
        self.supplier.setObjectName("systemSupplier")
        self.processes = QLineEdit(system.processes if system else "")
        self.processes.setObjectName("systemProcesses")
        self.reserve_active = QCheckBox(self.tr("Reserve routine active"))
        self.reserve_active.setObjectName("systemReserveActive")
        self.reserve_active.setChecked(system.reserve_routine_active if system else False)
        self.reserve = QPlainTextEdit(system.reserve_routine if system else "")
        self.reserve.setObjectName("systemReserve")
        self.reserve.setTabChangesFocus(True)
        self.reserve.setMaximumHeight(70)
        self.workaround = QPlainTextEdit(system.workaround if system else "")
        self.workaround.setObjectName("systemWorkaround")
        self.workaround.setTabChangesFocus(True)
        self.workaround.setMaximumHeight(70)
        prognosis = ""
        if system is not None:
            prognosis = (
                prefill_time(system.prognosis_at) if system.prognosis_at else system.prognosis_text
            )
        self.prognosis = QLineEdit(prognosis)
        self.prognosis.setObjectName("systemPrognosis")
        self.prognosis.setPlaceholderText(self.tr("no prognosis — or a time, or a text"))
        self.personal = QCheckBox(self.tr("Personal data may be affected"))
        self.personal.setObjectName("systemPersonalData")
        self.personal.setChecked(system.personal_data_affected if system else False)
        self.next_update = QLineEdit(prefill_time(system.next_update_at) if system else "")
        self._prefilled = (prognosis, self.next_update.text())  # unchanged: keep the instants
        self.next_update.setObjectName("systemNextUpdate")
        self.next_update.setPlaceholderText(self.tr("e.g. 16:00 or 2024-01-30 09:00"))
        self.comment = QLineEdit()
        self.comment.setObjectName("systemComment")
        self.comment.setPlaceholderText(
            self.tr("Written to the journal (required when the status changes)")
        )
        self.add_row(self.tr("&Name:"), self.name, self.tr("System name"))
        self.add_row(self.tr("&Status:"), self.status, self.tr("Status"))
        self.add_row(self.tr("Su&pplier:"), self.supplier, self.tr("Supplier"))
        self.add_row(self.tr("Affected &processes:"), self.processes, self.tr("Affected processes"))
        self.add_row("", self.reserve_active, self.tr("Reserve routine active"))
        self.add_row(self.tr("&Reserve routine:"), self.reserve, self.tr("Reserve routine"))
        self.add_row(
            self.tr("&Workaround:"), self.workaround, self.tr("Workaround or alternative solution")
        )
        self.add_row(self.tr("Pro&gnosis:"), self.prognosis, self.tr("Prognosis"))
        self.add_row("", self.personal, self.tr("Personal data may be affected"))
        self.add_row(self.tr("Next &update:"), self.next_update, self.tr("Next update due"))
        self.add_row(self.tr("&Comment:"), self.comment, self.tr("Comment for the journal"))
        self._values: dict[str, Any] = {}

    def _prognosis(self) -> tuple[datetime | None, str]:
        text = self.prognosis.text().strip()
        if text.casefold() in NO_PROGNOSIS:
            return None, ""
        try:
            return parse_instant(text, system_clock(), "prognosis"), ""
        except ValidationError as exc:
            if exc.key in ("absurd_date", "ambiguous_time", "nonexistent_time"):
                raise
            if looks_like_time(text):  # a mistyped time, not a prognosis in words
                raise
            return None, text

    def validate(self) -> None:
        name = require_text(self.check(self.name).text(), "name", limit=MAX_NAME)
        status = SystemStatus(self.status.currentData())
        self.check(self.prognosis)
        s = self.original
        if s is not None and self.prognosis.text() == self._prefilled[0]:
            prognosis_at, prognosis_text = s.prognosis_at, s.prognosis_text
        else:
            prognosis_at, prognosis_text = self._prognosis()
        if s is not None and self.next_update.text() == self._prefilled[1]:
            next_update = s.next_update_at
        else:
            next_update = self.parse_time(self.next_update, "next_update")
        comment = optional_text(self.comment.text(), "comment")
        values: dict[str, Any] = {
            "name": name,
            "status": status,
            "supplier": self.supplier.text().strip(),
            "processes": self.processes.text().strip(),
            "reserve_routine_active": self.reserve_active.isChecked(),
            "reserve_routine": self.reserve.toPlainText().strip(),
            "workaround": self.workaround.toPlainText().strip(),
            "prognosis_at": prognosis_at,
            "prognosis_text": prognosis_text,
            "personal_data_affected": self.personal.isChecked(),
            "next_update_at": next_update,
        }
        if s is not None:
            if status is not s.status and not comment:
                self.check(self.comment)
                raise ValidationError("comment_required")
            values = {k: v for k, v in values.items() if getattr(s, k) != v}
            if not values:
                self.check(self.name)
                raise ValidationError("nothing_to_change")
        self._values = values
        self.comment_text = comment

    def values(self) -> dict[str, Any]:
        return dict(self._values)
