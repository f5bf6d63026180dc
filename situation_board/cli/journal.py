"""Handlers: the staff journal, the shift handover, deadline clocks and briefings."""

from __future__ import annotations

from situation_board.cli.export import PDF, output_file
from situation_board.cli.invocation import Invocation
from situation_board.cli.output import emit, emit_chunks
from situation_board.domain.enums import DeadlineKind, EntryCategory, Medium
from situation_board.domain.errors import ValidationError
from situation_board.domain.ids import short_id
from situation_board.domain.timeutil import fmt_datetime
from situation_board.i18n import _


def log_add(inv: Invocation) -> int:
    """``log add TEXT [--category C] [--occurred ISO] [--medium M] [...]``: prints the number."""
    a = inv.args
    category = inv.enum(EntryCategory, a.category, "category")
    entry = inv.services.add_entry(
        a.text,
        category=category or EntryCategory.INFORMATION,
        occurred_at=inv.when(a.occurred, "occurred"),
        medium=inv.enum(Medium, a.medium, "medium"),
        from_party=a.from_party,
        to_party=a.to_party,
        corrects=a.corrects,
        hidden_from_wall=a.hidden_from_wall,
        allow_personnummer=a.force,
    ).value
    emit(entry.number)
    return 0


def log_list(inv: Invocation) -> int:
    """``log list [--since ISO] [--until ISO] [--json]``: chronological, streamed row by row."""
    a = inv.args
    since, until = inv.when(a.since, "since"), inv.when(a.until, "until")
    if since and until and until < since:
        raise ValidationError("period_reversed")
    if a.json:
        emit_chunks(inv.services.journal_json(since=since, until=until))
    else:
        for line in inv.services.journal_lines(inv.ctx.language, since=since, until=until):
            emit(line)
    return 0


def handover(inv: Invocation) -> int:
    """``handover --from NAME --to NAME [--note TEXT] [--pdf FILE]`` (the file is checked
    before anything is signed)."""
    a = inv.args
    pdf = output_file(a.pdf, PDF) if a.pdf else None
    signed = inv.services.sign_handover(a.from_person, a.to_person, note=a.note).value
    if pdf is not None:
        from situation_board.reports.pdf import write_handover_pdf  # noqa: PLC0415 - Qt

        write_handover_pdf(signed.brief, signed.handover, pdf)
    emit(signed.handover.summary)
    done = _("The handover from {giver} to {taker} is signed in the staff journal.").format(
        giver=a.from_person, taker=a.to_person
    )
    emit(f"{done} PDF → {pdf}" if pdf is not None else done)
    return 0


def deadline_add(inv: Invocation) -> int:
    """``deadline add KIND [--aware ISO] [--due ISO] [--title T]``."""
    a = inv.args
    kind = inv.enum(DeadlineKind, a.kind, "kind")
    assert kind is not None
    d = inv.services.start_deadline(
        kind, aware_at=inv.when(a.aware, "aware"), due_at=inv.when(a.due, "due"), title=a.title
    ).value
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


def briefing_add(inv: Invocation) -> int:
    """``briefing add ISO [--title T]``."""
    at = inv.when(inv.args.at, "time")
    assert at is not None
    title = inv.args.title if inv.args.title is not None else "Stabsorientering"
    b = inv.services.add_briefing(at, title).value
    emit(f"{b.title} {fmt_datetime(b.at)}")
    return 0
