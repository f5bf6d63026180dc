"""Output never carries raw control bytes (issue 14), whatever the board holds: text written
before the input rule existed, or received by sync from an older station, is stored as it came
(the journal is immutable and hash-chained) and made safe where it is shown — the terminal
(``log list``, ``show``, errors), JSON, and the CSV for Excel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from situation_board.app import logs
from situation_board.cli import HANDLERS
from situation_board.domain.enums import EntryCategory
from situation_board.store.schema import journal
from tests.conftest import cli
from tests.integration.helpers import open_service

NOW = "2024-01-22T15:00:00+01:00"
HOSTILE = "Rad\x1b[2J\x1b[31mRÖD\x1b[0m slut\rV1-9999  forged\x07\x7f\x9b\u202eevil"


def _raw_control(data: bytes) -> list[int]:
    text = data.decode("utf-8")
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
    return [ord(c) for c in bad if c != "\r"] + [ord(c) for c in bad if c == "\r"]


def _old_data_board(db: Path) -> None:
    """A board holding hostile text the way an older version stored it (below the rule)."""
    svc = open_service(db, station="V1")
    svc.start_event("Gammal data")
    event_id = svc.board().event.id  # type: ignore[union-attr]
    with svc.store.write("Gammal version") as tx:
        svc._log(tx, event_id, HOSTILE, category=EntryCategory.INFORMATION, from_party="A\x1bB")
    with svc.store.read() as conn:
        assert HOSTILE in conn.execute(journal.select()).mappings().all()[-1]["text"]
    svc.store.close()


def test_listing_showing_and_exporting_hostile_text_is_safe(tmp_path: Path) -> None:
    db = tmp_path / "board.db"
    _old_data_board(db)
    listed = cli("log", "list", "--db", str(db), now=NOW, check=True).stdout
    assert not _raw_control(listed.encode())
    assert "␛[2J␛[31mRÖD␛[0m slut␍V1-9999  forged␇␡<U+009B><U+202E>evil" in listed
    assert "\u202e" not in listed
    # every line of the listing is an entry (starts with its number) or an indented continuation
    assert all(line.startswith(("V1-", " ")) for line in listed.splitlines())

    shown = cli("show", "--db", str(db), now=NOW, check=True).stdout
    assert not _raw_control(shown.encode()) and "\u202e" not in shown

    as_json = cli("show", "--json", "--db", str(db), now=NOW, check=True).stdout
    assert not _raw_control(as_json.encode()) and "\u202e" not in as_json
    texts = [e["text"] for e in json.loads(as_json)["journal"]]
    assert HOSTILE in texts  # the data itself is exact: only its display is escaped

    entries = cli("log", "list", "--json", "--db", str(db), now=NOW, check=True).stdout
    assert not _raw_control(entries.encode()) and HOSTILE in [
        e["text"] for e in json.loads(entries)
    ]

    csv_file = tmp_path / "journal.csv"
    cli("export", "journal-csv", str(csv_file), "--db", str(db), now=NOW, check=True)
    body = csv_file.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    assert not _raw_control(body.encode())
    assert "RÖD" in body


def test_an_error_echoing_hostile_input_is_safe(tmp_path: Path) -> None:
    db = tmp_path / "board.db"
    cli("event", "new", "Prov", "--db", str(db), now=NOW, check=True)
    proc = cli("system", "set", "Okänt\x1b[2J", "--status", "down", "--db", str(db), now=NOW)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "␛[2J" in proc.stderr and "\x1b" not in proc.stderr


def test_an_unexpected_error_is_one_line_and_its_traceback_is_in_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_inv: object) -> int:
        raise RuntimeError("a bug that should never reach the terminal")

    from situation_board.cli import records

    assert HANDLERS["event list"] == "records.event_list"
    monkeypatch.setattr(records, "event_list", broken)
    db = tmp_path / "board.db"
    cli("event", "new", "Prov", "--db", str(db), now=NOW, check=True)
    proc = cli("event", "list", "--db", str(db), now=NOW)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr and "loggfilen" in proc.stderr
    log_text = logs.log_path().read_text(encoding="utf-8")
    assert "RuntimeError: a bug that should never reach the terminal" in log_text
    assert "Traceback" in log_text
