"""The status bar: station code, user and function, sync indicator, clock with UTC offset."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from situation_board.domain.clock import system_clock
from situation_board.domain.entities import Actor
from situation_board.domain.timeutil import local, offset_text


class StatusBar(QStatusBar):
    """Permanent fields on the right; transient messages (errors of loads) on the left."""

    def __init__(self, language: str = "sv", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setObjectName("statusBar")
        self.station = QLabel()
        self.station.setObjectName("statusStation")
        self.user = QLabel()
        self.user.setObjectName("statusUser")
        self.sync = QLabel(self.tr("Sync: no shared store configured"))
        self.sync.setObjectName("statusSync")
        self.clock = QLabel()
        self.clock.setObjectName("statusClock")
        for w, name in (
            (self.station, self.tr("Station")),
            (self.user, self.tr("User")),
            (self.sync, self.tr("Sync state")),
            (self.clock, self.tr("Clock")),
        ):
            w.setAccessibleName(name)
            self.addPermanentWidget(w)
        self._timer = QTimer(self)
        self._timer.setObjectName("statusClockTimer")
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.update_clock)
        self._timer.start()
        self.update_clock()

    def set_identity(self, station: str, actor: Actor) -> None:
        self.station.setText(self.tr("Station %1").replace("%1", station))
        self.user.setText(f"{actor.name} · {actor.function.label(self.language)}")

    def update_clock(self) -> None:
        now = system_clock()
        self.clock.setText(f"{local(now):%Y-%m-%d %H:%M:%S} {offset_text(now)}")
