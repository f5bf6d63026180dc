"""Start a new event (Ny händelse) — from scratch or from an event template, real or an exercise
— or close the active one (Avsluta händelse)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from situation_board.domain.clock import Clock
from situation_board.domain.rules import MAX_NAME, require_text
from situation_board.domain.templates import EventTemplate
from situation_board.i18n import _
from situation_board.services.templates import TemplateLibrary, template_summary
from situation_board.ui.dialogs.common import FormDialog


class NewEventDialog(FormDialog):
    """Name, template (the library's; a broken file is listed as such, the others offered),
    exercise flag, start time (default now). ``values_`` after Save: (name, exercise, started,
    template or None)."""

    def __init__(
        self,
        language: str,
        parent: QWidget | None = None,
        *,
        clock: Clock,
        library: TemplateLibrary | None = None,
    ) -> None:
        super().__init__(_("New event"), language, parent, clock=clock)
        self.library = library or TemplateLibrary()
        self.name = QLineEdit()
        self.name.setObjectName("eventName")
        self.template = QComboBox()
        self.template.setObjectName("eventTemplate")
        self.template.addItem(_("No template (an empty board)"), None)
        for t in self.library.templates:
            self.template.addItem(f"{t.name} – {template_summary(t, language)}", t.id)
            self.template.setItemData(
                self.template.count() - 1, t.description, Qt.ItemDataRole.ToolTipRole
            )
        model = self.template.model()
        for problem in self.library.problems:
            self.template.addItem(
                "⚠ " + _("{file}: cannot be used").format(file=Path(problem.path).name), None
            )
            self.template.setItemData(
                self.template.count() - 1, problem.message(language), Qt.ItemDataRole.ToolTipRole
            )
            if isinstance(model, QStandardItemModel):
                item = model.item(self.template.count() - 1)
                if item is not None:
                    item.setEnabled(False)
        self.about = QLabel()
        self.about.setObjectName("eventTemplateAbout")
        self.about.setWordWrap(True)
        self.problems = QLabel(
            "<br>".join(html.escape(p.message(language)) for p in self.library.problems)
        )
        self.problems.setObjectName("inlineError")
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(self.library.problems))
        self.problems.setAccessibleName(_("Templates that cannot be used"))
        self.exercise = QCheckBox(_("This is an exercise (marked EXERCISE)"))
        self.exercise.setObjectName("eventExercise")
        self.started = QLineEdit()
        self.started.setObjectName("eventStarted")
        self.started.setPlaceholderText(_("now (or e.g. 13:10)"))
        self.add_row(_("&Name:"), self.name, _("Event name"))
        self.add_row(_("&Template:"), self.template, _("Event template"))
        self.form.addRow("", self.about)
        self.form.addRow("", self.problems)
        self.add_row("", self.exercise, _("Exercise"))
        self.add_row(_("&Started:"), self.started, _("Start time"))
        self._named_after = ""
        self.template.currentIndexChanged.connect(self._template_changed)
        self._template_changed()

    def chosen(self) -> EventTemplate | None:
        """The template chosen, or ``None`` for an empty board."""
        wanted = self.template.currentData()
        return next((t for t in self.library.templates if t.id == wanted), None)

    def _template_changed(self) -> None:
        t = self.chosen()
        self.about.setText(t.description if t is not None else "")
        self.about.setVisible(t is not None and bool(t.description))
        # an empty name (or the previous template's) becomes the template's: edit it freely
        if t is not None and self.name.text() in ("", self._named_after):
            self.name.setText(t.name)
            self._named_after = t.name

    def validate(self) -> None:
        self.values_ = (
            require_text(self.check(self.name).text(), "name", limit=MAX_NAME),
            self.exercise.isChecked(),
            self.parse_time(self.started, "started"),
            self.chosen(),
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
