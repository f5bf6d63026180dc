"""How a deadline clock looks, in the window and on the wall alike: its urgency icon, colour pair
and words (colour is never the only signal), and what is left of its time."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtGui import QIcon

from situation_board import palette
from situation_board.domain.deadlines import elapsed_percent
from situation_board.domain.entities import DeadlineClock
from situation_board.domain.enums import DeadlineStatus, Urgency
from situation_board.domain.timeutil import countdown, fmt_short, late_by
from situation_board.i18n import _
from situation_board.ui import theme

LONG = timedelta(hours=48)
"""From this much time left (the NIS2 final report's month), days and hours are shown."""


def urgency_icon(urgency: Urgency) -> QIcon:
    """A distinct shape per state: a quarter, half and four-fifths filled dial; a warning
    triangle when overdue; a tick once closed."""
    return theme.icon(f"deadline-{urgency.value}")


def urgency_pair(urgency: Urgency) -> tuple[str, str] | None:
    """(text, background) of a clock in ``urgency``; ``None`` for a calm or closed clock."""
    return palette.URGENCY.get(urgency)


def time_left(clock: DeadlineClock, now: datetime, language: str) -> str:
    """``om 23 h 10 min``, ``om 29 d 23 h`` for a long clock, ``FÖRSENAD 2 h 05 min`` after the
    due time."""
    delta = clock.due_at - now
    if delta < timedelta(0):
        return _("OVERDUE {0}").format(late_by(-delta, language))
    if delta >= LONG:
        hours = int(delta.total_seconds()) // 3600
        days, hours = divmod(hours, 24)
        return _("in {days} d {hours} h").format(days=days, hours=hours)
    return countdown(delta, language)


def share_gone(clock: DeadlineClock, now: datetime) -> int:
    """Whole percent of the clock's time gone at ``now`` (at most 100)."""
    return min(elapsed_percent(clock.aware_at, clock.due_at, now), 100)


def state_text(clock: DeadlineClock, now: datetime, language: str) -> str:
    """The clock's state in words: ``Inom tid``, ``83 % av tiden har gått`` once a warning is
    reached (50 %, 80 %), ``Försenad``; once closed, reported, reported late or not required."""
    status = clock.status(now)
    if not status.is_open:
        return status.label(language)
    urgency = clock.urgency(now)
    if urgency in (Urgency.WARNING, Urgency.URGENT):
        return _("{0} percent of the time has passed").format(share_gone(clock, now))
    return urgency.label(language)


def outcome_text(clock: DeadlineClock, language: str) -> str:
    """What closed the clock: ``rapporterad 25 jan. 15:45, referens …`` (with the reason for a late
    report) or ``krävs inte: reason``; ``""`` while open."""
    if clock.reported_at is not None:
        text = _("reported {0}").format(fmt_short(clock.reported_at, language))
        if clock.reference:
            text += ", " + _("reference {0}").format(clock.reference)
        if clock.late_reason:
            text += " (" + _("late: {0}").format(clock.late_reason) + ")"
        return text
    if clock.not_required_at is not None:
        return _("not required: {0}").format(clock.not_required_reason)
    return ""


def running(clocks: tuple[DeadlineClock, ...], now: datetime) -> list[DeadlineClock]:
    """The open clocks (running or overdue), most urgent first: by due time."""
    return sorted(
        (c for c in clocks if c.status(now) in (DeadlineStatus.RUNNING, DeadlineStatus.OVERDUE)),
        key=lambda c: c.due_at,
    )
