"""The one operation helper: run store work off the GUI thread, report back on it.

Every database call from the UI goes through ``Ops.run``: the callable runs on a worker of a
``QThreadPool``; its result or exception is delivered to the callbacks on the GUI thread (the
controller announces a write's change set). ``pending`` counts operations in flight (tests wait
for it to reach zero).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], object]
Failed = Callable[[BaseException], object]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits into it, so delivery is queued to the GUI."""

    finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, token: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.token, self.fn, self.relay = token, fn, relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:
            self.relay.finished.emit(self.token, False, exc)
        else:
            self.relay.finished.emit(self.token, True, result)


class Ops(QObject):
    """Runs work off-thread; one instance per window, shared by all panels."""

    idle = Signal()
    failed = Signal(object)  # unhandled exceptions (no error callback given)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setObjectName("opsPool")
        self.pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._tokens = itertools.count(1)
        self._callbacks: dict[int, tuple[Done | None, Failed | None, QObject | None]] = {}

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run ``fn`` on a worker; then ``on_done(result)`` or ``on_error(exc)`` on the GUI
        thread. When ``owner`` (e.g. a dialog) has been deleted by then, the callbacks are
        skipped."""
        token = next(self._tokens)
        self._callbacks[token] = (on_done, on_error, owner)
        self.pool.start(_Job(token, fn, self._relay))

    @Slot(int, bool, object)
    def _finished(self, token: int, ok: bool, payload: object) -> None:
        on_done, on_error, owner = self._callbacks.pop(token)
        if owner is not None and not shiboken6.isValid(owner):  # closed meanwhile
            on_done = on_error = None
            if not ok:
                log.warning("operation of a closed window failed", exc_info=payload)  # type: ignore[arg-type]
                ok, payload = True, None  # nothing to report it to; don't raise
        try:
            if ok:
                if on_done is not None:
                    on_done(payload)
            else:
                assert isinstance(payload, BaseException)
                if on_error is not None:
                    on_error(payload)
                else:
                    log.error("operation failed", exc_info=payload)
                    self.failed.emit(payload)
        finally:
            if not self._callbacks:
                self.idle.emit()

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the workers are done (shutdown and tests only)."""
        return bool(self.pool.waitForDone(msecs))
