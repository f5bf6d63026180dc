"""Stabsorienteringar: the briefing rhythm of the active event — schedule, cancel, the agenda
(*dagordning*) and decisions taken at a briefing — and the agenda dialog itself.

The list follows the board as it reloads; the forms are opened by the window's flows
(``ui.rhythm``), which this dialog asks through its signals.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from situation_board import palette
from situation_board.domain.entities import Board, Briefing
from situation_board.domain.timeutil import countdown, fmt_datetime
from situation_board.i18n import _
from situation_board.reports.agenda import Agenda, agenda_text
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.common import fit_to_screen
from situation_board.ui.models.briefings import BriefingsModel
from situation_board.ui.panels.common import make_table


class BriefingsDialog(QDialog):
    """The briefings and the commands on them."""

    scheduleRequested = Signal()
    cancelRequested = Signal(object)  # Briefing
    agendaRequested = Signal(object)  # Briefing | None
    decisionRequested = Signal(object)  # Briefing | None

    def __init__(self, controller: BoardController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefingsDialog")
        self.controller = controller
        self.language = controller.language
        self.setWindowTitle(_("Staff briefings"))
        self.next_label = QLabel()
        self.next_label.setObjectName("briefingNext")
        self.next_label.setWordWrap(True)
        self.model = BriefingsModel(self.language, self)
        self.view = make_table("briefingsTable", _("Briefings"), self, wrap=True)
        self.view.setModel(self.model)
        for col, width in ((0, 260), (1, 380), (2, 300)):
            self.view.setColumnWidth(col, width)
        self.view.horizontalHeader().setSectionResizeMode(
            BriefingsModel.NEXT, QHeaderView.ResizeMode.Stretch
        )
        self.view.selectionModel().selectionChanged.connect(self._selected)

        self.schedule = QPushButton(_("&Schedule…"))
        self.schedule.setObjectName("briefingSchedule")
        self.cancel = QPushButton(_("&Cancel the briefing…"))
        self.cancel.setObjectName("briefingCancel")
        self.agenda = QPushButton(_("&Agenda…"))
        self.agenda.setObjectName("briefingAgenda")
        self.decision = QPushButton(_("Record a &decision…"))
        self.decision.setObjectName("briefingDecision")
        self.schedule.clicked.connect(self.scheduleRequested)
        self.cancel.clicked.connect(lambda: self._emit(self.cancelRequested, required=True))
        self.agenda.clicked.connect(lambda: self._emit(self.agendaRequested))
        self.decision.clicked.connect(lambda: self._emit(self.decisionRequested))
        commands = QHBoxLayout()
        for button in (self.schedule, self.cancel, self.agenda, self.decision):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            commands.addWidget(button)
        commands.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.next_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(commands)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 560)
        controller.boardLoaded.connect(self.show_board)
        if controller.board is not None:
            self.show_board(controller.board)
        self._enable()

    def show_board(self, board: Board) -> None:
        now = board.as_of
        self.model.set_briefings(board.briefings, now)
        under_way = board.briefing_under_way(now)
        nxt = board.next_briefing(now)
        if under_way is not None:
            text = _("Under way: {title} {reference}").format(
                title=under_way.title, reference=under_way.reference
            )
        elif nxt is not None:
            text = _("Next: {0} {1} ({2})").format(
                nxt.title, fmt_datetime(nxt.at), countdown(nxt.at - now, self.language)
            )
        else:
            text = _("No briefing planned")
        self.next_label.setText(f"<b>{html.escape(text)}</b>")
        self._enable()

    def selected(self) -> Briefing | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.briefing(rows[0].row()) if rows else None

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._enable()

    def _enable(self) -> None:
        board = self.controller.board
        has_event = board is not None and board.event is not None
        chosen = self.selected()
        for button in (self.schedule, self.agenda, self.decision):
            button.setEnabled(has_event)
        self.cancel.setEnabled(chosen is not None and chosen.cancelled_at is None)

    def _emit(self, signal: SignalInstance, *, required: bool = False) -> None:
        chosen = self.selected()
        if chosen is None and required:
            return
        signal.emit(chosen)


def agenda_html(text: str) -> str:
    """The plain-text agenda (``reports.agenda.agenda_text``) as simple HTML for the dialog:
    the title and the numbered items as headings, indented lines indented, ÖVNING marked."""
    fg, bg = palette.EXERCISE
    out = []
    lines = text.rstrip("\n").split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        safe = html.escape(stripped)
        if i == 0:
            out.append(f"<h2>{safe}</h2>")
        elif not stripped:
            continue
        elif line[0].isdigit() and ". " in line[:4]:
            out.append(f"<h3 style='margin-top:14px'>{safe}</h3>")
        elif stripped.startswith((_("EXERCISE") + " ") * 2):
            out.append(
                f"<p style='color:{fg}; background:{bg}; font-weight:bold; padding:4px'>"
                f"&nbsp;{safe}&nbsp;</p>"
            )
        else:
            indent = (len(line) - len(line.lstrip(" "))) * 8
            out.append(f"<p style='margin:2px 0 2px {indent}px'>{safe}</p>")
    return "\n".join(out)


class AgendaDialog(QDialog):
    """Dagordning: the agenda of a briefing, generated from the board (read off the GUI
    thread), to read out, copy, and record decisions from."""

    decisionRequested = Signal(object)  # the briefing id, or None

    def __init__(
        self,
        controller: BoardController,
        briefing_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agendaDialog")
        self.controller = controller
        self.briefing_id = briefing_id
        self.agenda: Agenda | None = None
        self.text = ""
        self.setWindowTitle(_("Agenda"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("agendaText")
        self.browser.setAccessibleName(_("Agenda"))
        self.browser.setOpenLinks(False)
        self.browser.setPlainText(_("Loading…"))
        self.decision = QPushButton(_("Record a &decision…"))
        self.decision.setObjectName("agendaDecision")
        self.decision.setAccessibleName(_("Record a decision"))
        self.copy = QPushButton(_("&Copy the text"))
        self.copy.setObjectName("agendaCopy")
        self.copy.setAccessibleName(_("Copy the text"))
        self.copy.setEnabled(False)
        self.decision.clicked.connect(
            lambda: self.decisionRequested.emit(
                self.agenda.briefing.briefing_id
                if self.agenda and self.agenda.briefing
                else self.briefing_id
            )
        )
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.decision, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 900)
        self.reload()

    def reload(self) -> None:
        ref = self.briefing_id
        self.controller.execute(
            lambda s: s.briefing_agenda(ref),
            on_done=self.show_agenda,
            on_error=self._failed,
            owner=self,
        )

    def show_agenda(self, agenda: Agenda) -> None:
        self.agenda = agenda
        self.text = agenda_text(agenda, self.controller.language)
        self.browser.setHtml(agenda_html(self.text))
        self.copy.setEnabled(True)
        title = _("Agenda")
        if agenda.briefing is not None:
            title += f" – {agenda.briefing.title} {agenda.reference}"
        self.setWindowTitle(title)

    def _failed(self, message: str) -> None:
        self.browser.setPlainText(message)
