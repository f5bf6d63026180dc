"""The "since last handover" brief (överlämning), built from the board; no Qt here.

Coverage rule: a brief covers every journal entry of the event that no earlier handover covered,
whatever its occurred time. An entry that reaches this station by sync after a handover, with an
occurred time before it, is therefore in the *next* brief — never lost, never twice. Each handover
stores the ids it covered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from situation_board.domain.entities import (
    Action,
    AffectedSystem,
    Board,
    Briefing,
    DeadlineClock,
    JournalEntry,
    LevelDecision,
)
from situation_board.domain.enums import DeadlineStatus, EntryCategory
from situation_board.domain.timeutil import fmt_datetime, fmt_short

SIGNIFICANT = frozenset({EntryCategory.DECISION, EntryCategory.SIGNIFICANT})


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
    next_briefing: Briefing | None
    entries: tuple[JournalEntry, ...]  # significant first, then the rest, each chronological

    @property
    def entry_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.entries)


def _in_period(when: datetime | None, start: datetime | None, end: datetime) -> bool:
    return when is not None and (start is None or when >= start) and when <= end


def build_brief(
    board: Board,
    uncovered: list[JournalEntry],
    history: list[LevelDecision],
    period_start: datetime | None,
) -> HandoverBrief:
    """The brief for the period ``period_start`` → ``board.as_of``."""
    if board.event is None:
        raise ValueError("no event")
    end = board.as_of
    significant = [e for e in uncovered if e.category in SIGNIFICANT]
    rest = [e for e in uncovered if e.category not in SIGNIFICANT]
    return HandoverBrief(
        event_name=board.event.name,
        exercise=board.event.exercise,
        period_start=period_start,
        period_end=end,
        level=board.level,
        level_changes=tuple(d for d in history if _in_period(d.recorded_at, period_start, end)),
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
        entries=tuple(significant + rest),
    )


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
    for d in brief.level_changes:
        lines.append(f"  Beslut {fmt_short(d.decided_at)}: {d.level.sv} – {d.reason}")
    lines.append("")
    lines.append("Berörda system:")
    for s in brief.systems:
        extra = " · reservrutin aktiv" if s.reserve_routine_active else ""
        lines.append(f"  {s.name}: {s.status.sv}{extra}")
    lines.append("")
    lines.append(
        f"Åtgärder: {len(brief.open_actions)} öppna, {len(brief.overdue_actions)} försenade, "
        f"{len(brief.new_actions)} nya och {len(brief.closed_actions)} avslutade under perioden"
    )
    for a in brief.overdue_actions:
        lines.append(
            f"  FÖRSENAD: {a.title} ({a.owner or 'ingen ansvarig'}, {fmt_short(a.due_at)})"
        )
    for a in brief.new_actions:
        lines.append(f"  Ny: {a.title}")
    for a in brief.closed_actions:
        lines.append(f"  {a.status.sv}: {a.title}")
    if brief.deadlines:
        lines.append("")
        lines.append("Frister som löper:")
        for clock in brief.deadlines:
            lines.append(f"  {clock.title}: senast {fmt_datetime(clock.due_at)}")
    if brief.next_briefing:
        b = brief.next_briefing
        lines.append("")
        lines.append(f"Nästa stabsorientering: {fmt_datetime(b.at)} – {b.title}")
    lines.append("")
    lines.append(f"Journalposter under perioden ({len(brief.entries)}):")
    for e in brief.entries:
        lines.append(f"  {e.number} {fmt_short(e.occurred_at)} [{e.category.sv}] {e.text}")
    return "\n".join(lines)
