"""Every PDF of the demo event, as the CLI writes it, read back the way a reader would meet it:
page geometry (no split rows, repeated headers, headings never alone at a page's foot, no nearly
empty pages), type sizes and fonts from the PDF itself, words kept whole, absolute times, the
one-page board print, PDF/A metadata — in Swedish and in English."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEMO_AS_OF, cli, show_json
from tests.pdflayout import fonts, page_chars, raw_pages, squash
from tests.pdftext import is_landscape, page_count, pdf_pages_text

DOCUMENTS = ("handover", "journal", "board", "lagesbild", "archive")
MULTI_PAGE = ("handover", "journal", "archive")
FOOTER_ZONE = 45.0  # pt from the bottom edge: the footer and its rule
HEADING_PT = 11.0  # headings are set at 11.2 pt and more; body text at 9–10 pt


def render_all(root: Path, demo_db: Path, language: str) -> dict[str, Any]:
    """All five documents of the demo event in ``language``, written by the CLI."""
    root.mkdir(parents=True, exist_ok=True)
    db = root / "board.db"
    shutil.copy(demo_db, db)
    config = root / "config.toml"
    config.write_text(f'language = "{language}"\n', encoding="utf-8")
    board = show_json(db, now=DEMO_AS_OF)  # the board's own data, before the handover adds to it
    common = ("--db", str(db), "--config", str(config))
    out = {name: root / f"{name}.pdf" for name in DOCUMENTS}
    runs = [
        ("export", "journal-pdf", str(out["journal"])),
        ("export", "board-pdf", str(out["board"])),
        ("export", "lagesbild", str(out["lagesbild"])),
        ("handover", "--from", "Dagpass", "--to", "Kvällspass", "--pdf", str(out["handover"])),
        ("export", "archive", str(root / "arkiv")),
    ]
    for args in runs:
        proc = cli(*args, *common, now=DEMO_AS_OF)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    shutil.copy(
        root / "arkiv" / "representations" / "pdfa" / "data" / "handelsearkiv.pdf", out["archive"]
    )
    after = show_json(db, now=DEMO_AS_OF)
    return {"pdf": out, "board": board, "after": after, "archive": root / "arkiv"}


@pytest.fixture(scope="module")
def sv(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return render_all(tmp_path_factory.mktemp("sv"), demo_db, "sv")


@pytest.fixture(scope="module")
def en(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return render_all(tmp_path_factory.mktemp("en"), demo_db, "en")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_fonts_are_embedded_with_unicode_maps_and_type_is_at_least_9pt(sv, name: str) -> None:
    path = sv["pdf"][name]
    rows = fonts(path)
    assert rows, "no fonts"
    for row in rows:
        assert (row["emb"], row["uni"]) == ("yes", "yes"), row["line"]
        assert "DejaVuSansCondensed" in row["name"], row["line"]  # the bundled family only
    sizes = {c.size for page in page_chars(path) for c in page}
    assert min(sizes) >= 9.0, sorted(sizes)[:5]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pdf_a_metadata(sv, name: str) -> None:
    data = sv["pdf"][name].read_bytes()
    assert b"<pdfaid:part>2</pdfaid:part>" in data and b"<pdfaid:conformance>U" in data
    assert b"/GTS_PDFA1" in data and b"/OutputIntents" in data and b"/Metadata" in data
    assert b"/Encrypt" not in data and b"/Helvetica" not in data
    # the XMP dates and the document information say the same instant
    assert b"<xmp:CreateDate>2024-01-29T16:00:00+01:00</xmp:CreateDate>" in data
    assert b"D:20240129160000+01'00'" in data


@pytest.mark.parametrize("name", MULTI_PAGE)
def test_no_heading_alone_at_the_foot_of_a_page(sv, name: str) -> None:
    for number, chars in enumerate(page_chars(sv["pdf"][name]), start=1):
        body = [c for c in chars if c.bottom > FOOTER_ZONE]
        headings = [c for c in body if c.size >= HEADING_PT]
        if not headings:
            continue
        lowest = min(c.bottom for c in headings)
        below = [c for c in body if c.size < HEADING_PT and c.top < lowest]
        assert len(below) > 20, f"page {number}: a heading with nothing after it"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_page_holds_just_a_line_or_two(sv, name: str) -> None:
    for number, text in enumerate(pdf_pages_text(sv["pdf"][name]), start=1):
        lines = [line for line in text.splitlines() if line.strip()]
        assert len(lines) - 2 >= 4, f"page {number} holds {len(lines) - 2} lines"  # 2: furniture


def test_journal_rows_never_split_and_headers_repeat(sv) -> None:
    path = sv["pdf"]["journal"]
    pages = raw_pages(path)
    assert len(pages) == page_count(path) > 1
    squashed = [squash(p) for p in pages]
    for entry in sv["board"]["journal"]:
        homes = [i for i, p in enumerate(pages) if re.search(rf"\b{entry['number']}\b", p)]
        assert len(homes) == 1, entry["number"]
        assert squash(entry["text"]) in squashed[homes[0]], f"{entry['number']} split"
    for text in pdf_pages_text(path):
        assert re.search(r"Nr\s+Händelsetid\s+Kategori\s+Text\s+Författare", text), text[:300]


def test_archive_rows_never_split(sv) -> None:
    squashed = [squash(p) for p in raw_pages(sv["pdf"]["archive"])]
    for entry in sv["board"]["journal"]:
        text = squash(entry["text"])
        assert any(text in page for page in squashed), f"{entry['number']} split across pages"


def _data_words(board: dict[str, Any]) -> set[str]:
    """Every word of the board's own data (strings anywhere in ``show --json``)."""
    words: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            words.update(re.findall(r"\w+", value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(board)
    return words


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_word_is_broken_at_a_line_end(sv, name: str) -> None:
    """A word split over two lines would leave two fragments whose join is a word of the data."""
    known = {w for w in _data_words(sv["after"]) if len(w) >= 6}
    for number, page in enumerate(raw_pages(sv["pdf"][name]), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        for a, b in itertools.pairwise(lines):
            head, tail = re.findall(r"\w+$", a), re.findall(r"^\w+", b)
            if head and tail and head[0] + tail[0] in known and head[0] not in known:
                pytest.fail(f"page {number}: {head[0]}|{tail[0]} broken inside a word")
    text = " ".join("\n".join(pdf_pages_text(sv["pdf"][name])).split())
    for broken in ("Författ are", "Avsluta d", "Informationsans varig", "Överlämnin g"):
        assert broken not in text


def test_board_print_is_one_landscape_page_with_absolute_times(sv) -> None:
    path = sv["pdf"]["board"]
    assert page_count(path) == 1 and is_landscape(path)
    (text,) = pdf_pages_text(path)
    flat = " ".join(text.split())
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
        "Sida 1 av 1",
    ):
        assert part in flat, part
    assert "…" not in flat  # nothing elided
    assert not re.search(r"\b(om|för) \d+ (min|h)\b", flat)  # no "om 29 min" on paper
    assert "sedan)" not in flat


def test_headers_and_footers_on_every_page(sv, en) -> None:
    for rendered, page_word, printed in ((sv, "Sida", "Utskriven"), (en, "Page", "Printed")):
        for name in DOCUMENTS:
            pages = pdf_pages_text(rendered["pdf"][name])
            for number, text in enumerate(pages, start=1):
                assert (
                    f"{page_word} {number} av {len(pages)}".replace(
                        " av ", " of " if page_word == "Page" else " av "
                    )
                    in text
                )
                assert "It-störningar hos leverantörer" in text
                assert f"{printed} 2024-01-29 16:00 +01:00" in text and "V1" in text


# ---------------------------------------------------------------------- languages

SWEDISH_WORDS = {"och", "sedan", "senast", "varav", "Inga", "Ingen", "Sida", "av", "Utskriven"}
ENGLISH_WORDS = {"the", "and", "of", "since", "due", "Page", "Printed", "None", "with", "by"}


def _document_words(rendered: dict[str, Any], name: str) -> list[str]:
    """The words of a document that are not the board's own data (names, texts, the journal's
    system entries, the stored handover summaries — all in Swedish, as recorded)."""
    data = _data_words(rendered["after"])
    data |= {"Dagpass", "Kvällspass", "RSSL", "V1", "UTC", "Europe", "Stockholm"}
    summaries = rendered["archive"] / "representations" / "tables" / "data" / "json"
    data |= _data_words(json.loads((summaries / "overlamningar.json").read_text("utf-8")))
    text = "\n".join(raw_pages(rendered["pdf"][name]))
    return [w for w in re.findall(r"[^\W\d_]+", text) if w not in data]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_english_documents_have_no_swedish_of_their_own(en, name: str) -> None:
    words = _document_words(en, name)
    swedish = sorted({w for w in words if re.search("[åäöÅÄÖ]", w) or w in SWEDISH_WORDS})
    assert swedish == [], swedish
    if name == "board":
        assert "OVERDUE" in words and "Page" in words


@pytest.mark.parametrize("name", DOCUMENTS)
def test_swedish_documents_have_no_english(sv, name: str) -> None:
    english = sorted({w for w in _document_words(sv, name) if w in ENGLISH_WORDS})
    assert english == [], english


def test_english_csv_headers_keep_the_excel_conventions(en) -> None:
    raw = (
        en["archive"] / "representations" / "tables" / "data" / "csv" / "stabsjournal.csv"
    ).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Number;Occurred;Recorded;Category;")
    readme = (en["archive"] / "documentation" / "README.txt").read_text("utf-8")
    assert readme.startswith("EVENT ARCHIVE") and "sha256sum -c SHA256SUMS" in readme


def test_the_stored_handover_summary_stays_swedish_in_english(en) -> None:
    handovers = en["after"]["journal"]
    assert any(e["text"].startswith("Överlämning från Dagpass") for e in handovers)
    summaries = (
        en["archive"] / "representations" / "tables" / "data" / "json" / "overlamningar.json"
    ).read_text("utf-8")
    assert "Beslut under perioden:" in summaries and "Decisions in the period" not in summaries
