"""Run Python's cyclic garbage collector on the GUI thread only.

A QObject caught in a reference cycle is destroyed by whichever thread happens to trigger the
collector — possibly a worker of the operation pool — and Qt then warns that its timers "cannot be
stopped from another thread" (or worse). The usual remedy for Qt programs in Python: disable
automatic collection and collect from a GUI-thread timer instead, generation by generation, as
the thresholds would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GarbageCollector(QObject):
    """Owns the ``gcTimer``; keep one per application."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setObjectName("gcTimer")
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        counts = gc.get_count()
        if counts[0] > self.threshold[0]:
            generation = 0
            if counts[1] > self.threshold[1]:
                generation = 1
                if counts[2] > self.threshold[2]:
                    generation = 2
            gc.collect(generation)
