"""The staff's rhythm in the window: the *Stab* menu and its flows — deadline clocks (start,
report, not required, history), briefings (schedule, cancel, agenda, decisions) — and the offer
to start the IMY clock when a system is marked "personal data may be affected".

Like ``ui.flows``: open a form, run the use case off the GUI thread, and on a refusal show the
form again with everything typed and the service's reason in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QWidget,
)

from situation_board.domain.entities import AffectedSystem, Briefing, DeadlineClock
from situation_board.domain.enums import DeadlineKind
from situation_board.domain.errors import ValidationError
from situation_board.domain.timeutil import fmt_datetime
from situation_board.i18n import _
from situation_board.services import BoardService
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.briefing_forms import (
    BriefingDecisionDialog,
    ScheduleBriefingDialog,
    decision_choices,
)
from situation_board.ui.dialogs.briefings import AgendaDialog, BriefingsDialog
from situation_board.ui.dialogs.common import FormDialog
from situation_board.ui.dialogs.deadline_forms import (
    NotRequiredDialog,
    ReportDeadlineDialog,
    StartDeadlineDialog,
)
from situation_board.ui.dialogs.deadlines import DeadlinesDialog

Call = tuple[Callable[[BoardService], Any], str]  # use case (returns an Outcome), message
MakeAction = Callable[[str, str | None, Callable[[], object], str], QAction]


class RhythmFlows(QObject):
    """One method per command of the *Stab* menu."""

    def __init__(self, window: QMainWindow, controller: BoardController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.language = controller.language
        self.open_dialog: QDialog | None = None  # the list dialog open now (forms go over it)

    # ------------------------------------------------------------------ menu

    def build_menu(self, bar: QMenuBar, make_action: MakeAction) -> QMenu:
        """The *Stab* menu; ``make_action`` is the window's (it registers the shortcut)."""
        menu = bar.addMenu(_("S&taff"))
        menu.setObjectName("staffMenu")
        menu.addAction(
            make_action(_("&Deadlines…"), "Ctrl+Shift+D", self.deadlines, "actDeadlines")
        )
        menu.addAction(
            make_action(
                _("&Start a deadline clock…"),
                None,
                lambda: self.start_clock(),  # noqa: PLW0108 - triggered(checked) must not reach it
                "actStartDeadline",
            )
        )
        menu.addSeparator()
        menu.addAction(
            make_action(_("&Briefings…"), "Ctrl+Shift+B", self.briefings, "actBriefings")
        )
        menu.addAction(
            make_action(
                _("&Agenda for the briefing…"),
                "Ctrl+Shift+G",
                lambda: self.agenda(),  # noqa: PLW0108 - triggered(checked) must not reach it
                "actAgenda",
            )
        )
        menu.addAction(
            make_action(
                _("D&ecision at the briefing…"),
                "Ctrl+Shift+E",
                lambda: self.decision(),  # noqa: PLW0108 - triggered(checked) must not reach it
                "actBriefingDecision",
            )
        )
        return menu

    # ------------------------------------------------------------------ plumbing

    def _parent(self) -> QWidget:
        return self.open_dialog if self.open_dialog is not None else self.window

    def _has_event(self) -> bool:
        board = self.controller.board
        if board is None or board.event is None:
            self.window.statusBar().showMessage(
                ValidationError("no_active_event").message(self.language), 8000
            )
            return False
        return True

    def _form(
        self,
        dialog: FormDialog,
        make_call: Callable[[], Call],
        on_saved: Callable[[Any], None] | None = None,
    ) -> None:
        """Show ``dialog`` over the open list (or the window); on Save run its use case; on a
        refusal show it again with everything typed and the service's reason in it."""
        dialog.setParent(self._parent(), dialog.windowFlags())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            dialog.deleteLater()
            return
        fn, done = make_call()

        def saved(result: Any) -> None:
            if done:
                self.window.statusBar().showMessage(done, 6000)
            if on_saved is not None:
                on_saved(result)
            dialog.deleteLater()

        def failed(message: str) -> None:
            dialog.show_error(message)
            self._form(dialog, make_call, on_saved)  # everything typed is still there

        self.controller.execute(fn, on_done=saved, on_error=failed)

    def _show_list(self, dialog: QDialog) -> None:
        dialog.setParent(self.window, dialog.windowFlags())
        self.open_dialog = dialog
        try:
            dialog.exec()
        finally:
            self.open_dialog = None
            dialog.deleteLater()

    # ------------------------------------------------------------------ deadline clocks

    def deadlines(self) -> None:
        """Frister: the list with its commands and history."""
        dialog = DeadlinesDialog(self.controller)
        dialog.startRequested.connect(lambda: self.start_clock(select_in=dialog))
        dialog.reportRequested.connect(self.report)
        dialog.notRequiredRequested.connect(self.not_required)
        self._show_list(dialog)

    def start_clock(
        self,
        kind: DeadlineKind | None = None,
        context: str = "",
        *,
        select_in: DeadlinesDialog | None = None,
    ) -> None:
        """Start a clock (of ``kind``; ``context`` says why it is offered: then the buttons say
        "Start the clock" and "Not now")."""
        if not self._has_event():
            return
        dialog = StartDeadlineDialog(
            self.language, clock=self.controller.clock, kind=kind, context=context
        )
        if context:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Start the clock"))
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Not now"))

        def call() -> Call:
            values = dict(dialog.values_)
            return (lambda s: s.start_deadlines(**values)), ""

        def saved(started: tuple[DeadlineClock, ...]) -> None:
            own = next((c for c in started if c.kind is dialog.values_["kind"]), started[0])
            self.window.statusBar().showMessage(
                _("Deadline clock started: {title}, due {due}").format(
                    title=own.title, due=fmt_datetime(own.due_at)
                ),
                8000,
            )
            if select_in is not None:
                select_in.select_when_shown(own.id)

        self._form(dialog, call, saved)

    def report(self, deadline: DeadlineClock) -> None:
        dialog = ReportDeadlineDialog(self.language, deadline, clock=self.controller.clock)

        def call() -> Call:
            values = dict(dialog.values_)
            return (
                lambda s: s.report_deadline(deadline.id, **values),
                _("Reported: {0}").format(deadline.title),
            )

        self._form(dialog, call)

    def not_required(self, deadline: DeadlineClock) -> None:
        dialog = NotRequiredDialog(self.language, deadline)

        def call() -> Call:
            reason = dialog.reason_
            return (
                lambda s: s.mark_deadline_not_required(deadline.id, reason),
                _("Not required: {0}").format(deadline.title),
            )

        self._form(dialog, call)

    def offer_imy_clock(self, system: AffectedSystem) -> None:
        """A system was marked "personal data may be affected": offer to start the IMY clock
        (72 hours from awareness, GDPR art. 33.1), awareness defaulting to now."""
        board = self.controller.board
        context = _(
            "Personal data may be affected in “{system}”. A personal-data breach is reported to "
            "IMY within 72 hours of becoming aware of it (GDPR art. 33.1). Start the clock?"
        ).format(system=system.name)
        running = [
            d
            for d in (board.deadlines if board else ())
            if d.kind is DeadlineKind.IMY_BREACH and d.is_open
        ]
        if running:
            context += " " + _("Already running: {0}.").format(
                "; ".join(f"{d.title} ({fmt_datetime(d.due_at)})" for d in running)
            )
        self.start_clock(DeadlineKind.IMY_BREACH, context)

    # ------------------------------------------------------------------ briefings

    def briefings(self) -> None:
        """Stabsorienteringar: the list with its commands."""
        dialog = BriefingsDialog(self.controller)
        dialog.scheduleRequested.connect(self.schedule)
        dialog.cancelRequested.connect(self.cancel)
        dialog.agendaRequested.connect(self.agenda)
        dialog.decisionRequested.connect(
            lambda b: self.decision(b.id if isinstance(b, Briefing) else None)
        )
        self._show_list(dialog)

    def schedule(self) -> None:
        if not self._has_event():
            return
        dialog = ScheduleBriefingDialog(self.language, clock=self.controller.clock)

        def call() -> Call:
            at, title, recurrence = dialog.values_
            return (
                lambda s: s.add_briefing(at, title, recurrence=recurrence),
                _("Briefing scheduled"),
            )

        self._form(dialog, call)

    def cancel(self, briefing: Briefing) -> None:
        what = (
            briefing.recurrence.describe(self.language)
            if briefing.recurrence
            else fmt_datetime(briefing.at)
        )
        answer = QMessageBox.question(
            self._parent(),
            _("Cancel the briefing"),
            _("Cancel “{title}” ({what}) from now on?").format(title=briefing.title, what=what),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.controller.execute(
            lambda s: s.cancel_briefing(briefing.id),
            on_done=lambda _b: self.window.statusBar().showMessage(
                _("Briefing cancelled: {0}").format(briefing.title), 6000
            ),
            on_error=lambda m: QMessageBox.warning(self._parent(), _("Not saved"), m),
        )

    def agenda(self, briefing: Briefing | None = None) -> None:
        """Dagordning of the briefing under way or the next one (or of ``briefing``)."""
        if not self._has_event():
            return
        dialog = AgendaDialog(self.controller, briefing.id if briefing else None)
        dialog.decisionRequested.connect(lambda ref: self.decision(ref, after=dialog.reload))
        previous = self.open_dialog
        dialog.setParent(self._parent(), dialog.windowFlags())
        self.open_dialog = dialog
        try:
            dialog.exec()
        finally:
            self.open_dialog = previous
            dialog.deleteLater()

    def decision(
        self, briefing_id: str | None = None, *, after: Callable[[], None] | None = None
    ) -> None:
        """A decision taken at a briefing (the one under way by default), journaled as *beslut*
        with the briefing's reference."""
        board = self.controller.board
        if not self._has_event() or board is None:
            return
        now = self.controller.now()
        choices = decision_choices(board, now)
        if not choices:
            QMessageBox.information(
                self._parent(),
                _("Decision at a briefing"),
                ValidationError("no_briefing_held").message(self.language),
            )
            return
        under_way = board.briefing_under_way(now)
        chosen = briefing_id or (under_way.briefing_id if under_way else None)
        dialog = BriefingDecisionDialog(
            self.language, choices, clock=self.controller.clock, chosen=chosen
        )

        def call() -> Call:
            text, ref, occurred = dialog.values_
            return (
                lambda s: s.record_briefing_decision(text, briefing_ref=ref, occurred_at=occurred),
                "",
            )

        def saved(entry: Any) -> None:
            self.window.statusBar().showMessage(
                _("Decision recorded: {0}").format(entry.number), 8000
            )
            if after is not None:
                after()

        self._form(dialog, call, saved)
