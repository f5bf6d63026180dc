"""Station identity over time: a restored local board, a rebuilt store, a reused station code.
Nothing written may be lost, and no journal number may stop a station from writing or pulling."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from situation_board.domain.errors import StateError
from situation_board.store.database import LocalStore
from situation_board.sync.errors import SyncError
from tests.conftest import run_cli
from tests.integration.sync.helpers import Station, init_store, store_journal_ids


def texts(station: Station) -> set[str]:
    return {e["text"] for e in station.board()["journal"]}


def test_a_restored_local_board_loses_nothing(tmp_path: Path, sqlite_url: str) -> None:
    init_store(sqlite_url)
    a, b = Station(tmp_path, "V1", sqlite_url), Station(tmp_path, "V2", sqlite_url)
    a.svc.start_event("Händelse")
    a.svc.add_entry("före säkerhetskopian")
    a.sync()
    a.store.close()
    backup = tmp_path / "backup.db"
    shutil.copy(tmp_path / "V1.db", backup)  # the nightly backup of the station's disk
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.add_entry("efter kopian, synkad")
    a.sync()
    a.close()
    for suffix in ("", "-wal", "-shm"):  # the disk is lost; the backup is put back
        Path(f"{tmp_path / 'V1.db'}{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, tmp_path / "V1.db")
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.add_entry("skrivet efter återställningen")  # reuses a sequence and a number
    a.sync()  # must not be taken for a duplicate
    a.svc.add_entry("och en till")
    a.sync()
    b.sync()
    wanted = {
        "före säkerhetskopian",
        "efter kopian, synkad",
        "skrivet efter återställningen",
        "och en till",
    }
    assert wanted <= texts(b) and wanted <= texts(a)
    ids = store_journal_ids(sqlite_url)
    assert len(ids) == len(set(ids))
    assert a.board() == b.board()


def test_a_store_can_be_rebuilt_from_any_one_station(tmp_path: Path, tmp_path_factory) -> None:
    first = f"sqlite:///{tmp_path / 'store1.db'}"
    init_store(first)
    a, b = Station(tmp_path, "V1", first), Station(tmp_path, "V2", first)
    a.svc.start_event("Händelse")
    a.svc.add_entry("skrivet på V1")
    a.sync()
    b.sync()
    b.svc.add_entry("skrivet på V2")
    b.sync()
    a.sync()
    before = a.board()
    a.close()  # V1 is gone with the store; only V2 is left
    rebuilt = f"sqlite:///{tmp_path / 'store2.db'}"
    init_store(rebuilt)
    b2 = Station(tmp_path, "V2", rebuilt)
    b.close()
    b2.sync()
    c = Station(tmp_path, "V3", rebuilt)  # a new station joins the rebuilt store
    c.sync()
    assert {"skrivet på V1", "skrivet på V2"} <= texts(c)
    assert c.board() == b2.board() == before
    assert c.conflicts() == []


def test_a_reused_station_code_never_blocks_writing_or_pulling(
    tmp_path: Path, sqlite_url: str
) -> None:
    init_store(sqlite_url)
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.start_event("Händelse")
    for i in range(3):
        a.svc.add_entry(f"V1 post {i}")
    a.sync()
    a.store.set_station_code("V9")  # renamed deliberately; V1 is free again
    a.svc.add_entry("efter bytet")
    a.sync()
    (tmp_path / "new").mkdir()
    d = Station(tmp_path / "new", "V1", sqlite_url)  # a new PC takes the code
    d.sync()  # it pulls V1-0001…0004 first
    entry = d.svc.add_entry("ny station med V1").value
    assert entry.number == "V1-0005"  # its counter moved past what it pulled
    d.sync()
    a.sync()
    assert "ny station med V1" in texts(a)


def test_a_default_code_clash_is_told_and_writing_goes_on(tmp_path: Path, sqlite_url: str) -> None:
    init_store(sqlite_url)
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.start_event("Händelse")
    a.svc.add_entry("V1 skriver")
    a.sync()
    (tmp_path / "pc2").mkdir()
    clash = Station(tmp_path / "pc2", "V1", sqlite_url)  # nobody set a code: V1 again
    clash.sync()  # pulling is fine: it sends nothing yet
    e = clash.svc.add_entry("skrivet innan någon märkt krocken").value  # no local failure
    assert e.number == "V1-0003"  # past the two it pulled: no number is reused
    with pytest.raises(SyncError) as err:
        clash.sync()
    assert err.value.key == "station_code_taken"
    clash.store.set_station_code("V2")
    clash.sync()
    a.sync()
    assert "skrivet innan någon märkt krocken" in texts(a)


def test_station_option_does_not_silently_renumber_a_board(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    run_cli("event", "new", "Händelse", "--db", str(db), check=True)
    proc = run_cli("show", "--station", "V9", "--db", str(db))
    assert proc.returncode == 2 and "station V1" in proc.stderr and "station V9" in proc.stderr
    assert run_cli("station", "--db", str(db), check=True).stdout.strip() == "V1"
    assert run_cli("station", "V9", "--db", str(db), check=True).returncode == 0
    assert run_cli("log", "add", "x", "--db", str(db), check=True).stdout.strip() == "V9-0002"
    with pytest.raises(StateError):
        LocalStore.open(db, station="V1")
