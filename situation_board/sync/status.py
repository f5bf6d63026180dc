"""What a sync run reports (``SyncReport``) and what the window's status bar shows (``SyncStatus``).

Both are frozen dataclasses, made on the sync worker thread and safe to hand to the GUI thread.
The status bar rule of the issue (amber after 2 missed intervals, red after 5 or on error) is
``SyncStatus.health``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from situation_board.domain.changes import NOTHING, ChangeSet
from situation_board.domain.freshness import Freshness, FreshnessState


@dataclass(frozen=True, slots=True)
class SyncReport:
    """One push + pull: counts, and ``changes``, the topics its pull changed locally."""

    store: str
    pushed: int = 0
    duplicates: int = 0
    pulled: int = 0
    changed: int = 0
    new_conflicts: int = 0
    pending: int = 0
    epoch_changed: bool = False
    gap_healed: bool = False
    clock_warning: str | None = None
    changes: ChangeSet = NOTHING
    resent: int = 0  # acknowledged changes the store no longer held, sent again (failover)
    history_lost: bool = False  # the store lost commits this station had pulled: all again


class Health(Enum):
    """Colour of the status bar's sync indicator."""

    OK = "ok"
    STALE = "stale"  # amber: more than 2 intervals since the last success
    FAILING = "failing"  # red: more than 5 intervals, or the last run failed
    NOT_CONFIGURED = "not_configured"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """The station's sync state for the status bar (store shown without password)."""

    store: str | None
    interval_s: int = 15
    last_success_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_error: str | None = None
    error_key: str | None = None  # the message key of ``last_error`` (for a short wall text)
    pending: int = 0
    conflicts: int = 0
    consecutive_failures: int = 0
    clock_warning: str | None = None
    update_required: bool = False
    running: bool = False
    next_attempt_at: datetime | None = None
    report: SyncReport | None = None
    """The report of the run this status follows (``None`` after a failed run or at start):
    the window refreshes what ``report.changes`` names."""

    def age(self, now: datetime) -> timedelta | None:
        """How old the last successful sync is."""
        return None if self.last_success_at is None else now - self.last_success_at

    def health(self, now: datetime) -> Health:
        """Amber after 2 missed intervals, red after 5 (``domain.freshness``) or on error."""
        if self.store is None:
            return Health.NOT_CONFIGURED
        if self.last_error or self.update_required:
            return Health.FAILING
        return _HEALTH[self.freshness().level(now)]

    def freshness(self) -> FreshnessState:
        """The age rule's inputs, for the wall's freshness line and stale band."""
        return FreshnessState(self.last_success_at, self.interval_s, self.last_error, syncing=True)


_HEALTH = {Freshness.FRESH: Health.OK, Freshness.AMBER: Health.STALE, Freshness.RED: Health.FAILING}
