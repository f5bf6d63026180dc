"""The always-visible quick entry line: type, Enter, done (occurred = now, category
information). Ctrl+Enter opens the full entry dialog with the text typed so far."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from situation_board.domain.errors import ValidationError
from situation_board.domain.rules import looks_like_personnummer
from situation_board.i18n import _


class EntryLine(QLineEdit):
    """A line edit that reports Ctrl+Enter separately from Enter."""

    fullRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.fullRequested.emit()
            return
        super().keyPressEvent(event)


class QuickEntry(QFrame):
    """Text + Enter saves an information entry; errors show inline, nothing is lost."""

    submitted = Signal(str, bool)  # text, personnummer confirmed
    fullRequested = Signal(str)

    def __init__(self, language: str = "sv", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setObjectName("quickEntry")
        self.label = QLabel(_("Log:"))
        font = QFont()
        font.setBold(True)
        self.label.setFont(font)
        self.line = EntryLine()
        self.line.setObjectName("quickEntryLine")
        self.line.setAccessibleName(_("Quick journal entry"))
        self.line.setPlaceholderText(
            _("Type a journal entry and press Enter (Ctrl+L) · Ctrl+Enter: more fields")
        )
        self.label.setBuddy(self.line)
        self.save = QPushButton(_("Save (Enter)"))
        self.save.setObjectName("quickEntrySave")
        self.save.setAccessibleName(_("Save journal entry"))
        self.more = QPushButton(_("More fields… (Ctrl+Enter)"))
        self.more.setObjectName("quickEntryMore")
        self.more.setAccessibleName(_("Open the full journal entry dialog"))
        self.feedback = QLabel()
        self.feedback.setObjectName("quickEntryFeedback")
        self.feedback.setMinimumWidth(260)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.label)
        row.addWidget(self.line, 1)
        row.addWidget(self.save)
        row.addWidget(self.more)
        row.addWidget(self.feedback)
        self.line.returnPressed.connect(self.submit)
        self.save.clicked.connect(self.submit)
        self.line.fullRequested.connect(lambda: self.fullRequested.emit(self.line.text()))
        self.more.clicked.connect(lambda: self.fullRequested.emit(self.line.text()))
        self._feedback_timer = QTimer(self)
        self._feedback_timer.setObjectName("quickEntryFeedbackTimer")
        self._feedback_timer.setSingleShot(True)
        self._feedback_timer.setInterval(8000)
        self._feedback_timer.timeout.connect(self.feedback.clear)
        self._busy = False

    def submit(self) -> None:
        if self._busy:
            return
        text = self.line.text().strip()
        if not text:
            self.show_error(ValidationError("empty_text", field="text").message(self.language))
            return
        confirmed = False
        if looks_like_personnummer(text):
            answer = QMessageBox.warning(
                self,
                _("Personal identity number?"),
                _(
                    "The text looks like it contains a personal identity number. Patient data "
                    "does not belong on the board.\n\nSave anyway? The entry will be hidden "
                    "from the wall display."
                ),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save:
                return
            confirmed = True
        self._busy = True
        self.line.setReadOnly(True)
        self.submitted.emit(text, confirmed)

    def saved(self, number: str) -> None:
        self._busy = False
        self.line.setReadOnly(False)
        self.line.clear()
        self._show(_("Saved as {0}").format(number), ok=True)

    def failed(self, message: str) -> None:
        self._busy = False
        self.line.setReadOnly(False)
        self.show_error(message)

    def show_error(self, message: str) -> None:
        self._show(message, ok=False)

    def _show(self, message: str, *, ok: bool) -> None:
        self.feedback.setText(message)
        self.feedback.setProperty("ok", ok)
        self.feedback.setProperty("error", not ok)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)
        self.feedback.setAccessibleDescription(message)
        self._feedback_timer.start()

    def focus(self) -> None:
        self.line.setFocus()
        self.line.selectAll()
