"""A form dialog base: labelled fields, inline validation in the UI language, nothing saved until
valid."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from situation_board.domain.clock import Clock
from situation_board.domain.errors import BoardError
from situation_board.domain.timeutil import parse_instant
from situation_board.i18n import _

W = TypeVar("W", bound=QWidget)


class FormDialog(QDialog):
    """Subclasses add rows with ``add_row`` and implement ``validate`` (raise BoardError).

    ``clock`` (the controller's injected clock) is what a typed time such as ``14:35`` is read
    against; dialogs that read times must be given one.
    """

    def __init__(
        self,
        title: str,
        language: str,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self.language = language
        self.clock = clock
        self.setWindowTitle(title)
        self.setModal(True)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Error"))
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Save"))
        ok.setAccessibleName(_("Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

    def add_row(self, label: str, widget: QWidget, accessible: str | None = None) -> None:
        widget.setAccessibleName(accessible or label.rstrip(":").replace("&", ""))
        self.form.addRow(label, widget)

    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        if widget is not None:
            widget.setFocus()

    def validate(self) -> None:
        """Check every field; raise ``BoardError`` (with the field's widget in ``self.culprit``)."""

    culprit: QWidget | None = None

    def _try_accept(self) -> None:
        self.culprit = None
        try:
            self.validate()
        except BoardError as exc:
            self.show_error(exc.message(self.language), self.culprit)
            return
        self.error.hide()
        self.accept()

    def check(self, widget: W) -> W:
        """Mark ``widget`` as the one being checked (focused if its check fails)."""
        self.culprit = widget
        return widget

    def parse_time(self, edit: QLineEdit, field: str) -> datetime | None:
        """The instant typed in ``edit`` (None when empty); ValidationError when unreadable."""
        self.check(edit)
        text = edit.text().strip()
        return parse_instant(text, self.now(), field) if text else None

    def now(self) -> datetime:
        """Now, from the injected clock."""
        if self.clock is None:
            raise TypeError(f"{type(self).__name__} reads times: give it the controller's clock")
        return self.clock()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to ``width``×``height``, but never beyond the screen it opens on (a 1366×768
    laptop, 125 % scaling): 95 % of the available width, 90 % of the height at most."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    room = screen.availableGeometry()
    widget.resize(min(width, int(room.width() * 0.95)), min(height, int(room.height() * 0.9)))
