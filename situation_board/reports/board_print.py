"""The one-page board print (A4 landscape): the paper fallback for when the screens are gone.

One page, always: the level banner across the top, then three columns — affected systems with
their status, open actions with overdue ones first and marked, and deadlines, the next briefing
and the latest significant journal entries. ``board_document`` returns the HTML in several
*variants*, from fullest to most trimmed (smaller type, fewer details, fewer rows); a trimmed list
ends with "+N till", so nothing disappears silently. ``reports/pdf.py`` prints the first variant
that fits one page and, should even the last not fit, scales it down. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from situation_board.domain.entities import Action, AffectedSystem, Board
from situation_board.domain.enums import DeadlineStatus
from situation_board.domain.errors import NoActiveEventError
from situation_board.domain.timeutil import fmt_datetime, fmt_short
from situation_board.reports import html as H
from situation_board.reports.brief import count_sv
from situation_board.reports.classify import is_significant
from situation_board.reports.records import Document, DocumentMeta

TITLE = "Lägesbild – utskrift av tavlan"


@dataclass(frozen=True, slots=True)
class Trim:
    """How much of the board one variant shows."""

    font_pt: float
    max_systems: int
    max_actions: int
    max_entries: int
    details: bool  # reserve routine and alternative solution texts
    text_chars: int  # journal texts are cut to this many characters


TRIMS: tuple[Trim, ...] = (  # journal entries go first, then type size, then rows
    Trim(11, 99, 99, 6, True, 300),
    Trim(11, 99, 99, 4, True, 220),
    Trim(10, 99, 99, 4, True, 200),
    Trim(9, 12, 14, 3, True, 160),
    Trim(8, 10, 12, 3, False, 140),
    Trim(7, 8, 10, 2, False, 110),
)


def relative(now: datetime, at: datetime) -> str:
    """``om 30 min``, ``om 2 h 10 min``, ``för 1 h 5 min sedan``."""
    delta = at - now
    minutes = int(abs(delta) // timedelta(minutes=1))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = ([f"{days} d"] if days else []) + ([f"{hours} h"] if hours else [])
    if not days:
        parts.append(f"{mins} min")
    span = " ".join(parts)
    return f"om {span}" if delta >= timedelta(0) else f"för {span} sedan"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _more(n: int, what: str) -> str:
    return f'<p style="color: {H.MUTED};"><b>+{n} till</b> {H.esc(what)}</p>' if n > 0 else ""


def _heading(text: str, pt: float) -> str:
    return (
        f'<p style="font-size: {pt + 2:g}pt; font-weight: bold; margin-top: 4pt;'
        f' margin-bottom: 2pt;">{H.esc(text)}</p>'
    )


def _system_block(s: AffectedSystem, now: datetime, trim: Trim) -> str:
    lines = [f"<b>{H.esc(s.name)}</b> – {H.status_html(s.status)}"]
    if s.status_since:
        lines[0] += (
            f' <span style="color: {H.MUTED};">sedan {H.esc(fmt_short(s.status_since))}</span>'
        )
    if s.reserve_routine_active:
        reserve = "Reservrutin aktiv"
        if trim.details and s.reserve_routine:
            reserve += f": {_cut(s.reserve_routine, trim.text_chars)}"
        lines.append(H.esc(reserve))
    if s.workaround and trim.details:
        lines.append(H.esc(f"Alternativ lösning: {_cut(s.workaround, trim.text_chars)}"))
    lines.append(H.esc(f"Prognos: {H.prognosis_text(s)}"))
    if s.next_update_at:
        upd = f"Nästa uppdatering {fmt_short(s.next_update_at)}"
        flag = " " + H.overdue_html("passerad") if s.next_update_overdue(now) else ""
        lines.append(H.esc(upd) + flag)
    if s.personal_data_affected:
        lines.append("Personuppgifter kan vara berörda")
    return f'<p style="margin-bottom: 5pt;">{"<br/>".join(lines)}</p>'


def _systems(board: Board, trim: Trim) -> str:
    systems = board.systems
    shown = systems[: trim.max_systems]
    out = [_heading(f"Berörda system ({len(systems)})", trim.font_pt)]
    out += [_system_block(s, board.as_of, trim) for s in shown]
    if not systems:
        out.append(H.para("Inga berörda system registrerade.", muted=True))
    hidden = systems[len(shown) :]
    out.append(_more(len(hidden), "system (minst allvarliga; se arbetsstationen)"))
    return "".join(out)


def _action_row(a: Action, now: datetime) -> str:
    overdue = a.is_overdue(now)
    due = H.esc(fmt_short(a.due_at)) or "–"
    if overdue:
        due = H.overdue_html("FÖRSENAD") + "<br/>" + due
    title = f"<b>{H.esc(a.title)}</b>" if overdue or a.priority.rank == 0 else H.esc(a.title)
    owner = f'<br/><span style="color: {H.MUTED};">{H.esc(a.owner or "ingen ansvarig")}</span>'
    status = f" ({H.esc(a.status.sv)})" if a.status.value != "open" else ""
    return (
        f'<tr valign="top"><td width="26%" style="white-space: nowrap;">{due}</td>'
        f"<td>{title}{status}{owner}</td></tr>"
    )


def _actions(board: Board, trim: Trim) -> str:
    now = board.as_of
    open_ = sorted(
        board.open_actions(),
        key=lambda a: (not a.is_overdue(now), a.due_at is None, a.due_at or now, a.priority.rank),
    )
    overdue = sum(1 for a in open_ if a.is_overdue(now))
    shown = open_[: trim.max_actions]
    late = count_sv(overdue, "försenad", "försenade", "ingen försenad")
    out = [_heading(f"Öppna åtgärder ({len(open_)}, varav {late})", trim.font_pt)]
    if shown:
        rows = "".join(_action_row(a, now) for a in shown)
        out.append(
            f'<table width="100%" cellspacing="0" cellpadding="2" border="1"'
            f' style="border-collapse: collapse; border-color: {H.RULE};">{rows}</table>'
        )
    else:
        out.append(H.para("Inga öppna åtgärder.", muted=True))
    out.append(_more(len(open_) - len(shown), "åtgärder (senare förfallotid)"))
    return "".join(out)


def _entries(board: Board, trim: Trim) -> str:
    """The latest significant entries, newest first, across the whole page width."""
    significant = [e for e in board.journal if is_significant(e)]
    latest = list(reversed(significant))[: trim.max_entries]
    out = [_heading("Senaste väsentliga händelser", trim.font_pt)]
    rows = "".join(
        f'<tr valign="top"><td width="11%"><b>{H.esc(fmt_short(e.occurred_at))}</b></td>'
        f'<td width="14%"><i>{H.esc(e.category.sv)}</i> '
        f'<span style="color: {H.MUTED};">{H.esc(e.number)}</span></td>'
        f"<td>{H.esc(_cut(e.text, trim.text_chars))}</td></tr>"
        for e in latest
    )
    if rows:
        out.append(f'<table width="100%" cellspacing="0" cellpadding="2">{rows}</table>')
    else:
        out.append(H.para("Inga.", muted=True))
    out.append(_more(len(significant) - len(latest), "äldre (se stabsjournalen)"))
    return "".join(out)


def _right(board: Board, trim: Trim) -> str:
    now = board.as_of
    out = [_heading("Frister", trim.font_pt)]
    running = [
        d
        for d in board.deadlines
        if d.status(now) in (DeadlineStatus.RUNNING, DeadlineStatus.OVERDUE)
    ]
    for d in running:
        flag = H.overdue_html("FÖRSENAD ") if d.status(now) is DeadlineStatus.OVERDUE else ""
        out.append(
            f"<p>{flag}<b>{H.esc(d.title)}</b><br/>senast {H.esc(fmt_datetime(d.due_at))}"
            f" ({H.esc(relative(now, d.due_at))})</p>"
        )
    if board.deadlines and not running:
        out.append(H.para("Ingen frist löper."))
    reported = [d for d in board.deadlines if d.reported_at is not None]
    if trim.details:
        for d in reported:
            out.append(
                H.para(f"{d.title}: {d.status(now).sv} {fmt_short(d.reported_at)}", muted=True)
            )
    elif reported:
        out.append(H.para(f"{len(reported)} rapporterade", muted=True))
    if not board.deadlines:
        out.append(H.para("Inga frister.", muted=True))

    out.append(_heading("Nästa stabsorientering", trim.font_pt))
    nb = board.next_briefing()
    if nb:
        out.append(
            f'<p><span style="font-size: {trim.font_pt + 4:g}pt; font-weight: bold;">'
            f"{H.esc(fmt_short(nb.at))}</span> ({H.esc(relative(now, nb.at))})<br/>"
            f"{H.esc(nb.title)}</p>"
        )
    else:
        out.append(H.para("Ingen planerad.", muted=True))
    return "".join(out)


def board_html(board: Board, trim: Trim) -> str:
    """One variant of the board print."""
    assert board.event is not None
    banner = H.level_banner(board.level, big_pt=trim.font_pt + 10, small_pt=trim.font_pt + 1)
    head = (
        f'<p style="font-size: {trim.font_pt + 3:g}pt; margin-bottom: 3pt;"><b>'
        f"{H.esc(board.event.name)}</b></p>"
    )
    if board.event.exercise:
        head = H.exercise_banner() + head
    columns = (
        '<table width="100%" cellspacing="0" cellpadding="6"><tr valign="top">'
        f'<td width="34%">{_systems(board, trim)}</td>'
        f'<td width="36%">{_actions(board, trim)}</td>'
        f'<td width="30%">{_right(board, trim)}</td>'
        "</tr></table>"
    )
    columns += _entries(board, trim)
    stamp = H.para(
        f"Läget per {fmt_datetime(board.as_of)}. Kontrollera mot arbetsstationen när den fungerar.",
        muted=True,
    )
    return H.page(head + banner + columns + stamp, font_pt=trim.font_pt)


def board_document(board: Board) -> Document:
    """The one-page board print of ``board`` (A4 landscape), fullest variant first."""
    if board.event is None:
        raise NoActiveEventError
    meta = DocumentMeta.for_board(TITLE, board)
    return Document(meta, tuple(board_html(board, t) for t in TRIMS), landscape=True, one_page=True)
