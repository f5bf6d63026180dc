"""The full journal entry dialog: category, medium, from/to, occurred time, hidden from wall."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from situation_board.domain.clock import Clock
from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory, Medium
from situation_board.domain.errors import ValidationError
from situation_board.domain.rules import looks_like_personnummer, require_text
from situation_board.i18n import _
from situation_board.ui.dialogs.common import FormDialog


class EntryDialog(FormDialog):
    """Ctrl+Enter from the quick entry, or "Correct…" on a selected entry."""

    def __init__(
        self,
        language: str,
        text: str = "",
        corrects: JournalEntry | None = None,
        parent: QWidget | None = None,
        *,
        clock: Clock,
    ) -> None:
        title = (
            _("New journal entry")
            if corrects is None
            else _("Correct entry {0}").format(corrects.number)
        )
        super().__init__(title, language, parent, clock=clock)
        self.corrects = corrects
        self.text = QPlainTextEdit()
        self.text.setObjectName("entryText")
        self.text.setPlainText(text)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(110)
        self.category = QComboBox()
        self.category.setObjectName("entryCategory")
        for cat in EntryCategory:
            if cat is not EntryCategory.SYSTEM:
                self.category.addItem(cat.label(language), cat.value)
        self.medium = QComboBox()
        self.medium.setObjectName("entryMedium")
        self.medium.addItem("–", None)
        for med in Medium:
            self.medium.addItem(med.label(language), med.value)
        self.from_party = QLineEdit()
        self.from_party.setObjectName("entryFrom")
        self.to_party = QLineEdit()
        self.to_party.setObjectName("entryTo")
        self.occurred = QLineEdit()
        self.occurred.setObjectName("entryOccurred")
        self.occurred.setPlaceholderText(_("now (or e.g. 14:35 or 2024-01-29 14:35)"))
        self.hidden = QCheckBox(_("Hide from the wall display"))
        self.hidden.setObjectName("entryHidden")
        self.add_row(_("&Text:"), self.text, _("Entry text"))
        self.add_row(_("&Category:"), self.category, _("Category"))
        self.add_row(_("&Medium:"), self.medium, _("Medium"))
        self.add_row(_("&From:"), self.from_party, _("From"))
        self.add_row(_("&To:"), self.to_party, _("To"))
        self.add_row(_("&Occurred:"), self.occurred, _("Occurred time"))
        self.add_row("", self.hidden, _("Hide from the wall display"))
        if corrects is not None:
            self.category.setCurrentIndex(self.category.findData(corrects.category.value))
            if not text:
                self.text.setPlainText(corrects.text)
        self.personnummer_confirmed = False

    def validate(self) -> None:
        self.check(self.text)
        text = require_text(self.text.toPlainText(), "text", patient_check=False)
        self.occurred_at = self.parse_time(self.occurred, "occurred")
        parties = " ".join((text, self.from_party.text(), self.to_party.text()))
        if looks_like_personnummer(parties) and not self.personnummer_confirmed:
            # First Save: warn and hide from the wall; a second Save confirms.
            self.hidden.setChecked(True)
            self.personnummer_confirmed = True
            self.check(self.text)
            raise ValidationError("personnummer_confirm")

    def values(self) -> dict[str, Any]:
        medium = self.medium.currentData()
        return {
            "text": self.text.toPlainText(),
            "category": EntryCategory(self.category.currentData()),
            "occurred_at": self.occurred_at,
            "medium": Medium(medium) if medium else None,
            "from_party": self.from_party.text(),
            "to_party": self.to_party.text(),
            "hidden_from_wall": self.hidden.isChecked(),
            "corrects": self.corrects.id if self.corrects else None,
            "allow_personnummer": self.personnummer_confirmed,
        }
