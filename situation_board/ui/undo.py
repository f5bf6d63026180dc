"""Undo of the window's quick changes (K, a status change from the menu, hide from the wall).

A quick change runs through ``UndoStack.run``: the service's ``Outcome`` carries an ``UndoStep``
(``domain.undo``), which the stack keeps while the window stays open. Ctrl+Z (or *Ångra* in the
status bar) undoes the newest step: a NEW, journaled change that writes back the previous values,
so the journal shows the change and its undo (``services.undo``). Undos run one at a time and in
order, after any quick change still in flight has landed: K, K, Ctrl+Z, Ctrl+Z pressed faster
than the store answers still undoes the second change first. ``selectRequested`` names the record
an undo changed, so the window keeps the selection on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from situation_board.domain.changes import Outcome
from situation_board.domain.entities import Action, JournalEntry
from situation_board.domain.enums import ActionStatus
from situation_board.domain.undo import UndoStep
from situation_board.i18n import _
from situation_board.services import BoardService
from situation_board.ui.controller import BoardController

LIMIT = 50
"""Steps kept (the oldest are forgotten: they are still in the journal)."""


class UndoStack(QObject):
    """The window's undoable quick changes, newest last."""

    changed = Signal()  # the newest step changed (or the stack emptied)
    done = Signal(str)  # what a quick change or an undo did, for the status bar
    failed = Signal(str)  # why a quick change or an undo was refused
    selectRequested = Signal(object)  # the record a change or undo touched (Action, …)

    def __init__(self, controller: BoardController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoStack")
        self.controller = controller
        self.language = controller.language
        self.steps: list[UndoStep] = []
        self._in_flight = 0  # quick changes sent, not yet answered
        self._requested = 0  # Ctrl+Z pressed, not yet started
        self._undoing = False

    # ------------------------------------------------------------------ quick changes

    def run(self, fn: Callable[[BoardService], Outcome[Any]]) -> None:
        """Run the quick change ``fn`` (a use case returning an ``Outcome``); its undo step is
        kept and its summary goes to the status bar (nothing changed: no step, no word)."""
        self._in_flight += 1

        def landed(outcome: Outcome[Any]) -> None:
            self._in_flight -= 1
            step = outcome.undo
            if step is not None:
                self.steps.append(step)
                del self.steps[:-LIMIT]
                self.changed.emit()
            if step is not None:
                self.done.emit(step.summary.render(self.language))
            self.selectRequested.emit(outcome.value)
            self._next()

        def refused(message: str) -> None:
            self._in_flight -= 1
            self.failed.emit(message)
            self._next()

        self.controller.execute(fn, on_outcome=landed, on_error=refused, owner=self)

    # ------------------------------------------------------------------ undo

    @property
    def top(self) -> UndoStep | None:
        """The step Ctrl+Z undoes next."""
        return self.steps[-1] if self.steps else None

    def summary(self) -> str:
        """What Ctrl+Z undoes next, in the UI language (``""`` when nothing)."""
        step = self.top
        return step.summary.render(self.language) if step is not None else ""

    def undo(self) -> None:
        """Undo the newest step (queued behind changes and undos still in flight)."""
        if self._requested >= len(self.steps) and not self._in_flight:
            self.done.emit(_("Nothing to undo"))
            return
        self._requested += 1
        self._next()

    def _next(self) -> None:
        if self._undoing or self._in_flight or not self._requested:
            return
        if not self.steps:
            self._requested = 0
            return
        self._requested -= 1
        step = self.steps.pop()
        self._undoing = True
        self.changed.emit()

        def undone(outcome: Outcome[Any]) -> None:
            self._undoing = False
            redo = outcome.undo  # its summary says "Undone: …"
            self.done.emit(redo.summary.render(self.language) if redo else self.summary())
            self.selectRequested.emit(outcome.value)
            self._next()

        def refused(message: str) -> None:
            self._undoing = False
            self._requested = 0  # the next steps may rest on this one: stop here
            self.failed.emit(message)

        self.controller.execute(
            lambda s: s.undo(step), on_outcome=undone, on_error=refused, owner=self
        )


class QuickChanges(QObject):
    """The one-key and one-click changes of the window, each undoable."""

    def __init__(self, stack: UndoStack) -> None:
        super().__init__(stack)
        self.stack = stack

    def complete_action(self, action: Action) -> None:
        """K: the selected action is done."""
        self.stack.run(lambda s: s.complete_action(action.id))

    def set_action_status(self, action: Action, status: ActionStatus) -> None:
        """A status from the actions table's menu."""
        if status is not action.status:
            self.stack.run(lambda s: s.set_action_status(action.id, status))

    def set_hidden_from_wall(self, entry: JournalEntry, hidden: bool) -> None:
        """Hide a saved entry from the wall display, or show it there again."""
        self.stack.run(lambda s: s.set_hidden_from_wall(entry.id, hidden))


class UndoNotice(QWidget):
    """The status bar's left side after a quick change: what was done, and *Ångra*."""

    SHOWN_MS = 120_000  # the notice goes after two minutes; Ctrl+Z keeps working

    def __init__(self, stack: UndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoNotice")
        self.stack = stack
        self.text = QLabel()
        self.text.setObjectName("undoText")
        self.text.setAccessibleName(_("Last change"))
        self.button = QPushButton(_("&Undo (Ctrl+Z)"))
        self.button.setObjectName("undoButton")
        self.button.setAccessibleName(_("Undo the last change"))
        self.button.clicked.connect(stack.undo)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.text)
        row.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setObjectName("undoNoticeTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        stack.done.connect(self.say)
        stack.failed.connect(lambda message: self.say(message, error=True))
        stack.changed.connect(self._refresh_button)
        self.hide()

    def say(self, message: str, *, error: bool = False) -> None:
        """Show ``message`` (what was done, or why not) with *Ångra* when there is a step."""
        self.text.setText(message)
        self.text.setProperty("error", error)
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)
        self.text.setAccessibleDescription(message)
        self._refresh_button()
        self.show()
        self._timer.start()

    def _refresh_button(self) -> None:
        summary = self.stack.summary()
        self.button.setVisible(bool(summary))
        self.button.setToolTip(_("Undo: {0}").format(summary) if summary else "")
