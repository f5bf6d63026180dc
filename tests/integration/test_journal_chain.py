"""The tamper-evident journal on a local board (issue 15 item 4): each station's entries form a
hash chain written with the entry; ``verify`` names the first entry that does not match; an
older board is chained by its migration in recorded order."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import select

from situation_board.domain.chain import GENESIS, SEGMENT_MIGRATED, SEGMENT_START, entry_hash
from situation_board.domain.enums import ReadinessLevel
from situation_board.services.integrity import verify_board
from situation_board.store import migrate
from situation_board.store.database import LocalStore
from situation_board.store.schema import journal, local_station
from tests.conftest import cli
from tests.integration.helpers import FakeClock, open_service


def _board(path: Path, entries: int = 4) -> None:
    clock = FakeClock()
    svc = open_service(path, clock)
    svc.start_event("Övning kedja", exercise=True)
    for i in range(entries):
        clock.advance(minutes=1)
        svc.add_entry(f"Post {i}")
    svc.set_level(ReadinessLevel.STAFF, reason="Test")
    svc.store.close()


def _rows(path: Path) -> list[dict[str, object]]:
    store = LocalStore.open(path)
    try:
        with store.read() as conn:
            return [
                dict(r)
                for r in conn.execute(select(journal).order_by(journal.c.chain_seq)).mappings()
            ]
    finally:
        store.close()


def test_entries_chain_in_writing_order(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    _board(db)
    rows = _rows(db)
    assert [r["chain_seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["chain_prev"] == GENESIS and rows[0]["chain_segment"] == SEGMENT_START
    for before, after in itertools.pairwise(rows):
        assert after["chain_prev"] == before["chain_hash"]
    assert all(entry_hash(r) == r["chain_hash"] for r in rows)
    assert all(r["os_account"] for r in rows)  # the account logged in at the workstation
    store = LocalStore.open(db)
    try:
        report = verify_board(store)
        with store.read() as conn:
            head = conn.execute(select(local_station.c.chain_seq, local_station.c.chain_head)).one()
    finally:
        store.close()
    assert report.ok and report.entries == len(rows) and report.chains == 1
    assert head == (rows[-1]["chain_seq"], rows[-1]["chain_hash"])


def test_verify_names_a_local_row_edited_past_the_trigger(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    _board(db)
    assert cli("verify", "--db", str(db)).returncode == 0
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP TRIGGER journal_no_update")
        conn.execute("UPDATE journal SET text = 'Post 1 (ändrad)' WHERE number = 'V1-0003'")
    result = cli("verify", "--db", str(copy))
    assert result.returncode == 1, result.stderr
    assert "V1-0003" in result.stderr and "V1-0003" in result.stdout
    assert cli("verify", "--db", str(db)).returncode == 0  # the original is untouched


def test_verify_names_a_removed_entry(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    _board(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER journal_no_delete")
        conn.execute("DELETE FROM journal WHERE number = 'V1-0002'")
    result = cli("verify", "--db", str(db))
    assert result.returncode == 1
    assert "V1-0003" in result.stderr  # the first entry after the gap


def test_migration_chains_an_older_board_in_recorded_order(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _board(db, entries=6)
    store = LocalStore.open(db)
    with store.engine.connect() as conn:  # back to the board as it was before chains
        command.downgrade(
            migrate.config(conn.execution_options(sqlite_begin="IMMEDIATE")), "0004_journal_search"
        )
        conn.commit()
    store.close()
    with sqlite3.connect(db) as conn:
        assert "chain_hash" not in {r[1] for r in conn.execute("PRAGMA table_info(journal)")}
        stamps = [r[0] for r in conn.execute("SELECT id FROM journal ORDER BY stamp")]
    rows = _rows(db)  # opening upgrades it
    assert [r["id"] for r in rows] == stamps  # chained in the order they were written
    assert rows[0]["chain_segment"] == SEGMENT_MIGRATED
    store = LocalStore.open(db)
    try:
        assert verify_board(store).ok
    finally:
        store.close()
    svc = open_service(db, FakeClock())  # the next entry continues the chain
    svc.add_entry("Efter uppgraderingen")
    svc.store.close()
    rows = _rows(db)
    assert rows[-1]["chain_prev"] == rows[-2]["chain_hash"] and rows[-1]["chain_segment"] == ""
    assert cli("verify", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:  # the outbox carries the chain too
        changes = [
            r[0] for r in conn.execute("SELECT changes FROM outbox WHERE entity = 'journal'")
        ]
    assert all('"chain_hash"' in c for c in changes)


def test_the_archive_holds_the_chain_heads_and_verify_names_an_edited_file(
    tmp_path: Path,
) -> None:
    db = tmp_path / "b.db"
    _board(db)
    svc = open_service(db, FakeClock())
    svc.add_entry("Sista posten")
    event_id = svc.journal()[0].event_id
    svc.close_event("Klart")
    svc.store.close()
    target = tmp_path / "arkiv"
    assert (
        cli("export", "archive", str(target), "--event", event_id, "--db", str(db)).returncode == 0
    )
    chains = json.loads(next(target.rglob("chains.json")).read_text(encoding="utf-8"))[0]
    rows = _rows(db)
    assert [(h["seq"], h["hash"], h["station"]) for h in chains["heads"]] == [
        (rows[-1]["chain_seq"], rows[-1]["chain_hash"], "V1")
    ]
    assert all(e["os_account"] for e in chains["entries"])  # the archive keeps the accounts
    ok = cli("verify", str(target), "--db", str(db))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    journal_json = next(target.rglob("stabsjournal.json"))
    entries = json.loads(journal_json.read_text(encoding="utf-8"))
    entries[2]["text"] = "Ändrad i arkivet"
    journal_json.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    bad = cli("verify", str(target), "--db", str(db))
    assert bad.returncode == 1
    assert entries[2]["number"] in bad.stderr and "stabsjournal.json" in bad.stdout


def test_verify_refuses_bad_input_with_status_2(tmp_path: Path) -> None:
    empty = tmp_path / "tom"
    empty.mkdir()
    result = cli("verify", str(empty), "--db", str(tmp_path / "b.db"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    both = cli("verify", "--store", "sqlite:///x.db", str(empty))
    assert both.returncode == 2
