"""The closure archive of one event, for diarieföring (``situation-board export archive DIR``).

The package (see ``README_TEXT`` and the project README):

* ``handelsearkiv.pdf`` — the event, level history, systems (current state and history from the
  journal's system entries), actions, deadlines, briefings, handovers and the whole journal;
* ``csv/*.csv`` — each table for Swedish Excel (UTF-8 with BOM, ``;``, CRLF);
* ``json/*.json`` — each table in the documented JSON shape (exact text, ISO times);
* ``README.txt`` — in Swedish: what the package holds and how to verify it;
* ``SHA256SUMS`` — the SHA-256 of every other file in ``sha256sum`` format
  (``cd DIR && sha256sum -c SHA256SUMS``).

The target must be a new or empty folder. The package is built in a hidden sibling folder and
moved into place at the end, so a failure leaves no half-written archive. The PDF is rendered
by ``reports/pdf.py`` (imported only when no other renderer is given), so this module has no Qt.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from situation_board import __version__
from situation_board.domain.errors import BoardError
from situation_board.domain.timeutil import fmt_datetime
from situation_board.reports.documents import archive_document
from situation_board.reports.records import Document, EventRecord
from situation_board.reports.tables import Table, event_tables, excel_csv, json_bytes

PdfWriter = Callable[[Document, Path], int]
PDF_NAME = "handelsearkiv.pdf"
MANIFEST = "SHA256SUMS"
README = "README.txt"


@dataclass(frozen=True, slots=True)
class ArchiveResult:
    target: Path
    files: tuple[str, ...]  # relative paths, "/"-separated, including README and manifest
    pdf_pages: int


def check_target(target: Path) -> None:
    """Refuse a target that is a file or a folder with anything in it."""
    if target.exists() and not target.is_dir():
        raise BoardError("archive_not_a_folder", path=str(target))
    if target.is_dir() and any(target.iterdir()):
        raise BoardError("archive_dir_not_empty", path=str(target))
    if not target.parent.is_dir():
        raise BoardError("cannot_write", path=str(target), reason="mappen ovanför finns inte")


def sha256_manifest(root: Path, files: list[str]) -> str:
    """``<hex>  <path>`` lines, as ``sha256sum`` writes and ``sha256sum -c`` reads them."""
    lines = []
    for rel in sorted(files):
        digest = hashlib.sha256((root / rel).read_bytes()).hexdigest()
        lines.append(f"{digest}  {rel}\n")
    return "".join(lines)


def readme_text(record: EventRecord, tables: tuple[Table, ...], pdf_pages: int) -> str:
    """README.txt in Swedish: what the package is and holds, and how to check it."""
    event = record.event
    board = record.board
    state = (
        f"avslutad {fmt_datetime(event.closed_at)} ({event.close_reason or 'inget skäl angivet'})"
        if event.closed_at
        else "pågående när arkivet skapades"
    )
    lines = [
        "HÄNDELSEARKIV – för diarieföring",
        "",
        f"Händelse:      {event.name}{' (ÖVNING)' if event.exercise else ''}",
        f"Händelse-id:   {event.id}",
        f"Startad:       {fmt_datetime(event.started_at)}",
        f"Status:        {state}",
        f"Arkivet skapat {fmt_datetime(board.as_of)} på station {board.station.code}"
        f" med situation-board {__version__}.",
        "",
        "Paketet innehåller:",
        "",
        f"  {PDF_NAME}",
        f"      Sammanställning ({pdf_pages} sidor): händelsen, beslut om beredskapsläge, berörda",
        "      system (läget vid arkiveringen och historik ur journalen), åtgärder, frister,",
        "      stabsorienteringar, överlämningar och hela stabsjournalen.",
        "",
    ]
    for t in tables:
        lines.append(f"  csv/{t.name}.csv och json/{t.name}.json")
        count = f"{len(t.rows)} rad" if len(t.rows) == 1 else f"{len(t.rows)} rader"
        lines.append(f"      {t.title} ({count}).")
    lines += [
        "",
        f"  {README}",
        "      Den här filen.",
        f"  {MANIFEST}",
        "      SHA-256-kontrollsummor för alla andra filer i paketet.",
        "",
        "Format:",
        "  - CSV-filerna är för Excel med svenska inställningar: UTF-8 med BOM, semikolon som",
        "    avgränsare, CRLF-radslut. Tider visas i svensk tid med UTC-förskjutning,",
        "    t.ex. 2024-01-22 13:05 +01:00. En cell som börjar med = + - eller @ har fått en",
        "    inledande apostrof så att Excel visar den som text.",
        "  - JSON-filerna innehåller exakt text, koder (t.ex. down, staff) och tider i",
        "    ISO 8601 med förskjutning. Formatet beskrivs i programmets README.",
        "  - Stabsjournalen, besluten och överlämningarna kan inte ändras i efterhand; en",
        "    rättelse är en ny post som pekar på den gamla.",
        "",
        "Kontroll av att inget har ändrats (Linux/macOS, i den här mappen):",
        f"  sha256sum -c {MANIFEST}",
        "I Windows PowerShell: Get-FileHash -Algorithm SHA256 <fil> och jämför med",
        f"motsvarande rad i {MANIFEST}.",
        "",
        "Paketet innehåller inga patientuppgifter: sådana hör inte hemma på lägesbilden.",
    ]
    return "\r\n".join(lines) + "\r\n"


def _default_pdf_writer() -> PdfWriter:
    from situation_board.reports.pdf import write_pdf  # noqa: PLC0415 - Qt only when needed

    return write_pdf


def write_archive(
    record: EventRecord, target: Path, *, pdf_writer: PdfWriter | None = None
) -> ArchiveResult:
    """Write the closure archive of ``record`` into the new or empty folder ``target``."""
    target = Path(target)
    check_target(target)
    render = pdf_writer or _default_pdf_writer()
    staging = target.parent / f".{target.name}.{os.getpid()}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        (staging / "csv").mkdir(parents=True)
        (staging / "json").mkdir()
        files: list[str] = []
        pages = render(archive_document(record), staging / PDF_NAME)
        files.append(PDF_NAME)
        tables = event_tables(record)
        for t in tables:
            (staging / "csv" / f"{t.name}.csv").write_bytes(excel_csv(t.headers, t.rows))
            (staging / "json" / f"{t.name}.json").write_bytes(json_bytes(t.records))
            files += [f"csv/{t.name}.csv", f"json/{t.name}.json"]
        (staging / README).write_bytes(readme_text(record, tables, pages).encode("utf-8"))
        files.append(README)
        (staging / MANIFEST).write_text(sha256_manifest(staging, files), encoding="utf-8")
        files.append(MANIFEST)
        if target.exists():
            target.rmdir()  # empty (checked above)
        staging.rename(target)
    except OSError as exc:
        raise BoardError(
            "cannot_write", path=str(target), reason=exc.strerror or str(exc)
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ArchiveResult(target, tuple(sorted(files)), pages)
