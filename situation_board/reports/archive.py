"""The closure archive of one event for diarieföring (``situation-board export archive DIR``): an
E-ARK Common Specification information package (``reports/eark.py``).

The package, in the new or empty folder ``DIR`` (its name is the package's id)::

    METS.xml                                   the package's METS (CSIP 2.1, OAIS type SIP)
    SHA256SUMS                                 SHA-256 of every other file (``sha256sum -c``)
    documentation/README.txt                   what the package holds and how to check it
    metadata/descriptive/dc.xml                Dublin Core: event, exercise or not, period
    metadata/descriptive/event.json            the same, exactly, for programs
    metadata/preservation/provenance.json      program, version, station, when made
    metadata/preservation/chains.json          each station's journal chain head, each entry's
                                               link and OS account (``verify ARCHIVE_DIR``)
    representations/pdfa/METS.xml, data/handelsearkiv.pdf     the record as PDF/A-2u
    representations/tables/METS.xml, data/csv/*.csv, data/json/*.json   each table
    schemas/mets.xsd, xlink.xsd, DILCISExtensionMETS.xsd

The PDF holds the event, level history, systems (current state and history from the journal's
system entries), actions, deadlines, briefings, handovers and the whole journal; CSV for Swedish
Excel (UTF-8 with BOM, ``;``, CRLF), JSON in the documented shapes. Labels, headers and the README
follow the document language; the board's data is as recorded.

The package is built in a hidden sibling folder and moved into place at the end, so a failure
leaves no half-written archive. Further preservation metadata belongs beside ``provenance`` and
``chains`` and is listed in the METS with them.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from situation_board import __version__
from situation_board.domain.errors import BoardError
from situation_board.domain.messages import Text
from situation_board.domain.timeutil import fmt_datetime, iso
from situation_board.i18n import N_
from situation_board.reports.board_json import event_json
from situation_board.reports.documents import archive_document
from situation_board.reports.eark import PackageFile, PackageInfo, package_mets, representation_mets
from situation_board.reports.lang import Lang
from situation_board.reports.privacy import PERSONAL_ID, privacy_marks
from situation_board.reports.records import Document, EventRecord
from situation_board.reports.tables import (
    EXERCISE_MARK,
    MARKS_HEADER,
    Table,
    event_tables,
    excel_csv,
    json_bytes,
)
from situation_board.resources import resource

if TYPE_CHECKING:
    from situation_board.reports.pdf import RenderResult

PdfWriter = Callable[[Document, Path], "RenderResult"]
PDF_NAME = "handelsearkiv.pdf"
MANIFEST = "SHA256SUMS"
METS = "METS.xml"
README = "documentation/README.txt"
REP_PDF = "pdfa"
REP_TABLES = "tables"
PDF_PATH = f"representations/{REP_PDF}/data/{PDF_NAME}"
SCHEMAS = ("mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd")
MIME = {".csv": "text/csv", ".json": "application/json", ".xml": "text/xml", ".xsd": "text/xml"}


@dataclass(frozen=True, slots=True)
class ArchiveResult:
    """What ``write_archive`` wrote."""

    target: Path
    files: tuple[str, ...]  # relative paths, "/"-separated, including METS, README, manifest
    pdf_pages: int
    missing: tuple[str, ...] = ()  # characters the PDF shows only as their codes


def check_target(target: Path) -> None:
    """Refuse a target that is a file or a folder with anything in it (``BoardError``)."""
    if target.exists() and not target.is_dir():
        raise BoardError("archive_not_a_folder", path=str(target))
    if target.is_dir() and any(target.iterdir()):
        raise BoardError("archive_dir_not_empty", path=str(target))
    if not target.parent.is_dir():
        raise BoardError(
            "cannot_write", path=str(target), reason=Text(N_("the folder does not exist"))
        )


def sha256_manifest(root: Path, files: list[str]) -> str:
    """``<hex>  <path>`` lines, as ``sha256sum`` writes and ``sha256sum -c`` reads them."""
    lines = []
    for rel in sorted(files):
        digest = hashlib.sha256((root / rel).read_bytes()).hexdigest()
        lines.append(f"{digest}  {rel}\n")
    return "".join(lines)


def period_of(record: EventRecord) -> tuple[str | None, str | None]:
    """The event's period as ISO 8601 instants: started, and closed (or when archived)."""
    event = record.event
    return iso(event.started_at), iso(event.closed_at or record.board.as_of)


