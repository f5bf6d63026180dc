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

``brief_text`` is the summary stored with the handover: part of the record, so Swedish whatever
the UI language; the printed handover (``reports/documents.py``) follows the document's language.
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
from situation_board.domain.enums import DeadlineStatus, EntryCategory, ReadinessLevel
from situation_board.domain.timeutil import fmt_datetime
from situation_board.reports.classify import (
    USER_SIGNIFICANT,
    is_level_change,
    is_significant,
    is_system_status_change,
    significant_first,
)
from situation_board.reports.lang import Lang

SIGNIFICANT = USER_SIGNIFICANT  # categories always significant (see ``classify.is_significant``)
RECORD = Lang("sv")  # the language of the record: the summary stored with each handover


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
        """The ids of the entries this brief covers."""
        return tuple(e.id for e in self.entries)

    @property
    def significant_entries(self) -> tuple[JournalEntry, ...]:
        """The significant entries, chronological."""
        return tuple(e for e in self.entries if is_significant(e))

    @property
    def other_entries(self) -> tuple[JournalEntry, ...]:
        """The other entries, chronological."""
        return tuple(e for e in self.entries if not is_significant(e))

    def arrived_late(self, entry: JournalEntry) -> bool:
        """True for an entry whose occurred time is before the period (e.g. arrived by sync)."""
        return self.period_start is not None and entry.occurred_at < self.period_start

    @property
    def overdue_deadlines(self) -> tuple[DeadlineClock, ...]:
        """The deadlines overdue at the end of the period."""
        return tuple(
            d for d in self.deadlines if d.status(self.period_end) is DeadlineStatus.OVERDUE
        )


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


def system_line(s: AffectedSystem, lang: Lang) -> str:
    """``Utskrivningssystemet: Ur funktion · reservrutin aktiv · prognos: …``"""
    parts = [f"{s.name}: {lang.label(s.status)}"]
    if s.reserve_routine_active:
        parts.append(lang.gettext("reserve routine active"))
    if s.workaround:
        parts.append(lang.gettext("alternative solution: {0}").format(s.workaround))
    prognosis = lang.short(s.prognosis_at) if s.prognosis_at else s.prognosis_text
    parts.append(lang.gettext("prognosis: {0}").format(prognosis or lang.gettext("no prognosis")))
    if s.next_update_at:
        parts.append(lang.gettext("next update {0}").format(lang.short(s.next_update_at)))
    return " · ".join(parts)


def action_line(a: Action, now: datetime, lang: Lang) -> str:
    """``FÖRSENAD: Title (owner, senast 22 jan. 14:05) – Öppen`` in ``lang``."""
    owner = a.owner or lang.gettext("no owner")
    if a.due_at:
        owner = lang.gettext("{owner}, due {due}").format(owner=owner, due=lang.short(a.due_at))
    flag = lang.gettext("OVERDUE") + ": " if a.is_overdue(now) else ""
    return f"{flag}{a.title} ({owner}) – {lang.label(a.status)}"


def entry_line(e: JournalEntry, lang: Lang, brief: HandoverBrief | None = None) -> str:
    """``V1-0042 22 jan. 14:05 [Beslut] text`` in ``lang`` (late arrivals marked)."""
    late = ""
    if brief is not None and brief.arrived_late(e):
        late = " (" + lang.gettext("arrived late") + ")"
    return f"{e.number} {lang.short(e.occurred_at)} [{lang.label(e.category)}]{late} {e.text}"


def brief_text(brief: HandoverBrief, lang: Lang = RECORD) -> str:
    """The brief as plain text: printable, pasteable, and stored with the handover as part of
    the record — in Swedish (``RECORD``) whatever the UI language, unless ``lang`` says so."""
    _ = lang.gettext
    none = "  " + _("None.")
    end = brief.period_end
    lines: list[str] = []
    start = fmt_datetime(brief.period_start) if brief.period_start else _("the start of the event")
    exercise = " (" + _("EXERCISE") + ")" if brief.exercise else ""
    lines.append(_("Handover") + f" – {brief.event_name}{exercise}")
    lines.append(_("Period: {start} – {end}").format(start=start, end=fmt_datetime(end)))
    if brief.level:
        lines.append(
            _("Readiness level: {level} ({scope}) since {since}, decided by {who}").format(
                level=lang.label(brief.level.level),
                scope=brief.level.scope,
                since=lang.short(brief.level.decided_at),
                who=brief.level.decided_by,
            )
        )
    else:
        lines.append(_("Readiness level: {0}").format(lang.label(ReadinessLevel.NORMAL)))
    lines += ["", _("Decisions in the period:")]
    for d in brief.level_changes:
        level = _("Readiness level {0}").format(lang.label(d.level))
        lines.append(f"  {lang.short(d.decided_at)} {level}: {d.reason}")
    for e in brief.decisions:
        lines.append(f"  {lang.short(e.occurred_at)} {e.text}")
    if not brief.level_changes and not brief.decisions:
        lines.append(none)
    lines += ["", _("System changes in the period:")]
    lines += [f"  {lang.short(e.occurred_at)} {e.text}" for e in brief.system_changes]
    if not brief.system_changes:
        lines.append(none)
    lines += ["", _("Affected systems now:")]
    lines += [f"  {system_line(s, lang)}" for s in brief.systems]
    if not brief.systems:
        lines.append("  " + _("None registered."))
    lines.append("")
    lines.append(
        _("Actions: {open}, {overdue}, {new} and {closed} in the period").format(
            open=lang.ngettext("{n} open", "{n} open", len(brief.open_actions)).format(
                n=len(brief.open_actions)
            ),
            overdue=lang.ngettext("{n} overdue", "{n} overdue", len(brief.overdue_actions)).format(
                n=len(brief.overdue_actions)
            ),
            new=lang.ngettext("{n} new", "{n} new", len(brief.new_actions)).format(
                n=len(brief.new_actions)
            ),
            closed=lang.ngettext("{n} closed", "{n} closed", len(brief.closed_actions)).format(
                n=len(brief.closed_actions)
            ),
        )
    )
    lines += [f"  {action_line(a, end, lang)}" for a in brief.overdue_actions]
    late = {a.id for a in brief.overdue_actions}
    for a in brief.new_actions:
        if a.id not in late:  # a new action that is already overdue is listed once, above
            lines.append("  " + _("New: {0}").format(action_line(a, end, lang)))
    lines += [f"  {lang.label(a.status)}: {a.title}" for a in brief.closed_actions]
    lines += ["", _("Deadlines running:")]
    for clock in brief.deadlines:
        due = _("due {0}").format(fmt_datetime(clock.due_at))
        lines.append(f"  {clock.title}: {due} ({lang.label(clock.status(end))})")
    if not brief.deadlines:
        lines.append(none)
    lines.append("")
    if brief.next_briefing:
        b = brief.next_briefing
        lines.append(_("Next staff briefing: {0}").format(f"{fmt_datetime(b.at)} – {b.title}"))
    else:
        lines.append(_("Next staff briefing: {0}").format(_("none planned")))
    lines.append("")
    significant = len(brief.significant_entries)
    lines.append(
        _("Journal entries in the period ({n}, of which {significant}, these first):").format(
            n=len(brief.entries),
            significant=lang.ngettext("{n} significant", "{n} significant", significant).format(
                n=significant
            ),
        )
    )
    lines += [f"  {entry_line(e, lang, brief)}" for e in brief.entries]
    return "\n".join(lines)
