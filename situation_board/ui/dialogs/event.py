"""Start a new event (Ny händelse) or close the active one (Avsluta händelse)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from situation_board.domain.clock import Clock
from situation_board.domain.rules import MAX_NAME, require_text
from situation_board.i18n import _
from situation_board.ui.dialogs.common import FormDialog


class NewEventDialog(FormDialog):
    """Name, exercise flag, start time (default now)."""

    def __init__(self, language: str, parent: QWidget | None = None, *, clock: Clock) -> None:
        super().__init__(_("New event"), language, parent, clock=clock)
        self.name = QLineEdit()
        self.name.setObjectName("eventName")
        self.exercise = QCheckBox(_("This is an exercise (marked EXERCISE)"))
        self.exercise.setObjectName("eventExercise")
        self.started = QLineEdit()
        self.started.setObjectName("eventStarted")
        self.started.setPlaceholderText(_("now (or e.g. 13:10)"))
        self.add_row(_("&Name:"), self.name, _("Event name"))
        self.add_row("", self.exercise, _("Exercise"))
        self.add_row(_("&Started:"), self.started, _("Start time"))

    def validate(self) -> None:
        self.values_ = (
            require_text(self.check(self.name).text(), "name", limit=MAX_NAME),
            self.exercise.isChecked(),
            self.parse_time(self.started, "started"),
        )


class CloseEventDialog(FormDialog):
    """A reason is required; the level returns to Normalläge."""

    def __init__(self, language: str, event_name: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Close event"), language, parent)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("closeReason")
        self.reason.setTabChangesFocus(True)
        self.add_row(_("Event:"), QLineEdit(event_name, readOnly=True), _("Event"))
        self.add_row(_("&Reason:"), self.reason, _("Reason for closing"))

    def validate(self) -> None:
        self.check(self.reason)
        self.reason_ = require_text(self.reason.toPlainText(), "reason")
