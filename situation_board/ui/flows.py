"""User flows behind the menu commands: open a dialog, run the use case off-thread, report.

If saving fails (the service refuses, the store is busy), the error is shown and the same dialog
opens again with everything that was typed: nothing typed is lost. Kept apart from the main
window so the window stays a thin composition of panels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from situation_board.domain.entities import Action, AffectedSystem, Event, JournalEntry
from situation_board.domain.enums import ActionStatus
from situation_board.domain.patches import ActionPatch
from situation_board.i18n import _
from situation_board.services import BoardService
from situation_board.services.templates import TemplateLibrary
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.action import ActionDialog
from situation_board.ui.dialogs.entry import EntryDialog
from situation_board.ui.dialogs.event import CloseEventDialog, NewEventDialog
from situation_board.ui.dialogs.level import LevelDialog
from situation_board.ui.dialogs.system import SystemDialog
from situation_board.ui.panels.quick_entry import QuickEntry

Call = tuple[Callable[[BoardService], Any], str]  # use case (returns an Outcome), message


class Flows(QObject):
    """One method per command; each ends in ``controller.execute``."""

    personalDataMarked = Signal(object)  # AffectedSystem saved as "personal data may be affected"

    def __init__(
        self, window: QMainWindow, controller: BoardController, quick_entry: QuickEntry
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.language = controller.language
        self.quick = quick_entry

    def _dialog_flow(
        self,
        dialog: QDialog,
        make_call: Callable[[], Call],
        on_saved: Callable[[Any], None] | None = None,
    ) -> None:
        """Show ``dialog``; on Save run its use case; on failure show it again with everything
        typed and the reason beside the fields (the services decide what is valid)."""
        dialog.setParent(self.window, dialog.windowFlags())
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
            show_error = getattr(dialog, "show_error", None)
            if show_error is not None:
                show_error(message)
            else:
                self._error(message)
            self._dialog_flow(dialog, make_call, on_saved)  # everything typed is still there

        self.controller.execute(fn, on_done=saved, on_error=failed)

    def _execute(self, fn: Callable[[BoardService], Any], done: str | None = None) -> None:
        def ok(_result: Any) -> None:
            if done:
                self.window.statusBar().showMessage(done, 6000)

        self.controller.execute(fn, on_done=ok, on_error=self._error)

    def _error(self, message: str) -> None:
        QMessageBox.warning(self.window, _("Not saved"), message)

    # ------------------------------------------------------------------ journal

    def quick_entry(self, text: str, confirmed: bool) -> None:
        quick = self.quick
        self.controller.execute(
            lambda s: s.add_entry(text, allow_personnummer=confirmed),
            on_done=lambda entry: quick.saved(entry.number),
            on_error=quick.failed,
        )

    def full_entry(self, text: str = "", corrects: JournalEntry | None = None) -> None:
        """The quick-entry line is emptied only once the entry is saved."""
        dialog = EntryDialog(self.language, text, corrects, clock=self.controller.clock)
        quick = self.quick

        def call() -> Call:
            values = dialog.values()
            return (lambda s: s.add_entry(**values)), ""

        def saved(entry: Any) -> None:
            if corrects is None:
                quick.line.clear()
            quick.saved(entry.number)

        self._dialog_flow(dialog, call, saved)

    # ------------------------------------------------------------------ level and event

    def change_level(self) -> None:
        board = self.controller.board
        if board is None or board.event is None:
            return
        self.controller.execute(
            lambda s: s.level_history(),
            on_done=self._level_dialog,
            on_error=self._error,
        )

    def _level_dialog(self, history: list[Any]) -> None:
        board = self.controller.board
        current = board.level if board else None
        dialog = LevelDialog(self.language, current, self.controller.actor.name, history)

        def call() -> Call:
            v = dialog.values()
            return (
                lambda s: s.set_level(
                    v["level"], reason=v["reason"], decided_by=v["decided_by"], scope=v["scope"]
                ),
                _("Readiness level decided"),
            )

        self._dialog_flow(dialog, call)

    def new_event(self) -> None:
        """Ny händelse: the event templates are read first (files, so off the GUI thread)."""
        ctx = self.controller.ctx
        self.controller.execute(
            lambda _s: ctx.templates(), on_done=self._new_event_dialog, on_error=self._error
        )

    def _new_event_dialog(self, library: TemplateLibrary) -> None:
        dialog = NewEventDialog(self.language, clock=self.controller.clock, library=library)

        def call() -> Call:
            name, exercise, started, template = dialog.values_
            fn: Callable[[BoardService], Any]
            if template is None:
                fn = lambda s: s.start_event(name, exercise=exercise, started_at=started)  # noqa: E731
            else:
                fn = lambda s: s.start_event_from_template(  # noqa: E731
                    name, template, exercise=exercise, started_at=started
                )
            return fn, _("Event started")

        self._dialog_flow(dialog, call)

    def close_event(self, event: Event | None = None) -> None:
        """Close the active event, or ``event`` (another open one)."""
        board = self.controller.board
        if board is None or board.event is None:
            return
        target = event or board.event
        dialog = CloseEventDialog(self.language, target.name)
        event_id = event.id if event is not None else None

        def call() -> Call:
            reason = dialog.reason_
            return (
                lambda s: s.close_event(reason, event_id=event_id),
                _("Event closed"),
            )

        self._dialog_flow(dialog, call)

    # ------------------------------------------------------------------ systems and actions

    def add_system(self) -> None:
        self.edit_system(None)

    def edit_system(self, system: AffectedSystem | None) -> None:
        if self.controller.board is None or self.controller.board.event is None:
            return
        dialog = SystemDialog(self.language, system, clock=self.controller.clock)

        def call() -> Call:
            patch, comment = dialog.patch(), dialog.comment_text
            fn: Callable[[BoardService], Any]
            if system is None:
                name, status = dialog.name_and_status()
                fn = lambda s: s.add_system(name, status=status, details=patch, comment=comment)  # noqa: E731
            else:
                fn = lambda s: s.update_system(system.id, patch, comment=comment)  # noqa: E731
            return fn, _("System saved")

        def saved(result: Any) -> None:
            if dialog.patch().personal_data_affected is True:  # newly marked: offer the IMY clock
                self.personalDataMarked.emit(result)

        self._dialog_flow(dialog, call, saved)

    def add_action(self) -> None:
        self.edit_action(None)

    def edit_action(self, action: Action | None) -> None:
        board = self.controller.board
        if board is None or board.event is None:
            return
        owners = sorted({a.owner for a in board.actions if a.owner}, key=str.casefold)
        dialog = ActionDialog(
            self.language, action, owners, board.systems, clock=self.controller.clock
        )

        def call() -> Call:
            patch = dialog.patch()
            fn: Callable[[BoardService], Any]
            if action is None:
                title = dialog.title_text()
                fn = lambda s: s.add_action(title, patch)  # noqa: E731
            else:
                fn = lambda s: s.update_action(action.id, patch)  # noqa: E731
            return fn, _("Action saved")

        self._dialog_flow(dialog, call)

    def complete_action(self, action: Action) -> None:
        self._execute(
            lambda s: s.update_action(action.id, ActionPatch(status=ActionStatus.DONE)),
            _("Done: {0}").format(action.title),
        )
