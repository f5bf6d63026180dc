"""The local store: pragmas, transactions, outbox, HLC persistence, immutability, migrations."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from situation_board.domain.enums import ActionStatus, ReadinessLevel, SystemStatus
from situation_board.domain.errors import SchemaTooNewError, ValidationError
from situation_board.domain.hlc import Hlc
from situation_board.domain.patches import ActionPatch, SystemPatch
from situation_board.store import migrate
from situation_board.store.database import HEAD_REVISION, LocalStore
from situation_board.store.schema import journal, local_station, mapped_name, metadata, outbox

from .helpers import FakeClock, open_service


def test_pragmas_are_in_force(db: Path) -> None:
    store = LocalStore.open(db)
    with store.read() as conn:
        values = {
            p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()
            for p in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 10000,
    }


def test_writes_take_the_write_lock_at_begin(db: Path) -> None:
    """BEGIN IMMEDIATE: while a unit of work is open, another writer cannot even begin."""
    store = LocalStore.open(db)
    with store.write("t"):
        other = sqlite3.connect(db, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_every_change_appends_a_contiguous_outbox_row_in_the_same_transaction(db: Path) -> None:
    svc = open_service(db)
    svc.start_event("Test")
    svc.set_level(ReadinessLevel.STAFF, reason="Prov", decided_by="SL")
    system = svc.add_system("Utskrivning", status=SystemStatus.DOWN).value
    svc.update_system(system.id, SystemPatch(status=SystemStatus.LIMITED), comment="delvis")
    action = svc.add_action("Ring leverantören").value
    svc.update_action(action.id, ActionPatch(status=ActionStatus.DONE))
    svc.add_entry("Samtal med IT")
    with svc.store.read() as conn:
        rows = conn.execute(select(outbox).order_by(outbox.c.seq)).mappings().all()
        n_journal = conn.execute(select(func.count()).select_from(journal)).scalar_one()
        station = conn.execute(select(local_station)).mappings().one()
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert station["outbox_seq"] == len(rows)
    entities = [r["entity"] for r in rows]
    # event + entry, level + entry, system + entry, update + entry, action + entry, update + entry, entry
    assert entities.count("journal") == n_journal == 7
    assert entities.count("systems") == 2 and entities.count("actions") == 2
    update = next(r for r in rows if r["entity"] == "systems" and r["op"] == "update")
    insert = next(r for r in rows if r["entity"] == "systems" and r["op"] == "insert")
    assert update["changes"]["status"]["v"] == "limited"
    assert update["changes"]["status"]["base"] == insert["stamp"]  # the version it had seen
    assert update["changes"]["status"]["hlc"] == update["stamp"] > insert["stamp"]
    stamps = [r["stamp"] for r in rows]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_a_failed_unit_of_work_leaves_no_row_and_no_outbox(db: Path) -> None:
    svc = open_service(db)
    svc.start_event("Test")
    with svc.store.read() as conn:
        before = conn.execute(select(func.count()).select_from(outbox)).scalar_one()

    class Boom(Exception):
        pass

    with pytest.raises(Boom), svc.store.write("t") as tx:
        svc._log(tx, svc.board().event.id, "halvvägs")  # type: ignore[union-attr]
        raise Boom
    with pytest.raises(ValidationError):
        svc.add_entry("   ")
    with svc.store.read() as conn:
        assert conn.execute(select(func.count()).select_from(outbox)).scalar_one() == before
        assert conn.execute(select(func.count()).select_from(journal)).scalar_one() == 1


def test_journal_is_append_only_even_in_sql(db: Path) -> None:
    svc = open_service(db)
    svc.start_event("Test")
    svc.set_level(ReadinessLevel.STAFF, reason="Prov", decided_by="SL")
    svc.sign_handover("A", "B")
    raw = sqlite3.connect(db)
    for sql in (
        "UPDATE journal SET text = 'ändrad'",
        "DELETE FROM journal",
        "UPDATE level_decisions SET reason = 'x'",
        "DELETE FROM handovers",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute(sql)
    raw.close()
    with pytest.raises(ValueError, match="immutable"), svc.store.write("t") as tx:
        tx.update(journal, "x", {"text": "y"})


def test_hlc_is_persisted_and_monotonic_across_restart_and_clock_jump(db: Path) -> None:
    wall = [2_000_000_000_000]
    svc = open_service(db, hlc_wall=lambda: wall[0])
    svc.start_event("Test")
    svc.add_entry("ett")
    first = svc.store.hlc()
    svc.store.close()
    wall[0] -= 3_600_000  # the wall clock goes back an hour, and the program restarts
    svc2 = open_service(db, hlc_wall=lambda: wall[0])
    svc2.add_entry("två")
    second = svc2.store.hlc()
    assert second > first and second.ms == first.ms
    with svc2.store.read() as conn:
        stamps = [s for (s,) in conn.execute(select(outbox.c.stamp).order_by(outbox.c.seq))]
    assert stamps == sorted(stamps)
    assert Hlc.parse(stamps[-1])[0] == second


def test_migration_from_empty_matches_the_tables(db: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    assert migrate.head() == HEAD_REVISION
    store = LocalStore.open(db)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": mapped_name})
        diff = compare_metadata(context, metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert version == HEAD_REVISION
    # Only type-affinity noise is tolerated; no missing or extra table, column or index.
    assert [
        d
        for d in diff
        if d[0]
        in ("add_table", "remove_table", "add_column", "remove_column", "add_index", "remove_index")
    ] == []


def test_store_of_a_newer_schema_is_refused_and_left_untouched(db: Path, tmp_path: Path) -> None:
    svc = open_service(db)
    svc.start_event("Test")
    svc.store.close()
    raw = sqlite3.connect(db)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    copy = tmp_path / "before.db"
    shutil.copy(db, copy)
    with pytest.raises(SchemaTooNewError) as err:
        LocalStore.open(db)
    assert "nyare version" in err.value.message()
    assert db.read_bytes() == copy.read_bytes()


def test_garbage_file_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    from situation_board.domain.errors import BoardError

    with pytest.raises(BoardError) as err:
        LocalStore.open(bad)
    assert err.value.key == "db_unusable"


def test_station_code_is_kept_and_changed_only_deliberately(db: Path) -> None:
    svc = open_service(db, station="V7")
    svc.start_event("Test")
    assert svc.board().journal[0].number == "V7-0001"
    svc.store.close()
    svc = open_service(db)  # no code given: keep V7
    assert svc.add_entry("x").value.number == "V7-0002"
    svc.store.close()
    from situation_board.domain.errors import StateError

    with pytest.raises(StateError) as err:  # numbers carry V7: no silent renumbering
        open_service(db, station="V8")
    assert "V7" in err.value.message() and "V8" in err.value.message()
    svc = open_service(db)
    svc.store.set_station_code("V8")  # the deliberate way (identity dialog, `station V8`)
    assert svc.add_entry("y").value.number == "V8-0003"
    svc.store.close()
    fresh = open_service(db.with_name("fresh.db"), station="V1")
    fresh.store.close()
    renamed = open_service(db.with_name("fresh.db"), station="V2")  # nothing written yet: fine
    assert renamed.board().station.code == "V2"


def test_concurrent_writers_from_threads_keep_numbers_unique(db: Path) -> None:
    svc = open_service(db, clock=FakeClock())
    svc.start_event("Test")
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for i in range(25):
                svc.add_entry(f"rad {i}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = [e.number for e in svc.journal()]
    assert len(numbers) == len(set(numbers)) == 101
    with svc.store.read() as conn:
        seqs = [s for (s,) in conn.execute(select(outbox.c.seq).order_by(outbox.c.seq))]
    assert seqs == list(range(1, len(seqs) + 1))
