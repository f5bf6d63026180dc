"""Handlers of the ``export`` commands (``cli.py`` registers them): documents and the archive.

Every handler checks its input — period, file name, target folder — before it reads or writes
anything, writes its file atomically (a temporary sibling renamed into place), and returns the exit
status; ``BoardError`` becomes one line on stderr and status 2 in ``main``. ``--event ID`` selects a
closed event (id or short id, see ``event list``); without it the active event is used. The PDF
functions import Qt, so they are imported only by the commands that make a PDF.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from situation_board.commands import Context
from situation_board.domain.errors import BoardError, NoActiveEventError, ValidationError

PDF = (".pdf",)
CSV = (".csv",)
REPORT_FORMATS = (".pdf", ".txt")


@contextmanager
def _event_needed(ctx: Context) -> Iterator[None]:
    """Without ``--event`` and without an active event, say how to export a closed one."""
    try:
        yield
    except NoActiveEventError:
        if getattr(ctx.args, "event", None):
            raise
        raise BoardError("no_event_to_export") from None


def _period(ctx: Context) -> tuple[datetime | None, datetime | None]:
    since, until = ctx.when(ctx.args.since, "since"), ctx.when(ctx.args.until, "until")
    if since and until and until < since:
        raise ValidationError("period_reversed")
    return since, until


def output_file(text: str, suffixes: tuple[str, ...] | None = None) -> Path:
    """The file to write: a known suffix, not a folder, in a folder that exists."""
    path = Path(text).expanduser()
    if suffixes and path.suffix.lower() not in suffixes:
        raise ValidationError("bad_export_format", path=text, choices="/".join(suffixes))
    if path.is_dir():
        raise BoardError("cannot_write", path=text, reason="det är en mapp")
    if not path.parent.is_dir():
        raise BoardError("cannot_write", path=text, reason="mappen finns inte")
    return path


def _write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BoardError("cannot_write", path=str(path), reason=exc.strerror or str(exc)) from None


# ---------------------------------------------------------------------- journal


def cmd_export_journal_csv(ctx: Context) -> int:
    """``export journal-csv FILE [--since] [--until] [--event]``: the journal for Excel."""
    from situation_board.reports.tables import (  # noqa: PLC0415
        entries_in_period,
        excel_csv,
        journal_table,
    )

    since, until = _period(ctx)
    path = output_file(ctx.args.file, CSV)
    with _event_needed(ctx):
        board = ctx.service().event_board(ctx.args.event)
    entries = entries_in_period(board.journal, since, until)
    table = journal_table(entries, {e.id: e.number for e in board.journal})
    _write_bytes(path, excel_csv(table.headers, table.rows))
    print(ctx.t(f"{len(entries)} journalposter → {path}", f"{len(entries)} entries → {path}"))
    return 0


def cmd_export_journal_pdf(ctx: Context) -> int:
    """``export journal-pdf FILE [--since] [--until] [--event]``: the journal, printable."""
    since, until = _period(ctx)
    path = output_file(ctx.args.file, PDF)
    with _event_needed(ctx):
        board = ctx.service().event_board(ctx.args.event)
    from situation_board.reports.pdf import write_journal_pdf  # noqa: PLC0415
    from situation_board.reports.tables import entries_in_period  # noqa: PLC0415

    assert board.event is not None
    entries = entries_in_period(board.journal, since, until)
    pages = write_journal_pdf(
        board.event,
        entries,
        path,
        station=board.station.code,
        generated_at=board.as_of,
        since=since,
        until=until,
        numbers={e.id: e.number for e in board.journal},
    )
    sidor = "1 sida" if pages == 1 else f"{pages} sidor"
    print(
        ctx.t(
            f"{len(entries)} journalposter, {sidor} → {path}",
            f"{len(entries)} entries, {pages} page(s) → {path}",
        )
    )
    return 0


# ---------------------------------------------------------------------- board and lägesbild


def cmd_export_board_pdf(ctx: Context) -> int:
    """``export board-pdf FILE [--event]``: the one-page A4 landscape board print."""
    path = output_file(ctx.args.file, PDF)
    with _event_needed(ctx):
        board = ctx.service().event_board(ctx.args.event)
    from situation_board.reports.pdf import write_board_pdf  # noqa: PLC0415

    write_board_pdf(board, path)
    print(ctx.t(f"Lägesbild (1 sida) → {path}", f"Board print (1 page) → {path}"))
    return 0


def _sections(pairs: list[str]) -> dict[str, str]:
    from situation_board.reports.situation_report import SECTION_KEYS  # noqa: PLC0415

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


def cmd_export_lagesbild(ctx: Context) -> int:
    """``export lagesbild FILE.pdf|FILE.txt|- [--section DEL=TEXT ...] [--contact TEXT]``."""
    from situation_board.reports.situation_report import situation_report_text  # noqa: PLC0415

    a = ctx.args
    texts = _sections(a.section or [])
    path = None if a.file == "-" else output_file(a.file, REPORT_FORMATS)
    with _event_needed(ctx):
        report = ctx.service().situation_report(texts, contact=a.contact, event_ref=a.event)
    if path is None:
        print(situation_report_text(report), end="")
        return 0
    if path.suffix.lower() == ".txt":
        _write_bytes(path, situation_report_text(report).encode("utf-8"))
    else:
        from situation_board.reports.pdf import write_situation_report_pdf  # noqa: PLC0415

        write_situation_report_pdf(report, path)
    missing = len(report.incomplete)
    print(
        ctx.t(
            f"Lägesbild → {path}"
            + (f" ({missing} delar att fylla i av staben)" if missing else ""),
            f"Situation report → {path}"
            + (f" ({missing} sections for the staff to complete)" if missing else ""),
        )
    )
    return 0


# ---------------------------------------------------------------------- archive


def cmd_export_archive(ctx: Context) -> int:
    """``export archive DIR [--event]``: the closure package for diarieföring."""
    from situation_board.reports.archive import check_target, write_archive  # noqa: PLC0415

    target = Path(ctx.args.dir).expanduser()
    check_target(target)
    with _event_needed(ctx):
        record = ctx.service().event_record(ctx.args.event)
    result = write_archive(record, target)
    print(
        ctx.t(
            f"Arkiv för ”{record.event.name}”: {len(result.files)} filer → {result.target}",
            f"Archive of “{record.event.name}”: {len(result.files)} files → {result.target}",
        )
    )
    print(
        ctx.t("Kontrollera med: ", "Verify with: ")
        + f"cd {result.target} && sha256sum -c SHA256SUMS"
    )
    return 0
