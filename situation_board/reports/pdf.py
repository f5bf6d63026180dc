"""PDF and print through Qt: the one module outside ``ui/`` that imports PySide6 (DESIGN §3).

Every document (``reports/records.Document``: HTML in Qt's rich-text subset) is laid out with a
``QTextDocument`` on the target device — a ``QPdfWriter`` for files, the window's ``QPrinter`` for
paper — and painted page by page with ``QPainter``, with a running header (event name, "ÖVNING"
on exercises, document title) and footer (generated-at with UTC offset, station, "Sida 1 av 3").
A one-page document (the board print) uses the first HTML variant that fits one page and scales
the last one down if even that does not fit: it never spills onto a second page.

A ``QGuiApplication`` is needed; ``ensure_app`` creates one on the ``offscreen`` platform when the
process has none (the CLI), so this works on a server without a display. In the window the
existing application is used.

Functions for the window: ``print_document(document, printer)`` after the platform print dialog
(``prepare_printer`` first sets the orientation the document wants), and the ``write_*_pdf``
functions for files.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from situation_board.domain.entities import Board, Event, Handover, JournalEntry
from situation_board.domain.errors import BoardError
from situation_board.domain.timeutil import fmt_datetime
from situation_board.reports.board_print import board_document
from situation_board.reports.brief import HandoverBrief
from situation_board.reports.documents import (
    archive_document,
    handover_document,
    journal_document,
    situation_report_document,
)
from situation_board.reports.records import Document, DocumentMeta, EventRecord
from situation_board.reports.situation_report import SituationReport

FONT_FAMILIES = ("DejaVu Sans", "Liberation Sans", "Arial", "Noto Sans")
BASE_PT = 10.0
FURNITURE_PT = 8.0
MARGINS_MM = QMarginsF(14, 12, 14, 12)
PDF_DPI = 300
EXERCISE_RED = QColor("#c62828")


def ensure_app() -> QCoreApplication:
    """The running Qt application, or a new ``QGuiApplication`` on the offscreen platform."""
    app = QCoreApplication.instance()
    if app is None:
        # -platform overrides QT_QPA_PLATFORM: printing never needs a display.
        app = QGuiApplication(["situation-board", "-platform", "offscreen"])
    return app


def _family() -> str:
    available = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in available:
            return family
    return QFont().family()


def _font(pt: float, *, bold: bool = False) -> QFont:
    font = QFont(_family())
    font.setPointSizeF(pt)
    font.setBold(bold)
    return font


def page_layout(document: Document) -> QPageLayout:
    """A4 with the document's orientation and the standard margins."""
    orientation = (
        QPageLayout.Orientation.Landscape
        if document.landscape
        else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


def _text_document(html: str, device: QPagedPaintDevice, width: float) -> QTextDocument:
    td = QTextDocument()
    td.documentLayout().setPaintDevice(device)
    td.setDefaultFont(_font(BASE_PT))
    td.setDocumentMargin(0)
    td.setHtml(html)
    td.setTextWidth(width)
    return td


def _one_page(
    document: Document, device: QPagedPaintDevice, body: QRectF
) -> tuple[QTextDocument, float]:
    """The first variant that fits ``body``; else the last, with the scale that makes it fit."""
    td = QTextDocument()
    for html in document.variants:
        td = _text_document(html, device, body.width())
        if td.size().height() <= body.height():
            return td, 1.0
    scale = body.height() / td.size().height()
    td.setTextWidth(body.width() / scale)  # wider at the smaller scale: never taller than before
    return td, scale


def _furniture_fonts(device: QPagedPaintDevice) -> tuple[QFont, QFont, float, float]:
    """Fonts of header and footer, the height of one line and the gap to the body."""
    font, bold = _font(FURNITURE_PT), _font(FURNITURE_PT + 1, bold=True)
    line_h = max(QFontMetricsF(font, device).height(), QFontMetricsF(bold, device).height())
    return font, bold, line_h, line_h * 0.6


def _furniture(
    painter: QPainter, device: QPagedPaintDevice, meta: DocumentMeta, number: int, pages: int
) -> None:
    """Header (ÖVNING, event name, title) and footer (generated, station, page) of one page."""
    font, bold, line_h, gap = _furniture_fonts(device)
    width, height = float(device.width()), float(device.height())
    fm, fm_bold = QFontMetricsF(font, device), QFontMetricsF(bold, device)
    left_align, right_align = int(Qt.AlignmentFlag.AlignLeft), int(Qt.AlignmentFlag.AlignRight)
    black = QColor("#000000")
    rule = QPen(QColor("#777777"))
    rule.setWidthF(max(1.0, line_h / 20))

    exercise = "ÖVNING" if meta.exercise else ""
    ex_w = fm_bold.horizontalAdvance(exercise + "   ") if exercise else 0.0
    room = width - ex_w - fm.horizontalAdvance(meta.title) - gap * 2
    name = fm_bold.elidedText(meta.event_name, Qt.TextElideMode.ElideRight, max(0.0, room))
    painter.save()
    painter.setFont(bold)
    if exercise:
        painter.setPen(EXERCISE_RED)
        painter.drawText(QRectF(0, 0, ex_w, line_h), left_align, exercise)
    painter.setPen(black)
    painter.drawText(QRectF(ex_w, 0, width - ex_w, line_h), left_align, name)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, width, line_h), right_align, meta.title)
    painter.setPen(rule)
    y = line_h + gap / 3
    painter.drawLine(QPointF(0, y), QPointF(width, y))

    top = height - line_h
    painter.drawLine(QPointF(0, top - gap / 3), QPointF(width, top - gap / 3))
    left = f"Utskriven {fmt_datetime(meta.generated_at)} · Station {meta.station}"
    painter.setPen(black)
    if exercise:
        painter.setFont(bold)
        painter.setPen(EXERCISE_RED)
        painter.drawText(QRectF(0, top, ex_w, line_h), left_align, exercise)
        painter.setPen(black)
        painter.setFont(font)
    painter.drawText(QRectF(ex_w, top, width - ex_w, line_h), left_align, left)
    painter.drawText(QRectF(0, top, width, line_h), right_align, f"Sida {number} av {pages}")
    painter.restore()