EXERCISE_NOTE = N_(
    "This package is the record of an exercise, not of a real event. Every file says so:"
    " the title in the metadata, the PDF on every page, the journal on every row."
)


def marked_name(record: EventRecord, lang: Lang) -> str:
    """The event's name, after ``ÖVNING: `` for an exercise (the package's title and label)."""
    name = record.event.name
    return f"{lang.gettext('EXERCISE')}: {name}" if record.event.exercise else name


def readme_text(record: EventRecord, tables: tuple[Table, ...], pdf_pages: int, lang: Lang) -> str:
    """README.txt: what the package is and holds, and how to check it (CRLF line ends)."""
    _ = lang.gettext
    event = record.event
    board = record.board
    if event.closed_at:
        state = _("closed {at} ({reason})").format(
            at=fmt_datetime(event.closed_at), reason=event.close_reason or _("no reason given")
        )
    else:
        state = _("ongoing when the archive was made")
    word = _("EXERCISE")
    exercise = f" ({word})" if event.exercise else ""
    made = _("The archive was made {at} at station {station} with situation-board {version}.")
    pages = lang.ngettext("{n} page", "{n} pages", pdf_pages).format(n=pdf_pages)
    lines = [_("EVENT ARCHIVE – for the registry")]
    if event.exercise:
        lines[0] = f"{word} – {lines[0]}"
        lines += ["", f"{word} {word} {word}", _(EXERCISE_NOTE)]
    lines += [
        "",
        _("Event:").ljust(15) + event.name + exercise,
        _("Event id:").ljust(15) + event.id,
        _("Started:").ljust(15) + fmt_datetime(event.started_at),
        _("Status:").ljust(15) + state,
        made.format(at=fmt_datetime(board.as_of), station=board.station.code, version=__version__),
        "",
        _("The package is an E-ARK information package (Common Specification, CSIP 2.1):"),
        "",
        f"  {METS}",
        "      " + _("The package's description: content, files with their SHA-256, structure."),
        f"  {PDF_PATH}",
        "      "
        + _(
            "Compilation ({pages}, PDF/A-2u): the event, decisions on the readiness level,"
            " affected systems (at archiving and their history from the journal), actions,"
            " deadlines, staff briefings, handovers and the whole staff journal."
        ).format(pages=pages),
    ]
    for table in tables:
        lines.append(
            f"  representations/{REP_TABLES}/data/csv/{table.name}.csv, json/{table.name}.json"
        )
        rows = lang.ngettext("{n} row", "{n} rows", len(table.rows)).format(n=len(table.rows))
        lines.append(f"      {table.title} ({rows}).")
    lines += [
        "  metadata/descriptive/dc.xml, event.json",
        "      " + _("The event, whether it is an exercise, and the period (Dublin Core, JSON)."),
        "  metadata/preservation/provenance.json",
        "      " + _("Which program and station made the package, and when."),
        "  metadata/preservation/chains.json",
        "      "
        + _(
            "Each station's journal hash chain: its head, and every entry's link and the"
            " computer account that wrote it (check with: situation-board verify FOLDER)."
        ),
        "  schemas/",
        "      " + _("The XML schemas of the METS files."),
        f"  {README}",
        "      " + _("This file."),
        f"  {MANIFEST}",
        "      " + _("SHA-256 checksums of every other file in the package."),
        "",
        _("Formats:"),
        "  - "
        + _(
            "The CSV files are for Excel with Swedish settings: UTF-8 with BOM, semicolon as"
            " separator, CRLF line ends. Times are Swedish time with the UTC offset, e.g."
            " 2024-01-22 13:05 +01:00. A cell that begins with = + - or @ has a leading"
            " apostrophe so that Excel shows it as text."
        ),
        "  - "
        + _(
            "The JSON files hold the exact text, codes (e.g. down, staff) and times in ISO 8601"
            " with offset. The format is described in the program's README."
        ),
        "  - "
        + _(
            "The staff journal, the decisions and the handovers cannot be changed afterwards;"
            " a correction is a new entry that points at the old one."
        ),
        "",
        _("To check that nothing has changed (Linux/macOS, in this folder):"),
        f"  sha256sum -c {MANIFEST}",
        _("In Windows PowerShell: Get-FileHash -Algorithm SHA256 <file> and compare with the")
        + " "
        + _("line for it in {0}.").format(MANIFEST),
        "",
    ]
    marked = [m for e in board.journal if (m := privacy_marks(e))]
    if marked:
        lines.append(
            lang.ngettext(
                "{n} journal entry stays in the room: it is hidden from the wall or looks like"
                " it holds a personal identity number. The archive keeps it, marked in the"
                " column “{column}” (JSON: privacy) and in the PDF; the documents that leave"
                " the room leave it out.",
                "{n} journal entries stay in the room: they are hidden from the wall or look"
                " like they hold a personal identity number. The archive keeps them, marked in"
                " the column “{column}” (JSON: privacy) and in the PDF; the documents that"
                " leave the room leave them out.",
                len(marked),
            ).format(n=len(marked), column=_(MARKS_HEADER))
        )
    if any(PERSONAL_ID in m for m in marked):
        lines.append(
            _(
                "Some entries look like they hold a personal identity number: handle the"
                " package as holding patient data."
            )
        )
    else:
        lines.append(
            _("The package holds no patient data: such data does not belong on the board.")
        )
    if event.exercise:
        lines += ["", f"{word} {word} {word}"]
    return "\r\n".join(lines) + "\r\n"


