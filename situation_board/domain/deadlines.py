"""Statutory deadline clocks (lagstadgade frister): the rule of each kind, due-time arithmetic and
the 50 %/80 % warnings. Pure functions; the services, the window, the wall and reminders use them.

The kinds and their sources:

* ``imy_breach`` — a personal-data breach is notified to IMY within 72 hours of becoming aware of
  it (GDPR art. 33.1); a notification after that carries the reasons for the delay.
* ``imy_supplement`` — information not available at first is supplied in phases without undue
  further delay (GDPR art. 33.4): the due time is the one IMY asked for or the staff set.
* ``nis_early_warning``, ``nis_notification``, ``nis_final_report`` — the incident reporting
  stages of the Swedish cybersecurity act (cybersäkerhetslagen), which implements NIS2 art. 23.4:
  an early warning within 24 hours and an incident notification within 72 hours of becoming
  aware of a significant incident, and a final report no later than one month after the incident
  notification was submitted. The three clocks start together; until the notification is
  reported, the final report's due time is one month after the notification's due time, and once
  it is reported, one month after the reporting time.
* ``police_report`` — no statutory time: the staff set the due time.
* ``custom`` — a named deadline of a given number of hours (or a given due time).

Hours are real elapsed hours, so a 72-hour clock that runs across a DST change ends at a local
time one hour earlier or later than it started; a month is a calendar month in Stockholm time
(``timeutil.add_months``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from situation_board.domain.enums import DeadlineKind, Urgency
from situation_board.domain.timeutil import add_months

MAX_HOURS = 24 * 366
"""The longest clock a number of hours may set (a year)."""


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """How the due time of a kind is set, and where the rule comes from."""

    kind: DeadlineKind
    hours: int | None = None
    """Due this many (real) hours after awareness."""
    months_after: int | None = None
    """Due this many calendar months after the stage it ``follows`` is reported."""
    follows: DeadlineKind | None = None
    """The stage this one follows (its due time, or its link, derives from that one)."""
    due_required: bool = False
    """No statutory time: the user gives the due time (or, for ``custom``, the hours)."""
    title_required: bool = False
    source: str = ""
    """The legal source, cited as such (not translated)."""


RULES: dict[DeadlineKind, DeadlineRule] = {
    DeadlineKind.IMY_BREACH: DeadlineRule(
        DeadlineKind.IMY_BREACH, hours=72, source="GDPR art. 33.1"
    ),
    DeadlineKind.IMY_SUPPLEMENT: DeadlineRule(
        DeadlineKind.IMY_SUPPLEMENT,
        follows=DeadlineKind.IMY_BREACH,
        due_required=True,
        source="GDPR art. 33.4",
    ),
    DeadlineKind.NIS_EARLY_WARNING: DeadlineRule(
        DeadlineKind.NIS_EARLY_WARNING,
        hours=24,
        source="cybersäkerhetslagen, NIS2 art. 23.4 a",
    ),
    DeadlineKind.NIS_NOTIFICATION: DeadlineRule(
        DeadlineKind.NIS_NOTIFICATION,
        hours=72,
        source="cybersäkerhetslagen, NIS2 art. 23.4 b",
    ),
    DeadlineKind.NIS_FINAL_REPORT: DeadlineRule(
        DeadlineKind.NIS_FINAL_REPORT,
        months_after=1,
        follows=DeadlineKind.NIS_NOTIFICATION,
        source="cybersäkerhetslagen, NIS2 art. 23.4 d",
    ),
    DeadlineKind.POLICE_REPORT: DeadlineRule(DeadlineKind.POLICE_REPORT, due_required=True),
    DeadlineKind.CUSTOM: DeadlineRule(DeadlineKind.CUSTOM, due_required=True, title_required=True),
}

NIS_STAGES: tuple[DeadlineKind, ...] = (
    DeadlineKind.NIS_EARLY_WARNING,
    DeadlineKind.NIS_NOTIFICATION,
    DeadlineKind.NIS_FINAL_REPORT,
)


NIS_SOURCE = "cybersäkerhetslagen, NIS2 art. 23.4"
"""The source of the NIS2 stages together."""


def source_of(kind: DeadlineKind) -> str:
    """The legal source of what starting ``kind`` starts: the kind's own, or for the NIS2
    stages (which start together) the article that sets all three."""
    return NIS_SOURCE if kind in NIS_STAGES else RULES[kind].source


def started_together(kind: DeadlineKind) -> tuple[DeadlineKind, ...]:
    """The kinds one start of ``kind`` starts: the three NIS2 stages for any of them, else
    ``kind`` alone."""
    return NIS_STAGES if kind in NIS_STAGES else (kind,)


def rule_due(
    kind: DeadlineKind,
    aware_at: datetime,
    *,
    hours: float | None = None,
    previous_due: datetime | None = None,
    previous_reported: datetime | None = None,
) -> datetime | None:
    """The due time the rule of ``kind`` gives (aware UTC), or ``None`` when the user must give
    one. ``hours`` (``custom``) overrides the rule's hours. For a stage that follows another
    (the NIS2 final report), the due time counts from the other stage's reporting time, or its
    due time while it is not reported; with neither, from ``aware_at``."""
    rule = RULES[kind]
    if hours is not None:
        return aware_at + timedelta(hours=hours)
    if rule.hours is not None:
        return aware_at + timedelta(hours=rule.hours)
    if rule.months_after is not None:
        base = previous_reported or previous_due or aware_at
        return add_months(base, rule.months_after)
    return None


def warning_times(start: datetime, due: datetime) -> tuple[datetime, datetime]:
    """The instants at which 50 % and 80 % of the time from ``start`` to ``due`` has passed
    (rounded up to the microsecond, so "at or after" these instants is "at least 50 %")."""
    total = max(due - start, timedelta(0))
    micro = total // timedelta(microseconds=1)
    half = -(-micro // 2)
    eighty = -(-micro * 4 // 5)
    return start + timedelta(microseconds=half), start + timedelta(microseconds=eighty)


def urgency(start: datetime, due: datetime, now: datetime, *, closed: bool = False) -> Urgency:
    """The warning state of a clock running from ``start`` to ``due`` at ``now``: ``calm``
    below 50 % of the time, ``warning`` from 50 %, ``urgent`` from 80 %, ``overdue`` after the
    due time (the due instant itself is still in time), ``closed`` when ``closed``."""
    if closed:
        return Urgency.CLOSED
    if now > due:
        return Urgency.OVERDUE
    half, eighty = warning_times(start, due)
    if now >= eighty:
        return Urgency.URGENT
    if now >= half:
        return Urgency.WARNING
    return Urgency.CALM


def elapsed_percent(start: datetime, due: datetime, now: datetime) -> int:
    """Whole percent of the time from ``start`` to ``due`` that has passed at ``now`` (0 before
    the start; over 100 after the due time)."""
    total = due - start
    if total <= timedelta(0):
        return 100 if now >= due else 0
    return max(0, int((now - start) * 100 // total))
