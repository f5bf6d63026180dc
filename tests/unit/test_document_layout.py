"""The document core without Qt or a store: column widths from content, fonts and the characters
they lack, the HTML preview, the language of a document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory, Medium, StaffFunction
from situation_board.reports import fonts, html, parts
from situation_board.reports.blocks import Heading, Para, Table, bold, rich, text_of
from situation_board.reports.lang import Lang
from situation_board.reports.pdf_flow import CELL_PAD, Flow

T0 = datetime(2024, 1, 22, 13, 0, tzinfo=UTC)


def entry(
    n: int, text: str, *, category: EntryCategory = EntryCategory.INFORMATION
) -> JournalEntry:
    return JournalEntry(
        id=f"id-{n}",
        event_id="e",
        number=f"V1-{n:04d}",
        occurred_at=T0 + timedelta(minutes=n),
        recorded_at=T0 + timedelta(minutes=n),
        author="Informationsansvarig RSSL",
        function=StaffFunction.INFORMATION_OFFICER,
        category=category,
        text=text,
        medium=Medium.PHONE,
        from_party="Centrum för informationsteknik",
        to_party="RSSL",
    )


ENTRIES = [
    entry(
        1,
        "Leveransstörningarna i förbrukningsmaterial är lösta.",
        category=EntryCategory.SIGNIFICANT,
    ),
    entry(2, "Kort."),
    entry(3, "Ett ord: Informationsansvarig och ett långt: Utskrivningssystemsleverantörsavtalet"),
]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_column_is_narrower_than_its_longest_word(language: str) -> None:
    table = parts.journal_table(ENTRIES, Lang(language))
    assert isinstance(table, Table)
    flow = Flow(10)
    widths = flow.column_widths(table, 515.0)
    assert abs(sum(widths) - 515.0) < 0.01
    cells = [tuple(rich(h) for h in table.headers), *table.rows]
    for column, width in enumerate(widths):
        for row, cells_row in enumerate(cells):
            lo, hi = flow.measure(cells_row[column], flow.table_pt, bold_all=row == 0)
            need = hi if column in table.nowrap else lo
            assert width >= need + 2 * CELL_PAD, (column, row, width, need)


def test_measure_uses_the_faces_widths() -> None:
    flow = Flow(10)
    face = fonts.face_name(bold=True)
    lo, hi = flow.measure(rich(bold("Författare"), " x"), 10)
    assert lo == pytest.approx(stringWidth("Författare", face, 10))
    assert hi == pytest.approx(lo + stringWidth(" x", fonts.face_name(), 10))


def test_widths_share_what_is_left_when_the_longest_lines_do_not_fit() -> None:
    table = Table(("A", "B"), ((rich("ord " * 200), rich("kort")),), nowrap=frozenset({1}))
    widths = Flow(10).column_widths(table, 300.0)
    assert widths[1] == pytest.approx(Flow(10).measure(rich("kort"), 9.5)[1] + 2 * CELL_PAD + 0.5)
    assert sum(widths) == pytest.approx(300.0)


def test_segments_mark_what_no_face_has() -> None:
    text = "Ambulans 🚑\u200d på väg → Київ Ελλάδα مرحبا"
    pieces = list(fonts.segments(text))
    missing = [p for p, ok in pieces if not ok]
    assert missing == ["🚑", "مرحبا"]  # the joiner goes with the emoji; Arabic is right-to-left
    assert "".join(p for p, ok in pieces if ok) == "Ambulans \u200d på väg → Київ Ελλάδα "
    assert fonts.marker("🚑\ufe0f") == "[U+1F691]"
    assert fonts.unsettable(text) == {"🚑", *"مرحبا"}


def test_markup_reports_missing_characters_and_escapes_text() -> None:
    flow = Flow(10)
    markup = flow.markup(rich("<b>&", bold("🚑")))
    assert "&lt;b&gt;&amp;" in markup and "[U+1F691]" in markup and fonts.MISSING_COLOUR in markup
    assert flow.missing == {"🚑"}


def test_html_preview_shows_the_same_blocks() -> None:
    blocks = (
        Heading("Läget nu"),
        Para(rich("a < b ", bold("fet"))),
        parts.journal_table(ENTRIES, Lang("sv")),
    )
    page = html.page(blocks)
    assert "Läget nu" in page and "a &lt; b <b>fet</b>" in page and "Händelsetid" in page
    assert "V1-0003" in text_of(blocks)


def test_lang_labels_and_unknown_language() -> None:
    assert Lang("en").label(EntryCategory.SIGNIFICANT) == "Significant event"
    assert Lang("sv").label(EntryCategory.SIGNIFICANT) == "Väsentlig händelse"
    assert Lang("sv").ngettext("{n} open", "{n} open", 2).format(n=2) == "2 öppna"
    assert Lang("sv").ngettext("{n} open", "{n} open", 1).format(n=1) == "1 öppen"
    with pytest.raises(ValueError):
        Lang.of("de")
