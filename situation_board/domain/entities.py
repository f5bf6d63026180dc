"""The board's entities (DESIGN §2) as frozen dataclasses.

Services return these; views and the CLI never see ORM rows or sessions. All datetimes are aware
UTC instants. Journal entries, level decisions and handovers are immutable by construction (frozen,
and the store has no update path for them); a correction is a new entry that points at the old one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

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
    """Lagstadgad frist, e.g. IMY 72 h from awareness of a personal-data breach."""

    id: str
    event_id: str
    kind: DeadlineKind
    title: str
    aware_at: datetime
    due_at: datetime
    reported_at: datetime | None = None
    reference: str = ""
    late_reason: str = ""

    def status(self, now: datetime) -> DeadlineStatus:
        """The clock's state at ``now`` (aware UTC): reported (late or in time), overdue or
        running."""
        if self.reported_at is not None:
            late = self.reported_at > self.due_at
            return DeadlineStatus.REPORTED_LATE if late else DeadlineStatus.REPORTED
        return DeadlineStatus.OVERDUE if now > self.due_at else DeadlineStatus.RUNNING


@dataclass(frozen=True, slots=True)
class Briefing:
    """Stabsorientering at a set time; the next one counts down on the wall."""

    id: str
    event_id: str
    at: datetime
    title: str


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

    def next_briefing(self) -> Briefing | None:
        """The first briefing at or after ``as_of``, if any."""
        upcoming = [b for b in self.briefings if b.at >= self.as_of]
        return min(upcoming, key=lambda b: b.at) if upcoming else None
