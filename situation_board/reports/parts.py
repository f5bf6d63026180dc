"""Parts shared by the printed documents, as blocks (``reports/blocks.py``); no Qt here.

The readiness level band, the affected systems, the actions and the journal as tables, the note on
time zones. Every label goes through the document's ``Lang``; the board's own data (names, texts,
the journal's system entries) is printed as it was recorded. Colours always come with words
("Down", "OVERDUE"), so a black-and-white print loses nothing. Times are absolute ("16:30",
"22 jan. 14:05"), never relative: paper does not tick.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from situation_board import palette
from situation_board.domain.entities import Action, AffectedSystem, JournalEntry, LevelDecision
from situation_board.domain.enums import ReadinessLevel, SystemStatus
from situation_board.domain.timeutil import fmt_datetime, offset_text
from situation_board.reports.blocks import (
    Band,
    Para,
    Rich,
    Span,
    Table,
    bold,
    italic,
    lines,
    rich,
)
from situation_board.reports.lang import Lang

MUTED = palette.MUTED
OVERDUE = palette.OVERDUE[0]
EXERCISE_BG = palette.EXERCISE[1]
DASH = "–"


def muted(text: str) -> Span:
    """Secondary text in the muted grey."""
    return Span(text, colour=MUTED)


def none_para(text: str) -> Para:
    """A muted one-line paragraph saying a list is empty."""
    return Para(rich(text), muted=True)


def exercise_band(lang: Lang) -> Band:
    """The violet "EXERCISE – EXERCISE – EXERCISE" band of an exercise's documents."""
    word = lang.gettext("EXERCISE")
    return Band(
        (rich(bold(f"{word} – {word} – {word}", size=16)),),
        background=EXERCISE_BG,
        colour="#ffffff",
        centred=True,
    )


def level_band(level: LevelDecision | None, lang: Lang, *, big: float = 16) -> Band:
    """The readiness level as a coloured band: level in capitals, scope, since, decided by."""
    current = level.level if level else ReadinessLevel.NORMAL
    fg, bg = palette.level_colours(current)
    head = rich(bold(lang.label(current).upper(), size=big))
    if level is not None:
        detail = lang.gettext("{scope} · since {since} · decided by {who}").format(
            scope=level.scope, since=lang.short(level.decided_at), who=level.decided_by
        )
        head = rich(head, "   ", detail)
    return Band((rich(lang.gettext("Readiness level")), head), background=bg, colour=fg)


def status_span(status: SystemStatus, lang: Lang) -> Span:
    """A system status in its colour, bold."""
    return bold(lang.label(status), colour=palette.STATUS_ON_LIGHT[status])


def overdue_span(text: str) -> Span:
    """``OVERDUE`` (or another alarm word) in bold red."""
    return bold(text, colour=OVERDUE)


def prognosis_text(s: AffectedSystem, lang: Lang) -> str:
    """The prognosis as printed: an absolute time, the staff's words, or "no prognosis"."""
    if s.prognosis_at:
        return lang.short(s.prognosis_at)
    return s.prognosis_text or lang.gettext("no prognosis")


def systems_table(systems: Sequence[AffectedSystem], now: datetime, lang: Lang) -> Table | Para:
    """Affected systems: status, reserve routine and alternative solution, prognosis."""
    if not systems:
        return none_para(lang.gettext("No affected systems registered."))
    rows = []
    for s in systems:
        name = lines(
            rich(bold(s.name)),
            rich(muted(s.supplier)) if s.supplier else "",
            lang.gettext("Affects: {0}").format(s.processes) if s.processes else "",
        )
        status = lines(
            rich(status_span(s.status, lang)),
            lang.gettext("since {0}").format(lang.short(s.status_since)) if s.status_since else "",
        )
        if s.reserve_routine_active:
            head = lang.gettext("Reserve routine active")
            if s.reserve_routine_since:
                head += " " + lang.gettext("since {0}").format(lang.short(s.reserve_routine_since))
            routine = rich(bold(head), f": {s.reserve_routine}" if s.reserve_routine else "")
        else:
            routine = rich(lang.gettext("Reserve routine not active"))
            if s.reserve_routine:
                routine = rich(routine, " ", muted(f"({s.reserve_routine})"))
        routine = lines(
            routine,
            rich(bold(lang.gettext("Alternative solution:")), " ", s.workaround)
            if s.workaround
            else "",
            rich(bold(lang.gettext("Personal data may be affected.")))
            if s.personal_data_affected
            else "",
        )
        outlook = rich(prognosis_text(s, lang))
        if s.next_update_at:
            update = rich(lang.gettext("Next update {0}").format(lang.short(s.next_update_at)))
            if s.next_update_overdue(now):
                update = rich(update, " ", overdue_span(lang.gettext("passed")))
            outlook = lines(outlook, update)
        rows.append((name, status, routine, outlook))
    headers = (
        lang.gettext("System"),
        lang.gettext("Status"),
        lang.gettext("Reserve routine and alternative solution"),
        lang.gettext("Prognosis"),
    )
    return Table(headers, tuple(rows))


