"""Dagordning as a printed document: the agenda of a staff briefing (``reports/agenda.py``) as
blocks (``reports/blocks.py``), for the PDF (``reports/pdf.py``), the window's preview
(``reports/html.py``) and the printer; no Qt here.

The page reads the way the briefing runs: what briefing, for which period, then the seven items
(level, decisions, systems, actions, deadlines, conflicts, the next briefing), each a numbered
heading with its facts as tables, and at the end a box to write the decisions taken in, with the
reference they are journaled under. The agenda leaves the room, so it holds only what may leave
it (``reports.privacy``) and says how much was left out, up front. Times are absolute
("29 jan. 16:30"): paper does not tick, so a running deadline says how much of its time had gone
when the agenda was made instead of counting down. Written in the document's language; the
board's own data as recorded.
"""

from __future__ import annotations

from situation_board.domain.deadlines import elapsed_percent
from situation_board.domain.entities import Conflict, DeadlineClock
from situation_board.domain.enums import Urgency
from situation_board.domain.timeutil import fmt_cldr, fmt_datetime, fmt_time
from situation_board.reports import parts as P
from situation_board.reports.agenda import Agenda
from situation_board.reports.blocks import (
    Block,
    Box,
    Heading,
    KeyValues,
    Para,
    Rich,
    Table,
    bold,
    lines,
    rich,
)
from situation_board.reports.lang import Lang
from situation_board.reports.privacy import withheld_note
from situation_board.reports.records import Document, DocumentMeta

NOTE_BACKGROUND = "#fff8e1"  # the "left out of this document" note: pale amber, black text


def briefing_line(agenda: Agenda, lang: Lang) -> str:
    """``Stabsorientering måndag 29 januari 2024 kl. 16:30`` (or an unscheduled one)."""
    day = fmt_cldr(agenda.at, "EEEE d MMMM y", lang.code)
    if agenda.briefing is None:
        return lang.gettext("Unscheduled briefing {day} at {time}").format(
            day=day, time=fmt_time(agenda.at)
        )
    return lang.gettext("{title} {day} at {time}").format(
        title=agenda.briefing.title, day=day, time=fmt_time(agenda.at)
    )


def _head(agenda: Agenda, meta: DocumentMeta, lang: Lang) -> list[Block]:
    _ = lang.gettext
    out: list[Block] = [
        Heading(_("Agenda"), level=1),
        Para(rich(bold(briefing_line(agenda, lang), size=13))),
        Para(rich(bold(agenda.event_name))),
    ]
    if meta.exercise:
        out.append(P.exercise_band(lang))
    if agenda.since_briefing is not None:
        period = _("since the previous briefing, {at} ({ref})").format(
            at=lang.short(agenda.since), ref=agenda.since_briefing.reference
        )
    else:
        period = _("since the start of the event, {0}").format(lang.short(agenda.since))
    pairs: list[tuple[str, Rich]] = []
    if agenda.reference:
        pairs.append(
            (
                _("Reference"),
                rich(
                    bold(agenda.reference),
                    "  ",
                    P.muted(_("(write it with the decisions taken at the briefing)")),
                ),
            )
        )
    pairs += [
        (_("Period"), rich(period)),
        (_("Situation as of"), rich(fmt_datetime(agenda.generated_at))),
    ]
    out.append(KeyValues(tuple(pairs)))
    note = withheld_note(agenda.withheld, lang.code)
    if note:
        out.append(Box(rich(bold(note)), background=NOTE_BACKGROUND))
    return out


def _item(number: int, title: str) -> Heading:
    return Heading(f"{number}. {title}")


