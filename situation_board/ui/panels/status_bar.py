"""The status bar: station code, user and function, sync indicator, clock with UTC offset."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from situation_board.domain.clock import Clock
from situation_board.domain.entities import Actor
from situation_board.domain.timeutil import fmt_datetime, local, offset_text
from situation_board.i18n import _
from situation_board.sync.status import Health, SyncStatus


class StatusBar(QStatusBar):
    """Permanent fields on the right; transient messages (errors of loads) on the left."""

    def __init__(self, language: str, clock: Clock, parent: QWidget | None = None) -> None:
        """``clock`` is the injected clock (the controller's): the shown time and sync ages."""
        super().__init__(parent)
        self.language = language
        self.now = clock
        self.setObjectName("statusBar")
        self.station = QLabel()
        self.station.setObjectName("statusStation")
        self.user = QLabel()
        self.user.setObjectName("statusUser")
        self.sync = QLabel(_("Sync: no shared store configured"))
        self.sync.setObjectName("statusSync")
        self.clock = QLabel()
        self.clock.setObjectName("statusClock")
        for w, name in (
            (self.station, _("Station")),
            (self.user, _("User")),
            (self.sync, _("Sync state")),
            (self.clock, _("Clock")),
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
        self.station.setText(_("Station {0}").format(station))
        self.user.setText(f"{actor.name} · {actor.function.label(self.language)}")

    def update_clock(self) -> None:
        now = self.now()
        self.clock.setText(f"{local(now):%Y-%m-%d %H:%M:%S} {offset_text(now)}")
        if self._sync is not None:
            self.show_sync(self._sync)

    def show_sync(self, status: SyncStatus) -> None:
        """Age of the last successful sync, pending changes, conflicts; amber/red; why."""
        self._sync = status
        now = self.now()
        health = status.health(now)
        if health is Health.NOT_CONFIGURED:
            self.sync.setText(_("Sync: no shared store configured"))
            self._set_state("")
            return
        if status.update_required:
            text = _("Sync: UPDATE REQUIRED")
        elif status.last_success_at is None:
            text = _("Sync: never succeeded")
        else:
            text = _("Sync: {0}").format(self.ago(now - status.last_success_at))
        text += " · " + _("{0} pending").format(status.pending)
        if status.conflicts:
            text += " · " + _("conflicts: {0}").format(status.conflicts)
        if status.clock_warning:
            text += " · ⚠ " + _("clock")
        self.sync.setText(text)
        self._set_state({Health.OK: "ok", Health.STALE: "amber", Health.FAILING: "red"}[health])
        tip = [_("Shared store: {0}").format(status.store or "–")]
        if status.last_success_at:
            tip.append(_("Last successful sync: {0}").format(fmt_datetime(status.last_success_at)))
        if status.last_error:
            tip.append(_("Error: {0}").format(status.last_error))
        if status.clock_warning:
            tip.append(status.clock_warning)
        if status.next_attempt_at and status.consecutive_failures:
            tip.append(_("Next attempt {0}").format(fmt_datetime(status.next_attempt_at)))
        self.sync.setToolTip("\n".join(tip))
        self.sync.setAccessibleDescription(" ".join([text, *tip]))

    def ago(self, delta: timedelta) -> str:
        """``nyss`` / ``för 12 s sedan`` / ``för 3 min sedan`` / ``för 2 h sedan``."""
        seconds = max(0, int(delta.total_seconds()))
        if seconds < 5:
            return _("just now")
        if seconds < 120:
            return _("{0} s ago").format(seconds)
        if seconds < 7200:
            return _("{0} min ago").format(seconds // 60)
        return _("{0} h ago").format(seconds // 3600)

    def _set_state(self, state: str) -> None:
        if self.sync.property("state") != state:
            self.sync.setProperty("state", state)
            self.sync.style().unpolish(self.sync)
            self.sync.style().polish(self.sync)
