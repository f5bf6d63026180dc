"""Handlers of the ``export`` commands: documents and the archive.

Every handler checks its input — period, file name, target folder — before it reads or writes
anything, writes its file atomically (a temporary sibling renamed into place), and returns the exit
status; ``BoardError`` becomes one line on stderr and status 2 in ``main``. ``--event ID`` selects a
closed event (id or short id, see ``event list``); without it the active event is used. Documents
are written in the UI language; the PDF writer (ReportLab) is imported only by the commands that
make a PDF. Characters no font can show are printed in the PDF as their code, and a warning on
stderr names them (``missing_glyphs_warning``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from situation_board.cli.invocation import Invocation
from situation_board.cli.output import emit
from situation_board.domain.errors import BoardError, NoActiveEventError, ValidationError
from situation_board.domain.messages import Text
from situation_board.domain.timeutil import iso
from situation_board.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from situation_board.reports.pdf import RenderResult

PDF = (".pdf",)
CSV = (".csv",)
REPORT_FORMATS = (".pdf", ".txt")


@contextmanager
def _event_needed(inv: Invocation) -> Iterator[None]:
    """Without ``--event`` and without an active event, say how to export a closed one."""
    try:
        yield
    except NoActiveEventError:
        if getattr(inv.args, "event", None):
            raise
        raise BoardError("no_event_to_export") from None


def _period(inv: Invocation) -> tuple[datetime | None, datetime | None]:
    since, until = inv.when(inv.args.since, "since"), inv.when(inv.args.until, "until")
    if since and until and until < since:
        raise ValidationError("period_reversed")
    return since, until


def output_file(text: str, suffixes: tuple[str, ...] | None = None) -> Path:
    """The file to write: a known suffix (one of ``suffixes``), not a folder, in a folder that
    exists. Raises ``ValidationError`` (suffix) or ``BoardError("cannot_write")``."""
    path = Path(text).expanduser()
    if suffixes and path.suffix.lower() not in suffixes:
        raise ValidationError("bad_export_format", path=text, choices="/".join(suffixes))
    if path.is_dir():
        raise BoardError("cannot_write", path=text, reason=Text(N_("it is a folder")))
    if not path.parent.is_dir():
        raise BoardError("cannot_write", path=text, reason=Text(N_("the folder does not exist")))
    return path


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a temporary sibling renamed into place).
    Raises ``BoardError("cannot_write")`` with the system's reason."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BoardError("cannot_write", path=str(path), reason=exc.strerror or str(exc)) from None


def missing_glyphs_warning(result: RenderResult) -> None:
    """Say on stderr which characters the PDF shows only as their codes (nothing when none)."""
    if result.missing:
        emit(
            _("Warning: no font has {codes}; the PDF shows their codes instead.").format(
                codes=result.missing_codes
            ),
            err=True,
        )


# ---------------------------------------------------------------------- journal


def journal_csv(inv: Invocation) -> int:
    """``export journal-csv FILE [--since] [--until] [--event]``: the journal for Excel."""
    from situation_board.reports.tables import (  # noqa: PLC0415 - only for this export command
        EXERCISE_MARK,
        entries_in_period,
        excel_csv,
        journal_table,
    )

    since, until = _period(inv)
    path = output_file(inv.args.file, CSV)
    with _event_needed(inv):
        board = inv.services.event_board(inv.args.event)
    assert board.event is not None
    exercise = board.event.exercise
    entries = entries_in_period(board.journal, since, until)
    table = journal_table(entries, {e.id: e.number for e in board.journal}, exercise=exercise)
    write_bytes(path, excel_csv(table.headers, table.rows))
    line = ngettext(
        "{n} journal entry → {path}", "{n} journal entries → {path}", len(entries)
    ).format(n=len(entries), path=path)
    emit(f"{EXERCISE_MARK}: {line}" if exercise else line)
    return 0


def journal_json(inv: Invocation) -> int:
    """``export journal-json FILE [--since] [--until] [--event]``: the journal for programs.

    One object: ``shape``, ``exercise`` and ``marking`` (``"ÖVNING"`` on an exercise, else
    null) at file level, the ``event``, the ``period`` and the ``entries`` (the shape of
    ``log list --json``, each with ``exercise``).
    """
    from situation_board.reports.board_json import JSON_SHAPE_VERSION, entry_json, event_json  # noqa: PLC0415 - only for this export command
    from situation_board.reports.tables import EXERCISE_MARK, entries_in_period  # noqa: PLC0415 - only for this export command

    since, until = _period(inv)
    path = output_file(inv.args.file, (".json",))
    with _event_needed(inv):
        board = inv.services.event_board(inv.args.event)
    assert board.event is not None
    exercise = board.event.exercise
    entries = entries_in_period(board.journal, since, until)
    document = {
        "shape": JSON_SHAPE_VERSION,
        "exercise": exercise,
        "marking": EXERCISE_MARK if exercise else None,
        "event": event_json(board.event),
        "period": {"since": iso(since), "until": iso(until)},
        "entries": [entry_json(e, exercise=exercise) for e in entries],
    }
    write_bytes(path, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    line = ngettext(
        "{n} journal entry → {path}", "{n} journal entries → {path}", len(entries)
    ).format(n=len(entries), path=path)
    emit(f"{EXERCISE_MARK}: {line}" if exercise else line)
    return 0


def journal_pdf(inv: Invocation) -> int:
    """``export journal-pdf FILE [--since] [--until] [--event]``: the journal, printable."""
    since, until = _period(inv)
    path = output_file(inv.args.file, PDF)
    with _event_needed(inv):
        board = inv.services.event_board(inv.args.event)
    from situation_board.reports.documents import journal_document  # noqa: PLC0415 - only for this export command
    from situation_board.reports.pdf import write_pdf  # noqa: PLC0415 - only for this export command
    from situation_board.reports.tables import entries_in_period  # noqa: PLC0415 - only for this export command

    assert board.event is not None
    entries = entries_in_period(board.journal, since, until)
    document = journal_document(
        board.event,
        entries,
        station=board.station.code,
        generated_at=board.as_of,
        since=since,
        until=until,
        numbers={e.id: e.number for e in board.journal},
        language=inv.ctx.language,
    )
    result = write_pdf(document, path)
    pages = result.pages
    missing_glyphs_warning(result)
    emit(
        ngettext("{n} journal entry", "{n} journal entries", len(entries)).format(n=len(entries))
        + ", "
        + ngettext("{n} page", "{n} pages", pages).format(n=pages)
        + f" → {path}"
    )
    return 0


# ---------------------------------------------------------------------- board and lägesbild


def board_pdf(inv: Invocation) -> int:
    """``export board-pdf FILE [--event]``: the one-page A4 landscape board print."""
    path = output_file(inv.args.file, PDF)
    with _event_needed(inv):
        board = inv.services.event_board(inv.args.event)
    from situation_board.reports.board_print import board_document  # noqa: PLC0415 - only for this export command
    from situation_board.reports.pdf import write_pdf  # noqa: PLC0415 - only for this export command

    missing_glyphs_warning(write_pdf(board_document(board, inv.ctx.language), path))
    emit(_("Board print (1 page) → {0}").format(path))
    return 0


def _sections(pairs: list[str]) -> dict[str, str]:
    from situation_board.reports.situation_report import SECTION_KEYS  # noqa: PLC0415 - only for this export command

    texts: dict[str, str] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        key = key.strip().casefold()
        if not sep or key not in SECTION_KEYS:
            raise ValidationError(
                "unknown_report_section", value=pair, choices=", ".join(SECTION_KEYS)
            )
        texts[key] = f"{texts[key]}\n{text.strip()}" if key in texts else text.strip()
    return texts


def lagesbild(inv: Invocation) -> int:
    """``export lagesbild FILE.pdf|FILE.txt|- [--section DEL=TEXT ...] [--contact TEXT]``."""
    from situation_board.reports.situation_report import situation_report_text  # noqa: PLC0415 - only for this export command

    a = inv.args
    texts = _sections(a.section or [])
    path = None if a.file == "-" else output_file(a.file, REPORT_FORMATS)
    with _event_needed(inv):
        report = inv.services.situation_report(
            texts, contact=a.contact, event_ref=a.event, language=inv.ctx.language
        )
    if path is None:
        emit(situation_report_text(report), end="")
        return 0
    if path.suffix.lower() == ".txt":
        write_bytes(path, situation_report_text(report).encode("utf-8"))
    else:
        from situation_board.reports.documents import situation_report_document  # noqa: PLC0415 - only for this export command
        from situation_board.reports.pdf import write_pdf  # noqa: PLC0415 - only for this export command

        missing_glyphs_warning(write_pdf(situation_report_document(report), path))
    missing = len(report.incomplete)
    line = _("Situation report → {0}").format(path)
    if missing:
        line += (
            " ("
            + ngettext(
                "{n} section for the staff to complete",
                "{n} sections for the staff to complete",
                missing,
            ).format(n=missing)
            + ")"
        )
    emit(line)
    return 0


# ---------------------------------------------------------------------- archive


def archive(inv: Invocation) -> int:
    """``export archive DIR [--event]``: the closure package for diarieföring."""
    from situation_board.reports.archive import check_target, write_archive  # noqa: PLC0415 - only for this export command

    target = Path(inv.args.dir).expanduser()
    check_target(target)
    with _event_needed(inv):
        record = inv.services.event_record(inv.args.event)
    result = write_archive(record, target, language=inv.ctx.language)
    if result.missing:
        emit(
            _("Warning: no font has {codes}; the PDF shows their codes instead.").format(
                codes=" ".join(f"U+{ord(ch):04X}" for ch in result.missing)
            ),
            err=True,
        )
    emit(
        ngettext(
            "Archive of “{event}”: {n} file → {target}",
            "Archive of “{event}”: {n} files → {target}",
            len(result.files),
        ).format(event=record.event.name, n=len(result.files), target=result.target)
    )
    emit(_("Verify with: {0}").format(f"cd {result.target} && sha256sum -c SHA256SUMS"))
    return 0