def _level(agenda: Agenda, lang: Lang) -> list[Block]:
    _ = lang.gettext
    out: list[Block] = [_item(1, _("Readiness level")), P.level_band(agenda.level, lang)]
    if agenda.level_decisions:
        out.append(Heading(_("Decisions on the readiness level in the period"), level=3))
        out.append(
            Table(
                (_("Decided"), _("Readiness level"), _("Scope"), _("Decided by"), _("Reason")),
                tuple(
                    (
                        rich(lang.short(d.decided_at)),
                        rich(lang.label(d.level)),
                        rich(d.scope),
                        rich(d.decided_by),
                        rich(d.reason),
                    )
                    for d in agenda.level_decisions
                ),
                nowrap=frozenset({0}),
            )
        )
    else:
        out.append(P.none_para(_("No decision on the readiness level in the period.")))
    return out


def _decisions(agenda: Agenda, lang: Lang) -> list[Block]:
    _ = lang.gettext
    out: list[Block] = [_item(2, _("Decisions since the previous briefing"))]
    if not agenda.decisions:
        out.append(P.none_para(_("No decisions in the period.")))
        return out
    out.append(
        Table(
            (_("Time"), _("Decision"), _("No.")),
            tuple(
                (rich(lang.short(e.occurred_at)), rich(e.text), rich(P.muted(e.number)))
                for e in agenda.decisions
            ),
            nowrap=frozenset({0, 2}),
        )
    )
    return out


def _systems(agenda: Agenda, lang: Lang) -> list[Block]:
    _ = lang.gettext
    now = agenda.generated_at
    out: list[Block] = [_item(3, _("Affected systems"))]
    out.append(Heading(_("Changes since the previous briefing"), level=3))
    if agenda.system_changes:
        out.append(
            Table(
                (_("Time"), _("Change")),
                tuple(
                    (rich(lang.short(e.occurred_at)), rich(e.text)) for e in agenda.system_changes
                ),
                nowrap=frozenset({0}),
            )
        )
    else:
        out.append(P.none_para(_("No system changes in the period.")))
    out.append(Heading(_("Affected systems now"), level=3))
    out.append(P.systems_table(agenda.systems, now, lang))
    out.append(Heading(_("Missed supplier updates"), level=3))
    if agenda.missed_updates:
        out.append(
            Table(
                (_("System"), _("Supplier"), _("Update promised")),
                tuple(
                    (
                        rich(bold(s.name)),
                        rich(s.supplier or P.DASH),
                        lines(
                            rich(P.overdue_span(_("passed"))),
                            lang.short(s.next_update_at),
                        ),
                    )
                    for s in agenda.missed_updates
                ),
                nowrap=frozenset({2}),
            )
        )
    else:
        out.append(P.none_para(_("No supplier update has been missed.")))
    return out


def _actions(agenda: Agenda, lang: Lang) -> list[Block]:
    _ = lang.gettext
    now = agenda.generated_at
    return [
        _item(4, _("Actions")),
        Heading(_("Overdue"), level=3),
        P.actions_table(agenda.overdue_actions, now, lang, by_due=True),
        Heading(_("Due by {0}").format(lang.short(agenda.due_soon_until)), level=3),
        P.actions_table(agenda.due_soon_actions, now, lang, by_due=True),
    ]


def _state(c: DeadlineClock, agenda: Agenda, lang: Lang) -> Rich:
    """How far a running clock had got when the agenda was made, in words (and red if late)."""
    now = agenda.generated_at
    urgency = c.urgency(now)
    if urgency is Urgency.OVERDUE:
        return rich(P.overdue_span(lang.label(urgency).upper()))
    share = lang.gettext("{0} percent of the time has passed").format(
        elapsed_percent(c.aware_at, c.due_at, now)
    )
    label = lang.label(urgency)
    return lines(rich(bold(label)) if urgency is not Urgency.CALM else label, share)


