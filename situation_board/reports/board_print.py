"""The one-page board print (A4 landscape): the paper fallback for when the screens are gone.

One page, always: the event and the level band across the top, then three columns — affected
systems with their status, open actions with overdue ones first and marked, and the deadlines and
the next briefing — and the latest significant journal entries across the page. Times are printed
absolute ("29 jan. 16:30"), never "in 29 min": paper does not tick. The print is posted and
leaves the room: it shows no entry hidden from the wall and nothing that looks like a personal
identity number, and says at its foot how many it left out (``outgoing_print``).

``board_document`` gives the content in several *variants*, from fullest (large type, many
entries) to most trimmed (9 pt, fewer entries and details); ``reports/pdf.py`` prints the first
that fits the page, so the page is used rather than text cut short. Nothing is cut inside a text;
a trimmed list ends with "+N more …", so nothing disappears silently. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from situation_board.domain.entities import Action, AffectedSystem, Board
from situation_board.domain.enums import DeadlineStatus
from situation_board.domain.errors import NoActiveEventError
from situation_board.domain.timeutil import fmt_datetime
from situation_board.reports import parts as P
from situation_board.reports.blocks import (
    Block,
    Columns,
    Heading,
    Para,
    Rich,
    Span,
    Table,
    bold,
    italic,
    lines,
    rich,
)
from situation_board.reports.classify import is_significant
from situation_board.reports.lang import Lang
from situation_board.reports.privacy import (
    Withheld,
    outgoing_entries,
    outgoing_records,
    withheld_note,
)
from situation_board.reports.records import Document, DocumentMeta


@dataclass(frozen=True, slots=True)
class Trim:
    """How much of the board one variant shows, and how large."""

    font_pt: float
    max_systems: int
    max_actions: int
    max_entries: int
    details: bool  # reserve routine and alternative solution texts


TRIMS: tuple[Trim, ...] = (  # type size goes first, then journal entries, then details and rows
    Trim(11, 99, 99, 8, True),
    Trim(10, 99, 99, 8, True),
    Trim(10, 99, 99, 6, True),
    Trim(9.5, 99, 99, 6, True),
    Trim(9, 99, 99, 6, True),
    Trim(9, 99, 99, 4, True),
    Trim(9, 99, 99, 3, True),
    Trim(9, 99, 99, 2, True),  # what a system's reserve routine is matters more than old news
    Trim(9, 99, 99, 3, False),
    Trim(9, 12, 14, 3, False),
    Trim(9, 8, 10, 2, False),
    Trim(9, 6, 8, 2, False),
    Trim(9, 4, 6, 1, False),
    Trim(9, 3, 4, 1, False),
    Trim(9, 2, 3, 1, False),
    Trim(9, 1, 2, 0, False),
)


def _more(n: int, text: str) -> list[Block]:
    """What a trimmed list left out: ``text`` is a whole sentence for ``n`` (a plural message,
    so each language words it its own way: "+12 äldre väsentliga händelser", not "+12 till
    äldre"), its count in bold."""
    if n <= 0:
        return []
    count, _, rest = text.format(n=n).partition(" ")
    return [Para(rich(bold(count), " ", rest), muted=True)]


def _system_block(s: AffectedSystem, board: Board, trim: Trim, lang: Lang) -> Para:
    _ = lang.gettext
    head = rich(bold(s.name), " – ", P.status_span(s.status, lang))
    if s.status_since:
        head = rich(head, " ", P.muted(_("since {0}").format(lang.short(s.status_since))))
    reserve: Rich = ()
    if s.reserve_routine_active:
        reserve = rich(_("Reserve routine active"))
        if trim.details and s.reserve_routine:
            reserve = rich(reserve, f": {s.reserve_routine}")
    workaround = ""
    if s.workaround and trim.details:
        workaround = _("Alternative solution:") + " " + s.workaround
    update: Rich = ()
    if s.next_update_at:
        update = rich(_("Next update {0}").format(lang.short(s.next_update_at)))
        if s.next_update_overdue(board.as_of):
            update = rich(update, " ", P.overdue_span(_("passed")))
    content = lines(
        head,
        reserve,
        workaround,
        _("Prognosis: {0}").format(P.prognosis_text(s, lang)),
        update,
        _("Personal data may be affected.") if s.personal_data_affected else "",
    )
    return Para(content)


def _systems(board: Board, trim: Trim, lang: Lang) -> tuple[Block, ...]:
    _ = lang.gettext
    systems = board.systems
    shown = systems[: trim.max_systems]
    out: list[Block] = [Heading(_("Affected systems ({0})").format(len(systems)), level=3)]
    out += [_system_block(s, board, trim, lang) for s in shown]
    if not systems:
        out.append(P.none_para(_("No affected systems registered.")))
    hidden = len(systems) - len(shown)
    out += _more(
        hidden,
        lang.ngettext(
            "+{n} more system (the least severe; see the workstation)",
            "+{n} more systems (the least severe; see the workstation)",
            hidden,
        ),
    )
    return tuple(out)


def _action_row(a: Action, board: Board, lang: Lang) -> tuple[Rich, Rich]:
    late = a.is_overdue(board.as_of)
    due: Rich = rich(lang.short(a.due_at) or P.DASH)
    if late:
        due = lines(rich(P.overdue_span(lang.gettext("OVERDUE"))), due)
    status = f" ({lang.label(a.status)})" if a.status.value != "open" else ""
    title = lines(
        rich(Span(a.title, bold=late or a.priority.rank == 0), status),
        rich(P.muted(a.owner or lang.gettext("no owner"))),
    )
    return due, title


def _actions(board: Board, trim: Trim, lang: Lang) -> tuple[Block, ...]:
    _ = lang.gettext
    now = board.as_of
    open_ = sorted(
        board.open_actions(),
        key=lambda a: (not a.is_overdue(now), a.due_at is None, a.due_at or now, a.priority.rank),
    )
    overdue = sum(1 for a in open_ if a.is_overdue(now))
    late = (
        lang.ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
        if overdue
        else _("none overdue")
    )
    heading = _("Open actions ({n}, of which {overdue})").format(n=len(open_), overdue=late)
    out: list[Block] = [Heading(heading, level=3)]
    shown = open_[: trim.max_actions]
    if shown:
        rows = tuple(_action_row(a, board, lang) for a in shown)
        out.append(Table((_("Due"), _("Action")), rows, nowrap=frozenset({0})))
    else:
        out.append(P.none_para(_("No open actions.")))
    left = len(open_) - len(shown)
    out += _more(
        left,
        lang.ngettext("+{n} more action (due later)", "+{n} more actions (due later)", left),
    )
    return tuple(out)


def _right(board: Board, trim: Trim, lang: Lang) -> tuple[Block, ...]:
    _ = lang.gettext
    now = board.as_of
    out: list[Block] = [Heading(_("Deadlines"), level=3)]
    running = [
        d
        for d in board.deadlines
        if d.status(now) in (DeadlineStatus.RUNNING, DeadlineStatus.OVERDUE)
    ]
    for d in running:
        flag = P.overdue_span(_("OVERDUE") + " ") if d.status(now) is DeadlineStatus.OVERDUE else ""
        due = _("due {0}").format(fmt_datetime(d.due_at))
        out.append(Para(lines(rich(flag, bold(d.title)), due)))
    if board.deadlines and not running:
        out.append(Para(rich(_("No deadline running."))))
    reported = [d for d in board.deadlines if d.reported_at is not None]
    if trim.details:
        out += [
            P.none_para(f"{d.title}: {lang.label(d.status(now))} {lang.short(d.reported_at)}")
            for d in reported
        ]
    elif reported:
        out.append(
            P.none_para(
                lang.ngettext("{n} reported", "{n} reported", len(reported)).format(n=len(reported))
            )
        )
    if not board.deadlines:
        out.append(P.none_para(_("No deadlines.")))

    out.append(Heading(_("Next staff briefing"), level=3))
    nb = board.next_briefing()
    if nb:
        out.append(Para(lines(rich(bold(lang.short(nb.at), size=trim.font_pt + 4)), nb.title)))
    else:
        out.append(P.none_para(_("None planned.")))
    return tuple(out)


def _entries(board: Board, trim: Trim, lang: Lang) -> tuple[Block, ...]:
    """The latest significant entries, newest first, across the whole page width."""
    _ = lang.gettext
    significant = [e for e in board.journal if is_significant(e)]
    latest = list(reversed(significant))[: trim.max_entries]
    out: list[Block] = [Heading(_("Latest significant events"), level=3)]
    if latest:
        rows = tuple(
            (
                rich(bold(lang.short(e.occurred_at))),
                lines(rich(italic(lang.label(e.category))), rich(P.muted(e.number))),
                rich(e.text),
            )
            for e in latest
        )
        out.append(Table((), rows, nowrap=frozenset({0, 1}), ruled=False))
    elif not significant:
        out.append(P.none_para(_("None.")))
    older = len(significant) - len(latest)
    out += _more(
        older,
        lang.ngettext(
            "+{n} older significant event (see the staff journal)",
            "+{n} older significant events (see the staff journal)",
            older,
        ),
    )
    return tuple(out)


def outgoing_print(board: Board) -> tuple[Board, Withheld]:
    """The board as the print may show it: it is posted on the wall and leaves the room, so no
    journal entry hidden from the wall and nothing that looks like a personal identity number
    (``reports.privacy``). Only the significant entries count: no other is printed."""
    board, withheld = outgoing_records(board)
    journal, dropped = outgoing_entries(e for e in board.journal if is_significant(e))
    return replace(board, journal=journal), withheld + dropped


def board_blocks(
    board: Board, trim: Trim, lang: Lang, withheld: Withheld | None = None
) -> tuple[Block, ...]:
    """One variant of the board print (of a board already made ``outgoing_print``; ``withheld``
    is what that left out, said at the foot of the page)."""
    assert board.event is not None
    out: list[Block] = []
    if board.event.exercise:
        out.append(P.exercise_band(lang))
    out.append(Para(rich(bold(board.event.name, size=trim.font_pt + 3))))
    out.append(P.level_band(board.level, lang, big=trim.font_pt + 8))
    out.append(
        Columns(
            (_systems(board, trim, lang), _actions(board, trim, lang), _right(board, trim, lang)),
            weights=(34, 38, 28),
        )
    )
    out += _entries(board, trim, lang)
    stamp = lang.gettext(
        "Situation as of {0}. Check against the workstation when it is working."
    ).format(fmt_datetime(board.as_of))
    note = withheld_note(withheld, lang.code) if withheld else ""
    if note:
        out.append(Para(rich(bold(note))))
    out.append(Para(rich(stamp), muted=True))
    return tuple(out)


def board_document(board: Board, language: str | None = None) -> Document:
    """The one-page board print of ``board`` (A4 landscape), fullest variant first, in
    ``language`` (``None``: the UI language). Raises ``NoActiveEventError`` without an event."""
    if board.event is None:
        raise NoActiveEventError
    lang = Lang.of(language)
    meta = DocumentMeta.for_board(lang.gettext("Board print"), board, lang)
    board, withheld = outgoing_print(board)
    variants = tuple(board_blocks(board, trim, lang, withheld) for trim in TRIMS)
    sizes = tuple(trim.font_pt for trim in TRIMS)
    return Document(meta, variants, landscape=True, one_page=True, body_sizes=sizes)
