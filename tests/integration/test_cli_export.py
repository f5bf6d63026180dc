"""The export commands and ``handover --pdf`` as a user runs them, on a copy of the demo board."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DEMO_AS_OF, cli, show_json
from tests.pdftext import is_landscape, page_count, pdf_pages_text, positions


@pytest.fixture
def board(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "board.db"
    shutil.copy(demo_db, copy)
    return copy


def on_board(board: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return cli(*args, "--db", str(board), now=DEMO_AS_OF)


def ok(board: Path, *args: str) -> str:
    proc = on_board(board, *args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", proc.stderr  # no Qt chatter either
    return proc.stdout


def test_journal_csv_round_trips_for_excel(board: Path, tmp_path: Path) -> None:
    out = tmp_path / "journal.csv"
    ok(board, "export", "journal-csv", str(out), "--since", "2024-01-25", "--until", "2024-01-29")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    assert raw.count(b"\r\n") >= raw.count(b"\n") - raw.count(b'"')  # CRLF record ends
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Nummer", "Händelsetid", "Registreringstid", "Kategori"]
    expected = [
        e
        for e in json.loads(ok(board, "log", "list", "--json"))
        if "2024-01-25" <= e["occurred_at"] < "2024-01-29"
    ]
    assert [r[0] for r in body] == [e["number"] for e in expected]
    assert [r[header.index("Text")] for r in body] == [e["text"] for e in expected]
    assert any("Integritetsskyddsmyndigheten" in r[7] and "å" in r[7] for r in body)
    assert {r[3] for r in body} >= {"Väsentlig händelse", "Beslut", "Överlämning"}


def test_journal_pdf_of_a_period_in_order(board: Path, tmp_path: Path) -> None:
    out = tmp_path / "journal.pdf"
    stdout = ok(board, "export", "journal-pdf", str(out), "--since", "2024-01-29T08:00")
    assert "13 journalposter" in stdout
    text = "\n".join(pdf_pages_text(out))
    numbers = re.findall(r"V1-\d{4}", text)
    assert numbers == [f"V1-{n:04d}" for n in range(42, 55)]
    assert "Stabsjournal" in text and "Leveransstörningarna i förbrukningsmaterial" in " ".join(
        text.split()
    )


def test_board_pdf_is_one_landscape_page(board: Path, tmp_path: Path) -> None:
    out = tmp_path / "tavlan.pdf"
    ok(board, "export", "board-pdf", str(out))
    assert page_count(out) == 1 and is_landscape(out)
    assert "Sida 1 av 1" in pdf_pages_text(out)[0]


def test_handover_pdf_covers_exactly_the_period(board: Path, tmp_path: Path) -> None:
    out = tmp_path / "överlämning.pdf"
    before = {e["number"] for e in show_json(board)["journal"]}
    ok(
        board,
        "handover",
        "--from",
        "Dagpass",
        "--to",
        "Kvällspass",
        "--note",
        "Lugnt läge – åäö",
        "--pdf",
        str(out),
    )
    pages = pdf_pages_text(out)
    assert len(pages) == page_count(out)
    text = "\n".join(pages)
    assert re.findall(r"V1-\d{4}", text) and set(re.findall(r"V1-\d{4}", text)) == {
        f"V1-{n:04d}" for n in range(42, 55)
    }
    assert "Lugnt läge – åäö" in text and "Kvällspass" in text
    after = show_json(board)["journal"]
    assert {e["number"] for e in after} - before == {"V1-0055", "V1-0056"}
    # The next handover starts where this one ended.
    proc = ok(board, "handover", "--from", "Kvällspass", "--to", "Nattpass")
    assert "Journalposter under perioden (0" in proc


def test_handover_pdf_into_a_missing_folder_records_nothing(board: Path, tmp_path: Path) -> None:
    before = show_json(board, now=DEMO_AS_OF)
    proc = on_board(
        board, "handover", "--from", "A", "--to", "B", "--pdf", str(tmp_path / "nej" / "x.pdf")
    )
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "Kan inte skriva" in proc.stderr
    assert show_json(board, now=DEMO_AS_OF) == before


def test_lagesbild_text_and_pdf(board: Path, tmp_path: Path) -> None:
    txt = tmp_path / "lägesbild.txt"
    ok(
        board,
        "export",
        "lagesbild",
        str(txt),
        "--section",
        "bedomning=Stabsläget kvarstår.",
        "--contact",
        "Stabschef RSSL",
    )
    text = txt.read_text(encoding="utf-8")
    positions(
        text,
        [
            "LÄGESBILD",
            "1. HÄNDELSEN",
            "2. KONSEKVENSER",
            "3. ÅTGÄRDER",
            "4. RESURSER",
            "5. AKTÖRER",
            "6. BEDÖMNING OCH PROGNOS",
            "Stabsläget kvarstår.",
        ],
    )
    assert "Beredskapsläge: Stabsläge (Region Västerbotten)" in text
    assert "Kontaktperson: Stabschef RSSL" in text
    assert ok(board, "export", "lagesbild", "-").startswith("LÄGESBILD – It-störningar")
    out = tmp_path / "lägesbild.pdf"
    ok(board, "export", "lagesbild", str(out))
    assert "6. Bedömning och prognos" in "\n".join(pdf_pages_text(out))


def test_archive_of_the_demo_event_verifies(board: Path, tmp_path: Path) -> None:
    target = tmp_path / "arkiv"
    stdout = ok(board, "export", "archive", str(target))
    assert "sha256sum -c SHA256SUMS" in stdout
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=target, capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    manifest = sorted(
        line.split("  ", 1)[1] for line in (target / "SHA256SUMS").read_text().splitlines()
    )
    assert manifest == [f for f in files if f != "SHA256SUMS"]
    for name in (
        "handelse",
        "beredskapsbeslut",
        "system",
        "atgarder",
        "stabsjournal",
        "overlamningar",
        "frister",
        "stabsorienteringar",
    ):
        data = "representations/tables/data"
        assert f"{data}/csv/{name}.csv" in files and f"{data}/json/{name}.json" in files
    readme = (target / "documentation" / "README.txt").read_text(encoding="utf-8")
    assert "E-ARK" in readme and "handelsearkiv.pdf" in readme
    pdf = target / "representations" / "pdfa" / "data" / "handelsearkiv.pdf"
    pdf_text = " ".join("\n".join(pdf_pages_text(pdf)).split())
    positions(
        pdf_text,
        [
            "Händelsearkiv",
            "Beslut om beredskapsläge",
            "Berörda system",
            "Historik: Utskrivningssystemet",
            "Åtgärder",
            "Överlämningar",
            "Stabsjournal",
            "V1-0001",
            "V1-0054",
        ],
    )

    # A non-empty folder is refused: one Swedish line, status 2, nothing written.
    proc = on_board(board, "export", "archive", str(target))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "inte tom" in proc.stderr
    assert (
        check.returncode == 0
        and subprocess.run(
            ["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=target, check=False
        ).returncode
        == 0
    )


def test_closed_event_stays_exportable(board: Path, tmp_path: Path) -> None:
    event_id = show_json(board)["event"]["id"]
    ok(board, "event", "close", "--reason", "Läget normaliserat")
    proc = on_board(board, "export", "archive", str(tmp_path / "a"))
    assert proc.returncode == 2 and "--event" in proc.stderr
    ok(board, "export", "archive", str(tmp_path / "a"), "--event", event_id[-8:])
    assert (
        subprocess.run(
            ["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=tmp_path / "a", check=False
        ).returncode
        == 0
    )
    readme = (tmp_path / "a" / "documentation" / "README.txt").read_text(encoding="utf-8")
    assert "avslutad" in readme and "Läget normaliserat" in readme
    ok(board, "export", "journal-csv", str(tmp_path / "j.csv"), "--event", event_id)
    assert "Händelse avslutad" in (tmp_path / "j.csv").read_text(encoding="utf-8-sig")


BAD_EXPORTS = [
    (
        "reversed period",
        ["journal-csv", "{tmp}/j.csv", "--since", "2024-01-29", "--until", "2024-01-28"],
        "slutar innan",
    ),
    ("bad since", ["journal-pdf", "{tmp}/j.pdf", "--since", "igår"], "Kan inte tolka"),
    ("missing folder", ["journal-csv", "{tmp}/nej/j.csv"], "Kan inte skriva"),
    ("csv name", ["journal-csv", "{tmp}/j.xlsx"], ".csv"),
    ("lägesbild format", ["lagesbild", "{tmp}/l.docx"], ".pdf/.txt"),
    ("unknown section", ["lagesbild", "{tmp}/l.txt", "--section", "prognos=x"], "Okänd del"),
    ("unknown event", ["board-pdf", "{tmp}/b.pdf", "--event", "deadbeef"], "Hittar ingen händelse"),
    ("archive onto a file", ["archive", "{tmp}/fil"], "är en fil"),
]


@pytest.mark.parametrize(
    ("label", "args", "fragment"), BAD_EXPORTS, ids=[b[0] for b in BAD_EXPORTS]
)
def test_bad_export_input_is_refused_on_one_line(
    board: Path, tmp_path: Path, label: str, args: list[str], fragment: str
) -> None:
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = on_board(board, "export", *[a.format(tmp=tmp_path) for a in args])
    assert proc.returncode == 2, (label, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before