def dublin_core(record: EventRecord, lang: Lang) -> bytes:
    """The package's descriptive metadata as a Dublin Core record (``oai_dc``)."""
    oai = "http://www.openarchives.org/OAI/2.0/oai_dc/"
    dc = "http://purl.org/dc/elements/1.1/"
    ET.register_namespace("oai_dc", oai)
    ET.register_namespace("dc", dc)
    event = record.event
    start, end = period_of(record)
    root = ET.Element(f"{{{oai}}}dc")
    kind = lang.gettext("Exercise") if event.exercise else lang.gettext("Event")
    values = (
        ("title", marked_name(record, lang)),
        ("identifier", f"urn:uuid:{event.id}"),
        ("type", kind),
        ("coverage", f"{start}/{end}"),
        ("date", iso(record.board.as_of) or ""),
        ("creator", lang.gettext("Station {0}").format(record.board.station.code)),
        (
            "description",
            lang.gettext("Closure archive of an exercise, for the registry.")
            if event.exercise
            else lang.gettext("Closure archive of the event, for the registry."),
        ),
        ("language", lang.code),
        ("format", "application/pdf"),
        ("format", "text/csv"),
        ("format", "application/json"),
    )
    for name, value in values:
        ET.SubElement(root, f"{{{dc}}}{name}").text = value
    ET.indent(root, space=" ")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def event_metadata(record: EventRecord) -> dict[str, Any]:
    """The package's descriptive metadata for programs: event, exercise, period."""
    start, end = period_of(record)
    return {
        "event": event_json(record.event),
        "exercise": record.event.exercise,
        "marking": EXERCISE_MARK if record.event.exercise else None,
        "period": {"start": start, "end": end},
        "station": record.board.station.code,
    }


def provenance(record: EventRecord, language: str) -> dict[str, Any]:
    """Who made the package and when (extend with further preservation facts here)."""
    board = record.board
    return {
        "software": "situation-board",
        "version": __version__,
        "station": board.station.code,
        "site_id": board.station.site_id,
        "created": iso(board.as_of),
        "language": language,
        "journal_entries": len(board.journal),
        "handovers": len(record.handovers),
    }


CHAINS_PATH = "metadata/preservation/chains.json"


def chain_metadata(record: EventRecord) -> dict[str, Any]:
    """Each station's journal chain head (site, station code, last link, its hash, segments)
    and each entry's chain link, OS account and as-written wall flag (``domain.chain``):
    ``verify ARCHIVE_DIR`` recomputes every hash from the journal's JSON and these."""
    numbers = {e.id: e.number for e in record.board.journal}
    heads: dict[str, dict[str, Any]] = {}
    for c in record.chains:
        site = str(c["chain_site"])
        head = heads.setdefault(site, {"site": site, "station": "", "segments": 0})
        if int(c["chain_seq"]) >= int(head.get("seq", 0)):
            head.update(seq=int(c["chain_seq"]), hash=c["chain_hash"])
            head["station"] = numbers.get(str(c["id"]), "").rpartition("-")[0]
        if c["chain_segment"]:
            head["segments"] += 1
            head["restored"] = head.get("restored", False) or str(c["chain_segment"]).startswith(
                "restore"
            )
    return {"heads": list(heads.values()), "entries": [dict(c) for c in record.chains]}