def _paint(document: Document, device: QPagedPaintDevice) -> int:
    """Lay out and paint ``document`` on ``device``; returns the number of pages."""
    ensure_app()
    painter = QPainter()
    if not painter.begin(device):
        raise BoardError("cannot_write", path=document.meta.title, reason="QPainter.begin")
    try:
        _, _, line_h, gap = _furniture_fonts(device)
        width, height = float(device.width()), float(device.height())
        body = QRectF(0, line_h + gap, width, height - 2 * (line_h + gap))
        if document.one_page:
            td, scale = _one_page(document, device, body)
            pages, page_h = 1, body.height() / scale
        else:
            td = _text_document(document.html, device, body.width())
            td.setPageSize(QSizeF(body.width(), body.height()))
            scale, pages, page_h = 1.0, td.pageCount(), body.height()
        for index in range(pages):
            if index:
                device.newPage()
            _furniture(painter, device, document.meta, index + 1, pages)
            painter.save()
            painter.translate(body.left(), body.top())
            painter.scale(scale, scale)
            painter.translate(0, -index * page_h)
            td.drawContents(painter, QRectF(0, index * page_h, body.width() / scale, page_h))
            painter.restore()
    finally:
        painter.end()
    return pages


# ---------------------------------------------------------------------- files and printers


def _writable_temp(path: Path) -> Path:
    """A temporary sibling of ``path`` that is known to be writable (BoardError otherwise)."""
    if path.is_dir():
        raise BoardError("cannot_write", path=str(path), reason="är en mapp")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(b"")
    except OSError as exc:
        raise BoardError("cannot_write", path=str(path), reason=exc.strerror or str(exc)) from None
    return tmp


def write_pdf(document: Document, path: Path) -> int:
    """Render ``document`` to the PDF file ``path`` (replaced atomically); returns pages."""
    ensure_app()
    path = Path(path)
    tmp = _writable_temp(path)
    try:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(page_layout(document))
        writer.setTitle(f"{document.meta.title} – {document.meta.event_name}")
        writer.setCreator("situation-board")
        pages = _paint(document, writer)
        del writer  # closes the file
        tmp.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return pages


def prepare_printer(document: Document, printer: QPagedPaintDevice) -> None:
    """Give ``printer`` the orientation and margins ``document`` wants (before the dialog)."""
    printer.setPageOrientation(page_layout(document).orientation())
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)


def print_document(document: Document, printer: QPagedPaintDevice) -> int:
    """Print ``document`` on ``printer`` (a ``QPrinter`` the print dialog set up); returns pages.

    The printer's page size is kept (the user may have chosen another paper); the orientation
    is the document's. A one-page document stays one page on any paper.
    """
    printer.setPageOrientation(page_layout(document).orientation())
    return _paint(document, printer)


def write_handover_pdf(brief: HandoverBrief, handover: Handover | None, path: Path) -> int:
    """The handover: brief, note and acknowledgement (``handover`` None: unsigned preview)."""
    return write_pdf(handover_document(brief, handover), path)


def write_journal_pdf(
    event: Event,
    entries: Sequence[JournalEntry],
    path: Path,
    *,
    station: str,
    generated_at: datetime,
    since: datetime | None = None,
    until: datetime | None = None,
    numbers: dict[str, str] | None = None,
) -> int:
    """The staff journal (whole, or the period [since, until)) in chronological order."""
    document = journal_document(
        event,
        entries,
        station=station,
        generated_at=generated_at,
        since=since,
        until=until,
        numbers=numbers,
    )
    return write_pdf(document, path)


def write_board_pdf(board: Board, path: Path) -> int:
    """The one-page A4 landscape board print."""
    return write_pdf(board_document(board), path)


def write_situation_report_pdf(report: SituationReport, path: Path) -> int:
    return write_pdf(situation_report_document(report), path)


def write_archive_pdf(record: EventRecord, path: Path) -> int:
    return write_pdf(archive_document(record), path)


__all__ = [
    "ensure_app",
    "page_layout",
    "prepare_printer",
    "print_document",
    "write_archive_pdf",
    "write_board_pdf",
    "write_handover_pdf",
    "write_journal_pdf",
    "write_pdf",
    "write_situation_report_pdf",
]
