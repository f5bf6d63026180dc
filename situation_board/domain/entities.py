"""The board's entities (DESIGN §2) as frozen dataclasses.

Services return these; views and the CLI never see ORM rows or sessions. All datetimes are aware
UTC instants. Journal entries, level decisions and handovers are immutable by construction (frozen,
and the store has no update path for them); a correction is a new entry that points at the old one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from situation_board.domain.briefings import (
    IN_PROGRESS_BEFORE,
    BriefingOccurrence,
    Recurrence,
    next_occurrence,
    occurrences_from,
    previous_occurrence,
)
from situation_board.domain.deadlines import RULES, urgency
from situation_board.domain.enums import (
    ActionStatus,
    DeadlineKind,
    DeadlineStatus,
    EntryCategory,
    Medium,
    Priority,
    ReadinessLevel,
    StaffFunction,
    SystemStatus,
    Urgency,
)

DUE_SOON = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Station:
    """One installed workstation: permanent site id and a short code such as ``V1``."""

    site_id: str
    code: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is working at this station: recorded on every entry."""

    name: str
    function: StaffFunction = StaffFunction.OTHER


@dataclass(frozen=True, slots=True)
class Event:
    """Händelse: one ongoing (or closed) situation."""

    id: str
    name: str
    exercise: bool
    started_at: datetime
    closed_at: datetime | None = None
    close_reason: str | None = None

    @property
    def is_active(self) -> bool:
        """True until the event is closed."""
        return self.closed_at is None


@dataclass(frozen=True, slots=True)
class LevelDecision:
    """Beslut om beredskapsläge (append-only)."""

    id: str
    event_id: str
    level: ReadinessLevel
    scope: str
    decided_by: str
    reason: str
    decided_at: datetime
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class AffectedSystem:
    """Berört system with its reserve routine, workaround and prognosis."""

    id: str
    event_id: str
    name: str
    status: SystemStatus
    supplier: str = ""
    processes: str = ""
    reserve_routine_active: bool = False
    reserve_routine_since: datetime | None = None
    reserve_routine: str = ""
    workaround: str = ""
    prognosis_at: datetime | None = None
    prognosis_text: str = ""
    personal_data_affected: bool = False
    next_update_at: datetime | None = None
    status_since: datetime | None = None

    @property
    def has_prognosis(self) -> bool:
        """True when a time or words say when the system is expected back."""
        return self.prognosis_at is not None or bool(self.prognosis_text)

    def next_update_overdue(self, now: datetime) -> bool:
        """True when the promised next update (aware UTC) is before ``now``: it has not come."""
        return self.next_update_at is not None and self.next_update_at < now


@dataclass(frozen=True, slots=True)
class Action:
    """Åtgärd: something someone must do, optionally by a due time."""

    id: str
    event_id: str
    title: str
    status: ActionStatus = ActionStatus.OPEN
    owner: str = ""
    due_at: datetime | None = None
    priority: Priority = Priority.NORMAL
    system_id: str | None = None
    created_at: datetime | None = None
    closed_at: datetime | None = None  # when it became done or cancelled

    def is_overdue(self, now: datetime) -> bool:
        """Overdue: the due time has passed and the action is neither done nor cancelled."""
        return self.due_at is not None and self.due_at < now and not self.status.is_closed

    def is_due_soon(self, now: datetime) -> bool:
        """Due within the coming hour (and not overdue, not closed)."""
        return (
            self.due_at is not None
            and not self.status.is_closed
            and now <= self.due_at <= now + DUE_SOON
        )


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One line of the staff journal (append-only)."""

    id: str
    event_id: str
    number: str
    occurred_at: datetime
    recorded_at: datetime
    author: str
    function: StaffFunction
    category: EntryCategory
    text: str
    medium: Medium | None = None
    from_party: str = ""
    to_party: str = ""
    corrects: str | None = None
    hidden_from_wall: bool = False

    @property
    def times_differ(self) -> bool:
        """True when the event happened noticeably before it was written down (> 1 min)."""
        return abs(self.recorded_at - self.occurred_at) > timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Handover:
    """Överlämning between shifts, acknowledged by the incoming person (append-only)."""

    id: str
    event_id: str
    from_person: str
    to_person: str
    period_start: datetime | None
    period_end: datetime
    summary: str
    note: str
    acknowledged_by: str
    acknowledged_at: datetime
    covered: tuple[str, ...] = ()  # ids of the journal entries this handover's brief covered


@dataclass(frozen=True, slots=True)
class DeadlineClock:
    """Lagstadgad frist, e.g. IMY 72 h from awareness of a personal-data breach (the rules of
    each kind: ``domain.deadlines``).

    ``follows_id`` links a stage to the one it follows (the NIS2 final report to the incident
    notification, a supplement to the IMY notification). A clock is closed when it is reported
    (``reported_at``, ``reference``, and ``late_reason`` when after the due time) or judged
    not required (``not_required_at`` with ``not_required_reason``).
    """

    id: str
    event_id: str
    kind: DeadlineKind
    title: str
    aware_at: datetime
    due_at: datetime
    reported_at: datetime | None = None
    reference: str = ""
    late_reason: str = ""
    follows_id: str | None = None
    not_required_at: datetime | None = None
    not_required_reason: str = ""

    def status(self, now: datetime) -> DeadlineStatus:
        """The clock's state at ``now`` (aware UTC): not required, reported (late or in time),
        overdue or running."""
        if self.not_required_at is not None:
            return DeadlineStatus.NOT_REQUIRED
        if self.reported_at is not None:
            late = self.reported_at > self.due_at
            return DeadlineStatus.REPORTED_LATE if late else DeadlineStatus.REPORTED
        return DeadlineStatus.OVERDUE if now > self.due_at else DeadlineStatus.RUNNING

    @property
    def is_open(self) -> bool:
        """Neither reported nor judged not required: the clock runs."""
        return self.reported_at is None and self.not_required_at is None

    def urgency(self, now: datetime) -> Urgency:
        """Calm, warning (50 %), urgent (80 %), overdue, or closed: ``deadlines.urgency``."""
        return urgency(self.aware_at, self.due_at, now, closed=not self.is_open)

    @property
    def source(self) -> str:
        """The legal source of the kind's rule (e.g. ``GDPR art. 33.1``), or ``""``."""
        return RULES[self.kind].source