def _default_pdf_writer() -> PdfWriter:
    from situation_board.reports.pdf import write_pdf  # noqa: PLC0415 - ReportLab only when needed

    return write_pdf


def _described(root: Path, rel: str, base: str, created: Any) -> PackageFile:
    path = root / rel
    data = path.read_bytes()
    mime = MIME.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    name = rel[len(base) :] if base and rel.startswith(base) else rel
    return PackageFile(name, len(data), hashlib.sha256(data).hexdigest(), mime, created)


def _write(root: Path, rel: str, data: bytes, files: list[str]) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    files.append(rel)


def write_archive(
    record: EventRecord,
    target: Path,
    *,
    pdf_writer: PdfWriter | None = None,
    language: str | None = None,
) -> ArchiveResult:
    """Write the closure archive of ``record`` into the new or empty folder ``target``, in
    ``language`` (``sv``/``en``; ``None``: the UI language).

    ``pdf_writer(document, path)`` renders the PDF (default ``reports.pdf.write_pdf``).
    Raises ``BoardError`` (``archive_not_a_folder``, ``archive_dir_not_empty``,
    ``cannot_write``); nothing is left behind on failure.
    """
    target = Path(target)
    check_target(target)
    lang = Lang.of(language)
    render = pdf_writer or _default_pdf_writer()
    created = record.board.as_of
    staging = target.parent / f".{target.name}.{os.getpid()}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    files: list[str] = []
    try:
        pdf_path = staging / PDF_PATH
        pdf_path.parent.mkdir(parents=True)
        result = render(archive_document(record, lang.code), pdf_path)
        pages, missing = result.pages, result.missing
        files.append(PDF_PATH)
        tables = event_tables(record, lang.code)
        table_dir = f"representations/{REP_TABLES}/data"
        for t in tables:
            _write(staging, f"{table_dir}/csv/{t.name}.csv", excel_csv(t.headers, t.rows), files)
            _write(staging, f"{table_dir}/json/{t.name}.json", json_bytes(t.records), files)
        readme = readme_text(record, tables, pages, lang).encode("utf-8")
        _write(staging, README, readme, files)
        _write(staging, "metadata/descriptive/dc.xml", dublin_core(record, lang), files)
        meta = json_bytes([event_metadata(record)])
        _write(staging, "metadata/descriptive/event.json", meta, files)
        prov = json_bytes([provenance(record, lang.code)])
        _write(staging, "metadata/preservation/provenance.json", prov, files)
        _write(staging, CHAINS_PATH, json_bytes([chain_metadata(record)]), files)
        for name in SCHEMAS:
            _write(staging, f"schemas/{name}", resource("schemas", name).read_bytes(), files)

        info = PackageInfo(
            target.name, marked_name(record, lang), created, "situation-board", __version__
        )
        reps: list[tuple[str, PackageFile]] = []
        for rep in (REP_PDF, REP_TABLES):
            base = f"representations/{rep}/"
            (staging / base / "metadata").mkdir(parents=True, exist_ok=True)
            data = [_described(staging, f, base, created) for f in files if f.startswith(base)]
            _write(staging, base + METS, representation_mets(info, rep, data), files)
            reps.append((rep, _described(staging, base + METS, "", created)))

        def described(prefix: str) -> list[PackageFile]:
            """The package's files under ``prefix``, described for the root METS."""
            return [_described(staging, f, "", created) for f in files if f.startswith(prefix)]

        mets = package_mets(
            info,
            descriptive=[
                (_described(staging, "metadata/descriptive/dc.xml", "", created), "DC"),
                (_described(staging, "metadata/descriptive/event.json", "", created), "OTHER"),
            ],
            provenance=described("metadata/preservation/"),
            documentation=described("documentation/"),
            schemas=described("schemas/"),
            representations=reps,
        )
        _write(staging, METS, mets, files)
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
    return ArchiveResult(target, tuple(sorted(files)), pages, missing)
