"""What leaves the room, through the CLI (issue 11): every outgoing PDF — the lägesbild, the posted
board print, the briefing agenda — leaves out entries hidden from the wall and text with a
personal identity number and says how many; the closure archive keeps and marks them; the archive
of an exercise says ÖVNING in its metadata and README and never takes in another event's data;
and one exercise from the IT template walked through every export, each checked for ÖVNING.
The window's side of the same documents is in tests/gui/test_outgoing_ui.py."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import DEMO_AS_OF, cli, show_json
from tests.pdftext import page_count, pdf_pages_text, pdf_raw_text
from tests.pnr import personnummer

NOW = datetime.fromisoformat(DEMO_AS_OF)
LEFT_OUT = (
    "Utelämnat i detta dokument: 1 journalpost dold på väggskärmen och 1 post som ser ut att "
    "innehålla ett personnummer."
)
TABLES = Path("representations") / "tables" / "data"
ARCHIVE_PDF = Path("representations") / "pdfa" / "data" / "handelsearkiv.pdf"


def ok(db: Path, *args: str, now: datetime | str = NOW) -> str:
    proc = cli(*args, "--db", str(db), now=now)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def flat(path: Path) -> str:
    """A PDF's text in drawing order (each table cell whole), with its line breaks and runs of
    spaces made single spaces."""
    return " ".join(pdf_raw_text(path).split())


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))


@pytest.fixture
def private(demo_db: Path, tmp_path: Path) -> tuple[Path, str]:
    """The demo board with a decision forced through with a personnummer and one hidden from
    the wall (both in the period of the next briefing's agenda, both significant)."""
    db = tmp_path / "board.db"
    shutil.copy(demo_db, db)
    pnr = personnummer(2093, 11, 4, 212)
    ok(db, "log", "add", f"Beslut: patient {pnr} flyttas till IVA", "--category", "decision",
       "--force")  # fmt: skip
    ok(db, "log", "add", "Intern bedömning av leverantören", "--category", "decision",
       "--to", "Kommunikationsdirektören", "--hidden-from-wall")  # fmt: skip
    return db, pnr


def test_every_outgoing_pdf_leaves_them_out_and_says_how_many(
    private: tuple[Path, str], tmp_path: Path
) -> None:
    db, pnr = private
    pdfs = {name: tmp_path / f"{name}.pdf" for name in ("board", "lagesbild", "agenda")}
    ok(db, "export", "board-pdf", str(pdfs["board"]))
    ok(db, "export", "lagesbild", str(pdfs["lagesbild"]))
    assert ok(db, "briefing", "agenda", "--pdf", str(pdfs["agenda"])).startswith(
        "Dagordning SO 2024-01-29 16:30 ("
    )
    for name, path in pdfs.items():
        text = flat(path)
        assert pnr not in text and pnr[2:] not in text, name
        assert "Intern bedömning" not in text and "Kommunikationsdirektören" not in text, name
        assert LEFT_OUT in text, name
    assert page_count(pdfs["board"]) == 1  # the note fits on the one page
    # the text faces say the same
    assert LEFT_OUT in ok(db, "export", "lagesbild", "-")
    assert LEFT_OUT in ok(db, "briefing", "agenda")


def test_the_closure_archive_keeps_them_and_marks_them(
    private: tuple[Path, str], tmp_path: Path
) -> None:
    db, pnr = private
    target = tmp_path / "arkiv"
    ok(db, "export", "archive", str(target))
    rows = csv_rows(target / TABLES / "csv" / "stabsjournal.csv")
    header, body = rows[0], rows[1:]
    assert header[-1] == "Stannar i rummet" and header[-2] == "Övning"
    marks = {r[7]: r[-1] for r in body}
    assert marks[f"Beslut: patient {pnr} flyttas till IVA"] == (
        "ser ut som ett personnummer; dold på väggskärmen"
    )
    assert marks["Intern bedömning av leverantören"] == "dold på väggskärmen"
    assert sum(1 for mark in marks.values() if mark) == 2
    records = json.loads((target / TABLES / "json" / "stabsjournal.json").read_text("utf-8"))
    by_text = {r["text"]: r["privacy"] for r in records}
    assert by_text["Intern bedömning av leverantören"] == ["hidden_from_wall"]
    assert by_text[f"Beslut: patient {pnr} flyttas till IVA"] == [
        "personal_id",
        "hidden_from_wall",
    ]
    text = flat(target / ARCHIVE_PDF)
    assert pnr in text and "Intern bedömning av leverantören" in text  # the record keeps them
    assert "Varav stannar i rummet 2" in text
    assert "Poster märkta ”Stannar i rummet” (2) är dolda på väggskärmen" in text
    assert "Stannar i rummet: ser ut som ett personnummer; dold på väggskärmen" in text
    assert "Stannar i rummet: dold på väggskärmen" in text
    readme = (target / "documentation" / "README.txt").read_text("utf-8")
    assert "2 journalposter stannar i rummet" in readme
    assert "hantera paketet som om det innehåller patientuppgifter" in readme
    assert "Paketet innehåller inga patientuppgifter" not in readme


def test_an_archive_without_marks_says_it_holds_no_patient_data(
    demo_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "arkiv"
    ok(demo_db, "export", "archive", str(target))
    readme = (target / "documentation" / "README.txt").read_text("utf-8")
    assert "stannar i rummet" not in readme and "ÖVNING" not in readme
    assert {r[-1] for r in csv_rows(target / TABLES / "csv" / "stabsjournal.csv")[1:]} == {""}


# ---------------------------------------------------------------------- an exercise, end to end

START = datetime.fromisoformat("2024-03-30T20:00+01:00")
LATER = datetime.fromisoformat("2024-03-31T08:00+02:00")  # after the change to summer time
SEEDED = "Aktivera reservrutiner i berörda verksamheter"


def _dc(target: Path) -> dict[str, list[str]]:
    root = ET.parse(target / "metadata" / "descriptive" / "dc.xml").getroot()
    out: dict[str, list[str]] = {}
    for element in root:
        out.setdefault(element.tag.rsplit("}", 1)[1], []).append(element.text or "")
    return out


def test_an_exercise_from_the_it_template_says_ovning_in_every_export(
    db: Path, tmp_path: Path
) -> None:
    name = "Övning IT-avbrott"
    out = ok(db, "event", "new", name, "--template", "it-avbrott-leverantor", "--exercise",
             now=START)  # fmt: skip
    assert out.rstrip().endswith("ÖVNING")
    ok(db, "deadline", "add", "nis_early_warning", now=START + timedelta(minutes=10))
    ok(db, "log", "add", "Övningsinspel: leverantören bekräftar avbrottet", now=START)
    clocks = ok(db, "deadline", "list", now=LATER)
    assert "NIS-incident, tidig varning" in clocks and "2024-03-31 21:10" in clocks

    files = {
        "csv": tmp_path / "journal.csv",
        "json": tmp_path / "journal.json",
        "journal-pdf": tmp_path / "journal.pdf",
        "txt": tmp_path / "lagesbild.txt",
        "lagesbild-pdf": tmp_path / "lagesbild.pdf",
        "board-pdf": tmp_path / "board.pdf",
        "agenda-pdf": tmp_path / "agenda.pdf",
    }
    said = {
        "csv": ok(db, "export", "journal-csv", str(files["csv"]), now=LATER),
        "json": ok(db, "export", "journal-json", str(files["json"]), now=LATER),
        "journal-pdf": ok(db, "export", "journal-pdf", str(files["journal-pdf"]), now=LATER),
        "txt": ok(db, "export", "lagesbild", str(files["txt"]), now=LATER),
        "lagesbild-pdf": ok(db, "export", "lagesbild", str(files["lagesbild-pdf"]), now=LATER),
        "board-pdf": ok(db, "export", "board-pdf", str(files["board-pdf"]), now=LATER),
        "agenda-pdf": ok(db, "briefing", "agenda", "--pdf", str(files["agenda-pdf"]), now=LATER),
    }
    assert said["csv"].startswith("ÖVNING: ") and said["agenda-pdf"].startswith("ÖVNING: ")

    rows = csv_rows(files["csv"])
    assert rows[0][13] == "Övning" and {r[13] for r in rows[1:]} == {"ÖVNING"}
    doc = json.loads(files["json"].read_text("utf-8"))
    assert (doc["exercise"], doc["marking"]) == (True, "ÖVNING")
    assert all(e["exercise"] for e in doc["entries"])
    text = files["txt"].read_text("utf-8")
    assert text.startswith(f"LÄGESBILD – {name} – ÖVNING\nÖVNING ÖVNING ÖVNING\n")
    assert text.rstrip().endswith("ÖVNING ÖVNING ÖVNING") and SEEDED in text
    agenda = ok(db, "briefing", "agenda", now=LATER)
    assert agenda.splitlines()[1] == "ÖVNING ÖVNING ÖVNING" and SEEDED in agenda
    for kind in ("journal-pdf", "lagesbild-pdf", "board-pdf", "agenda-pdf"):
        pages = pdf_pages_text(files[kind])
        for number, page in enumerate(pages, start=1):  # the running header and footer
            assert page.count("ÖVNING") >= 2, f"{kind} page {number}"
        assert "ÖVNING – ÖVNING – ÖVNING" in pages[0], kind  # the band under the title
    assert "Aktivera reservrutiner i berörda" in flat(files["board-pdf"])  # in a narrow column
    assert SEEDED in flat(files["agenda-pdf"])
    assert "NIS-incident, tidig varning" in flat(files["agenda-pdf"])

    target = tmp_path / "arkiv-ovning"
    ok(db, "export", "archive", str(target), now=LATER)
    readme = (target / "documentation" / "README.txt").read_text("utf-8")
    assert readme.startswith("ÖVNING – HÄNDELSEARKIV")
    assert "akten för en övning, inte för en verklig händelse" in readme
    assert readme.rstrip().endswith("ÖVNING ÖVNING ÖVNING")
    dc = _dc(target)
    assert dc["title"] == [f"ÖVNING: {name}"] and dc["type"] == ["Övning"]
    mets = ET.parse(target / "METS.xml").getroot()
    assert mets.attrib["LABEL"] == f"ÖVNING: {name}"
    meta = json.loads((target / "metadata" / "descriptive" / "event.json").read_text("utf-8"))
    assert meta[0]["exercise"] is True and meta[0]["marking"] == "ÖVNING"
    archived = csv_rows(target / TABLES / "csv" / "stabsjournal.csv")
    assert {r[13] for r in archived[1:]} == {"ÖVNING"}
    for page in pdf_pages_text(target / ARCHIVE_PDF):
        assert page.count("ÖVNING") >= 2

    # a real event afterwards: its archive holds nothing of the exercise and no marking
    ok(db, "event", "close", "--reason", "Övningen avslutad", now=LATER)
    real = LATER + timedelta(hours=2)
    ok(db, "event", "new", "Verkligt avbrott", now=real)
    ok(db, "log", "add", "Skarpt läge: leverantören har avbrott", now=real)
    target = tmp_path / "arkiv-skarpt"
    ok(db, "export", "archive", str(target), now=real)
    for path in target.rglob("*"):
        if path.suffix in {".csv", ".json", ".txt", ".xml"} and path.parent.name != "schemas":
            content = path.read_text("utf-8-sig")
            assert "ÖVNING" not in content and name not in content, path
            assert "Övningsinspel" not in content, path
    real_pdf = flat(target / ARCHIVE_PDF)
    assert "ÖVNING" not in real_pdf and "Övningsinspel" not in real_pdf
    assert "Skarpt läge" in real_pdf
    assert _dc(target)["title"] == ["Verkligt avbrott"]
    assert show_json(db, now=real)["event"]["exercise"] is False
