"""A notice bar for another open event: two stations started one each while apart."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from situation_board.domain.entities import Board, Event
from situation_board.domain.timeutil import fmt_short
from situation_board.i18n import _


class OtherEventsBar(QFrame):
    """Shown while more than one event is open; offers to close the other one."""

    closeRequested = Signal(object)  # Event

    def __init__(self, language: str = "sv", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setObjectName("otherEventsBar")
        self.setStyleSheet(
            "QFrame#otherEventsBar { background: #ffd60a; border-bottom: 2px solid #111; }"
            "QFrame#otherEventsBar QLabel { color: #111; }"
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("closeOtherEvent")
        self.button.setAccessibleName(_("Close the other open event"))
        self.button.clicked.connect(self._close)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 6, 14, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._other: Event | None = None
        self.hide()

    def show_board(self, board: Board) -> None:
        others = board.other_open_events
        if not others or board.event is None:
            self._other = None
            self.hide()
            return
        self._other = others[0]
        self.text.setText(
            _(
                "Another event is also open: “{0}” (started {1}). Two stations started an "
                "event each while they could not reach each other; the board shows the most "
                "recent one. Close the other, or keep it open."
            ).format(self._other.name, fmt_short(self._other.started_at, self.language))
        )
        self.button.setText(_("Close “{0}”…").format(self._other.name))
        self.show()

    def _close(self) -> None:
        if self._other is not None:
            self.closeRequested.emit(self._other)
