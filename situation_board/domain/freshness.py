"""How fresh the board's data is: amber when the last successful update is older than 2 sync
intervals, red when older than 5. The wall's band follows this age rule alone (an error only
supplies the *reason*); the status bar's sync light (``SyncStatus.health``) builds on it and turns
red at once on an error. Pure rules; the views only colour them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Freshness(StrEnum):
    FRESH = "fresh"
    AMBER = "amber"
    RED = "red"


AMBER_INTERVALS = 2
RED_INTERVALS = 5


@dataclass(frozen=True, slots=True)
class FreshnessState:
    """The inputs: when the data was last known good, the sync interval, the last error."""

    last_update: datetime | None
    interval_s: int
    error: str | None = None
    syncing: bool = False  # False: a standalone board whose local store *is* the source

    def level(self, now: datetime) -> Freshness:
        """Fresh, amber (older than 2 intervals) or red (older than 5) at ``now`` (aware UTC)."""
        if not self.syncing:
            return Freshness.FRESH
        if self.last_update is None:  # never synced: unknown at best
            return Freshness.RED if self.error else Freshness.AMBER
        age = now - self.last_update
        if age > timedelta(seconds=RED_INTERVALS * self.interval_s):
            return Freshness.RED
        if age > timedelta(seconds=AMBER_INTERVALS * self.interval_s):
            return Freshness.AMBER
        return Freshness.FRESH
