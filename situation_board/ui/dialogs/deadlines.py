"""Frister: the active event's deadline clocks — start one, report it, judge it not required —
and, for the selected clock, what the journal says about it.

The list follows the board as it reloads (every change set and every 30 s, so the urgency moves
with time); the history is read off the GUI thread. The forms are opened by the window's flows
(``ui.rhythm``), which this dialog asks through its signals.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from situation_board.domain.entities import Board, DeadlineClock, JournalEntry
from situation_board.domain.enums import Urgency
from situation_board.domain.timeutil import fmt_short
from situation_board.i18n import _
from situation_board.ui import clocks
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.common import fit_to_screen
from situation_board.ui.models.deadlines import DeadlinesModel
from situation_board.ui.panels.common import make_table


class DeadlinesDialog(QDialog):
    """The clocks, the commands on them, and the selected clock's history."""

    startRequested = Signal()
    reportRequested = Signal(object)  # DeadlineClock
    notRequiredRequested = Signal(object)  # DeadlineClock

    def __init__(self, controller: BoardController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlinesDialog")
        self.controller = controller
        self.language = language = controller.language
        self.setWindowTitle(_("Statutory deadlines"))
        self.model = DeadlinesModel(language, self)
        self.view = make_table("deadlinesTable", _("Deadline clocks"), self, wrap=True)
        self.view.setModel(self.model)
        self.view.setIconSize(QSize(22, 22))
        header = self.view.horizontalHeader()
        for col, width in ((0, 240), (1, 250), (2, 120), (3, 120), (4, 330), (5, 180)):
            self.view.setColumnWidth(col, width)
        header.setSectionResizeMode(DeadlinesModel.LEFT, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.doubleClicked.connect(lambda _index: self._report())

        self.start = QPushButton(_("&Start a clock…"))
        self.start.setObjectName("deadlineStart")
        self.report = QPushButton(_("&Report…"))
        self.report.setObjectName("deadlineReport")
        self.not_required = QPushButton(_("&Not required…"))
        self.not_required.setObjectName("deadlineNotRequired")
        self.start.clicked.connect(self.startRequested)
        self.report.clicked.connect(self._report)
        self.not_required.clicked.connect(self._not_required)
        commands = QHBoxLayout()
        for button in (self.start, self.report, self.not_required):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            commands.addWidget(button)
        commands.addStretch(1)

        legend = QHBoxLayout()
        legend.setSpacing(4)
        for urgency in (Urgency.CALM, Urgency.WARNING, Urgency.URGENT, Urgency.OVERDUE):
            icon = QLabel()
            icon.setPixmap(clocks.urgency_icon(urgency).pixmap(QSize(18, 18)))
            legend.addWidget(icon)
            text = QLabel(urgency.label(language))
            text.setObjectName("deadlineLegend")
            pair = clocks.urgency_pair(urgency)
            if pair is not None:
                text.setStyleSheet(f"color: {pair[0]}; background: {pair[1]}; padding: 1px 6px;")
            legend.addWidget(text)
            legend.addSpacing(12)
        legend.addStretch(1)

        self.history_box = QGroupBox(_("What the journal says about the selected deadline"))
        self.history = QListWidget()
        self.history.setObjectName("deadlineHistory")
        self.history.setAccessibleName(_("History of the deadline"))
        self.history.setWordWrap(True)
        box = QVBoxLayout(self.history_box)
        box.addWidget(self.history)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(legend)
        layout.addWidget(self.view, 3)
        layout.addLayout(commands)
        layout.addWidget(self.history_box, 2)
        layout.addWidget(buttons)
        fit_to_screen(self, 1280, 720)

        self._history_of: str | None = None
        self._select_next: str | None = None
        controller.boardLoaded.connect(self.show_board)
        if controller.board is not None:
            self.show_board(controller.board)
        self._enable()

    # ------------------------------------------------------------------ data

    def show_board(self, board: Board) -> None:
        self.model.set_deadlines(board.deadlines, board.as_of)
        if self._select_next is not None and self.select(self._select_next):
            self._select_next = None
        if self.model.rowCount() and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
        self._enable()
        self._load_history()

    def selected(self) -> DeadlineClock | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.deadline(rows[0].row()) if rows else None

    def select(self, deadline_id: str) -> bool:
        """Select the clock ``deadline_id``; False when the list does not hold it (yet)."""
        for row in range(self.model.rowCount()):
            if self.model.deadline(row).id == deadline_id:
                self.view.selectRow(row)
                return True
        return False

    def select_when_shown(self, deadline_id: str) -> None:
        """Select the clock ``deadline_id`` now, or once the reloading board holds it."""
        self._select_next = None if self.select(deadline_id) else deadline_id

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._enable()
        self._load_history()

    def _enable(self) -> None:
        board = self.controller.board
        has_event = board is not None and board.event is not None
        chosen = self.selected()
        self.start.setEnabled(has_event)
        self.report.setEnabled(chosen is not None and chosen.is_open)
        self.not_required.setEnabled(chosen is not None and chosen.is_open)

    def _load_history(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.history.clear()
            self.history.addItem(_("No deadline clocks for this event yet"))
            return
        wanted = chosen.id
        self._history_of = wanted

        def show(entries: list[JournalEntry]) -> None:
            if self._history_of != wanted:
                return  # another clock was selected meanwhile
            self.history.clear()
            for e in entries:
                when = fmt_short(e.occurred_at, self.language)
                self.history.addItem(f"{e.number}  {when}  {e.text}")
            if not entries:
                self.history.addItem(_("The journal says nothing about this deadline"))

        self.controller.execute(
            lambda s: s.deadline_history(wanted), on_done=show, on_error=self._failed, owner=self
        )

    def _failed(self, message: str) -> None:
        self.history.clear()
        self.history.addItem(message)

    # ------------------------------------------------------------------ commands

    def _report(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.is_open:
            self.reportRequested.emit(chosen)

    def _not_required(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.is_open:
            self.notRequiredRequested.emit(chosen)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the list reports the selected clock, rather than closing the dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.hasFocus():
            self._report()
            return
        super().keyPressEvent(event)
