"""Add or edit an affected system; a status change needs a comment for the journal (the service's
rule: the dialog shows the service's refusal beside the field)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from situation_board.domain.clock import Clock
from situation_board.domain.entities import AffectedSystem
from situation_board.domain.enums import SystemStatus
from situation_board.domain.patches import UNSET, SystemPatch, Unset
from situation_board.domain.timeutil import prefill_time
from situation_board.i18n import _
from situation_board.ui import theme
from situation_board.ui.dialogs.common import FormDialog


class SystemDialog(FormDialog):
    """Fields of ``AffectedSystem``; ``patch()`` holds only what changed when editing."""

    def __init__(
        self,
        language: str,
        system: AffectedSystem | None = None,
        parent: QWidget | None = None,
        *,
        clock: Clock,
    ) -> None:
        title = _("New affected system") if system is None else _("Edit system")
        super().__init__(title, language, parent, clock=clock)
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
        self.reserve_active = QCheckBox(_("Reserve routine active"))
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
        self.prognosis.setPlaceholderText(_("no prognosis — or a time, or a text"))
        self.personal = QCheckBox(_("Personal data may be affected"))
        self.personal.setObjectName("systemPersonalData")
        self.personal.setChecked(system.personal_data_affected if system else False)
        self.next_update = QLineEdit(prefill_time(system.next_update_at) if system else "")
        self._prefilled = (prognosis, self.next_update.text())  # unchanged: keep the instants
        self.next_update.setObjectName("systemNextUpdate")
        self.next_update.setPlaceholderText(_("e.g. 16:00 or 2024-01-30 09:00"))
        self.comment = QLineEdit()
        self.comment.setObjectName("systemComment")
        self.comment.setPlaceholderText(
            _("Written to the journal (required when the status changes)")
        )
        self.add_row(_("&Name:"), self.name, _("System name"))
        self.add_row(_("&Status:"), self.status, _("Status"))
        self.add_row(_("Su&pplier:"), self.supplier, _("Supplier"))
        self.add_row(_("Affected &processes:"), self.processes, _("Affected processes"))
        self.add_row("", self.reserve_active, _("Reserve routine active"))
        self.add_row(_("&Reserve routine:"), self.reserve, _("Reserve routine"))
        self.add_row(_("&Workaround:"), self.workaround, _("Workaround or alternative solution"))
        self.add_row(_("Pro&gnosis:"), self.prognosis, _("Prognosis"))
        self.add_row("", self.personal, _("Personal data may be affected"))
        self.add_row(_("Next &update:"), self.next_update, _("Next update due"))
        self.add_row(_("&Comment:"), self.comment, _("Comment for the journal"))
        self._patch = SystemPatch()
        self.comment_text = ""
        self.error_fields = {
            "name": self.name,
            "prognosis": self.prognosis,
            "comment": self.comment,
        }

    def validate(self) -> None:
        """Read the fields into a patch of what changed (the services check the rules)."""
        s = self.original
        prognosis: str | Unset = self.prognosis.text().strip()
        if s is not None and self.prognosis.text() == self._prefilled[0]:
            prognosis = UNSET  # unchanged: keep the stored instant or words
        next_update: datetime | Unset | None = UNSET
        if s is None or self.next_update.text() != self._prefilled[1]:
            next_update = self.parse_time(self.next_update, "next_update")
        values: dict[str, Any] = {
            "name": self.name.text(),
            "status": SystemStatus(self.status.currentData()),
            "supplier": self.supplier.text().strip(),
            "processes": self.processes.text().strip(),
            "reserve_routine_active": self.reserve_active.isChecked(),
            "reserve_routine": self.reserve.toPlainText().strip(),
            "workaround": self.workaround.toPlainText().strip(),
            "personal_data_affected": self.personal.isChecked(),
        }
        if s is not None:
            values = {k: v for k, v in values.items() if getattr(s, k) != v}
        self._patch = SystemPatch(**values, prognosis=prognosis, next_update_at=next_update)
        self.comment_text = self.comment.text()

    def patch(self) -> SystemPatch:
        """What the user changed (every field for a new system; see ``name_and_status``)."""
        return self._patch

    def name_and_status(self) -> tuple[str, SystemStatus]:
        """A new system's name (as typed) and status."""
        return self.name.text(), SystemStatus(self.status.currentData())
