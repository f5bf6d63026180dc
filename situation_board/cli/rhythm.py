"""Handlers: the staff's rhythm — deadline clocks, briefings and their agenda, event templates.

Each handler turns arguments into a typed service call and prints the result; the rules are the
services' and the domain's (``domain.deadlines``, ``domain.briefings``, ``domain.templates``).
"""

from __future__ import annotations

from datetime import timedelta

from situation_board.cli.invocation import Invocation
from situation_board.cli.output import emit, emit_json
from situation_board.domain.briefings import DEFAULT_TITLE, Recurrence, daily_at, every_hours
from situation_board.domain.deadlines import MAX_HOURS
from situation_board.domain.entities import Board, DeadlineClock
from situation_board.domain.enums import DeadlineKind
from situation_board.domain.errors import ValidationError
from situation_board.domain.ids import short_id
from situation_board.domain.timeutil import countdown, fmt_datetime, fmt_short
from situation_board.i18n import _
from situation_board.services.templates import template_summary

# ---------------------------------------------------------------------- deadlines


def _hours(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise ValidationError("bad_hours", value=text, limit=MAX_HOURS) from None


def deadline_add(inv: Invocation) -> int:
    """``deadline add KIND [--aware ISO] [--due ISO | --hours H] [--title T] [--follows ID]``:
    prints each clock started (three for the NIS2 stages), the first line starting with the
    short id of ``KIND``'s own clock."""
    a = inv.args
    kind = inv.enum(DeadlineKind, a.kind, "kind")
    assert kind is not None
    started = inv.services.start_deadlines(
        kind,
        aware_at=inv.when(a.aware, "aware"),
        due_at=inv.when(a.due, "due"),
        hours=_hours(a.hours),
        title=a.title,
        follows=a.follows,
    ).value
    own = [c for c in started if c.kind is kind] + [c for c in started if c.kind is not kind]
    for d in own:
        emit(f"{short_id(d.id)}  {d.title}: " + _("due {0}").format(fmt_datetime(d.due_at)))
    return 0


def deadline_report(inv: Invocation) -> int:
    """``deadline report ID [--reported ISO] [--reference REF] [--late-reason TEXT]``."""
    a = inv.args
    d = inv.services.report_deadline(
        a.ref,
        reported_at=inv.when(a.reported, "reported"),
        reference=a.reference,
        late_reason=a.late_reason,
    ).value
    emit(f"{short_id(d.id)}  {d.title}: {d.status(inv.ctx.now()).label(inv.ctx.language)}")
    return 0


def deadline_not_required(inv: Invocation) -> int:
    """``deadline not-required ID --reason TEXT``."""
    d = inv.services.mark_deadline_not_required(inv.args.ref, inv.args.reason).value
    emit(f"{short_id(d.id)}  {d.title}: {d.status(inv.ctx.now()).label(inv.ctx.language)}")
    return 0


def deadline_line(d: DeadlineClock, board: Board, language: str) -> str:
    """One clock on one line: short id, state, title, due time and what is left or happened."""
    now = board.as_of
    status = d.status(now)
    line = f"{short_id(d.id)}  {status.label(language):16} {d.title}  "
    if d.reported_at is not None:
        line += _("reported {0}").format(fmt_datetime(d.reported_at))
        line += f", {d.reference}" if d.reference else ""
        line += " (" + _("late: {0}").format(d.late_reason) + ")" if d.late_reason else ""
    elif d.not_required_at is not None:
        line += _("not required: {0}").format(d.not_required_reason)
    else:
        urgency = d.urgency(now).label(language)
        line += _("due {0}").format(fmt_datetime(d.due_at))
        line += f" ({countdown(d.due_at - now, language)}; {urgency})"
    return line + (f"  [{d.source}]" if d.source else "")


def deadline_list(inv: Invocation) -> int:
    """``deadline list [--json]``: the active event's clocks by due time."""
    from situation_board.reports.board_json import deadline_json  # noqa: PLC0415 - only for this command

    board = inv.services.board(with_journal=False)
    if board.event is None:
        inv.services.deadlines()  # raises "no active event"
    if inv.args.json:
        emit_json([deadline_json(d, board) for d in board.deadlines])
        return 0
    for d in board.deadlines:
        emit(deadline_line(d, board, inv.ctx.language))
    return 0


# ---------------------------------------------------------------------- briefings


def _recurrence(inv: Invocation) -> Recurrence | None:
    a = inv.args
    if a.every is not None:
        try:
            hours = int(a.every)
        except ValueError:
            raise ValidationError("bad_every_hours", value=a.every, limit=48) from None
        return every_hours(hours)
    if a.daily is not None:
        return daily_at(a.daily)
    return None


def briefing_add(inv: Invocation) -> int:
    """``briefing add ISO [--every HOURS | --daily HH:MM,...] [--title T]``: prints the briefing
    and, for a rhythm, its first occurrences."""
    a = inv.args
    recurrence = _recurrence(inv)
    at = inv.when(a.at, "time")
    assert at is not None
    title = a.title if a.title is not None else DEFAULT_TITLE
    b = inv.services.add_briefing(at, title, recurrence=recurrence).value
    lang = inv.ctx.language
    if b.recurrence is None:
        emit(f"{short_id(b.id)}  {b.title} {fmt_datetime(b.at)}")
        return 0
    first = [fmt_short(o.at, lang) for o in b.occurrences(b.at, b.at + _span(b.recurrence))][:4]
    emit(f"{short_id(b.id)}  {b.title}, {b.recurrence.describe(lang)}: {', '.join(first)} …")
    return 0


def _span(rec: Recurrence) -> timedelta:
    return timedelta(hours=4 * (rec.every_hours or 24))


def briefing_list(inv: Invocation) -> int:
    """``briefing list [--json]``: every briefing of the active event, with its next time."""
    from situation_board.reports.board_json import briefing_json  # noqa: PLC0415 - only for this command

    board = inv.services.board(with_journal=False)
    if board.event is None:
        inv.services.briefings()  # raises "no active event"
    if inv.args.json:
        emit_json([briefing_json(b, board) for b in board.briefings])
        return 0
    lang = inv.ctx.language
    for b in board.briefings:
        rhythm = b.recurrence.describe(lang) if b.recurrence else fmt_datetime(b.at)
        nxt = b.next_at(board.as_of)
        if nxt is not None:
            state = _("next {0}").format(fmt_datetime(nxt))
            state += f" ({countdown(nxt - board.as_of, lang)})"
        elif b.cancelled_at is not None:
            state = _("cancelled {0}").format(fmt_short(b.cancelled_at, lang))
        else:
            state = _("held")
        emit(f"{short_id(b.id)}  {b.title}, {rhythm}: {state}")
    return 0


def briefing_cancel(inv: Invocation) -> int:
    """``briefing cancel ID``: a single briefing does not happen, a rhythm stops."""
    b = inv.services.cancel_briefing(inv.args.ref).value
    emit(f"{short_id(b.id)}  {b.title}: " + _("cancelled {0}").format(fmt_datetime(b.cancelled_at)))
    return 0


def briefing_agenda(inv: Invocation) -> int:
    """``briefing agenda [--briefing ID]``: the agenda of the briefing under way or the next one
    as text, in the UI language."""
    from situation_board.reports.agenda import agenda_text  # noqa: PLC0415 - only for this command

    agenda = inv.services.briefing_agenda(inv.args.briefing)
    emit(agenda_text(agenda, inv.ctx.language), end="")
    return 0


def briefing_decision(inv: Invocation) -> int:
    """``briefing decision TEXT [--briefing ID] [--occurred ISO]``: prints the entry's number."""
    a = inv.args
    entry = inv.services.record_briefing_decision(
        a.text, briefing_ref=a.briefing, occurred_at=inv.when(a.occurred, "occurred")
    ).value
    emit(f"{entry.number}  {entry.text}")
    return 0


# ---------------------------------------------------------------------- templates


def template_list(inv: Invocation) -> int:
    """``template list [--json]``: the templates that load; a broken file is reported on
    stderr (file and line) and the others are listed."""
    library = inv.ctx.templates()
    lang = inv.ctx.language
    if inv.args.json:
        emit_json(
            {
                "templates": [
                    {
                        "id": t.id,
                        "name": t.name,
                        "description": t.description,
                        "path": t.path,
                        "systems": [s.name for s in t.systems],
                        "actions": [a.title for a in t.actions],
                        "deadlines": [d.kind.value for d in t.deadlines],
                        "briefings": t.briefing.recurrence.code if t.briefing else None,
                    }
                    for t in library.templates
                ],
                "problems": [p.message(lang) for p in library.problems],
            }
        )
    else:
        for t in library.templates:
            emit(f"{t.id:28} {t.name} – {template_summary(t, lang)}")
    for problem in library.problems:
        emit(f"situation-board: {problem.message(lang)}", err=True)
    return 0


def event_from_template(inv: Invocation) -> int:
    """``event new NAME --template ID [--exercise] [--started ISO]``."""
    a = inv.args
    template = inv.ctx.templates().get(a.template)
    event = inv.services.start_event_from_template(
        a.name, template, exercise=a.exercise, started_at=inv.when(a.started, "started")
    ).value
    emit(_("Event started: {name} ({id})").format(name=event.name, id=event.id))
    emit(
        _("From the template “{name}”: {summary}").format(
            name=template.name, summary=template_summary(template, inv.ctx.language)
        )
    )
    if event.exercise:
        emit(_("EXERCISE"))
    return 0
