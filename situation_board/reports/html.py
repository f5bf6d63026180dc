"""Building blocks of the printed documents as HTML in Qt's rich-text subset; no Qt here.

Qt's ``QTextDocument`` understands a subset of HTML 4 and CSS (tables with ``bgcolor``/``width``,
``<thead>`` repeated on each page, ``font-size`` in pt, ``page-break-before``). Everything here is
plain strings so that the window can also show the same HTML in a ``QTextBrowser``; the running
header and footer (event, ÖVNING, station, page numbers) are drawn by ``reports/pdf.py``.

Colours always come with words ("Ur funktion", "FÖRSENAD"), so a black-and-white print loses
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape

from situation_board import palette
from situation_board.domain.entities import Action, AffectedSystem, JournalEntry, LevelDecision
from situation_board.domain.enums import ReadinessLevel, SystemStatus
from situation_board.domain.timeutil import fmt_datetime, fmt_short, offset_text

LEVEL_COLOURS: dict[ReadinessLevel, tuple[str, str]] = {  # background, text
    level: (bg, fg) for level, (fg, bg) in palette.LEVEL.items()
}
STATUS_COLOURS: dict[SystemStatus, str] = palette.STATUS_ON_LIGHT
OVERDUE = palette.OVERDUE[0]
MUTED = palette.MUTED
RULE = palette.RULE
EXERCISE_BG = palette.EXERCISE[1]


def esc(text: object) -> str:
    """HTML-escaped text with line breaks kept."""
    return escape(str(text)).replace("\n", "<br/>")


def page(body: str, *, font_pt: float = 10) -> str:
    return (
        f'<html><head><meta charset="utf-8"/></head>'
        f'<body style="font-size: {font_pt:g}pt;">{body}</body></html>'
    )


def _heading(text: str, pt: float, top: float, bottom: float, extra: str = "") -> str:
    # <p> rather than <h1>…<h3>: Qt adds its own size to headings on top of the CSS one.
    return (
        f'<p style="font-size: {pt:g}pt; font-weight: bold; margin-top: {top:g}pt;'
        f' margin-bottom: {bottom:g}pt;{extra}">{esc(text)}</p>'
    )


def h1(text: str) -> str:
    return _heading(text, 18, 0, 2)


def h2(text: str, *, page_break: bool = False) -> str:
    return _heading(text, 13.5, 12, 4, " page-break-before: always;" if page_break else "")


def h3(text: str) -> str:
    return _heading(text, 11, 8, 3)


def para(text: str, *, muted: bool = False, raw: bool = False) -> str:
    body = text if raw else esc(text)
    colour = f' style="color: {MUTED};"' if muted else ""
    return f"<p{colour}>{body}</p>"


def bullets(items: Iterable[str], *, raw: bool = False) -> str:
    lis = "".join(f"<li>{item if raw else esc(item)}</li>" for item in items)
    return f'<ul style="margin-top: 2pt; margin-bottom: 2pt;">{lis}</ul>' if lis else ""


def exercise_banner() -> str:
    return (
        f'<table width="100%" cellpadding="6" cellspacing="0"><tr>'
        f'<td bgcolor="{EXERCISE_BG}" align="center" style="color: #ffffff; font-size: 18pt;'
        f' font-weight: bold;">ÖVNING – ÖVNING – ÖVNING</td></tr></table>'
    )


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    widths: Sequence[int] | None = None,
    raw: bool = False,
    header_bg: str = "#e6e6e6",
    nowrap: Sequence[int] = (),
) -> str:
    """A ruled table; cells are escaped unless ``raw`` (then they are HTML already).

    Columns listed in ``nowrap`` never break inside a line (journal numbers, times).
    """
    keep = ' style="white-space: nowrap;"'
    head = "".join(
        f'<th align="left" bgcolor="{header_bg}"'
        + (f' width="{widths[i]}%"' if widths else "")
        + (keep if i in nowrap else "")
        + f">{esc(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = "".join(
        '<tr valign="top">'
        + "".join(
            f"<td{keep if i in nowrap else ''}>{c if raw else esc(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<table width="100%" border="1" cellspacing="0" cellpadding="3"'
        f' style="border-collapse: collapse; border-color: {RULE};">'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def key_values(pairs: Iterable[tuple[str, str]], *, raw: bool = False) -> str:
    """A borderless two-column "label: value" table."""
    rows = "".join(
        f'<tr><td width="22%" style="color: {MUTED};">{esc(k)}</td>'
        f"<td>{v if raw else esc(v)}</td></tr>"
        for k, v in pairs
    )
    return f'<table width="100%" cellspacing="0" cellpadding="2">{rows}</table>'


def boxed(inner_html: str, *, bg: str = "#f3f3f3") -> str:
    return (
        f'<table width="100%" border="1" cellspacing="0" cellpadding="6"'
        f' style="border-collapse: collapse; border-color: {RULE};">'
        f'<tr><td bgcolor="{bg}">{inner_html}</td></tr></table>'
    )


def level_banner(level: LevelDecision | None, *, big_pt: float = 16, small_pt: float = 10) -> str:
    """The readiness level as a coloured band: level in capitals, scope, since, decided by."""
    lvl = level.level if level else ReadinessLevel.NORMAL
    bg, fg = LEVEL_COLOURS[lvl]
    detail = ""
    if level is not None:
        detail = (
            f"{esc(level.scope)} · sedan {esc(fmt_short(level.decided_at))} · "
            f"beslut: {esc(level.decided_by)}"
        )
    return (
        f'<table width="100%" cellpadding="6" cellspacing="0"><tr>'
        f'<td bgcolor="{bg}" style="color: {fg};">'
        f'<span style="font-size: {small_pt:g}pt;">Beredskapsläge</span><br/>'
        f'<span style="font-size: {big_pt:g}pt; font-weight: bold;">{esc(lvl.sv.upper())}</span>'
        f'&nbsp;&nbsp;<span style="font-size: {small_pt:g}pt;">{detail}</span>'
        f"</td></tr></table>"
    )


def status_html(status: SystemStatus) -> str:
    colour = STATUS_COLOURS[status]
    return f'<span style="color: {colour}; font-weight: bold;">{esc(status.sv)}</span>'


def overdue_html(text: str = "FÖRSENAD") -> str:
    return f'<span style="color: {OVERDUE}; font-weight: bold;">{esc(text)}</span>'


def prognosis_text(s: AffectedSystem) -> str:
    if s.prognosis_at:
        return fmt_short(s.prognosis_at)
    return s.prognosis_text or "ingen prognos"


def systems_table(systems: Sequence[AffectedSystem], now: datetime) -> str:
    """Berörda system: status, reserve routine and alternative, prognosis and next update."""
    if not systems:
        return para("Inga berörda system registrerade.", muted=True)
    rows = []
    for s in systems:
        name = f"<b>{esc(s.name)}</b>"
        if s.supplier:
            name += f'<br/><span style="color: {MUTED};">{esc(s.supplier)}</span>'
        if s.processes:
            name += f"<br/>Berör: {esc(s.processes)}"
        since = f"<br/>sedan {esc(fmt_short(s.status_since))}" if s.status_since else ""
        if s.reserve_routine_active:
            routine = "<b>Reservrutin aktiv</b>"
            if s.reserve_routine_since:
                routine += f" sedan {esc(fmt_short(s.reserve_routine_since))}"
            routine += f": {esc(s.reserve_routine)}" if s.reserve_routine else ""
        else:
            routine = "Reservrutin ej aktiv"
            if s.reserve_routine:
                routine += f' <span style="color: {MUTED};">({esc(s.reserve_routine)})</span>'
        if s.workaround:
            routine += f"<br/><b>Alternativ lösning:</b> {esc(s.workaround)}"
        if s.personal_data_affected:
            routine += "<br/><b>Personuppgifter kan vara berörda.</b>"
        outlook = esc(prognosis_text(s))
        if s.next_update_at:
            outlook += f"<br/>Nästa uppdatering {esc(fmt_short(s.next_update_at))}"
            if s.next_update_overdue(now):
                outlook += " " + overdue_html("passerad")
        rows.append((name, status_html(s.status) + since, routine, outlook))
    return table(
        ("System", "Status", "Reservrutin och alternativ lösning", "Prognos"),
        rows,
        widths=(26, 14, 40, 20),
        raw=True,
    )


def actions_table(actions: Sequence[Action], now: datetime) -> str:
    """Actions, overdue first (marked FÖRSENAD), then by priority; high priority in bold."""
    if not actions:
        return para("Inga.", muted=True)
    ordered = sorted(actions, key=lambda a: (not a.is_overdue(now), a.priority.rank))
    rows = []
    for a in ordered:
        due = esc(fmt_short(a.due_at)) or "–"
        if a.is_overdue(now):
            due = overdue_html("FÖRSENAD") + f"<br/>{due}"
        title = esc(a.title)
        if a.is_overdue(now) or a.priority.rank == 0:
            title = f"<b>{title}</b>"
        if a.priority.rank == 0:
            title += "<br/>Hög prioritet"
        rows.append((title, esc(a.owner or "–"), due, esc(a.status.sv)))
    return table(
        ("Åtgärd", "Ansvarig", "Senast", "Status"),
        rows,
        widths=(50, 26, 14, 10),
        raw=True,
        nowrap=(2,),
    )


def single_offset(entries: Sequence[JournalEntry]) -> str | None:
    """The UTC offset all the entries' times share (``+01:00``), or None when they differ."""
    offsets = {offset_text(e.occurred_at) for e in entries}
    offsets |= {offset_text(e.recorded_at) for e in entries}
    return offsets.pop() if len(offsets) == 1 else None


