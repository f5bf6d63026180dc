"""The printable documents as ``Document`` values (blocks + page furniture); no Qt here.

* ``handover_document`` — the brief, the outgoing person's note and the acknowledgement (or
  "not signed" while the window previews it before signing);
* ``journal_document`` — the staff journal, whole or a period;
* ``situation_report_document`` — the lägesbild in MSB's structure;
* ``archive_document`` — the closure record: event, level history, systems with their history,
  actions, deadlines, briefings, handovers and the whole journal.

Each takes the document's language (``language``: ``sv``/``en``; ``None``: the process's UI
language; the situation report carries its own). The board print (one page, landscape) is in
``reports/board_print.py``; ``reports/pdf.py`` writes any of them as PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from situation_board.domain.entities import Event, Handover, JournalEntry
from situation_board.domain.timeutil import fmt_datetime
from situation_board.reports import parts as P
from situation_board.reports.blocks import (
    Block,
    Box,
    Bullets,
    Heading,
    KeyValues,
    Para,
    Signatures,
    Table,
    bold,
    italic,
    rich,
)
from situation_board.reports.brief import HandoverBrief
from situation_board.reports.classify import system_history
from situation_board.reports.lang import Lang
from situation_board.reports.records import Document, DocumentMeta, EventRecord
from situation_board.reports.situation_report import SituationReport


def _event_head(title: str, meta: DocumentMeta, lang: Lang, subtitle: str = "") -> list[Block]:
    out: list[Block] = [Heading(title, level=1), Para(rich(bold(meta.event_name)))]
    if subtitle:
        out.append(Para(rich(subtitle), muted=True))
    if meta.exercise:
        out.append(P.exercise_band(lang))
    return out


def _dated(entries: Sequence[JournalEntry], lang: Lang) -> Bullets:
    return Bullets(tuple(rich(f"{lang.short(e.occurred_at)} – {e.text}") for e in entries))


# ---------------------------------------------------------------------- handover


def handover_blocks(
    brief: HandoverBrief, handover: Handover | None, meta: DocumentMeta
) -> tuple[Block, ...]:
    """The handover's content (``handover`` None: an unsigned preview)."""
    lang = Lang(meta.language)
    _ = lang.gettext
    now = brief.period_end
    start = fmt_datetime(brief.period_start) if brief.period_start else _("the start of the event")
    period = _("Period: {start} – {end}").format(start=start, end=fmt_datetime(now))
    out = _event_head(_("Handover"), meta, lang, period)
    if handover is not None:
        acknowledged = f"{handover.acknowledged_by}, {fmt_datetime(handover.acknowledged_at)}"
        out.append(
            KeyValues(
                (
                    (_("Handed over by"), rich(handover.from_person)),
                    (_("Taken over by"), rich(handover.to_person)),
                    (_("Acknowledged"), rich(acknowledged)),
                )
            )
        )
        out.append(Heading(_("Note from {0}").format(handover.from_person), level=3))
        out.append(Box(rich(handover.note) if handover.note else rich(italic(_("No note.")))))
    else:
        out.append(Box(rich(bold(_("Preview – not signed.")))))

    out += [Heading(_("The situation now")), P.level_band(brief.level, lang)]

    out.append(Heading(_("Decisions in the period")))
    decisions = [
        rich(
            f"{lang.short(d.decided_at)} – "
            + _("Readiness level {level} ({scope}), decided by {who}: {reason}").format(
                level=lang.label(d.level), scope=d.scope, who=d.decided_by, reason=d.reason
            )
        )
        for d in brief.level_changes
    ] + [rich(f"{lang.short(e.occurred_at)} – {e.text}") for e in brief.decisions]
    out.append(
        Bullets(tuple(decisions)) if decisions else P.none_para(_("No decisions in the period."))
    )

    out.append(Heading(_("System changes in the period")))
    out.append(
        _dated(brief.system_changes, lang)
        if brief.system_changes
        else P.none_para(_("No system changes in the period."))
    )
    out += [Heading(_("Affected systems now"), level=3), P.systems_table(brief.systems, now, lang)]

    out.append(Heading(_("Actions")))
    n_open, n_late = len(brief.open_actions), len(brief.overdue_actions)
    n_new, n_closed = len(brief.new_actions), len(brief.closed_actions)
    late_text = (
        lang.ngettext("{n} overdue", "{n} overdue", n_late).format(n=n_late)
        if n_late
        else _("none overdue")
    )
    out.append(
        Para(
            rich(
                _("{open} open, of which {overdue}. {new} and {closed} in the period.").format(
                    open=n_open,
                    overdue=late_text,
                    new=lang.ngettext("{n} new", "{n} new", n_new).format(n=n_new),
                    closed=lang.ngettext("{n} closed", "{n} closed", n_closed).format(n=n_closed),
                )
            )
        )
    )
    out.append(Heading(_("Open actions (overdue first)"), level=3))
    out.append(P.actions_table(brief.open_actions, now, lang))
    if brief.new_actions:
        out.append(Heading(_("New in the period"), level=3))
        no_owner = _("no owner")
        out.append(
            Bullets(tuple(rich(f"{a.title} ({a.owner or no_owner})") for a in brief.new_actions))
        )
    if brief.closed_actions:
        out.append(Heading(_("Closed in the period"), level=3))
        out.append(
            Bullets(
                tuple(
                    rich(f"{lang.label(a.status)} {lang.short(a.closed_at)}: {a.title}")
                    for a in brief.closed_actions
                )
            )
        )

    out.append(Heading(_("Deadlines and the next staff briefing")))
    clocks = tuple(
        rich(
            P.overdue_span(_("OVERDUE") + " ") if d in brief.overdue_deadlines else "",
            _("{title}: due {due} ({status})").format(
                title=d.title, due=fmt_datetime(d.due_at), status=lang.label(d.status(now))
            ),
        )
        for d in brief.deadlines
    )
    out.append(Bullets(clocks) if clocks else P.none_para(_("No deadlines running.")))
    nb = brief.next_briefing
    next_line = f"{fmt_datetime(nb.at)} – {nb.title}" if nb else _("none planned")
    out.append(Para(rich(bold(_("Next staff briefing:")), " ", next_line)))

    late = {e.id for e in brief.entries if brief.arrived_late(e)}
    out.append(Heading(_("Journal entries in the period ({0})").format(len(brief.entries))))
    out.append(P.times_note(brief.entries, lang))
    if late:
        out.append(
            P.none_para(
                lang.ngettext(
                    "{n} entry occurred before the period but arrived after the last handover"
                    " (e.g. by synchronisation) and is therefore reported here.",
                    "{n} entries occurred before the period but arrived after the last handover"
                    " (e.g. by synchronisation) and are therefore reported here.",
                    len(late),
                ).format(n=len(late))
            )
        )
    significant, other = brief.significant_entries, brief.other_entries
    out.append(Heading(_("Significant ({0})").format(len(significant)), level=3))
    out.append(P.journal_table(significant, lang, late=late))
    out.append(Heading(_("Other ({0})").format(len(other)), level=3))
    out.append(P.journal_table(other, lang, late=late))

    out.append(Heading(_("Acknowledgement")))
    if handover is not None:
        out.append(
            Para(
                rich(
                    _(
                        "Handed over by {giver}. Received and acknowledged by {taker} {at}."
                        " The handover and the acknowledgement are in the journal."
                    ).format(
                        giver=handover.from_person,
                        taker=handover.acknowledged_by,
                        at=fmt_datetime(handover.acknowledged_at),
                    )
                )
            )
        )
    out.append(Signatures((_("Outgoing:"), _("Incoming:"))))
    return tuple(out)


