"""Dagordning: the agenda of a staff briefing, generated from the board; data, no Qt.

``build_agenda`` takes the board (with its whole journal), the level history and the open
conflicts, and picks the briefing: the one under way (from 15 minutes before its time to 2 hours
after), else the next one, else an unscheduled briefing now. The agenda covers the period since
the previous briefing (or the event's start):

1. the readiness level, and the level decisions of the period;
2. the decisions (*beslut*) of the period;
3. the system changes of the period, every affected system now, and missed supplier updates
   (systems whose "next update" time has passed);
4. overdue actions, and actions due before the briefing after this one (or within 4 hours);
5. the running deadline clocks, with their warning state (50 %/80 %), and the clocks reported or
   judged not required in the period;
6. open sync conflicts;
7. the next briefing.

The agenda leaves the room (it is handed out and printed), so the journal entries in it are
those that may leave it (``reports.privacy``); ``withheld`` counts what was left out.
``agenda_text`` renders it as plain text in the UI language (the journal's own texts stay as
written, in Swedish).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from situation_board.domain.briefings import IN_PROGRESS_AFTER, BriefingOccurrence
from situation_board.domain.entities import (
    Action,
    AffectedSystem,
    Board,
    Briefing,
    Conflict,
    DeadlineClock,
    JournalEntry,
    LevelDecision,
)
from situation_board.domain.enums import EntryCategory
from situation_board.domain.timeutil import countdown, fmt_datetime, fmt_short
from situation_board.i18n import translations
from situation_board.reports.classify import is_system_status_change
from situation_board.reports.privacy import (
    Withheld,
    has_personal_id,
    outgoing_entries,
    withheld_note,
)

DUE_SOON_HORIZON = timedelta(hours=4)
"""Without a following briefing, actions due this long after the briefing count as due soon."""


@dataclass(frozen=True, slots=True)
class Agenda:
    """What a briefing goes through, at one instant (``generated_at``)."""

    event_name: str
    exercise: bool
    station: str
    generated_at: datetime
    briefing: BriefingOccurrence | None
    """The briefing this agenda is for; ``None``: an unscheduled briefing now."""
    at: datetime
    """When the briefing is (``generated_at`` for an unscheduled one)."""
    since: datetime
    """The start of the period: the previous briefing, or the event's start."""
    since_briefing: BriefingOccurrence | None
    level: LevelDecision | None
    level_decisions: tuple[LevelDecision, ...]
    decisions: tuple[JournalEntry, ...]
    system_changes: tuple[JournalEntry, ...]
    systems: tuple[AffectedSystem, ...]
    missed_updates: tuple[AffectedSystem, ...]
    overdue_actions: tuple[Action, ...]
    due_soon_actions: tuple[Action, ...]
    due_soon_until: datetime
    clocks: tuple[DeadlineClock, ...]
    closed_clocks: tuple[DeadlineClock, ...]
    """Clocks reported or judged not required in the period."""
    conflicts: tuple[Conflict, ...]
    next_briefing: BriefingOccurrence | None
    """The briefing after this one."""
    withheld: Withheld = field(default_factory=Withheld)

    @property
    def reference(self) -> str:
        """The briefing's reference (``SO 2024-01-29 16:30``), or ``""`` for an unscheduled one."""
        return self.briefing.reference if self.briefing else ""


def agenda_briefing(board: Board) -> BriefingOccurrence | None:
    """The briefing an agenda made now is for: the one under way, else the next one."""
    return board.briefing_under_way() or board.next_briefing()


def occurrence_of(briefing: Briefing, now: datetime) -> BriefingOccurrence | None:
    """The occurrence of ``briefing`` an agenda made at ``now`` is for: the one under way (up to
    2 hours after its time), else its next one."""
    at = briefing.next_at(now - IN_PROGRESS_AFTER)
    return briefing.occurrence(at) if at is not None else None


def _closed_at(c: DeadlineClock, now: datetime) -> datetime:
    """When the clock was reported or judged not required (``now`` + 1 µs while open)."""
    return c.reported_at or c.not_required_at or now + timedelta(microseconds=1)


def _in_period(e: JournalEntry, since: datetime, until: datetime) -> bool:
    return (e.occurred_at >= since or e.recorded_at >= since) and e.recorded_at <= until


