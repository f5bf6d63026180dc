"""The level banner: beredskapsläge in colour *and* icon and text, since when, by whom, why.

Also shows the event name (with ÖVNING for exercises), the next staff briefing with a countdown,
and running deadline clocks — the things nobody in the room may miss.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from situation_board import palette
from situation_board.domain.entities import Board
from situation_board.domain.enums import DeadlineStatus, ReadinessLevel
from situation_board.domain.timeutil import countdown, fmt_short, fmt_table
from situation_board.i18n import _
from situation_board.ui import theme
from situation_board.ui.clocks import time_left


class LevelBanner(QFrame):
    """Full-width banner at the top of the workstation window."""

    changeRequested = Signal()

    def __init__(self, language: str = "sv", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setObjectName("levelBanner")
        self.setAccessibleName(_("Readiness level"))
        self.icon = QLabel()
        self.icon.setFixedSize(QSize(56, 56))
        self.level = QLabel()
        self.level.setObjectName("levelText")  # sizes: resources/styles/workstation.qss
        self.exercise_tag = exercise_tag()  # ÖVNING, as large as the level: never missed
        self.event_label = QLabel()
        self.event_label.setObjectName("eventName")
        self.event_label.setWordWrap(True)  # a long event name wraps: it must not widen the window
        self.detail = QLabel()
        self.detail.setObjectName("levelDetail")
        self.detail.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setObjectName("levelReason")
        self.reason.setWordWrap(True)
        self.side = QLabel()
        self.side.setObjectName("bannerSide")
        self.side.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.change = QPushButton(_("Change readiness level… (Ctrl+B)"))
        self.change.setObjectName("changeLevel")
        self.change.setAccessibleName(_("Change readiness level"))
        self.change.clicked.connect(self.changeRequested)

        text = QVBoxLayout()
        text.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.level)
        top.addSpacing(16)
        top.addWidget(self.exercise_tag)
        top.addSpacing(8)
        top.addWidget(self.event_label, 1)
        text.addLayout(top)
        text.addWidget(self.detail)
        text.addWidget(self.reason)
        right = QVBoxLayout()
        right.addWidget(self.side)
        right.addWidget(self.change, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(8)
        row.addLayout(text, 1)
        row.addLayout(right)
        self._board: Board | None = None
        self.show_board(None)

    def show_board(self, board: Board | None) -> None:
        self._board = board
        level = board.current_level if board else ReadinessLevel.NORMAL
        bg, fg = theme.LEVEL_COLOURS[level]
        self.setStyleSheet(
            f"QFrame#levelBanner {{ background: {bg}; border-bottom: 3px solid #111; }}"
            f"QFrame#levelBanner QLabel {{ color: {fg}; background: transparent; }}"
        )
        self.icon.setPixmap(theme.level_icon(level).pixmap(QSize(56, 56)))
        self.level.setText(level.label(self.language).upper())
        if board is None or board.event is None:
            self.exercise_tag.hide()
            self.event_label.setText(_("No active event — start one with File → New event"))
            self.detail.setText("")
            self.reason.setText("")
            self.side.setText("")
            self.change.setEnabled(False)
            self.setAccessibleDescription(level.label(self.language))
            return
        self.change.setEnabled(True)
        self.exercise_tag.setVisible(board.event.exercise)
        self.event_label.setText(board.event.name)
        decision = board.level
        if decision is None:
            self.detail.setText(_("No level decision recorded for this event"))
            self.reason.setText("")
        else:
            self.detail.setText(
                _("since {0} · decided by {1} · {2}").format(
                    fmt_short(decision.decided_at, self.language),
                    decision.decided_by,
                    decision.scope,
                )
            )
            self.reason.setText(_("Reason: {0}").format(decision.reason))
        self.refresh_side(board.as_of)
        exercise = _("EXERCISE") + ". " if board.event.exercise else ""
        self.setAccessibleDescription(
            f"{exercise}{level.label(self.language)}. {self.detail.text()}. {self.reason.text()}"
        )

    def refresh_side(self, now: datetime) -> None:
        """Countdowns: the next briefing and running deadline clocks."""
        board = self._board
        if board is None or board.event is None:
            return
        lines = []
        b = board.next_briefing(now)  # the next occurrence, of a single briefing or a rhythm
        if b is not None:
            lines.append(
                _("Next: {0} {1} ({2})").format(
                    b.title,
                    fmt_table(b.at, now, self.language),
                    countdown(b.at - now, self.language),
                )
            )
        for d in board.deadlines:
            status = d.status(now)
            if status is DeadlineStatus.RUNNING:
                lines.append(_("{0}: report {1}").format(d.title, time_left(d, now, self.language)))
            elif status is DeadlineStatus.OVERDUE:
                lines.append(
                    "⚠ "
                    + _("{0}: OVERDUE since {1}").format(
                        d.title, fmt_table(d.due_at, now, self.language)
                    )
                )
        self.side.setText("\n".join(lines))


def exercise_tag() -> QLabel:
    """The banner's ÖVNING tag: white on violet (``palette.EXERCISE``), never a level colour."""
    fg, bg = palette.EXERCISE
    tag = QLabel(_("EXERCISE"))
    tag.setObjectName("exerciseTag")
    tag.setAccessibleName(_("Exercise"))
    tag.setStyleSheet(
        f"QLabel#exerciseTag {{ color: {fg}; background: {bg}; font-size: 24pt; "
        "font-weight: bold; padding: 2px 18px; border: 2px solid #ffffff; border-radius: 4px; }"
    )
    tag.hide()
    return tag