def handover_meta(
    brief: HandoverBrief, language: str | None = None, *, title: str | None = None
) -> DocumentMeta:
    """The furniture of a handover document (``title`` overrides "Handover")."""
    lang = Lang.of(language)
    return DocumentMeta(
        title=title or lang.gettext("Handover"),
        event_name=brief.event_name,
        exercise=brief.exercise,
        station=brief.station,
        generated_at=brief.period_end,
        language=lang.code,
    )


def handover_html(brief: HandoverBrief, handover: Handover | None, meta: DocumentMeta) -> str:
    """The handover as HTML for the window's live preview (same content as the PDF)."""
    return Document(meta, (handover_blocks(brief, handover, meta),)).html


def handover_document(
    brief: HandoverBrief, handover: Handover | None = None, language: str | None = None
) -> Document:
    """The handover as printed: brief, note and acknowledgement (``None``: unsigned preview)."""
    meta = handover_meta(brief, language)
    return Document(meta, (handover_blocks(brief, handover, meta),))


def stored_handover(h: Handover, lang: Lang) -> list[Block]:
    """A past handover from its stored record (the summary as it was signed, in Swedish)."""
    _ = lang.gettext
    start = fmt_datetime(h.period_start) or _("the start of the event")
    entries = lang.ngettext("{n} entry", "{n} entries", len(h.covered)).format(n=len(h.covered))
    return [
        Heading(f"{lang.short(h.acknowledged_at)}: {h.from_person} → {h.to_person}", level=3),
        KeyValues(
            (
                (_("Period"), rich(f"{start} – {fmt_datetime(h.period_end)}")),
                (
                    _("Acknowledged"),
                    rich(f"{h.acknowledged_by}, {fmt_datetime(h.acknowledged_at)}"),
                ),
                (_("Note"), rich(h.note or "–")),
                (_("Journal entries"), rich(entries)),
            )
        ),
        Box(rich(h.summary), background="#fafafa"),
    ]


