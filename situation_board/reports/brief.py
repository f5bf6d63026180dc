"""The "since last handover" brief (överlämning), built from the board; no Qt here.

**Coverage rule.** A brief covers every journal entry of the event that no earlier handover
covered, whatever its occurred time. Each handover stores the ids it covered (including its own two
entries: the handover and the acknowledgement). An entry that reaches this station by sync after a
handover — even one whose occurred *and* recorded times lie before that handover — is therefore in
the *next* brief: never lost, never twice. Such an entry is marked "inkommen i efterhand" (its
occurred time is before the period start).

The structured sections follow the same journal where they can: level changes are the decisions
whose journal entry is uncovered (or recorded in the period), system changes and decisions are
uncovered entries. New and closed actions come from the actions' own times within the period;
their journal entries are in the entry list whatever happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from situation_board.domain.briefings import BriefingOccurrence
from situation_board.domain.entities import (
    Action,
    AffectedSystem,
    Board,
    DeadlineClock,
    JournalEntry,
    LevelDecision,
)
from situation_board.domain.enums import DeadlineStatus, EntryCategory
from situation_board.domain.timeutil import fmt_datetime, fmt_short
from situation_board.reports.classify import (
    USER_SIGNIFICANT,
    is_level_change,
    is_significant,
    is_system_status_change,
    significant_first,
)

SIGNIFICANT = USER_SIGNIFICANT  # categories always significant (see ``classify.is_significant``)


@dataclass(frozen=True, slots=True)
class HandoverBrief:
    """What the incoming shift needs to know, for one period."""

    event_name: str
    exercise: bool
    period_start: datetime | None
    period_end: datetime
    level: LevelDecision | None
    level_changes: tuple[LevelDecision, ...]
    systems: tuple[AffectedSystem, ...]
    new_actions: tuple[Action, ...]
    closed_actions: tuple[Action, ...]
    overdue_actions: tuple[Action, ...]
    open_actions: tuple[Action, ...]
    deadlines: tuple[DeadlineClock, ...]
    next_briefing: BriefingOccurrence | None
    entries: tuple[JournalEntry, ...]  # significant first, then the rest, each chronological
    decisions: tuple[JournalEntry, ...] = ()  # entries of category "beslut" in the period
    system_changes: tuple[JournalEntry, ...] = ()  # system status changes in the period
    station: str = ""

    @property
    def entry_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.entries)

    @property
    def significant_entries(self) -> tuple[JournalEntry, ...]:
        return tuple(e for e in self.entries if is_significant(e))

    @property
    def other_entries(self) -> tuple[JournalEntry, ...]:
        return tuple(e for e in self.entries if not is_significant(e))

    def arrived_late(self, entry: JournalEntry) -> bool:
        """True for an entry whose occurred time is before the period (e.g. arrived by sync)."""
        return self.period_start is not None and entry.occurred_at < self.period_start

    @property
    def overdue_deadlines(self) -> tuple[DeadlineClock, ...]:
        return tuple(
            d for d in self.deadlines if d.status(self.period_end) is DeadlineStatus.OVERDUE
        )


def count_sv(n: int, one: str, many: str, none: str | None = None) -> str:
    """``1 försenad`` / ``3 försenade`` / ``ingen försenad``: Swedish agreement for counts."""
    if n == 0 and none is not None:
        return none
    return f"{n} {one if n == 1 else many}"


def _in_period(when: datetime | None, start: datetime | None, end: datetime) -> bool:
    return when is not None and (start is None or when >= start) and when <= end


def build_brief(
    board: Board,
    uncovered: list[JournalEntry],
    history: list[LevelDecision],
    period_start: datetime | None,
) -> HandoverBrief:
    """The brief for the period ``period_start`` → ``board.as_of``.

    ``uncovered`` are the event's journal entries no earlier handover covered, chronological.
    """
    if board.event is None:
        raise ValueError("no event")
    end = board.as_of
    level_times = {e.occurred_at for e in uncovered if is_level_change(e)}
    return HandoverBrief(
        event_name=board.event.name,
        exercise=board.event.exercise,
        period_start=period_start,
        period_end=end,
        level=board.level,
        level_changes=tuple(
            d
            for d in history
            if d.decided_at in level_times or _in_period(d.recorded_at, period_start, end)
        ),
        systems=board.systems,
        new_actions=tuple(a for a in board.actions if _in_period(a.created_at, period_start, end)),
        closed_actions=tuple(
            a for a in board.actions if _in_period(a.closed_at, period_start, end)
        ),
        overdue_actions=board.overdue_actions(),
        open_actions=board.open_actions(),
        deadlines=tuple(
            d
            for d in board.deadlines
            if d.status(end) in (DeadlineStatus.RUNNING, DeadlineStatus.OVERDUE)
        ),
        next_briefing=board.next_briefing(),
        entries=significant_first(uncovered),
        decisions=tuple(e for e in uncovered if e.category is EntryCategory.DECISION),
        system_changes=tuple(e for e in uncovered if is_system_status_change(e)),
        station=board.station.code,
    )


def system_line(s: AffectedSystem) -> str:
    """``Utskrivningssystemet: Ur funktion · reservrutin aktiv · prognos: …``"""
    parts = [f"{s.name}: {s.status.sv}"]
    if s.reserve_routine_active:
        parts.append("reservrutin aktiv")
    if s.workaround:
        parts.append(f"alternativ lösning: {s.workaround}")
    prognosis = fmt_short(s.prognosis_at) if s.prognosis_at else s.prognosis_text
    parts.append(f"prognos: {prognosis or 'ingen prognos'}")
    if s.next_update_at:
        parts.append(f"nästa uppdatering {fmt_short(s.next_update_at)}")
    return " · ".join(parts)


def action_line(a: Action, now: datetime) -> str:
    due = f", senast {fmt_short(a.due_at)}" if a.due_at else ""
    flag = "FÖRSENAD: " if a.is_overdue(now) else ""
    return f"{flag}{a.title} ({a.owner or 'ingen ansvarig'}{due}) – {a.status.sv}"


def entry_line(e: JournalEntry, brief: HandoverBrief | None = None) -> str:
    late = " (inkommen i efterhand)" if brief is not None and brief.arrived_late(e) else ""
    return f"{e.number} {fmt_short(e.occurred_at)} [{e.category.sv}]{late} {e.text}"


def brief_text(brief: HandoverBrief) -> str:
    """The brief as plain Swedish text (stored with the handover, printable, pasteable)."""
    lines: list[str] = []
    start = fmt_datetime(brief.period_start) if brief.period_start else "händelsens start"
    lines.append(f"Överlämning – {brief.event_name}{' (ÖVNING)' if brief.exercise else ''}")
    lines.append(f"Period: {start} – {fmt_datetime(brief.period_end)}")
    if brief.level:
        lines.append(
            f"Beredskapsläge: {brief.level.level.sv} ({brief.level.scope}) sedan "
            f"{fmt_short(brief.level.decided_at)}, beslut: {brief.level.decided_by}"
        )
    else:
        lines.append("Beredskapsläge: Normalläge")
    lines.append("")
    lines.append("Beslut under perioden:")
    for d in brief.level_changes:
        lines.append(f"  {fmt_short(d.decided_at)} Beredskapsläge {d.level.sv}: {d.reason}")
    for e in brief.decisions:
        lines.append(f"  {fmt_short(e.occurred_at)} {e.text}")
    if not brief.level_changes and not brief.decisions:
        lines.append("  Inga.")
    lines.append("")
    lines.append("Systemändringar under perioden:")
    for e in brief.system_changes:
        lines.append(f"  {fmt_short(e.occurred_at)} {e.text}")
    if not brief.system_changes:
        lines.append("  Inga.")
    lines.append("")
    lines.append("Berörda system nu:")
    for s in brief.systems:
        lines.append(f"  {system_line(s)}")
    if not brief.systems:
        lines.append("  Inga registrerade.")
    lines.append("")
    lines.append(
        f"Åtgärder: {len(brief.open_actions)} öppna, "
        f"{count_sv(len(brief.overdue_actions), 'försenad', 'försenade')}, "
        f"{count_sv(len(brief.new_actions), 'ny', 'nya')} och "
        f"{count_sv(len(brief.closed_actions), 'avslutad', 'avslutade')} under perioden"
    )
    for a in brief.overdue_actions:
        lines.append(f"  {action_line(a, brief.period_end)}")
    late = {a.id for a in brief.overdue_actions}
    for a in brief.new_actions:
        if a.id not in late:  # a new action that is already overdue is listed once, above
            lines.append(f"  Ny: {action_line(a, brief.period_end)}")
    for a in brief.closed_actions:
        lines.append(f"  {a.status.sv}: {a.title}")
    lines.append("")
    lines.append("Frister som löper:")
    for clock in brief.deadlines:
        state = clock.status(brief.period_end).sv
        lines.append(f"  {clock.title}: senast {fmt_datetime(clock.due_at)} ({state})")
    if not brief.deadlines:
        lines.append("  Inga.")
    lines.append("")
    if brief.next_briefing:
        b = brief.next_briefing
        lines.append(f"Nästa stabsorientering: {fmt_datetime(b.at)} – {b.title}")
    else:
        lines.append("Nästa stabsorientering: ingen planerad")
    lines.append("")
    lines.append(
        f"Journalposter under perioden ({len(brief.entries)}, "
        f"varav {count_sv(len(brief.significant_entries), 'väsentlig', 'väsentliga')}, "
        "dessa först):"
    )
    for e in brief.entries:
        lines.append(f"  {entry_line(e, brief)}")
    return "\n".join(lines)
