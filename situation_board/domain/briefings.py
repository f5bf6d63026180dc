"""The briefing rhythm (stabsorienteringar): single or recurring briefings and their occurrences.

A briefing is stored once: its first time (``at``), an optional ``Recurrence`` and, when the
staff stop it, ``cancelled_at``. Occurrences are computed here, never stored:

* **single** — ``at`` itself;
* **daily at HH:MM, …** — every day from ``at`` on, at those Stockholm wall-clock times;
* **every N hours** — ``at``, then every N hours *of the wall clock*: a rhythm of 08:00, 12:00,
  16:00 … keeps those times after a DST change (the night's interval across the change is one
  hour shorter or longer).

A wall-clock time in the skipped March hour moves forward by the gap, and one in the repeated
October hour happens once, at its first occurrence (``timeutil.wall_instant``). An occurrence at
or after ``cancelled_at`` does not happen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from situation_board.domain.errors import ValidationError
from situation_board.domain.timeutil import fmt_datetime, is_ambiguous_local, local, wall_instant
from situation_board.i18n import translations

MAX_EVERY_HOURS = 48
IN_PROGRESS_BEFORE = timedelta(minutes=15)
"""A briefing counts as under way this long before its time (people gather) …"""
IN_PROGRESS_AFTER = timedelta(hours=2)
"""… and this long after it (decisions are written up after the meeting)."""
DEFAULT_TITLE = "Stabsorientering"

_HHMM = re.compile(r"^(\d{1,2})[:.](\d{2})$")


@dataclass(frozen=True, slots=True)
class Recurrence:
    """How a briefing repeats: ``every_hours`` (1–48) or ``daily`` wall-clock times."""

    every_hours: int | None = None
    daily: tuple[time, ...] = ()

    @property
    def code(self) -> str:
        """The stored form: ``every 4h`` or ``daily 08:00,13:00,16:00``."""
        if self.every_hours is not None:
            return f"every {self.every_hours}h"
        return "daily " + ",".join(t.strftime("%H:%M") for t in self.daily)

    @classmethod
    def from_code(cls, code: str | None) -> Recurrence | None:
        """The recurrence stored as ``code``; ``None`` for a single briefing (empty code) and
        for a code this version does not understand (read as a single briefing)."""
        text = (code or "").strip()
        try:
            if text.startswith("every ") and text.endswith("h"):
                return every_hours(int(text[6:-1]))
            if text.startswith("daily "):
                return daily_at(text[6:])
        except (ValueError, ValidationError):
            return None
        return None

    def describe(self, language: str) -> str:
        """For people, in ``language``: ``every 4 hours``, ``daily at 08:00, 13:00``."""
        t = translations(language)
        if self.every_hours is not None:
            return t.ngettext("every hour", "every {n} hours", self.every_hours).format(
                n=self.every_hours
            )
        times = ", ".join(x.strftime("%H:%M") for x in self.daily)
        return t.gettext("daily at {times}").format(times=times)

    def describe_sv(self) -> str:
        """Swedish, for the journal: ``var 4:e timme``, ``dagligen 08:00, 13:00``."""
        if self.every_hours is not None:
            return "varje timme" if self.every_hours == 1 else f"var {self.every_hours}:e timme"
        return "dagligen " + ", ".join(t.strftime("%H:%M") for t in self.daily)


def every_hours(hours: int) -> Recurrence:
    """Every ``hours`` hours (1–48). Raises ``ValidationError("bad_every_hours")``."""
    if isinstance(hours, bool) or not 1 <= hours <= MAX_EVERY_HOURS:
        raise ValidationError("bad_every_hours", value=str(hours), limit=MAX_EVERY_HOURS)
    return Recurrence(every_hours=hours)


def daily_at(text: str) -> Recurrence:
    """Daily at the ``HH:MM`` times of ``text`` (comma- or space-separated; sorted, repeats
    dropped). Raises ``ValidationError("bad_daily_times")``."""
    times: set[time] = set()
    for part in re.split(r"[,\s]+", text.strip()):
        if not part:
            continue
        match = _HHMM.match(part)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise ValidationError("bad_daily_times", value=text)
        times.add(time(int(match.group(1)), int(match.group(2))))
    if not times:
        raise ValidationError("bad_daily_times", value=text)
    return Recurrence(daily=tuple(sorted(times)))


def _candidates(anchor: datetime, rec: Recurrence, start: datetime) -> Iterator[datetime]:
    """Occurrence instants of a recurring briefing from about ``start`` on (possibly a little
    before it), increasing, never before ``anchor``."""
    base = local(anchor).replace(tzinfo=None)
    if rec.every_hours is not None:
        step = timedelta(hours=rec.every_hours)
        from_naive = local(max(start, anchor)).replace(tzinfo=None)
        k = max(0, (from_naive - base) // step - 2)
        while True:
            yield wall_instant(base + k * step)
            k += 1
    day = local(max(start, anchor)).date() - timedelta(days=1)
    while True:
        for t in rec.daily:
            instant = wall_instant(datetime.combine(day, t))
            if instant >= anchor:
                yield instant
        day += timedelta(days=1)


def occurrences_from(
    anchor: datetime,
    recurrence: Recurrence | None,
    start: datetime,
    *,
    cancelled_at: datetime | None = None,
) -> Iterator[datetime]:
    """The occurrences at or after ``start``, in order (endless for a recurring briefing that is
    not cancelled: take what you need)."""
    if recurrence is None:
        if anchor >= start and (cancelled_at is None or anchor < cancelled_at):
            yield anchor
        return
    last: datetime | None = None
    for instant in _candidates(anchor, recurrence, start):
        if cancelled_at is not None and instant >= cancelled_at:
            return
        if instant < start or (last is not None and instant <= last):
            continue  # before the window, or the skipped hour's duplicate
        last = instant
        yield instant


def next_occurrence(
    anchor: datetime,
    recurrence: Recurrence | None,
    after: datetime,
    *,
    cancelled_at: datetime | None = None,
) -> datetime | None:
    """The first occurrence at or after ``after``; ``None`` when there is none."""
    return next(occurrences_from(anchor, recurrence, after, cancelled_at=cancelled_at), None)


def previous_occurrence(
    anchor: datetime,
    recurrence: Recurrence | None,
    before: datetime,
    *,
    cancelled_at: datetime | None = None,
) -> datetime | None:
    """The last occurrence strictly before ``before``; ``None`` when there is none."""
    if recurrence is None:
        ok = anchor < before and (cancelled_at is None or anchor < cancelled_at)
        return anchor if ok else None
    if cancelled_at is not None:
        before = min(before, cancelled_at)  # nothing happens from the cancellation on
    span = max(recurrence.every_hours or 0, 24) + 2
    found: datetime | None = None
    for instant in occurrences_from(
        anchor, recurrence, before - timedelta(hours=span), cancelled_at=cancelled_at
    ):
        if instant >= before:
            break
        found = instant
    return found


def reference(at: datetime) -> str:
    """The reference of the briefing at ``at``, written with the decisions taken there:
    ``SO 2024-01-29 16:30`` (with the offset in the repeated October hour)."""
    return "SO " + fmt_datetime(at, with_offset=is_ambiguous_local(at))


@dataclass(frozen=True, slots=True)
class BriefingOccurrence:
    """One occurrence of a briefing: what the wall counts down to and an agenda is for."""

    briefing_id: str
    title: str
    at: datetime
    recurring: bool = False

    @property
    def reference(self) -> str:
        """``SO 2024-01-29 16:30``: see ``reference``."""
        return reference(self.at)

    def in_progress(self, now: datetime) -> bool:
        """True from ``IN_PROGRESS_BEFORE`` before the time until ``IN_PROGRESS_AFTER`` after."""
        return self.at - IN_PROGRESS_BEFORE <= now <= self.at + IN_PROGRESS_AFTER