# ---------------------------------------------------------------------- journal


def journal_document(
    event: Event,
    entries: Sequence[JournalEntry],
    *,
    station: str,
    generated_at: datetime,
    since: datetime | None = None,
    until: datetime | None = None,
    numbers: dict[str, str] | None = None,
    language: str | None = None,
) -> Document:
    """The staff journal in chronological order, whole or for [since, until) (UTC instants)."""
    lang = Lang.of(language)
    _ = lang.gettext
    title = _("Staff journal")
    meta = DocumentMeta(title, event.name, event.exercise, station, generated_at, lang.code)
    if since or until:
        period = _("Period: {start} – {end}").format(
            start=fmt_datetime(since) or _("start"), end=fmt_datetime(until) or _("now")
        )
    else:
        period = _("The whole event")
    count = lang.ngettext("{n} entry", "{n} entries", len(entries)).format(n=len(entries))
    out = _event_head(title, meta, lang, f"{period} · {count}")
    if entries:
        out.append(P.times_note(entries, lang))
    out.append(P.journal_table(entries, lang, numbers=numbers))
    return Document(meta, (tuple(out),))


# ---------------------------------------------------------------------- lägesbild


def situation_report_blocks(report: SituationReport, meta: DocumentMeta) -> tuple[Block, ...]:
    """The lägesbild's content in the report's language."""
    lang = Lang(report.language)
    _ = lang.gettext
    out = _event_head(_("Situation report"), meta, lang)
    sender = _("{sender}, station {station}").format(sender=report.sender, station=report.station)
    out.append(
        KeyValues(
            (
                (_("Sender"), rich(sender)),
                (_("Drawn up"), rich(fmt_datetime(report.generated_at))),
                (_("Readiness level"), rich(report.level_line)),
                (_("Next staff briefing"), rich(report.next_report)),
                (_("Contact person"), rich(report.contact or report.to_fill)),
            )
        )
    )
    for number, s in enumerate(report.sections, start=1):
        out.append(Heading(f"{number}. {s.title}"))
        out.append(
            Bullets(tuple(rich(f) for f in s.facts))
            if s.facts
            else P.none_para(_("Nothing recorded on the board."))
        )
        if s.staff_text:
            out.append(Box(rich(bold(_("The staff's addition:")), "\n", s.staff_text)))
        else:
            fill = rich(italic(f"{report.to_fill} {s.guidance}"))
            out.append(Box(fill, background="#ffffff", min_lines=3))
    return tuple(out)


def situation_report_document(report: SituationReport) -> Document:
    """The lägesbild as printed, in the report's own language."""
    lang = Lang(report.language)
    meta = DocumentMeta(
        lang.gettext("Situation report"),
        report.event_name,
        report.exercise,
        report.station,
        report.generated_at,
        lang.code,
    )
    return Document(meta, (situation_report_blocks(report, meta),))


# ---------------------------------------------------------------------- archive


