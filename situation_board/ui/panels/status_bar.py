"""The status bar: station code, user and function, sync indicator, clock with UTC offset."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from situation_board.domain.clock import system_clock
from situation_board.domain.entities import Actor
from situation_board.domain.timeutil import fmt_datetime, local, offset_text
from situation_board.sync.status import Health, SyncStatus


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
        self._sync: SyncStatus | None = None
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
        if self._sync is not None:
            self.show_sync(self._sync)

    def show_sync(self, status: SyncStatus) -> None:
        """Age of the last successful sync, pending changes, conflicts; amber/red; why."""
        self._sync = status
        now = system_clock()
        health = status.health(now)
        if health is Health.NOT_CONFIGURED:
            self.sync.setText(self.tr("Sync: no shared store configured"))
            self._set_state("")
            return
        if status.update_required:
            text = self.tr("Sync: UPDATE REQUIRED")
        elif status.last_success_at is None:
            text = self.tr("Sync: never succeeded")
        else:
            text = self.tr("Sync: %1").replace("%1", self.ago(now - status.last_success_at))
        text += " · " + self.tr("%1 pending").replace("%1", str(status.pending))
        if status.conflicts:
            text += " · " + self.tr("conflicts: %1").replace("%1", str(status.conflicts))
        if status.clock_warning:
            text += " · ⚠ " + self.tr("clock")
        self.sync.setText(text)
        self._set_state({Health.OK: "ok", Health.STALE: "amber", Health.FAILING: "red"}[health])
        tip = [self.tr("Shared store: %1").replace("%1", status.store or "–")]
        if status.last_success_at:
            tip.append(
                self.tr("Last successful sync: %1").replace(
                    "%1", fmt_datetime(status.last_success_at)
                )
            )
        if status.last_error:
            tip.append(self.tr("Error: %1").replace("%1", status.last_error))
        if status.clock_warning:
            tip.append(status.clock_warning)
        if status.next_attempt_at and status.consecutive_failures:
            tip.append(
                self.tr("Next attempt %1").replace("%1", fmt_datetime(status.next_attempt_at))
            )
        self.sync.setToolTip("\n".join(tip))
        self.sync.setAccessibleDescription(" ".join([text, *tip]))

    def ago(self, delta: timedelta) -> str:
        """``nyss`` / ``för 12 s sedan`` / ``för 3 min sedan`` / ``för 2 h sedan``."""
        seconds = max(0, int(delta.total_seconds()))
        if seconds < 5:
            return self.tr("just now")
        if seconds < 120:
            return self.tr("%1 s ago").replace("%1", str(seconds))
        if seconds < 7200:
            return self.tr("%1 min ago").replace("%1", str(seconds // 60))
        return self.tr("%1 h ago").replace("%1", str(seconds // 3600))

    def _set_state(self, state: str) -> None:
        if self.sync.property("state") != state:
            self.sync.setProperty("state", state)
            self.sync.style().unpolish(self.sync)
            self.sync.style().polish(self.sync)
