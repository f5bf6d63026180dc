"""The printable documents as ``Document`` values (HTML + page furniture); no Qt here.

* ``handover_document`` — the brief, the outgoing person's note and the acknowledgement (or
  "ej kvitterad" while the window previews it before signing);
* ``journal_document`` — the staff journal, whole or a period;
* ``situation_report_document`` — the lägesbild in MSB's structure;
* ``archive_document`` — the closure record: event, level history, systems with their history,
  actions, deadlines, briefings, handovers and the whole journal.

The board print (one page, landscape) is in ``reports/board_print.py``. ``reports/pdf.py`` renders
any of them to a PDF file or a ``QPrinter``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from situation_board.domain.entities import Event, Handover, JournalEntry
from situation_board.domain.timeutil import fmt_datetime, fmt_short
from situation_board.reports import html as H
from situation_board.reports.brief import HandoverBrief, count_sv
from situation_board.reports.classify import system_history
from situation_board.reports.records import Document, DocumentMeta, EventRecord
from situation_board.reports.situation_report import TO_FILL, SituationReport


def _event_head(title: str, meta: DocumentMeta, subtitle: str = "") -> str:
    parts = [H.h1(title), H.para(f"<b>{H.esc(meta.event_name)}</b>", raw=True)]
    if subtitle:
        parts.append(H.para(subtitle, muted=True))
    if meta.exercise:
        parts.append(H.exercise_banner())
    return "".join(parts)


def _when_list(entries: Sequence[JournalEntry]) -> str:
    return H.bullets(f"{fmt_short(e.occurred_at)} – {e.text}" for e in entries)


# ---------------------------------------------------------------------- handover


def handover_html(brief: HandoverBrief, handover: Handover | None, meta: DocumentMeta) -> str:
    now = brief.period_end
    start = fmt_datetime(brief.period_start) if brief.period_start else "händelsens start"
    out = [_event_head("Överlämning", meta, f"Period: {start} – {fmt_datetime(brief.period_end)}")]
    if handover is not None:
        out.append(
            H.key_values(
                [
                    ("Lämnas av", handover.from_person),
                    ("Tas över av", handover.to_person),
                    (
                        "Kvitterad",
                        f"{handover.acknowledged_by}, {fmt_datetime(handover.acknowledged_at)}",
                    ),
                ]
            )
        )
        note = H.esc(handover.note) if handover.note else "<i>Ingen anteckning.</i>"
        out.append(H.h3(f"Anteckning från {handover.from_person}"))
        out.append(H.boxed(note))
    else:
        out.append(H.boxed("<b>Förhandsvisning – ej kvitterad.</b>"))

    out.append(H.h2("Läget nu"))
    out.append(H.level_banner(brief.level))

    out.append(H.h2("Beslut under perioden"))
    decisions = [
        f"{fmt_short(d.decided_at)} – Beredskapsläge {d.level.sv} ({d.scope}), "
        f"beslut av {d.decided_by}: {d.reason}"
        for d in brief.level_changes
    ] + [f"{fmt_short(e.occurred_at)} – {e.text}" for e in brief.decisions]
    out.append(H.bullets(decisions) or H.para("Inga beslut under perioden.", muted=True))

    out.append(H.h2("Systemändringar under perioden"))
    out.append(
        _when_list(brief.system_changes)
        or H.para("Inga systemändringar under perioden.", muted=True)
    )
    out.append(H.h3("Berörda system nu"))
    out.append(H.systems_table(brief.systems, now))

    out.append(H.h2("Åtgärder"))
    out.append(
        H.para(
            f"{len(brief.open_actions)} öppna, varav "
            f"{count_sv(len(brief.overdue_actions), 'försenad', 'försenade', 'ingen försenad')}. "
            f"{count_sv(len(brief.new_actions), 'ny', 'nya')} och "
            f"{count_sv(len(brief.closed_actions), 'avslutad', 'avslutade')} under perioden."
        )
    )
    out.append(H.h3("Öppna åtgärder (försenade först)"))
    out.append(H.actions_table(brief.open_actions, now))
    if brief.new_actions:
        out.append(H.h3("Nya under perioden"))
        out.append(
            H.bullets(f"{a.title} ({a.owner or 'ingen ansvarig'})" for a in brief.new_actions)
        )
    if brief.closed_actions:
        out.append(H.h3("Avslutade under perioden"))
        out.append(
            H.bullets(
                f"{a.status.sv} {fmt_short(a.closed_at)}: {a.title}" for a in brief.closed_actions
            )
        )

    out.append(H.h2("Frister och nästa stabsorientering"))
    clocks = [
        (H.overdue_html("FÖRSENAD ") if d in brief.overdue_deadlines else "")
        + H.esc(f"{d.title}: senast {fmt_datetime(d.due_at)} ({d.status(now).sv})")
        for d in brief.deadlines
    ]
    out.append(H.bullets(clocks, raw=True) or H.para("Inga frister löper.", muted=True))
    nb = brief.next_briefing
    out.append(
        H.para(
            f"<b>Nästa stabsorientering:</b> {H.esc(fmt_datetime(nb.at))} – {H.esc(nb.title)}"
            if nb
            else "<b>Nästa stabsorientering:</b> ingen planerad",
            raw=True,
        )
    )

    late = {e.id for e in brief.entries if brief.arrived_late(e)}
    out.append(H.h2(f"Journalposter under perioden ({len(brief.entries)})"))
    out.append(H.para(H.times_note(brief.entries), muted=True))
    if late:
        out.append(
            H.para(
                f"{len(late)} post(er) har händelsetid före perioden men kom in efter förra "
                "överlämningen (t.ex. via synkronisering) och redovisas därför här.",
                muted=True,
            )
        )
    out.append(H.h3(f"Väsentliga ({len(brief.significant_entries)})"))
    out.append(H.journal_table(brief.significant_entries, late=late))
    out.append(H.h3(f"Övriga ({len(brief.other_entries)})"))
    out.append(H.journal_table(brief.other_entries, late=late))

    out.append(H.h2("Kvittens"))
    if handover is not None:
        out.append(
            H.para(
                f"Överlämnad av {handover.from_person}. Mottagen och kvitterad av "
                f"{handover.acknowledged_by} {fmt_datetime(handover.acknowledged_at)}. "
                "Överlämningen och kvittensen är journalförda."
            )
        )
    out.append(_signature_lines())
    return H.page("".join(out))


def _signature_lines() -> str:
    line = "_" * 34
    return (
        '<table width="100%" cellpadding="4"><tr>'
        f"<td>Avgående: {line}</td><td>Tillträdande: {line}</td></tr></table>"
    )


def handover_document(brief: HandoverBrief, handover: Handover | None = None) -> Document:
    """The handover as printed: brief, note and acknowledgement (``None``: unsigned preview)."""
    meta = DocumentMeta(
        title="Överlämning",
        event_name=brief.event_name,
        exercise=brief.exercise,
        station=brief.station,
        generated_at=brief.period_end,
    )
    return Document(meta, (handover_html(brief, handover, meta),))


def stored_handover_html(h: Handover, numbers: dict[str, str]) -> str:
    """A past handover from its stored record (the brief text as it was signed)."""
    period = f"{fmt_datetime(h.period_start) or 'händelsens start'} – {fmt_datetime(h.period_end)}"
    parts = [
        H.h3(f"{fmt_short(h.acknowledged_at)}: {h.from_person} → {h.to_person}"),
        H.key_values(
            [
                ("Period", period),
                ("Kvitterad", f"{h.acknowledged_by}, {fmt_datetime(h.acknowledged_at)}"),
                ("Anteckning", h.note or "–"),
                ("Journalposter", f"{len(h.covered)} st"),
            ]
        ),
        H.boxed(f'<span style="font-size: 8.5pt;">{H.esc(h.summary)}</span>', bg="#fafafa"),
    ]
    return "".join(parts)


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
) -> Document:
    """The staff journal in chronological order, whole or for [since, until)."""
    meta = DocumentMeta("Stabsjournal", event.name, event.exercise, station, generated_at)
    if since or until:
        period = f"Period: {fmt_datetime(since) or 'start'} – {fmt_datetime(until) or 'nu'}"
    else:
        period = "Hela händelsen"
    body = _event_head("Stabsjournal", meta, f"{period} · {len(entries)} poster")
    body += H.para(H.times_note(entries), muted=True) if entries else ""
    body += H.journal_table(entries, numbers=numbers)
    return Document(meta, (H.page(body),))


# ---------------------------------------------------------------------- lägesbild


def situation_report_html(report: SituationReport, meta: DocumentMeta) -> str:
    out = [_event_head("Lägesbild", meta)]
    out.append(
        H.key_values(
            [
                ("Avsändare", f"{report.sender}, station {report.station}"),
                ("Upprättad", fmt_datetime(report.generated_at)),
                ("Beredskapsläge", report.level_line),
                ("Nästa stabsorientering", report.next_report),
                ("Kontaktperson", report.contact or TO_FILL),
            ]
        )
    )
    for number, s in enumerate(report.sections, start=1):
        out.append(H.h2(f"{number}. {s.title}"))
        out.append(H.bullets(s.facts) or H.para("Inget registrerat på lägesbilden.", muted=True))
        if s.staff_text:
            out.append(H.boxed(f"<b>Stabens komplettering:</b><br/>{H.esc(s.staff_text)}"))
        else:
            blank = "<br/>" + "<br/>".join(["&nbsp;"] * 3)
            out.append(
                H.boxed(
                    f"<i>{H.esc(TO_FILL)} {H.esc(s.guidance)}</i>{blank}",
                    bg="#ffffff",
                )
            )
    return H.page("".join(out))


def situation_report_document(report: SituationReport) -> Document:
    meta = DocumentMeta(
        "Lägesbild", report.event_name, report.exercise, report.station, report.generated_at
    )
    return Document(meta, (situation_report_html(report, meta),))


# ---------------------------------------------------------------------- archive


def archive_document(record: EventRecord) -> Document:
    """The closure record of one event for diarieföring, as one document."""
    board = record.board
    event = record.event
    meta = DocumentMeta.for_board("Händelsearkiv", board)
    numbers = {e.id: e.number for e in board.journal}
    state = (
        f"Avslutad {fmt_datetime(event.closed_at)}: {event.close_reason or ''}"
        if event.closed_at
        else "Pågående (ej avslutad)"
    )
    out = [_event_head("Händelsearkiv", meta, "Sammanställning för diarieföring")]
    out.append(
        H.key_values(
            [
                ("Händelse", event.name),
                ("Övning", "ja" if event.exercise else "nej"),
                ("Startad", fmt_datetime(event.started_at)),
                ("Status", state),
                ("Journalposter", str(len(board.journal))),
                ("Överlämningar", str(len(record.handovers))),
                ("Händelse-id", event.id),
            ]
        )
    )

    out.append(H.h2("Beslut om beredskapsläge"))
    out.append(
        H.table(
            ("Beslutstid", "Beredskapsläge", "Omfattning", "Beslut av", "Motivering"),
            [
                (fmt_datetime(d.decided_at), d.level.sv, d.scope, d.decided_by, d.reason)
                for d in record.level_history
            ],
            widths=(15, 16, 16, 19, 34),
            nowrap=(1,),
        )
        if record.level_history
        else H.para("Inga beslut registrerade.", muted=True)
    )

    out.append(H.h2("Berörda system"))
    out.append(H.para("Läget när arkivet skapades:", muted=True))
    out.append(H.systems_table(board.systems, board.as_of))
    histories = system_history(board.systems, board.journal)
    for s in board.systems:
        out.append(H.h3(f"Historik: {s.name}"))
        out.append(H.journal_table(histories.get(s.id, []), numbers=numbers))

    out.append(H.h2("Åtgärder"))
    out.append(
        H.table(
            ("Åtgärd", "Ansvarig", "Senast", "Status", "Skapad", "Avslutad"),
            [
                (
                    a.title,
                    a.owner,
                    fmt_short(a.due_at),
                    a.status.sv + (" (försenad)" if a.is_overdue(board.as_of) else ""),
                    fmt_short(a.created_at),
                    fmt_short(a.closed_at),
                )
                for a in board.actions
            ],
            widths=(40, 18, 11, 11, 10, 10),
        )
        if board.actions
        else H.para("Inga åtgärder.", muted=True)
    )
    out.append(H.h3("Lagstadgade frister"))
    out.append(
        H.table(
            ("Frist", "Kännedom", "Senast", "Status", "Rapporterad", "Referens"),
            [
                (
                    d.title,
                    fmt_datetime(d.aware_at),
                    fmt_datetime(d.due_at),
                    d.status(board.as_of).sv,
                    fmt_datetime(d.reported_at),
                    d.reference + (f" ({d.late_reason})" if d.late_reason else ""),
                )
                for d in board.deadlines
            ],
        )
        if board.deadlines
        else H.para("Inga frister.", muted=True)
    )
    out.append(H.h3("Stabsorienteringar"))
    out.append(
        H.bullets(f"{fmt_datetime(b.at)} – {b.title}" for b in board.briefings)
        or H.para("Inga.", muted=True)
    )

    out.append(H.h2("Överlämningar", page_break=True))
    for h in record.handovers:
        out.append(stored_handover_html(h, numbers))
    if not record.handovers:
        out.append(H.para("Inga överlämningar.", muted=True))

    out.append(H.h2("Stabsjournal", page_break=True))
    out.append(H.para(H.times_note(board.journal), muted=True))
    out.append(H.journal_table(board.journal, numbers=numbers))
    return Document(meta, (H.page("".join(out)),))