def build_agenda(
    board: Board,
    history: Sequence[LevelDecision],
    conflicts: Sequence[Conflict] = (),
    *,
    briefing: BriefingOccurrence | None = None,
) -> Agenda:
    """The agenda of ``briefing`` (default ``agenda_briefing(board)``) as of ``board.as_of``.

    ``board`` must carry the event's whole journal; ``history`` is its level decisions,
    ``conflicts`` the open (unreviewed) sync conflicts. Raises ``ValueError`` without an event.
    """
    if board.event is None:
        raise ValueError("no event")
    now = board.as_of
    target = briefing if briefing is not None else agenda_briefing(board)
    at = target.at if target is not None else now
    previous = board.previous_briefing(at)
    since = previous.at if previous is not None else board.event.started_at
    following = board.next_briefing(at + timedelta(microseconds=1))
    horizon = following.at if following is not None else at + DUE_SOON_HORIZON
    horizon = max(horizon, now)

    period = [e for e in board.journal if _in_period(e, since, now)]
    decisions, withheld_d = outgoing_entries(
        e for e in period if e.category is EntryCategory.DECISION
    )
    changes, withheld_s = outgoing_entries(e for e in period if is_system_status_change(e))
    withheld = withheld_d + withheld_s

    def clean(*texts: str) -> bool:
        nonlocal withheld
        if has_personal_id(*texts):
            withheld += Withheld(personal_id=1)
            return False
        return True

    systems = tuple(
        s for s in board.systems if clean(s.name, s.workaround, s.reserve_routine, s.prognosis_text)
    )
    open_actions = [a for a in board.open_actions() if clean(a.title, a.owner)]
    return Agenda(
        event_name=board.event.name,
        exercise=board.event.exercise,
        station=board.station.code,
        generated_at=now,
        briefing=target,
        at=at,
        since=since,
        since_briefing=previous,
        level=board.level,
        level_decisions=tuple(
            d for d in history if d.decided_at >= since or d.recorded_at >= since
        ),
        decisions=decisions,
        system_changes=changes,
        systems=systems,
        missed_updates=tuple(s for s in systems if s.next_update_overdue(now)),
        overdue_actions=tuple(a for a in open_actions if a.is_overdue(now)),
        due_soon_actions=tuple(
            a
            for a in open_actions
            if a.due_at is not None and not a.is_overdue(now) and a.due_at <= horizon
        ),
        due_soon_until=horizon,
        clocks=tuple(c for c in board.open_deadlines() if clean(c.title)),
        closed_clocks=tuple(
            c
            for c in board.deadlines
            if since <= _closed_at(c, now) <= now and clean(c.title, c.reference)
        ),
        conflicts=tuple(conflicts),
        next_briefing=following,
        withheld=withheld,
    )


# ---------------------------------------------------------------------- text