def _deadlines(agenda: Agenda, lang: Lang) -> list[Block]:
    _ = lang.gettext
    out: list[Block] = [_item(5, _("Statutory deadlines running"))]
    if agenda.clocks:
        out.append(
            Table(
                (_("Deadline"), _("Aware"), _("Due"), _("State")),
                tuple(
                    (
                        lines(rich(bold(c.title)), rich(P.muted(c.source)) if c.source else ""),
                        rich(lang.short(c.aware_at)),
                        rich(bold(lang.short(c.due_at))),
                        _state(c, agenda, lang),
                    )
                    for c in agenda.clocks
                ),
                nowrap=frozenset({1, 2}),
            )
        )
    else:
        out.append(P.none_para(_("No deadline running.")))
    if agenda.closed_clocks:
        out.append(Heading(_("Closed since the previous briefing"), level=3))
        rows = []
        for c in agenda.closed_clocks:  # the status says which; the details say when and how
            if c.reported_at is not None:
                detail = lines(lang.short(c.reported_at), c.reference, c.late_reason)
            else:
                detail = lines(lang.short(c.not_required_at), c.not_required_reason)
            rows.append(
                (rich(bold(c.title)), rich(lang.label(c.status(agenda.generated_at))), detail)
            )
        out.append(Table((_("Deadline"), _("Status"), _("Details")), tuple(rows)))
    return out


def _conflict_row(c: Conflict) -> tuple[Rich, ...]:
    return (
        rich(c.entity),
        rich(c.field),
        lines(str(c.kept_value), rich(P.muted(c.kept_author))),
        lines(str(c.lost_value), rich(P.muted(c.lost_author))),
    )


def _conflicts(agenda: Agenda, lang: Lang) -> list[Block]:
    _ = lang.gettext
    out: list[Block] = [_item(6, _("Open sync conflicts"))]
    if agenda.conflicts:
        out.append(
            Table(
                (_("Record"), _("Field"), _("Kept"), _("Not kept")),
                tuple(_conflict_row(c) for c in agenda.conflicts),
            )
        )
    else:
        out.append(P.none_para(_("No open sync conflicts.")))
    return out


def _next(agenda: Agenda, lang: Lang) -> list[Block]:
    _ = lang.gettext
    nb = agenda.next_briefing
    out: list[Block] = [_item(7, _("Next briefing"))]
    if nb is None:
        out.append(P.none_para(_("None planned.")))
    else:
        day = fmt_cldr(nb.at, "EEEE d MMMM", lang.code)
        out.append(Para(rich(bold(f"{day} {fmt_time(nb.at)}"), " – ", nb.title)))
    return out


def _notes(agenda: Agenda, lang: Lang) -> list[Block]:
    _ = lang.gettext
    if agenda.reference:
        how = _(
            "Each decision goes into the staff journal as a decision with the reference {0}."
        ).format(agenda.reference)
    else:
        how = _("Each decision goes into the staff journal as a decision.")
    return [
        Heading(_("Decisions and notes at the briefing")),
        Box(rich(P.muted(how)), background="#ffffff", min_lines=3, fill=True),
    ]


def agenda_blocks(agenda: Agenda, meta: DocumentMeta) -> tuple[Block, ...]:
    """The agenda's content in the document's language."""
    lang = Lang(meta.language)
    return tuple(
        _head(agenda, meta, lang)
        + _level(agenda, lang)
        + _decisions(agenda, lang)
        + _systems(agenda, lang)
        + _actions(agenda, lang)
        + _deadlines(agenda, lang)
        + _conflicts(agenda, lang)
        + _next(agenda, lang)
        + _notes(agenda, lang)
    )


def agenda_document(agenda: Agenda, language: str | None = None) -> Document:
    """The agenda as printed (A4 portrait), in ``language`` (``None``: the UI language)."""
    lang = Lang.of(language)
    title = lang.gettext("Agenda")
    if agenda.reference:
        title = f"{title} {agenda.reference}"
    meta = DocumentMeta(
        title, agenda.event_name, agenda.exercise, agenda.station, agenda.generated_at, lang.code
    )
    return Document(meta, (agenda_blocks(agenda, meta),))