def journal_table(
    entries: Sequence[JournalEntry],
    *,
    numbers: dict[str, str] | None = None,
    late: set[str] | None = None,
) -> str:
    """Journal entries as a table in the given order; times show the offset when it varies."""
    if not entries:
        return para("Inga journalposter.", muted=True)
    offset_each = single_offset(entries) is None
    known = {e.id: e.number for e in entries} | (numbers or {})
    rows = []
    for e in entries:
        day, clock = fmt_datetime(e.occurred_at, with_offset=offset_each).split(" ", 1)
        when = f"{esc(day)}<br/><b>{esc(clock)}</b>"
        if e.times_differ:
            when += (
                f'<br/><span style="color: {MUTED};">reg. {esc(fmt_short(e.recorded_at))}</span>'
            )
        if late and e.id in late:
            when += "<br/><i>inkommen i efterhand</i>"
        text = esc(e.text)
        if e.from_party or e.to_party:
            medium = f" ({e.medium.sv})" if e.medium else ""
            text = (
                f"<i>{esc(e.from_party or '–')} → {esc(e.to_party or '–')}{medium}</i><br/>{text}"
            )
        elif e.medium:
            text = f"<i>{esc(e.medium.sv)}</i><br/>{text}"
        if e.corrects:
            text += f"<br/><i>Rättar {esc(known.get(e.corrects, e.corrects))}</i>"
        rows.append(
            (
                esc(e.number),
                when,
                esc(e.category.sv),
                text,
                f'<span style="font-size: 8.5pt;">{esc(e.author)}</span>',
            )
        )
    return table(
        ("Nr", "Händelsetid", "Kategori", "Text", "Författare"),
        rows,
        widths=(9, 13, 13, 45, 20),  # "Författare", "Sjukvårdsledare" fit whole
        raw=True,
        nowrap=(0, 1),
    )


def times_note(entries: Sequence[JournalEntry]) -> str:
    offset = single_offset(entries)
    if offset is None:
        return "Tider i svensk tid (Europe/Stockholm) med UTC-förskjutning."
    return f"Tider i svensk tid (Europe/Stockholm), UTC{offset}."
