"""The window's side of sync: the engine's worker-thread callbacks brought to the GUI thread.

``SyncBridge`` owns the ``SyncEngine`` of a window (workstation or wall). After every run the
engine calls back on its worker thread with a status that carries that run's report; the bridge
re-emits it as a Qt signal, which Qt queues to the GUI thread, and announces the report's change
set on the change bus. When the
store needs a password that the keyring does not have, the engine's worker asks the GUI thread
(a queued signal) and waits for the answer — or for ``stop``, so quitting never hangs on an open
question. The answer is kept in memory for this run only; a cancelled prompt is not repeated on
every retry (only after *Synka nu*). A wall display never asks (``ask_password=False``).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from situation_board.i18n import _
from situation_board.store.database import LocalStore
from situation_board.sync.engine import SyncEngine
from situation_board.sync.status import SyncStatus
from situation_board.ui.bus import ChangeBus

log = logging.getLogger(__name__)


class SyncBridge(QObject):
    """Starts, stops and reports a ``SyncEngine`` for a window."""

    statusChanged = Signal(object)  # SyncStatus, on the GUI thread
    _fromWorker = Signal(object)  # emitted on the worker thread
    _askPassword = Signal(str)  # queued to the GUI thread; the worker waits on ``_answered``

    def __init__(
        self,
        store: LocalStore,
        url: str,
        *,
        interval_s: int,
        language: str,
        bus: ChangeBus,
        parent: QObject | None = None,
        dialog_parent: QWidget | None = None,
        ask_password: bool = True,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.dialog_parent = dialog_parent
        self._answer: str | None = None
        self._answered = threading.Event()
        self._closing = threading.Event()
        self._fromWorker.connect(self._on_status)  # queued: the bridge lives on the GUI thread
        self._askPassword.connect(self._ask, Qt.ConnectionType.QueuedConnection)
        self.engine = SyncEngine(
            store,
            url,
            interval_s=interval_s,
            language=language,
            prompt=self._prompt if ask_password else None,
        )
        self.engine.add_listener(self._fromWorker.emit)
        self.status: SyncStatus = self.engine.status()

    def start(self) -> None:
        self.engine.start()
        self.statusChanged.emit(self.status)

    def stop(self) -> None:
        self._closing.set()
        self._answered.set()  # a worker waiting for a password gives up at once
        self.engine.stop()

    def sync_now(self) -> None:
        self.engine.sync_now()

    # ------------------------------------------------------------------ worker -> GUI

    @Slot(object)
    def _on_status(self, status: SyncStatus) -> None:
        self.status = status
        if status.report is not None:  # what this run's pull changed (nothing after a failure)
            self.bus.announce(status.report.changes)
        self.statusChanged.emit(status)

    def _prompt(self, display_url: str) -> str | None:
        """Called by the engine on its worker thread; waits for the person (or for ``stop``)."""
        if self._closing.is_set():
            return None
        self._answered.clear()
        self._answer = None
        self._askPassword.emit(display_url)
        while not self._answered.wait(0.2):
            if self._closing.is_set():
                return None
        answer, self._answer = self._answer, None
        return None if self._closing.is_set() else answer

    @Slot(str)
    def _ask(self, display_url: str) -> None:
        text, ok = QInputDialog.getText(
            self.dialog_parent,
            _("Password for the shared store"),
            _(
                "No password for {0} is saved in this computer's keyring.\n"
                "Password (kept in memory until the program closes):"
            ).format(display_url),
            QLineEdit.EchoMode.Password,
        )
        self._answer = text if ok and text else None
        self._answered.set()
