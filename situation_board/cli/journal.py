"""Handlers: the staff journal and the shift handover."""

from __future__ import annotations

from situation_board.cli.export import PDF, missing_glyphs_warning, output_file
from situation_board.cli.invocation import Invocation
from situation_board.cli.output import emit, emit_json_array, entry_line
from situation_board.domain.enums import EntryCategory, Medium
from situation_board.domain.errors import ValidationError
from situation_board.i18n import _
from situation_board.reports.brief import brief_text
from situation_board.reports.lang import Lang


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
    """``log list [--since ISO] [--until ISO] [--json]``: chronological."""
    from situation_board.reports.board_json import entry_json  # noqa: PLC0415 - only for this command

    a = inv.args
    since, until = inv.when(a.since, "since"), inv.when(a.until, "until")
    if since and until and until < since:
        raise ValidationError("period_reversed")
    entries = inv.services.journal(since=since, until=until)
    if a.json:
        exercise = inv.services.find_event().exercise
        emit_json_array(entry_json(e, exercise=exercise) for e in entries)
    else:
        for e in entries:
            emit(entry_line(e, inv.ctx.language))
    return 0


def handover(inv: Invocation) -> int:
    """``handover --from NAME --to NAME [--note TEXT] [--pdf FILE]`` (the file is checked
    before anything is signed)."""
    a = inv.args
    pdf = output_file(a.pdf, PDF) if a.pdf else None
    signed = inv.services.sign_handover(a.from_person, a.to_person, note=a.note).value
    if pdf is not None:
        from situation_board.reports.documents import handover_document  # noqa: PLC0415 - only with --pdf
        from situation_board.reports.pdf import write_pdf  # noqa: PLC0415 - only with --pdf

        document = handover_document(signed.brief, signed.handover, inv.ctx.language)
        missing_glyphs_warning(write_pdf(document, pdf))
    # the stored summary is the Swedish record; the screen shows the brief in the UI language
    emit(brief_text(signed.brief, Lang.of(inv.ctx.language)))
    done = _("The handover from {giver} to {taker} is signed in the staff journal.").format(
        giver=a.from_person, taker=a.to_person
    )
    emit(f"{done} PDF → {pdf}" if pdf is not None else done)
    return 0
