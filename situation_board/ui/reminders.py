"""The window's and the wall's side of reminders: the pure evaluator (``domain.reminders``)
driven by the controller's tick and by every change set, off the GUI thread.

``ReminderDriver`` evaluates on the controller's 30-second tick, after every change set on the
bus (a local write, a sync pull) and when the sync status changes. A workstation *records* what
it notifies (``check_reminders``: each cause fires once per station, and the overdue and deadline
kinds repeat until someone acknowledges them) and emits ``due`` for the notifier; a wall only
*reads* (``reminders``): it shows what is unacknowledged and never marks anything shown, so a wall
on the same board never swallows a workstation's notification. Acknowledging is the room's: it
stops the repeats everywhere and is journaled as who saw it when.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from situation_board.domain.changes import ChangeSet, Topic
from situation_board.domain.reminders import Evaluation, Reminder, SyncHealth
from situation_board.services.reminders import sync_health
from situation_board.sync.status import SyncStatus
from situation_board.ui.controller import BoardController
from situation_board.ui.notifier import Notifier
from situation_board.ui.panels.reminders_panel import ReminderBar, RemindersPanel

IGNORED = frozenset({Topic.CONFLICTS})
"""Change sets that cannot change a reminder."""


class ReminderDriver(QObject):
    """Evaluates reminders for one window; ``evaluated`` carries every active reminder with its
    state, ``due`` the ones to notify now (workstation only)."""

    evaluated = Signal(object)  # Evaluation
    due = Signal(object)  # tuple[Reminder, ...]
    acknowledged = Signal(object)  # Ack
    failed = Signal(str)

    def __init__(
        self, controller: BoardController, *, record: bool = True, parent: QObject | None = None
    ) -> None:
        super().__init__(parent or controller)
        self.setObjectName("reminderDriver")
        self.controller = controller
        self.record = record
        self.policy = controller.ctx.reminder_policy()
        self.started_at: datetime = controller.now()
        self.sync: SyncHealth | None = None
        self.evaluation: Evaluation | None = None
        self.runs = 0  # finished evaluations (tests wait for it)
        self._busy = False
        self._again = False
        controller.tick.connect(self.check)
        controller.bus.changed.connect(self._changed)

    def _changed(self, changes: ChangeSet) -> None:
        if changes - IGNORED:
            self.check()

    def set_sync_status(self, status: SyncStatus) -> None:
        """The sync engine's status: five failed intervals are a reminder."""
        health = sync_health(status, self.started_at)
        if health != self.sync:
            self.sync = health
            self.check()

    def check(self) -> None:
        """Evaluate now (a run in flight is followed by one more, not by one per request)."""
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        policy, sync, record = self.policy, self.sync, self.record
        self.controller.execute(
            (
                (lambda s: s.check_reminders(policy, sync=sync))
                if record
                else (lambda s: s.reminders(policy, sync=sync))
            ),
            on_done=self._done,
            on_error=self._failed,
            owner=self,  # a closed window's driver gets no answer
        )

    def _done(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        self.runs += 1
        self.evaluated.emit(evaluation)
        if self.record and evaluation.due:
            self.due.emit(evaluation.due)
        self._finish()

    def _failed(self, message: str) -> None:
        self.failed.emit(message)
        self._finish()

    def _finish(self) -> None:
        self._busy = False
        if self._again:
            self.check()

    def acknowledge(self, reminder: Reminder) -> None:
        """Record that the acting user has seen ``reminder`` (journaled; repeats stop in the
        whole room). The change set re-evaluates."""
        if not self.record:
            return  # the wall never writes
        policy, sync = self.policy, self.sync
        self.controller.execute(
            lambda s: s.acknowledge_reminder(reminder, policy, sync=sync),
            on_done=self.acknowledged.emit,
            on_error=self.failed.emit,
            owner=self,
        )


class WindowReminders(QObject):
    """The workstation's reminders, wired: the driver, the panel, the bar under the banner and
    the desktop notifications (sound as configured, ``reminder_sound``)."""

    def __init__(
        self,
        window: QWidget,
        controller: BoardController,
        panel: RemindersPanel,
        bar: ReminderBar,
        *,
        notifier: Notifier | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("windowReminders")
        self.driver = ReminderDriver(controller, parent=self)
        self.panel, self.bar = panel, bar
        settings = controller.ctx.settings
        self.notifier = notifier or Notifier(
            window, controller.language, sound=settings.reminder_sound
        )
        self.driver.evaluated.connect(panel.show_evaluation)
        self.driver.evaluated.connect(bar.show_evaluation)
        self.driver.due.connect(self.notifier.notify)
        panel.acknowledgeRequested.connect(self.driver.acknowledge)
        bar.acknowledgeRequested.connect(self.driver.acknowledge)
        controller.boardLoaded.connect(self._first_board)

    def _first_board(self) -> None:
        """The first evaluation, once the window has its board (then: tick and changes)."""
        self.driver.controller.boardLoaded.disconnect(self._first_board)
        self.driver.check()
