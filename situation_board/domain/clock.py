"""The board's notion of *now*: an injected clock, never a global or an environment variable.

A ``Clock`` is a callable returning an aware UTC ``datetime``. Production uses ``system_clock``;
``running_from(start)`` starts at ``start`` and runs on in real time (``demo --as-of``: the demo
replayed on its real dates, so "overdue" and "in 40 minutes" do not change from day to day);
``fixed_clock(at)`` always says ``at`` (tests, the demo's replay steps). The faces get theirs
from the application context (``app.context.AppContext.clock``) and pass it down.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(UTC)


def fixed_clock(at: datetime) -> Clock:
    """A clock that always says ``at`` (an aware datetime; returned in UTC)."""
    if at.tzinfo is None:
        raise TypeError("naive datetime")
    instant = at.astimezone(UTC)

    def clock() -> datetime:
        return instant

    return clock


def running_from(start: datetime) -> Clock:
    """A clock that says ``start`` now and runs on from there in real time (monotonic seconds).

    Raises ``TypeError`` for a naive ``start``.
    """
    if start.tzinfo is None:
        raise TypeError("naive datetime")
    origin = start.astimezone(UTC)
    began = time.monotonic()

    def clock() -> datetime:
        return origin + timedelta(seconds=time.monotonic() - began)

    return clock
