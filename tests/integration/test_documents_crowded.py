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
from situation_board.reports.blocks import Box, Bullets, Heading, Para, Signatures, rich
from situation_board.reports.board_print import board_document
from situation_board.reports.documents import journal_document
from situation_board.reports.pdf import write_pdf
from situation_board.reports.pdf_flow import Flow
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


def _filler(n: int) -> tuple[Para, ...]:
    return tuple(Para(rich(f"Stycke {i}: text före rutan, på en rad.")) for i in range(n))


def test_a_stored_summary_box_never_leaves_a_line_or_two_on_a_page(tmp_path: Path) -> None:
    """The archive's signed handover summaries are boxes of lines that run across pages: at
    whatever point the page ends, at least 2 lines stay at its foot and at least 4 go on (the
    exercise archive once had "Journalposter under perioden (0 …):" alone on a page), and a
    label line ("…:") never stays behind without what it introduces."""
    meta = DocumentMeta("Prov", "Händelse", False, "V1", T0)
    lines = [
        f"Rubrik {i}:" if i % 6 == 0 else f"  Rad {i:02d} i den signerade sammanfattningen."
        for i in range(40)
    ]
    box = Box(rich("\n".join(lines)))
    tail = Heading("Stabsjournal", page_break=True)
    for n in range(40, 58):  # the break falls on every line of the box's second page
        out = tmp_path / f"ruta-{n}.pdf"
        write_pdf(Document(meta, ((*_filler(n), box, tail, Para(rich("Slut."))),)), out)
        pages = pdf_pages_text(out)
        on_page = [
            [line.strip() for line in page.splitlines() if re.match(r"\s*(Rubrik|Rad) \d+", line)]
            for page in pages
        ]
        holding = [p for p in on_page if p]
        assert sum(map(len, holding)) == len(lines), n
        for part in holding:
            assert len(part) >= 2, (n, part)
        for part in holding[1:]:
            assert len(part) >= 4, (n, part)
        for part in holding[:-1]:
            assert not part[-1].endswith(":"), (n, part[-1])


def test_a_box_to_write_in_stays_with_the_end_of_its_section(tmp_path: Path) -> None:
    """The lägesbild's "[To be filled in by the staff]" boxes: on no page break does one open a
    page without the last lines of its section above it (the exercise lägesbild once had
    section 6's box alone on page 3)."""
    meta = DocumentMeta("Prov", "Händelse", True, "V1", T0)
    section = (
        Heading("6. Bedömning och prognos"),
        Bullets((rich("Första punkten om prognosen."), rich("Andra punkten om prognosen."))),
        Box(rich("[Att fylla i av staben] Hur kan händelsen utvecklas?"), min_lines=3),
    )
    for n in range(34, 50):  # the page ends before, inside and after the section
        out = tmp_path / f"fyll-{n}.pdf"
        write_pdf(Document(meta, ((*_filler(n), *section),)), out)
        for page in pdf_pages_text(out):
            if "[Att fylla i av staben]" in page:
                assert "Andra punkten om prognosen." in page, n
                assert "6. Bedömning och prognos" in page, n  # its two lines bring the heading


def test_signature_lines_stand_apart() -> None:
    """Each signature has its own line with room before the next label ("Avgående: ____
    Tillträdande: ____", never a line running into the next label)."""
    table = Flow(10.0)._signatures(Signatures(("Avgående:", "Tillträdande:")), 480.0)
    label_w, line_w, gap, label2_w, line2_w = table._colWidths
    assert gap >= 18 and line_w == line2_w > 120
    assert label_w + line_w + gap + label2_w + line2_w == pytest.approx(480.0)
