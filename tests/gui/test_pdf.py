"""PDF and print through Qt (``reports/pdf.py``), read back with poppler-utils.

In-process, on pytest-qt's application (offscreen); a Qt warning fails the test.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from situation_board.domain.clock import fixed_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import EntryCategory, ReadinessLevel, StaffFunction, SystemStatus
from situation_board.domain.patches import ActionPatch, SystemPatch
from situation_board.reports import pdf
from situation_board.reports.board_print import board_document
from situation_board.reports.documents import handover_document
from situation_board.reports.records import Document, DocumentMeta
from situation_board.services import BoardService
from situation_board.store.database import LocalStore
from tests.conftest import DEMO_AS_OF
from tests.integration.helpers import FakeClock, open_service
from tests.pdftext import is_landscape, page_count, pdf_pages_text, positions

NOW = datetime.fromisoformat(DEMO_AS_OF)


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path, qapp):
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    clock = fixed_clock(NOW)
    store = LocalStore.open(copy, clock=clock)
    yield BoardService(store, Actor("Stabschef RSSL", StaffFunction.CHIEF_OF_STAFF), clock=clock)
    store.close()


def _furniture_on_every_page(pages: list[str], event: str, *, exercise: bool = False) -> None:
    for number, text in enumerate(pages, start=1):
        assert f"Sida {number} av {len(pages)}" in text
        assert event[:40] in text
        assert "Utskriven 2024-01-" in text and "+01:00" in text and "Station V1" in text
        assert ("ÖVNING" in text) is exercise


def test_handover_pdf_on_the_demo_board(demo, tmp_path: Path) -> None:
    note = "Följ upp den alternativa lösningen på avdelningarna; ring leverantören 17:00."
    signed = demo.sign_handover("Stabschef (dagpass)", "Stabschef (kvällspass)", note=note).value
    out = tmp_path / "överlämning.pdf"
    pages = pdf.write_handover_pdf(signed.brief, signed.handover, out)
    assert page_count(out) == pages >= 2
    texts = pdf_pages_text(out)
    _furniture_on_every_page(texts, "It-störningar hos leverantörer efter cyberattacken")
    text = "\n".join(texts)
    flat = " ".join(text.split())
    assert note in flat and "Stabschef (kvällspass), 2024-01-29 16:00 +01:00" in flat
    assert "STABSLÄGE" in text and "Väsentlig" in text and "Åtgärder" in text
    # Exactly the entries since the demo's last handover (07:45): V1-0042 … V1-0054.
    numbers = re.findall(r"V1-\d{4}", text)
    journal = sorted(set(numbers))
    assert journal == [f"V1-{n:04d}" for n in range(42, 55)]
    assert all(numbers.count(n) == 1 for n in journal), "an entry is listed twice"
    # Significant ones first (a decision, a significant event, a system change), then the rest.
    assert numbers[:3] == ["V1-0042", "V1-0044", "V1-0046"]
    assert numbers[3:] == sorted(numbers[3:])
    positions(text, ["Läget nu", "Beslut under perioden", "Systemändringar", "Kvittens"])


def test_board_print_of_the_demo_is_one_landscape_page(demo, tmp_path: Path) -> None:
    out = tmp_path / "tavlan.pdf"
    assert pdf.write_board_pdf(demo.event_board(), out) == 1
    assert page_count(out) == 1 and is_landscape(out)
    (text,) = pdf_pages_text(out)
    _furniture_on_every_page([text], "It-störningar hos leverantörer")
    for part in (
        "STABSLÄGE",
        "Region Västerbotten",
        "Utskrivningssystemet",
        "Ur funktion",
        "Reservrutin aktiv",
        "FÖRSENAD",
        "Begär ny prognos",
        "Nästa stabsorientering",
        "29 jan. 16:30",
        "Senaste väsentliga händelser",
        "Regionalt stabsläge kvarstår",
    ):
        assert part in " ".join(text.split()), part


@pytest.fixture
def crowded(tmp_path: Path, qapp):
    """A board with far more than one page can hold."""
    clock = FakeClock()
    svc = open_service(tmp_path / "crowded.db", clock)
    svc.start_event("Övning: omfattande it-störning i hela regionen", exercise=True)
    svc.set_level(ReadinessLevel.REINFORCED, reason="Omfattande störning", decided_by="SL")
    long = "Reservrutin med manuell hantering på samtliga enheter, dokumentation på papper. " * 4
    for i in range(24):
        svc.add_system(
            f"System {i:02d} för vård och omsorg",
            status=SystemStatus.DOWN,
            details=SystemPatch(reserve_routine=long, workaround=long, prognosis="Okänd"),
        )
    for i in range(40):
        svc.add_action(
            f"Åtgärd nummer {i} med en ganska lång beskrivning av vad som ska göras",
            ActionPatch(owner="Stabschef", due_at=clock.now + timedelta(minutes=10 * (i - 5))),
        )
    for i in range(30):
        svc.add_entry(f"Väsentlig händelse {i}: " + long, category=EntryCategory.SIGNIFICANT)
    clock.advance(hours=1)
    yield svc
    svc.store.close()


def test_board_print_never_spills_onto_a_second_page(crowded, tmp_path: Path) -> None:
    out = tmp_path / "tavlan.pdf"
    pdf.write_board_pdf(crowded.event_board(), out)
    assert page_count(out) == 1 and is_landscape(out)
    (text,) = pdf_pages_text(out)
    flat = " ".join(text.split())
    assert "FÖRSTÄRKNINGSLÄGE" in flat and "ÖVNING" in flat and "Sida 1 av 1" in flat
    assert re.search(r"\+\d+ till system", flat) and re.search(r"\+\d+ till åtgärder", flat)
    assert re.search(r"\+\d+ till äldre", flat)


def test_one_page_document_is_scaled_when_no_variant_fits(qapp, tmp_path: Path) -> None:
    meta = DocumentMeta("Prov", "Händelse med å, ä och ö", False, "V1", NOW)
    body = "".join(f"<p>Rad {i}: räksmörgås</p>" for i in range(400))
    out = tmp_path / "skalad.pdf"
    pdf.write_pdf(Document(meta, (f"<html><body>{body}</body></html>",), one_page=True), out)
    assert page_count(out) == 1
    assert "Rad 399: räksmörgås" in pdf_pages_text(out)[0]


def test_exercise_journal_marks_every_page_and_keeps_order(crowded, tmp_path: Path) -> None:
    board = crowded.event_board()
    assert board.event is not None
    out = tmp_path / "journal.pdf"
    pages = pdf.write_journal_pdf(
        board.event, board.journal, out, station="V1", generated_at=board.as_of
    )
    texts = pdf_pages_text(out)
    assert len(texts) == pages == page_count(out) > 1
    for number, text in enumerate(texts, start=1):
        assert "ÖVNING" in text and f"Sida {number} av {pages}" in text
    numbers = re.findall(r"V1-\d{4}", "\n".join(texts))
    assert numbers == [e.number for e in board.journal]


def test_print_document_on_a_qprinter(demo, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    document = board_document(demo.event_board())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "skrivare.pdf"))
    pdf.prepare_printer(document, printer)
    assert pdf.print_document(document, printer) == 1
    assert page_count(tmp_path / "skrivare.pdf") == 1 and is_landscape(tmp_path / "skrivare.pdf")

    brief = demo.handover_brief()  # the window's live preview, before signing
    printer.setOutputFileName(str(tmp_path / "förhandsvisning.pdf"))
    pages = pdf.print_document(handover_document(brief), printer)
    texts = pdf_pages_text(tmp_path / "förhandsvisning.pdf")
    assert len(texts) == pages and "ej kvitterad" in texts[0]


def test_situation_report_pdf_in_msb_order(demo, tmp_path: Path) -> None:
    report = demo.situation_report({"resurser": "Förstärkning från närliggande region behövs ej."})
    out = tmp_path / "lägesbild.pdf"
    pdf.write_situation_report_pdf(report, out)
    text = " ".join("\n".join(pdf_pages_text(out)).split())
    positions(
        text,
        [
            "Lägesbild",
            "1. Händelsen",
            "2. Konsekvenser",
            "3. Åtgärder",
            "4. Resurser",
            "Förstärkning från närliggande region behövs ej.",
            "5. Aktörer",
            "6. Bedömning och prognos",
        ],
    )
    assert "Stabsläge (Region Västerbotten)" in text and "[Att fylla i av staben]" in text


def test_unwritable_target_is_a_board_error(qapp, tmp_path: Path) -> None:
    from situation_board.domain.errors import BoardError

    meta = DocumentMeta("Prov", "Händelse", False, "V1", NOW)
    with pytest.raises(BoardError) as err:
        pdf.write_pdf(Document(meta, ("<p>x</p>",)), tmp_path / "saknas" / "x.pdf")
    assert err.value.key == "cannot_write"