def agenda_text(agenda: Agenda, language: str = "sv") -> str:
    """The agenda as plain text in ``language``: numbered items, one fact per line."""
    _ = translations(language).gettext  # the agenda's language, not the process's
    now = agenda.generated_at
    lines: list[str] = []
    title = _("AGENDA")
    if agenda.briefing is not None:
        head = f"{title} – {agenda.briefing.title} {fmt_datetime(agenda.at)}"
        head += f" ({agenda.reference})"
    else:
        head = f"{title} – " + _("unscheduled briefing, {0}").format(fmt_datetime(agenda.at))
    lines.append(head)
    if agenda.exercise:
        lines.append(_("EXERCISE") + " " + _("EXERCISE") + " " + _("EXERCISE"))
    lines.append(
        _("Event: {event} · station {station} · made {made}").format(
            event=agenda.event_name, station=agenda.station, made=fmt_datetime(now)
        )
    )
    if agenda.since_briefing is not None:
        lines.append(
            _("Since the previous briefing: {0}").format(
                f"{fmt_datetime(agenda.since)} ({agenda.since_briefing.reference})"
            )
        )
    else:
        lines.append(_("Since the start of the event: {0}").format(fmt_datetime(agenda.since)))
    note = withheld_note(agenda.withheld, language)
    if note:
        lines.append(note)
    none = "  " + _("None.")

    def item(number: int, heading: str) -> None:
        lines.extend(("", f"{number}. {heading}"))

    item(1, _("Readiness level"))
    lvl = agenda.level
    if lvl is not None:
        lines.append(
            "  "
            + _("{level} ({scope}) since {since}, decided by {who}").format(
                level=lvl.level.label(language),
                scope=lvl.scope,
                since=fmt_short(lvl.decided_at, language),
                who=lvl.decided_by,
            )
        )
    else:
        lines.append("  " + _("Normal (no decision recorded)"))
    for d in agenda.level_decisions:
        lines.append(
            f"  {fmt_short(d.decided_at, language)} {d.level.label(language)} "
            f"({d.scope}), {d.decided_by}: {d.reason}"
        )

    item(2, _("Decisions since the previous briefing"))
    lines.extend(f"  {fmt_short(e.occurred_at, language)} {e.text}" for e in agenda.decisions)
    if not agenda.decisions:
        lines.append(none)

    item(3, _("Affected systems"))
    if agenda.system_changes:
        lines.append("  " + _("Changes since the previous briefing:"))
        lines.extend(
            f"    {fmt_short(e.occurred_at, language)} {e.text}" for e in agenda.system_changes
        )
    for s in agenda.systems:
        lines.append(f"  {s.name}: {s.status.label(language)}" + _system_extra(s, language))
    if not agenda.systems:
        lines.append(none)
    if agenda.missed_updates:
        lines.append("  " + _("Missed supplier updates:"))
        for s in agenda.missed_updates:
            assert s.next_update_at is not None
            who = f" ({s.supplier})" if s.supplier else ""
            lines.append(
                f"    {s.name}{who}: "
                + _("update due {0}").format(fmt_short(s.next_update_at, language))
            )

    item(4, _("Actions"))
    lines.append("  " + _("Overdue:"))
    lines.extend("    " + _action(a, now, language) for a in agenda.overdue_actions)
    if not agenda.overdue_actions:
        lines.append("  " + none)
    lines.append("  " + _("Due by {0}:").format(fmt_short(agenda.due_soon_until, language)))
    lines.extend("    " + _action(a, now, language) for a in agenda.due_soon_actions)
    if not agenda.due_soon_actions:
        lines.append("  " + none)

    item(5, _("Statutory deadlines running"))
    for c in agenda.clocks:
        state = c.urgency(now).label(language)
        source = f" – {c.source}" if c.source else ""
        lines.append(
            f"  {c.title}: "
            + _("due {0}").format(fmt_datetime(c.due_at))
            + f" ({countdown(c.due_at - now, language)}; {state}){source}"
        )
    if not agenda.clocks:
        lines.append(none)
    for c in agenda.closed_clocks:
        state = c.status(now).label(language)
        if c.reported_at is not None:
            detail = fmt_short(c.reported_at, language)
            detail += f", {c.reference}" if c.reference else ""
        else:
            detail = c.not_required_reason
        lines.append(
            "  " + _("Closed since the previous briefing:") + f" {c.title}: {state} ({detail})"
        )

    item(6, _("Open sync conflicts"))
    for conflict in agenda.conflicts:
        lines.append(
            f"  {conflict.entity} {conflict.field}: "
            + _("kept {kept} ({who}), not kept {lost} ({other})").format(
                kept=conflict.kept_value,
                who=conflict.kept_author,
                lost=conflict.lost_value,
                other=conflict.lost_author,
            )
        )
    if not agenda.conflicts:
        lines.append(none)

    item(7, _("Next briefing"))
    nb = agenda.next_briefing
    lines.append(
        f"  {nb.title} {fmt_datetime(nb.at)}" if nb is not None else "  " + _("None planned.")
    )
    if agenda.exercise:
        lines.extend(("", _("EXERCISE") + " " + _("EXERCISE") + " " + _("EXERCISE")))
    return "\n".join(lines) + "\n"


def _system_extra(s: AffectedSystem, language: str) -> str:
    _ = translations(language).gettext
    parts = []
    if s.reserve_routine_active:
        parts.append(_("reserve routine active"))
    if s.workaround:
        parts.append(_("workaround: {0}").format(s.workaround))
    prognosis = fmt_short(s.prognosis_at, language) if s.prognosis_at else s.prognosis_text
    parts.append(_("prognosis: {0}").format(prognosis or _("no prognosis")))
    return " · " + " · ".join(parts)


def _action(a: Action, now: datetime, language: str) -> str:
    _ = translations(language).gettext
    owner = a.owner or _("no owner")
    due = f", {fmt_short(a.due_at, language)}" if a.due_at else ""
    return f"{a.title} ({owner}{due}) – {a.status.label(language)}"
