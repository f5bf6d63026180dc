"""The board's notion of *now*.

Production uses the system clock. ``SITUATION_BOARD_NOW=<ISO instant>`` starts the clock at that
instant instead and lets it run from there: tests and screenshots of the demo replayed on its real
dates (``demo --as-of``) use it so that "overdue" and "in 40 minutes" do not change from day to day.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]

_ENV = "SITUATION_BOARD_NOW"
_START_MONO = time.monotonic()


def system_clock() -> datetime:
    """Now, as an aware UTC datetime (honours ``SITUATION_BOARD_NOW``)."""
    fixed = os.environ.get(_ENV)
    if fixed:
        start = datetime.fromisoformat(fixed.replace("Z", "+00:00"))
        if start.tzinfo is None:
            raise ValueError(f"{_ENV} needs an offset: {fixed}")
        return start.astimezone(UTC) + timedelta(seconds=time.monotonic() - _START_MONO)
    return datetime.now(UTC)


def fixed_clock(at: datetime) -> Clock:
    """A clock that always says ``at`` (tests, demo replay)."""

    def clock() -> datetime:
        return at

    return clock