@dataclass(frozen=True, slots=True)
class Briefing:
    """Stabsorientering: one time, or a rhythm from ``at`` on (``domain.briefings``); the next
    occurrence counts down on the wall."""

    id: str
    event_id: str
    at: datetime
    title: str
    recurrence: Recurrence | None = None
    cancelled_at: datetime | None = None

    def next_at(self, after: datetime) -> datetime | None:
        """The first occurrence at or after ``after``."""
        return next_occurrence(self.at, self.recurrence, after, cancelled_at=self.cancelled_at)

    def previous_at(self, before: datetime) -> datetime | None:
        """The last occurrence strictly before ``before``."""
        return previous_occurrence(self.at, self.recurrence, before, cancelled_at=self.cancelled_at)

    def occurrence(self, at: datetime) -> BriefingOccurrence:
        """This briefing's occurrence at ``at``."""
        return BriefingOccurrence(self.id, self.title, at, self.recurrence is not None)

    def occurrences(self, start: datetime, end: datetime) -> tuple[BriefingOccurrence, ...]:
        """The occurrences with ``start <= at < end``."""
        found = []
        for at in occurrences_from(self.at, self.recurrence, start, cancelled_at=self.cancelled_at):
            if at >= end:
                break
            found.append(self.occurrence(at))
        return tuple(found)


@dataclass(frozen=True, slots=True)
class Conflict:
    """The losing side of two stations editing one field concurrently, with the winner beside
    it (DESIGN §4: nothing is silently dropped). The same record travels from the shared store
    to every station and to the conflicts dialog; ``reviewed_*`` are local to a station.

    Values are JSON values (UTC ISO instants, enum code names); stamps are HLC stamps.
    """

    id: str
    entity: str
    entity_id: str
    field: str
    kept_value: Any
    lost_value: Any
    kept_stamp: str
    lost_stamp: str
    kept_author: str
    lost_author: str
    detected_at: datetime
    reviewed_at: datetime | None = None
    reviewed_by: str = ""


@dataclass(frozen=True, slots=True)
class SyncInfo:
    """The station's sync state as the board shows it (filled in by the sync layer)."""

    store: str | None = None
    last_success_at: datetime | None = None
    pending: int = 0
    conflicts: int = 0
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class Board:
    """The whole board at one instant: what the window, the wall and ``show`` display."""

    as_of: datetime
    station: Station
    event: Event | None
    level: LevelDecision | None
    systems: tuple[AffectedSystem, ...] = ()
    actions: tuple[Action, ...] = ()
    journal: tuple[JournalEntry, ...] = ()
    deadlines: tuple[DeadlineClock, ...] = ()
    briefings: tuple[Briefing, ...] = ()
    other_open_events: tuple[Event, ...] = ()
    sync: SyncInfo = field(default_factory=SyncInfo)

    @property
    def current_level(self) -> ReadinessLevel:
        """The decided level, Normalläge when no decision was made."""
        return self.level.level if self.level else ReadinessLevel.NORMAL

    def overdue_actions(self) -> tuple[Action, ...]:
        """Actions past their due time and not closed, as of ``as_of``."""
        return tuple(a for a in self.actions if a.is_overdue(self.as_of))

    def open_actions(self) -> tuple[Action, ...]:
        """Actions neither done nor cancelled."""
        return tuple(a for a in self.actions if not a.status.is_closed)

    def next_briefing(self, after: datetime | None = None) -> BriefingOccurrence | None:
        """The first briefing occurrence at or after ``after`` (default ``as_of``)."""
        start = self.as_of if after is None else after
        found = [b.occurrence(at) for b in self.briefings if (at := b.next_at(start)) is not None]
        return min(found, key=lambda o: o.at) if found else None

    def previous_briefing(self, before: datetime | None = None) -> BriefingOccurrence | None:
        """The last briefing occurrence strictly before ``before`` (default ``as_of``)."""
        end = self.as_of if before is None else before
        found = [b.occurrence(at) for b in self.briefings if (at := b.previous_at(end)) is not None]
        return max(found, key=lambda o: o.at) if found else None

    def briefing_under_way(self, at: datetime | None = None) -> BriefingOccurrence | None:
        """The briefing in progress at ``at`` (default ``as_of``): the latest occurrence from
        15 minutes before its time to 2 hours after (``BriefingOccurrence.in_progress``)."""
        when = self.as_of if at is None else at
        latest = self.previous_briefing(when + IN_PROGRESS_BEFORE + timedelta(microseconds=1))
        return latest if latest is not None and latest.in_progress(when) else None

    def open_deadlines(self) -> tuple[DeadlineClock, ...]:
        """Clocks still running (or overdue): neither reported nor judged not required."""
        return tuple(d for d in self.deadlines if d.is_open)
