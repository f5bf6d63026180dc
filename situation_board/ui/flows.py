"""User flows behind the menu commands: open a dialog, run the use case off-thread, report.

Kept apart from the main window so the window stays a thin composition of panels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from situation_board.domain.entities import Action, AffectedSystem, Event, JournalEntry
from situation_board.services import BoardService
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.action import ActionDialog
from situation_board.ui.dialogs.entry import EntryDialog
from situation_board.ui.dialogs.event import CloseEventDialog, NewEventDialog
from situation_board.ui.dialogs.level import LevelDialog
from situation_board.ui.dialogs.system import SystemDialog

if TYPE_CHECKING:
    from situation_board.ui.main_window import MainWindow

JOURNAL = frozenset({"journal"})


class Flows(QObject):
    """One method per command; each ends in ``controller.execute``."""

    def __init__(self, window: MainWindow, controller: BoardController, language: str) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.language = language

    @property
    def parent_widget(self) -> QWidget:
        return self.window

    def _run_dialog(self, dialog: QDialog, save: Callable[[], None]) -> None:
        dialog.setParent(self.window, dialog.windowFlags())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            save()
        dialog.deleteLater()

    def _execute(
        self, fn: Callable[[BoardService], Any], changes: frozenset[str], done: str | None = None
    ) -> None:
        def ok(_: Any) -> None:
            if done:
                self.window.statusBar().showMessage(done, 6000)

        self.controller.execute(fn, changes, on_done=ok, on_error=self._error)

    def _error(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("Not saved"), message)

    # ------------------------------------------------------------------ journal

    def quick_entry(self, text: str, confirmed: bool) -> None:
        quick = self.window.quick_entry
        self.controller.execute(
            lambda s: s.add_entry(text, allow_personnummer=confirmed),
            JOURNAL,
            on_done=lambda entry: quick.saved(entry.number),
            on_error=quick.failed,
        )

    def full_entry(self, text: str = "", corrects: JournalEntry | None = None) -> None:
        dialog = EntryDialog(self.language, text, corrects)

        def save() -> None:
            values = dialog.values()
            if corrects is None:
                self.window.quick_entry.line.clear()
            self.controller.execute(
                lambda s: s.add_entry(**values),
                JOURNAL,
                on_done=lambda e: self.window.quick_entry.saved(e.number),
                on_error=self._error,
            )

        self._run_dialog(dialog, save)

    # ------------------------------------------------------------------ level and event

    def change_level(self) -> None:
        board = self.controller.board
        if board is None or board.event is None:
            return
        self.controller.execute(
            lambda s: s.level_history(),
            frozenset(),
            on_done=self._level_dialog,
            on_error=self._error,
        )

    def _level_dialog(self, history: list[Any]) -> None:
        board = self.controller.board
        current = board.level if board else None
        dialog = LevelDialog(self.language, current, self.controller.actor.name, history)

        def save() -> None:
            v = dialog.values()
            self._execute(
                lambda s: s.set_level(
                    v["level"], reason=v["reason"], decided_by=v["decided_by"], scope=v["scope"]
                ),
                frozenset({"level_decisions", "journal"}),
                self.tr("Readiness level decided"),
            )

        self._run_dialog(dialog, save)

    def new_event(self) -> None:
        dialog = NewEventDialog(self.language)

        def save() -> None:
            name, exercise, started = dialog.values_
            self._execute(
                lambda s: s.start_event(name, exercise=exercise, started_at=started),
                frozenset({"events", "journal"}),
                self.tr("Event started"),
            )

        self._run_dialog(dialog, save)

    def close_event(self, event: Event | None = None) -> None:
        """Close the active event, or ``event`` (another open one)."""
        board = self.controller.board
        if board is None or board.event is None:
            return
        target = event or board.event
        dialog = CloseEventDialog(self.language, target.name)
        event_id = event.id if event is not None else None

        def save() -> None:
            reason = dialog.reason_
            self._execute(
                lambda s: s.close_event(reason, event_id=event_id),
                frozenset({"events", "level_decisions", "journal"}),
                self.tr("Event closed"),
            )

        self._run_dialog(dialog, save)

    # ------------------------------------------------------------------ systems and actions

    def add_system(self) -> None:
        self.edit_system(None)

    def edit_system(self, system: AffectedSystem | None) -> None:
        if self.controller.board is None or self.controller.board.event is None:
            return
        dialog = SystemDialog(self.language, system)

        def save() -> None:
            values, comment = dialog.values(), dialog.comment_text
            if system is None:
                name, status = values.pop("name"), values.pop("status")
                fn: Callable[[BoardService], Any] = lambda s: s.add_system(  # noqa: E731
                    name, status=status, comment=comment, **values
                )
            else:
                fn = lambda s: s.update_system(system.id, comment=comment, **values)  # noqa: E731
            self._execute(fn, frozenset({"systems", "journal"}), self.tr("System saved"))

        self._run_dialog(dialog, save)

    def add_action(self) -> None:
        self.edit_action(None)

    def edit_action(self, action: Action | None) -> None:
        board = self.controller.board
        if board is None or board.event is None:
            return
        owners = sorted({a.owner for a in board.actions if a.owner}, key=str.casefold)
        dialog = ActionDialog(self.language, action, owners, board.systems)

        def save() -> None:
            values = dialog.values()
            if action is None:
                title = values.pop("title")
                fn: Callable[[BoardService], Any] = lambda s: s.add_action(title, **values)  # noqa: E731
            else:
                fn = lambda s: s.update_action(action.id, **values)  # noqa: E731
            self._execute(fn, frozenset({"actions", "journal"}), self.tr("Action saved"))

        self._run_dialog(dialog, save)

    def complete_action(self, action: Action) -> None:
        self._execute(
            lambda s: s.complete_action(action.id),
            frozenset({"actions", "journal"}),
            self.tr("Done: %1").replace("%1", action.title),
        )
