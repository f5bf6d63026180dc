"""Documents of a board far fuller than a page: the board print stays one page and says what it
left out, long journals keep their order and the exercise mark on every page."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from situation_board.domain.enums import EntryCategory, ReadinessLevel, SystemStatus
from situation_board.domain.errors import BoardError
from situation_board.domain.patches import ActionPatch, Prognosis, SystemPatch
from situation_board.reports.blocks import Para, rich
from situation_board.reports.board_print import board_document
from situation_board.reports.documents import journal_document
from situation_board.reports.pdf import write_pdf
from situation_board.reports.records import Document, DocumentMeta
from tests.pdflayout import page_chars
from tests.pdftext import is_landscape, page_count, pdf_pages_text

from .helpers import T0, FakeClock, open_service


@pytest.fixture
def crowded(tmp_path: Path):
    """An exercise with 24 systems, 40 actions and 30 long significant entries."""
    clock = FakeClock()
    svc = open_service(tmp_path / "crowded.db", clock)
    svc.start_event("Övning: omfattande it-störning i hela regionen", exercise=True)
    svc.set_level(ReadinessLevel.REINFORCED, reason="Omfattande störning", decided_by="SL")
    long = "Reservrutin med manuell hantering på samtliga enheter, dokumentation på papper. " * 4
    for i in range(24):
        svc.add_system(
            f"System {i:02d} för vård och omsorg",
            status=SystemStatus.DOWN,
            details=SystemPatch(
                reserve_routine=long, workaround=long, prognosis=Prognosis(None, "Okänd")
            ),
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
    result = write_pdf(board_document(crowded.event_board(), "sv"), out)
    assert result.pages == 1 == page_count(out) and is_landscape(out)
    (text,) = pdf_pages_text(out)
    flat = " ".join(text.split())
    assert "FÖRSTÄRKNINGSLÄGE" in flat and "ÖVNING" in flat and "Sida 1 av 1" in flat
    # what is left out is counted in whole Swedish phrases ("+3 åtgärder till", not "+3 till
    # åtgärder"; "+12 äldre väsentliga händelser", not "+12 till äldre")
    assert re.search(r"\+\d+ system till \(de minst allvarliga; se arbetsstationen\)", flat)
    assert re.search(r"\+\d+ åtgärder till \(förfaller senare\)", flat)
    assert re.search(r"\+\d+ äldre väsentliga händelser \(se stabsjournalen\)", flat)
    assert " till äldre" not in flat and "till system" not in flat
    assert "…" not in flat  # texts are never cut short; whole items are left out, and counted
    assert min(c.size for page in page_chars(out) for c in page) >= 9.0  # not shrunk


def test_exercise_journal_marks_every_page_and_keeps_order(crowded, tmp_path: Path) -> None:
    board = crowded.event_board()
    assert board.event is not None
    out = tmp_path / "journal.pdf"
    document = journal_document(
        board.event, board.journal, station="V1", generated_at=board.as_of, language="sv"
    )
    pages = write_pdf(document, out).pages
    texts = pdf_pages_text(out)
    assert len(texts) == pages == page_count(out) > 1
    for number, text in enumerate(texts, start=1):
        assert "ÖVNING" in text and f"Sida {number} av {pages}" in text
        assert re.search(r"Nr\s+Händelsetid\s+Kategori\s+Text\s+Författare", text)
    numbers = re.findall(r"V1-\d{4}", "\n".join(texts))
    assert numbers == [e.number for e in board.journal]
    assert min(c.size for page in page_chars(out) for c in page) >= 9.0


def test_one_page_document_is_shrunk_when_no_variant_fits(tmp_path: Path) -> None:
    meta = DocumentMeta("Prov", "Händelse med å, ä och ö", False, "V1", T0)
    blocks = tuple(Para(rich(f"Rad {i}: räksmörgås")) for i in range(400))
    out = tmp_path / "krympt.pdf"
    write_pdf(Document(meta, (blocks,), one_page=True), out)
    assert page_count(out) == 1
    assert "Rad 399: räksmörgås" in pdf_pages_text(out)[0]


def test_unwritable_target_is_a_board_error(tmp_path: Path) -> None:
    meta = DocumentMeta("Prov", "Händelse", False, "V1", T0)
    with pytest.raises(BoardError) as err:
        write_pdf(Document(meta, ((Para(rich("x")),),)), tmp_path / "saknas" / "x.pdf")
    assert err.value.key == "cannot_write"
    with pytest.raises(BoardError):
        write_pdf(Document(meta, ((Para(rich("x")),),)), tmp_path)
