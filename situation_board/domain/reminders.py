"""Reminders that reach a tired room: the causes, their state, and a pure, clock-driven evaluator.

A *reminder* is a cause that needs someone's attention now. The causes (issue 12):

* an action becomes overdue (its due time passes while it is open or in progress);
* a deadline clock passes 80 % of its time, or its due time, unreported;
* a promised supplier update is missed (a system's *nästa uppdatering* passes);
* a briefing is 10 minutes away;
* another station records a decision or a significant event (or a level decision);
* sync has failed for 5 intervals.

Each cause has a stable ``key`` (kind, subject, and the instant that defines it: a postponed due
time is a new cause). ``evaluate`` takes the board, the sync health, *now* and the
``ReminderState`` (what this station has shown, who acknowledged what) and returns every active
reminder with its state and the ones ``due`` to be notified now: a new cause once, and — for
the overdue and deadline kinds — again every ``repeat_every`` until someone acknowledges it.
During quiet hours nothing is due (no pop-up, no sound); the reminders are still listed, and
those still unacknowledged are notified when the quiet hours end. The caller records what it
showed (``ReminderState.after_showing``; the services persist it per station).

Where the state lives (decision, issue 12): acknowledgements are *shared* — a replicated record
per acknowledgement (``reminder_acks``) plus a ``system`` journal entry saying who saw it when — so
the wall and the other workstations stop repeating a reminder once anyone in the room has
acknowledged it. Which reminders a station has already notified is *local* (``reminders_shown``):
every workstation notifies each cause once, itself. The causes themselves are derived from the
board and never stored.

Nothing here touches Qt, the store or the system clock: GUI tests drive it with a fake clock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from enum import StrEnum

from situation_board.domain.entities import (
    AffectedSystem,
    Board,
    DeadlineClock,
    JournalEntry,
)
from situation_board.domain.enums import EntryCategory
from situation_board.domain.freshness import RED_INTERVALS
from situation_board.domain.timeutil import fmt_short, fmt_time, local, utc
from situation_board.i18n import N_, NC_, translations

BRIEFING_LEAD = timedelta(minutes=10)
DEADLINE_WARNING_SHARE = 0.8
NEWS_HORIZON = timedelta(hours=12)
"""Entries from other stations older than this (by recording time) are not news any more."""
DEFAULT_REPEAT = timedelta(minutes=10)


class ReminderKind(StrEnum):
    """What caused a reminder; the value is the code name used in keys and the store."""

    ACTION_OVERDUE = "action_overdue"
    DEADLINE_WARNING = "deadline_warning"
    DEADLINE_DUE = "deadline_due"
    UPDATE_MISSED = "update_missed"
    BRIEFING_SOON = "briefing_soon"
    DECISION_ELSEWHERE = "decision_elsewhere"
    SIGNIFICANT_ELSEWHERE = "significant_elsewhere"
    SYNC_FAILING = "sync_failing"

    @property
    def repeats(self) -> bool:
        """True for the kinds notified again until acknowledged (overdue and deadlines)."""
        return self in _REPEATING

    @property
    def urgent(self) -> bool:
        """Kinds shown in red (something is late)."""
        return self in _URGENT

    def label(self, language: str = "sv") -> str:
        """A short name of the kind in ``language``."""
        return translations(language).pgettext("ReminderKind", _KIND_LABELS[self])


_REPEATING = frozenset(
    {ReminderKind.ACTION_OVERDUE, ReminderKind.DEADLINE_WARNING, ReminderKind.DEADLINE_DUE}
)
_URGENT = frozenset(
    {
        ReminderKind.ACTION_OVERDUE,
        ReminderKind.DEADLINE_DUE,
        ReminderKind.UPDATE_MISSED,
        ReminderKind.SYNC_FAILING,
    }
)
_KIND_LABELS = {
    ReminderKind.ACTION_OVERDUE: NC_("ReminderKind", "Action overdue"),
    ReminderKind.DEADLINE_WARNING: NC_("ReminderKind", "Deadline at 80 %"),
    ReminderKind.DEADLINE_DUE: NC_("ReminderKind", "Deadline passed"),
    ReminderKind.UPDATE_MISSED: NC_("ReminderKind", "Update missed"),
    ReminderKind.BRIEFING_SOON: NC_("ReminderKind", "Briefing soon"),
    ReminderKind.DECISION_ELSEWHERE: NC_("ReminderKind", "Decision"),
    ReminderKind.SIGNIFICANT_ELSEWHERE: NC_("ReminderKind", "Significant event"),
    ReminderKind.SYNC_FAILING: NC_("ReminderKind", "Sync failing"),
}
_TEXTS = {
    ReminderKind.ACTION_OVERDUE: N_("Action overdue: “{title}” (due {when})"),
    ReminderKind.DEADLINE_WARNING: N_("Deadline at 80 %: “{title}” must be reported by {when}"),
    ReminderKind.DEADLINE_DUE: N_("Deadline passed: “{title}” was due {when} and is not reported"),
    ReminderKind.UPDATE_MISSED: N_("Promised update missed: {title} (expected {when})"),
    ReminderKind.BRIEFING_SOON: N_("{title} at {when}"),
    ReminderKind.DECISION_ELSEWHERE: N_("Decision recorded at {station}: {title}"),
    ReminderKind.SIGNIFICANT_ELSEWHERE: N_("Significant event recorded at {station}: {title}"),
    ReminderKind.SYNC_FAILING: N_(
        "Sync has failed since {when}: the board may be missing other stations' changes"
    ),
}
_SYNC_NEVER = N_("Sync has not succeeded since the program started: the board may be incomplete")


# ---------------------------------------------------------------------- state


@dataclass(frozen=True, slots=True)
class Shown:
    """When this station notified a reminder: first, last, and how many times."""

    key: str
    first_at: datetime
    last_at: datetime
    times: int = 1


@dataclass(frozen=True, slots=True)
class Ack:
    """Who acknowledged a reminder (``by``, at station ``station``) and when (aware UTC)."""

    key: str
    by: str
    at: datetime
    station: str = ""


@dataclass(frozen=True, slots=True)
class ReminderState:
    """What the evaluator needs besides the board: this station's shown reminders, the room's
    acknowledgements (the first per key), and ``watching_since`` — entries from other stations
    recorded before it are history, not news (the station's creation: a new station does not
    announce the whole journal it pulls)."""

    shown: Mapping[str, Shown] = field(default_factory=dict)
    acks: Mapping[str, Ack] = field(default_factory=dict)
    watching_since: datetime | None = None

    def after_showing(self, reminders: Iterable[Reminder], now: datetime) -> ReminderState:
        """The state once ``reminders`` have been notified at ``now``."""
        shown = dict(self.shown)
        for r in reminders:
            before = shown.get(r.key)
            shown[r.key] = (
                Shown(r.key, now, now)
                if before is None
                else replace(before, last_at=now, times=before.times + 1)
            )
        return replace(self, shown=shown)

    def acknowledged(self, ack: Ack) -> ReminderState:
        """The state once ``ack`` is recorded (the first acknowledgement of a key stays)."""
        if ack.key in self.acks:
            return self
        return replace(self, acks={**self.acks, ack.key: ack})


@dataclass(frozen=True, slots=True)
class SyncHealth:
    """The sync facts a reminder needs (from the sync layer's status).

    ``failing``: the last run failed (or an update is required); ``last_success_at`` and
    ``started_at`` are aware UTC instants; ``interval_s`` the sync interval in seconds.
    """

    interval_s: int
    last_success_at: datetime | None
    failing: bool
    consecutive_failures: int = 0
    started_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily period of local (Stockholm) time without pop-ups or sound, e.g. 22:00–06:00."""

    start: time
    end: time

    def contains(self, now: datetime) -> bool:
        """True when ``now`` (aware) falls inside the period (``start`` included)."""
        t = local(now).time().replace(tzinfo=None)
        if self.start <= self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    @classmethod
    def parse(cls, text: str) -> QuietHours | None:
        """``"22:00-06:00"`` (a period across midnight is fine); ``""`` means none.

        Raises ``ValueError`` for anything else (and for an empty period, ``08:00-08:00``).
        """
        raw = text.strip()
        if not raw:
            return None
        start_text, sep, end_text = raw.replace("–", "-").partition("-")
        if not sep:
            raise ValueError(text)
        start, end = _clock_time(start_text), _clock_time(end_text)
        if start == end:
            raise ValueError(text)
        return cls(start, end)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def _clock_time(text: str) -> time:
    hours, sep, minutes = text.strip().replace(".", ":").partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(text)
    return time(int(hours), int(minutes))  # ValueError past 23:59


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    """The settings the evaluator applies (``app.config``: ``reminder_repeat_min``,
    ``quiet_hours``); ``decision_prefixes`` mark the ``system`` entries that record a decision
    (a level decision: ``services.describe.LEVEL_CHANGE_PREFIX``)."""

    repeat_every: timedelta = DEFAULT_REPEAT
    quiet: QuietHours | None = None
    decision_prefixes: tuple[str, ...] = ()


# ---------------------------------------------------------------------- reminders


@dataclass(frozen=True, slots=True)
class Reminder:
    """One active cause with its state.

    ``subject_id`` is the action, deadline, system, briefing or journal entry it is about (``""``
    for sync); ``title`` the subject's name (an entry's text, or its number when the entry is
    hidden from the wall); ``when`` the instant the text names (due time, expected update,
    briefing time, last successful sync); ``since`` when the cause began; ``station`` the other
    station's code (decisions and significant events).
    """

    key: str
    kind: ReminderKind
    subject_id: str
    title: str
    since: datetime
    when: datetime | None = None
    station: str = ""
    shown: Shown | None = None
    ack: Ack | None = None

    @property
    def ref(self) -> str:
        """A short reference (8 hex digits) for the command line."""
        return hashlib.sha1(self.key.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]

    @property
    def acknowledged(self) -> bool:
        return self.ack is not None

    @property
    def is_new(self) -> bool:
        """Never notified on this station yet."""
        return self.shown is None

    def text(self, language: str = "sv") -> str:
        """One line for a notification, the panel and the wall, in ``language``."""
        t = translations(language)
        if self.kind is ReminderKind.SYNC_FAILING and self.when is None:
            return t.gettext(_SYNC_NEVER)
        when = ""
        if self.when is not None:
            same_day = local(self.when).date() == local(self.since).date()
            use_time = self.kind is ReminderKind.BRIEFING_SOON or same_day
            when = fmt_time(self.when) if use_time else fmt_short(self.when, language)
        return t.gettext(_TEXTS[self.kind]).format(
            title=self.title, when=when, station=self.station
        )


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What ``evaluate`` found at ``now``: every active reminder (most urgent first, then
    newest), the ones ``due`` to be notified now, and whether it is ``quiet`` (quiet hours)."""

    now: datetime
    reminders: tuple[Reminder, ...] = ()
    due: tuple[Reminder, ...] = ()
    quiet: bool = False

    @property
    def unacknowledged(self) -> tuple[Reminder, ...]:
        return tuple(r for r in self.reminders if not r.acknowledged)

    def find(self, ref: str) -> Reminder | None:
        """The reminder whose key or short ref is ``ref``."""
        wanted = ref.strip()
        for r in self.reminders:
            if wanted in (r.key, r.ref):
                return r
        return None


def _stamp(dt: datetime) -> str:
    return utc(dt).strftime("%Y%m%dT%H%MZ")


def _key(kind: ReminderKind, subject: str, dt: datetime | None) -> str:
    return f"{kind.value}:{subject}:{_stamp(dt) if dt else '-'}"


def deadline_causes(
    d: DeadlineClock, now: datetime, share: float = DEADLINE_WARNING_SHARE
) -> list[tuple[ReminderKind, datetime]]:
    """The deadline's active cause at ``now`` as ``(kind, since)``: past its due time, or past
    ``share`` of its time (kept small: issue 11's deadline warnings replace the threshold)."""
    if d.reported_at is not None:
        return []
    if now >= d.due_at:
        return [(ReminderKind.DEADLINE_DUE, d.due_at)]
    warn_at = d.aware_at + (d.due_at - d.aware_at) * share
    if now >= warn_at:
        return [(ReminderKind.DEADLINE_WARNING, warn_at)]
    return []


def _station_of(entry: JournalEntry) -> str:
    head, sep, _tail = entry.number.rpartition("-")
    return head if sep else ""


def _news_kind(entry: JournalEntry, prefixes: tuple[str, ...]) -> ReminderKind | None:
    if entry.category is EntryCategory.DECISION:
        return ReminderKind.DECISION_ELSEWHERE
    if entry.category is EntryCategory.SIGNIFICANT:
        return ReminderKind.SIGNIFICANT_ELSEWHERE
    if entry.category is EntryCategory.SYSTEM and prefixes and entry.text.startswith(prefixes):
        return ReminderKind.DECISION_ELSEWHERE
    return None


def _headline(text: str, limit: int = 140) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def causes(
    board: Board,
    sync: SyncHealth | None,
    now: datetime,
    state: ReminderState,
    policy: ReminderPolicy,
) -> list[Reminder]:
    """Every cause active at ``now`` (without state)."""
    found: list[Reminder] = []
    for a in board.actions:
        if a.is_overdue(now):
            assert a.due_at is not None
            key = _key(ReminderKind.ACTION_OVERDUE, a.id, a.due_at)
            found.append(
                Reminder(key, ReminderKind.ACTION_OVERDUE, a.id, a.title, a.due_at, a.due_at)
            )
    for d in board.deadlines:
        for stage, began in deadline_causes(d, now):
            key = f"{_key(stage, d.id, d.due_at)}:{_stamp(d.aware_at)}"
            found.append(Reminder(key, stage, d.id, d.title, began, d.due_at))
    for s in board.systems:
        found.extend(_update_missed(s, now))
    for b in board.briefings:
        if b.at - BRIEFING_LEAD <= now < b.at:
            key = _key(ReminderKind.BRIEFING_SOON, b.id, b.at)
            found.append(
                Reminder(key, ReminderKind.BRIEFING_SOON, b.id, b.title, b.at - BRIEFING_LEAD, b.at)
            )
    mine = board.station.code
    watch_from = state.watching_since
    for e in board.journal:
        station = _station_of(e)
        if not station or station == mine:
            continue
        if watch_from is not None and e.recorded_at < watch_from:
            continue
        news = _news_kind(e, policy.decision_prefixes)
        if news is None or now - e.recorded_at > NEWS_HORIZON:
            continue
        title = e.number if e.hidden_from_wall else _headline(e.text)
        found.append(
            Reminder(
                _key(news, e.id, None), news, e.id, title, e.recorded_at, e.occurred_at, station
            )
        )
    if sync is not None and _sync_failing(sync, now):
        last = sync.last_success_at
        key = _key(ReminderKind.SYNC_FAILING, "sync", last)
        started = last or sync.started_at or now
        found.append(Reminder(key, ReminderKind.SYNC_FAILING, "", "", started, last))
    return found


def _update_missed(s: AffectedSystem, now: datetime) -> list[Reminder]:
    if s.next_update_at is None or not s.next_update_overdue(now):
        return []
    key = _key(ReminderKind.UPDATE_MISSED, s.id, s.next_update_at)
    title = f"{s.name} ({s.supplier})" if s.supplier else s.name
    return [
        Reminder(key, ReminderKind.UPDATE_MISSED, s.id, title, s.next_update_at, s.next_update_at)
    ]


def _sync_failing(sync: SyncHealth, now: datetime) -> bool:
    """Failing for 5 intervals: the last run failed and either 5 runs in a row failed or the
    last success is more than 5 intervals old (``domain.freshness``'s red)."""
    if not sync.failing:
        return False
    if sync.consecutive_failures >= RED_INTERVALS:
        return True
    limit = timedelta(seconds=RED_INTERVALS * sync.interval_s)
    anchor = sync.last_success_at or sync.started_at
    return anchor is not None and now - anchor >= limit


def evaluate(
    board: Board,
    sync: SyncHealth | None,
    now: datetime,
    state: ReminderState,
    policy: ReminderPolicy = ReminderPolicy(),
) -> Evaluation:
    """The reminders active at ``now`` (aware) and those due to be notified now.

    A reminder is due when it has never been shown on this station, or — for the repeating
    kinds, unacknowledged — when ``policy.repeat_every`` has passed since it was last shown.
    Nothing is due during quiet hours. Pure: the caller records what it showed.
    """
    reminders = []
    due = []
    quiet = policy.quiet is not None and policy.quiet.contains(now)
    for cause in causes(board, sync, now, state, policy):
        r = replace(cause, shown=state.shown.get(cause.key), ack=state.acks.get(cause.key))
        reminders.append(r)
        if quiet or r.acknowledged:
            continue
        if r.shown is None or (r.kind.repeats and now - r.shown.last_at >= policy.repeat_every):
            due.append(r)
    reminders.sort(key=lambda r: (r.acknowledged, not r.kind.urgent, -r.since.timestamp()))
    due.sort(key=lambda r: (not r.kind.urgent, -r.since.timestamp()))
    return Evaluation(now, tuple(reminders), tuple(due), quiet)
