"""Start a new event (Ny händelse) or close the active one (Avsluta händelse)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from situation_board.domain.rules import MAX_NAME, require_text
from situation_board.ui.dialogs.common import FormDialog


class NewEventDialog(FormDialog):
    """Name, exercise flag, start time (default now)."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New event"), language, parent)
        self.name = QLineEdit()
        self.name.setObjectName("eventName")
        self.exercise = QCheckBox(self.tr("This is an exercise (ÖVNING)"))
        self.exercise.setObjectName("eventExercise")
        self.started = QLineEdit()
        self.started.setObjectName("eventStarted")
        self.started.setPlaceholderText(self.tr("now (or e.g. 13:10)"))
        self.add_row(self.tr("&Name:"), self.name, self.tr("Event name"))
        self.add_row("", self.exercise, self.tr("Exercise"))
        self.add_row(self.tr("&Started:"), self.started, self.tr("Start time"))

    def validate(self) -> None:
        self.values_ = (
            require_text(self.check(self.name).text(), "name", limit=MAX_NAME),
            self.exercise.isChecked(),
            self.parse_time(self.started, "started"),
        )


class CloseEventDialog(FormDialog):
    """A reason is required; the level returns to Normalläge."""

    def __init__(self, language: str, event_name: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Close event"), language, parent)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("closeReason")
        self.reason.setTabChangesFocus(True)
        self.add_row(self.tr("Event:"), QLineEdit(event_name, readOnly=True), self.tr("Event"))
        self.add_row(self.tr("&Reason:"), self.reason, self.tr("Reason for closing"))

    def validate(self) -> None:
        self.check(self.reason)
        self.reason_ = require_text(self.reason.toPlainText(), "reason")