def archive_document(record: EventRecord, language: str | None = None) -> Document:
    """The closure record of one event for diarieföring, as one document."""
    lang = Lang.of(language)
    _ = lang.gettext
    board = record.board
    event = record.event
    meta = DocumentMeta.for_board(_("Event archive"), board, lang)
    numbers = {e.id: e.number for e in board.journal}
    if event.closed_at:
        state = _("Closed {at}: {reason}").format(
            at=fmt_datetime(event.closed_at), reason=event.close_reason or ""
        )
    else:
        state = _("Ongoing (not closed)")
    out = _event_head(_("Event archive"), meta, lang, _("Compilation for the registry"))
    out.append(
        KeyValues(
            (
                (_("Event"), rich(event.name)),
                (_("Exercise"), rich(lang.yes_no(event.exercise))),
                (_("Started"), rich(fmt_datetime(event.started_at))),
                (_("Status"), rich(state)),
                (_("Journal entries"), rich(str(len(board.journal)))),
                (_("Handovers"), rich(str(len(record.handovers)))),
                (_("Event id"), rich(event.id)),
            )
        )
    )

    out.append(Heading(_("Decisions on the readiness level")))
    out.append(
        Table(
            (_("Decided"), _("Readiness level"), _("Scope"), _("Decided by"), _("Reason")),
            tuple(
                (
                    rich(fmt_datetime(d.decided_at)),
                    rich(lang.label(d.level)),
                    rich(d.scope),
                    rich(d.decided_by),
                    rich(d.reason),
                )
                for d in record.level_history
            ),
            nowrap=frozenset({0}),
        )
        if record.level_history
        else P.none_para(_("No decisions recorded."))
    )

    out.append(Heading(_("Affected systems")))
    out.append(P.none_para(_("As the archive was made:")))
    out.append(P.systems_table(board.systems, board.as_of, lang))
    histories = system_history(board.systems, board.journal)
    for s in board.systems:
        out.append(Heading(_("History: {0}").format(s.name), level=3))
        out.append(P.journal_table(histories.get(s.id, []), lang, numbers=numbers))

    out.append(Heading(_("Actions")))
    overdue = " (" + _("overdue") + ")"
    out.append(
        Table(
            (_("Action"), _("Owner"), _("Due"), _("Status"), _("Created"), _("Closed")),
            tuple(
                (
                    rich(a.title),
                    rich(a.owner),
                    rich(lang.short(a.due_at)),
                    rich(lang.label(a.status) + (overdue if a.is_overdue(board.as_of) else "")),
                    rich(lang.short(a.created_at)),
                    rich(lang.short(a.closed_at)),
                )
                for a in board.actions
            ),
            nowrap=frozenset({2, 4, 5}),
        )
        if board.actions
        else P.none_para(_("No actions."))
    )
    out.append(Heading(_("Statutory deadlines"), level=3))
    out.append(
        Table(
            (_("Deadline"), _("Aware"), _("Due"), _("Status"), _("Reported"), _("Reference")),
            tuple(
                (
                    rich(d.title),
                    rich(fmt_datetime(d.aware_at)),
                    rich(fmt_datetime(d.due_at)),
                    rich(lang.label(d.status(board.as_of))),
                    rich(fmt_datetime(d.reported_at)),
                    rich(d.reference + (f" ({d.late_reason})" if d.late_reason else "")),
                )
                for d in board.deadlines
            ),
        )
        if board.deadlines
        else P.none_para(_("No deadlines."))
    )
    out.append(Heading(_("Staff briefings"), level=3))
    out.append(
        Bullets(tuple(rich(f"{fmt_datetime(b.at)} – {b.title}") for b in board.briefings))
        if board.briefings
        else P.none_para(_("None."))
    )

    out.append(Heading(_("Handovers"), page_break=True))
    for h in record.handovers:
        out += stored_handover(h, lang)
    if not record.handovers:
        out.append(P.none_para(_("No handovers.")))

    out.append(Heading(_("Staff journal"), page_break=True))
    out.append(P.times_note(board.journal, lang))
    out.append(P.journal_table(board.journal, lang, numbers=numbers))
    return Document(meta, (tuple(out),))
