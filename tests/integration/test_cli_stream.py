"""``show --json`` and ``log list`` stream the journal row by row; what they print is exactly what
the whole-document functions print (``board_json``, ``entry_json``, ``entry_line``)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from situation_board.app.context import Options, open_context
from situation_board.cli.output import entry_line
from situation_board.domain.clock import fixed_clock
from situation_board.domain.entities import JournalEntry
from situation_board.reports.board_json import board_json, entry_json
from tests.conftest import DEMO_AS_OF, cli

TRICKY = 'Citat "så här" \\ snedstreck\tflik\nny rad — åäö ÅÄÖ é ü 🚑 </script> & 100 %'


@pytest.fixture
def board(demo_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "board.db"
    shutil.copy(demo_db, db)

    def log(*args: str) -> str:
        return cli("log", "add", *args, "--db", str(db), now=DEMO_AS_OF, check=True).stdout.strip()

    log(TRICKY, "--medium", "phone", "--from", "SOS Alarm", "--to", "Stabschef")
    first = log("Före omställningen till normaltid", "--occurred", "2023-10-29T02:30+02:00")
    log("Efter omställningen", "--occurred", "2023-10-29T02:30+01:00", "--category", "decision")
    log("Rättelse: fel tid", "--corrects", first, "--category", "significant")
    log("Dold för väggen", "--hidden-from-wall", "--occurred", "2024-01-29T15:00")
    return db


def _reference(db: Path) -> tuple[dict[str, object], list[JournalEntry], bool]:
    ctx = open_context(Options(db=db), clock=fixed_clock(datetime.fromisoformat(DEMO_AS_OF)))
    try:
        board = ctx.services().board()
        assert board.event is not None
        return board_json(board), list(board.journal), board.event.exercise
    finally:
        ctx.close()


def test_show_json_prints_what_the_whole_document_would(board: Path) -> None:
    expected, _entries, _exercise = _reference(board)
    out = cli("show", "--json", "--db", str(board), now=DEMO_AS_OF, check=True).stdout
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert json.loads(out)["journal"][-1]["text"] == "Rättelse: fel tid"


def test_log_list_json_and_text_print_what_the_entries_would(board: Path) -> None:
    _board, entries, exercise = _reference(board)
    out = cli("log", "list", "--json", "--db", str(board), now=DEMO_AS_OF, check=True).stdout
    items = [entry_json(e, exercise=exercise) for e in entries]
    assert out == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    text = cli("log", "list", "--db", str(board), now=DEMO_AS_OF, check=True).stdout
    assert text.splitlines() == "\n".join(entry_line(e, "sv") for e in entries).splitlines()
    assert "+02:00" in text and "+01:00" in text  # the repeated October hour, both sides


def test_a_period_and_an_empty_period(board: Path) -> None:
    _board, entries, exercise = _reference(board)
    args = ("--since", "2024-01-23", "--until", "2024-01-24T12:00", "--db", str(board))
    out = cli("log", "list", "--json", *args, now=DEMO_AS_OF, check=True).stdout
    since, until = "2024-01-23T00:00:00+01:00", "2024-01-24T12:00:00+01:00"
    chosen = [
        entry_json(e, exercise=exercise)
        for e in entries
        if since <= entry_json(e)["occurred_at"] < until
    ]
    assert chosen and json.loads(out) == chosen
    empty = ("--since", "2030-01-01", "--db", str(board))
    assert cli("log", "list", "--json", *empty, now=DEMO_AS_OF, check=True).stdout == "[]\n"
    assert cli("log", "list", *empty, now=DEMO_AS_OF, check=True).stdout == ""


def test_show_as_text_prints_the_latest_entries(board: Path) -> None:
    out = cli("show", "--db", str(board), now=DEMO_AS_OF, check=True).stdout
    assert out.rstrip().endswith("]")  # the correction, last: "… [rättar <id>]"
    assert "Rättelse: fel tid" in out.splitlines()[-1] and "Dold för väggen" in out