def actions_table(
    actions: Sequence[Action], now: datetime, lang: Lang, *, by_due: bool = False
) -> Table | Para:
    """Actions, overdue first (marked OVERDUE), then by priority (``by_due``: by due time, as
    an agenda goes through them); high priority in bold."""
    if not actions:
        return none_para(lang.gettext("None."))
    if by_due:
        ordered = sorted(actions, key=lambda a: (a.due_at is None, a.due_at or now))
    else:
        ordered = sorted(actions, key=lambda a: (not a.is_overdue(now), a.priority.rank))
    rows = []
    for a in ordered:
        late = a.is_overdue(now)
        due: Rich = rich(lang.short(a.due_at) or DASH)
        if late:
            due = lines(rich(overdue_span(lang.gettext("OVERDUE"))), due)
        strong = late or a.priority.rank == 0
        title = lines(
            rich(Span(a.title, bold=strong)),
            lang.gettext("High priority") if a.priority.rank == 0 else "",
        )
        rows.append((title, rich(a.owner or DASH), due, rich(lang.label(a.status))))
    headers = (
        lang.gettext("Action"),
        lang.gettext("Owner"),
        lang.gettext("Due"),
        lang.gettext("Status"),
    )
    return Table(headers, tuple(rows), nowrap=frozenset({2}))


def single_offset(entries: Sequence[JournalEntry]) -> str | None:
    """The UTC offset all the entries' times share (``+01:00``), or None when they differ."""
    offsets = {offset_text(e.occurred_at) for e in entries}
    offsets |= {offset_text(e.recorded_at) for e in entries}
    return offsets.pop() if len(offsets) == 1 else None


def journal_table(
    entries: Sequence[JournalEntry],
    lang: Lang,
    *,
    numbers: dict[str, str] | None = None,
    late: set[str] | None = None,
    marks: dict[str, str] | None = None,
) -> Table | Para:
    """Journal entries in the given order: number, occurred time (the offset too when it
    varies), category, text with its parties and medium, author. ``marks`` (entry id → why,
    the archive's privacy marks) adds a bold line to the text of the entries that stay in the
    room."""
    if not entries:
        return none_para(lang.gettext("No journal entries."))
    offset_each = single_offset(entries) is None
    known = {e.id: e.number for e in entries} | (numbers or {})
    rows = []
    for e in entries:
        day, clock = fmt_datetime(e.occurred_at, with_offset=offset_each).split(" ", 1)
        when = lines(
            day,
            rich(bold(clock)),
            rich(muted(lang.gettext("rec. {0}").format(lang.short(e.recorded_at))))
            if e.times_differ
            else "",
            rich(italic(lang.gettext("arrived late"))) if late and e.id in late else "",
        )
        medium = lang.label(e.medium) if e.medium else ""
        if e.from_party or e.to_party:
            via = f" ({medium})" if medium else ""
            head = rich(italic(f"{e.from_party or DASH} → {e.to_party or DASH}{via}"))
        else:
            head = rich(italic(medium)) if medium else ()
        corrects = (
            rich(italic(lang.gettext("Corrects {0}").format(known.get(e.corrects, e.corrects))))
            if e.corrects
            else ()
        )
        why = (marks or {}).get(e.id, "")
        text = lines(
            head,
            e.text,
            corrects,
            rich(bold(lang.gettext("Stays in the room: {0}").format(why))) if why else "",
        )
        station = e.number.rpartition("-")[0]  # the journal number starts with the station code
        author = lines(e.author, f"{lang.label(e.function)} · {station}" if station else "")
        rows.append((rich(e.number), when, rich(lang.label(e.category)), text, author))
    headers = (
        lang.gettext("No."),
        lang.gettext("Occurred"),
        lang.gettext("Category"),
        lang.gettext("Text"),
        lang.gettext("Author"),
    )
    return Table(headers, tuple(rows), nowrap=frozenset({0, 1}))


def times_note(entries: Sequence[JournalEntry], lang: Lang) -> Para:
    """Which clock the times are on: Stockholm time, with the one UTC offset or each time's."""
    offset = single_offset(entries)
    if offset is None:
        text = lang.gettext("Times in Swedish time (Europe/Stockholm) with the UTC offset.")
    else:
        text = lang.gettext("Times in Swedish time (Europe/Stockholm), UTC{0}.").format(offset)
    return Para(rich(text), muted=True)
