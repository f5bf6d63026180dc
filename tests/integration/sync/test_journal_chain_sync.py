"""The journal's hash chains through sync (issue 15 items 4 and 5): carried to the store and
checked on push; ``verify --store`` names an edited store row (SQLite file and PostgreSQL); a
restored station's new segment is a restore, never tampering, and never blocks its push; the
store records who pushed each row."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from psycopg import sql
from sqlalchemy import create_engine, make_url, select, text

from situation_board.services.integrity import verify_board, verify_store_rows
from situation_board.store import migrate as local_migrate
from situation_board.store.database import LocalStore
from situation_board.store.schema import journal
from situation_board.store.unit_of_work import os_account
from situation_board.sync import migrate as shared_migrate
from situation_board.sync.backend import SharedStore
from situation_board.sync.credentials import parse_store_url
from situation_board.sync.errors import SyncError
from tests.conftest import cli, run_cli
from tests.integration.sync.helpers import Station, init_store
from tests.pg import PgCluster


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        value = f"sqlite:///{tmp_path / 'shared' / 'store.db'}"
    else:
        value = str(request.getfixturevalue("pg_url"))
    init_store(value)
    return value


def _two_stations(tmp_path: Path, url: str) -> tuple[Station, Station]:
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    a.svc.start_event("Övning")
    for i in range(3):
        a.svc.add_entry(f"V1 post {i}")
    a.sync()
    b.sync()
    b.svc.add_entry("V2 post")
    b.sync()
    a.sync()
    return a, b


def _edit_store_row(url: str, number: str, new_text: str) -> None:
    """Change the text of journal entry ``number`` in the store, past its trigger."""
    engine = create_engine(parse_store_url(url).url)
    postgres = "postgresql" in url
    try:
        with engine.begin() as conn:
            rows = conn.execute(
                text("SELECT id, fields FROM entities WHERE entity = 'journal'")
            ).all()
            for entry_id, fields in rows:
                data = json.loads(fields) if isinstance(fields, str) else fields
                if data["number"]["v"] != number:
                    continue
                data["text"]["v"] = new_text
                if postgres:
                    conn.execute(text("ALTER TABLE entities DISABLE TRIGGER entities_immutable"))
                    sql = "UPDATE entities SET fields = CAST(:f AS json) WHERE id = :id"
                else:
                    conn.execute(text("DROP TRIGGER entities_immutable_update"))
                    sql = "UPDATE entities SET fields = :f WHERE id = :id"
                conn.execute(text(sql), {"f": json.dumps(data), "id": entry_id})
    finally:
        engine.dispose()


def test_chains_reach_the_store_and_verify(tmp_path: Path, url: str) -> None:
    a, b = _two_stations(tmp_path, url)
    report = verify_store_rows(a.shared.journal_rows())
    assert report.ok and report.chains == 2 and report.entries == 5
    assert verify_board(a.store).ok and verify_board(b.store).ok  # pulled chains verify too
    roles = {r[3] for r in a.shared.journal_rows()}
    assert len(roles) == 1 and None not in roles  # who pushed each row
    result = cli("verify", "--store", url)
    assert result.returncode == 0, result.stdout + result.stderr


def test_verify_names_an_edited_store_row(tmp_path: Path, url: str) -> None:
    _two_stations(tmp_path, url)
    _edit_store_row(url, "V1-0003", "Ändrad i efterhand")
    result = cli("verify", "--store", url)
    assert result.returncode == 1
    assert "V1-0003" in result.stderr


def test_the_store_refuses_a_push_whose_chain_is_broken(tmp_path: Path, url: str) -> None:
    a = Station(tmp_path, "V1", url)
    a.svc.start_event("Övning")
    a.svc.add_entry("Ursprunglig text")
    with sqlite3.connect(tmp_path / "V1.db") as conn:  # the outbox altered before the push
        seq, changes = conn.execute(
            "SELECT seq, changes FROM outbox WHERE entity = 'journal' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        data = json.loads(changes)
        data["text"]["v"] = "Ändrad före sändningen"
        conn.execute("UPDATE outbox SET changes = ? WHERE seq = ?", (json.dumps(data), seq))
    with pytest.raises(SyncError) as err:
        a.sync()
    assert err.value.key == "chain_broken"
    assert "V1-0002" in err.value.message("sv") and "vägrade" in err.value.message("sv")
    engine = create_engine(parse_store_url(url).url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM entities")).scalar_one()
    finally:
        engine.dispose()
    assert stored == 0  # nothing of the batch was saved


def test_a_restored_station_starts_a_segment_reported_as_a_restore(
    tmp_path: Path, sqlite_url: str
) -> None:
    init_store(sqlite_url)
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.start_event("Händelse")
    a.svc.add_entry("före säkerhetskopian")
    a.sync()
    a.store.close()
    backup = tmp_path / "backup.db"
    shutil.copy(tmp_path / "V1.db", backup)
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.add_entry("efter kopian, synkad")
    a.sync()
    a.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp_path / 'V1.db'}{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, tmp_path / "V1.db")
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.add_entry("skrivet efter återställningen")  # a branch of the old site's chain
    a.sync()  # never blocked by it
    a.svc.add_entry("och en till")  # the new site's first link records the restore
    a.sync()
    b = Station(tmp_path, "V2", sqlite_url)
    b.sync()
    for report in (
        verify_store_rows(a.shared.journal_rows()),
        verify_board(a.store),
        verify_board(b.store),
    ):
        assert report.ok, report.findings
        assert {f.kind for f in report.findings} == {"restore"}
    result = cli("verify", "--store", sqlite_url)
    assert result.returncode == 0 and "återställ" in result.stdout


def test_a_sqlite_store_records_the_pushing_account(tmp_path: Path, sqlite_url: str) -> None:
    """For a SQLite file the pushing role is the OS account of the pushing process: a push by
    another account (a real program process logged in as someone else) is noted by verify."""
    init_store(sqlite_url)
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.start_event("Händelse")
    a.svc.add_entry("ett")
    a.sync()
    a.svc.add_entry("två")
    a.close()
    other = {"LOGNAME": "annan_anvandare", "USER": "annan_anvandare", "USERNAME": "annan_anvandare"}
    db = str(tmp_path / "V1.db")
    run_cli("--db", db, "sync", "--once", "--store", sqlite_url, env=other, check=True)
    rows = SharedStore(parse_store_url(sqlite_url)).journal_rows()
    assert {r[3] for r in rows} == {os_account(), "annan_anvandare"}
    report = verify_store_rows(rows)
    assert report.ok  # a note, not a failure: the chain is whole
    roles = [f for f in report.findings if f.kind == "role"]
    assert [(f.number, f.detail) for f in roles] == [("V1-0003", "annan_anvandare")]
    result = cli("verify", "--store", sqlite_url)
    assert (
        result.returncode == 0 and "V1-0003" in result.stdout and "annan_anvandare" in result.stdout
    )


@pytest.mark.postgres
def test_a_postgres_store_records_the_pushing_role(
    tmp_path: Path, pg_url: str, pg_cluster: PgCluster
) -> None:
    init_store(pg_url)
    dbname = str(make_url(pg_url).database)
    with pg_cluster.admin(dbname) as conn:
        conn.execute("DROP ROLE IF EXISTS stab_annan")
        conn.execute("CREATE ROLE stab_annan LOGIN")
        conn.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO stab_annan").format(sql.Identifier(dbname))
        )
        conn.execute("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO stab_annan")
    a = Station(tmp_path, "V1", pg_url)
    a.svc.start_event("Händelse")
    a.svc.add_entry("ett")
    a.svc.add_entry("två")
    a.sync()
    a.svc.add_entry("tre")
    a.shared = SharedStore(parse_store_url(pg_cluster.url(dbname, user="stab_annan")))
    a.sync()
    rows = a.shared.journal_rows()
    assert {r[3] for r in rows} == {"postgres", "stab_annan"}
    report = verify_store_rows(rows)
    assert report.ok
    roles = [(f.number, f.detail) for f in report.findings if f.kind == "role"]
    assert roles == [("V1-0004", "stab_annan")]


def test_an_older_store_and_its_boards_are_chained_alike(tmp_path: Path, url: str) -> None:
    """A store and boards from before chains (shared s0002, local 0004), one entry not yet
    pushed: after both upgrades every link agrees, the pending entry is taken, and the chains
    go on."""
    a, b = _two_stations(tmp_path, url)
    a.svc.add_entry("skrivet före uppgraderingen, ej synkat")
    a.close()
    b.close()
    engine = create_engine(parse_store_url(url).url)
    try:
        with engine.begin() as conn:
            command.downgrade(shared_migrate.config(conn), "s0002")
            conn.execute(text("UPDATE store_meta SET value = '2' WHERE key = 'schema_version'"))
    finally:
        engine.dispose()
    for code in ("V1", "V2"):
        old = LocalStore.open(tmp_path / f"{code}.db")
        with old.engine.connect() as conn:
            command.downgrade(
                local_migrate.config(conn.execution_options(sqlite_begin="IMMEDIATE")),
                "0004_journal_search",
            )
            conn.commit()
        old.close()
    init_store(url)  # `store init`: the store's own entries are chained
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)  # and the boards'
    a.sync()  # the pending entry continues the chain the store holds
    b.sync()
    stored = {
        r[0]: json.loads(r[1]) if isinstance(r[1], str) else r[1] for r in a.shared.journal_rows()
    }
    for station in (a, b):
        with station.store.read() as conn:
            local_links = dict(conn.execute(select(journal.c.id, journal.c.chain_hash)).all())
        assert local_links == {k: v["chain_hash"]["v"] for k, v in stored.items()}
        assert verify_board(station.store).ok
    a.svc.add_entry("efter uppgraderingen")
    a.sync()
    assert verify_store_rows(a.shared.journal_rows()).ok
