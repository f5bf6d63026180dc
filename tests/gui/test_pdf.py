"""Printing from the window (``ui/documents.py``): the ReportLab PDF's pages, rendered by PDFium,
painted onto a ``QPrinter`` (here one that prints to a PDF file), read back with poppler-utils.

In-process, on pytest-qt's application (offscreen); a Qt warning fails the test. The documents
themselves are tested without Qt in ``tests/integration/test_documents_pdf.py``.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from situation_board.domain.clock import fixed_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import StaffFunction
from situation_board.reports.board_print import board_document
from situation_board.reports.documents import handover_document
from situation_board.reports.pdf import pdf_bytes
from situation_board.services import BoardService
from situation_board.store.database import LocalStore
from situation_board.ui.documents import prepare_printer, print_pdf
from tests.conftest import DEMO_AS_OF
from tests.pdftext import is_landscape, page_count

NOW = datetime.fromisoformat(DEMO_AS_OF)


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path, qapp):
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    clock = fixed_clock(NOW)
    store = LocalStore.open(copy, clock=clock)
    yield BoardService(store, Actor("Stabschef RSSL", StaffFunction.CHIEF_OF_STAFF), clock=clock)
    store.close()


def _printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_documents_on_a_qprinter(demo, tmp_path: Path) -> None:
    document = board_document(demo.event_board(), "sv")
    out = tmp_path / "skrivare.pdf"
    printer = _printer(out)
    prepare_printer(document, printer)
    assert print_pdf(pdf_bytes(document), printer) == 1
    assert page_count(out) == 1 and is_landscape(out)

    brief = demo.handover_brief()  # the window's live preview, before signing
    preview = handover_document(brief, None, "sv")
    data = pdf_bytes(preview)
    out = tmp_path / "förhandsvisning.pdf"
    printer = _printer(out)
    prepare_printer(preview, printer)
    pages = print_pdf(data, printer)
    assert pages == page_count(out) >= 2 and not is_landscape(out)


def test_print_only_the_pages_asked_for(demo, tmp_path: Path) -> None:
    document = handover_document(demo.handover_brief(), None, "sv")
    out = tmp_path / "sida2.pdf"
    printer = _printer(out)
    prepare_printer(document, printer)
    printer.setFromTo(2, 2)
    assert print_pdf(pdf_bytes(document), printer) == 1 == page_count(out)
