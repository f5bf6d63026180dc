"""Real processes: stations as separate CLI processes, and kill -9 at each point of a push."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from situation_board.sync import local
from tests.conftest import ROOT, run_cli
from tests.integration.sync.helpers import Station, init_store, store_journal_ids


def cli(db: Path, code: str, *args: str, env: dict[str, str] | None = None) -> str:
    proc = run_cli("--db", str(db), "--station", code, *args, env=env)
    assert proc.returncode == 0, f"{args}: {proc.stderr}"
    return proc.stdout


def board(db: Path, code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(cli(db, code, "show", "--json"))
    data.pop("sync")
    return data


@pytest.mark.slow
def test_three_station_processes_converge(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'share' / 'store.db'}"
    assert "skapad" in cli(tmp_path / "init.db", "X1", "store", "init", url)
    v1, v2, v3 = (tmp_path / f"{c}.db" for c in ("V1", "V2", "V3"))
    cli(v1, "V1", "event", "new", "Övning reservrutiner", "--exercise")
    cli(v1, "V1", "level", "set", "staff", "--reason", "Systemavbrott")
    cli(v1, "V1", "sync", "--once", "--store", url)
    cli(v2, "V2", "sync", "--once", "--store", url)
    cli(v2, "V2", "system", "add", "Beställningssystem", "--status", "down")
    cli(v3, "V3", "sync", "--once", "--store", url)
    cli(v3, "V3", "log", "add", "Rapport från V3", "--category", "contact")
    for db, code in ((v2, "V2"), (v3, "V3"), (v1, "V1"), (v2, "V2")):
        out = cli(db, code, "sync", "--once", "--store", url)
        assert out.startswith("Synkat med sqlite:///")
    boards = [board(db, code) for db, code in ((v1, "V1"), (v2, "V2"), (v3, "V3"))]
    assert boards[0] == boards[1] == boards[2]
    assert boards[0]["level"]["level"] == "staff"
    assert [s["name"] for s in boards[0]["systems"]] == ["Beställningssystem"]
    texts = [j["text"] for j in boards[0]["journal"]]
    assert "Rapport från V3" in texts
    shown = json.loads(cli(v3, "V3", "show", "--json"))["sync"]
    assert shown["store"] == url
    assert shown["pending"] == 0 and shown["last_success_at"] and shown["last_error"] is None


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.parametrize(
    ("fault", "stored"),
    [
        ("before_send", False),
        ("after_counter", False),
        ("after_store_commit", True),
        ("after_ack", True),
    ],
)
def test_kill_9_during_push_then_restart(
    tmp_path: Path, pg_url: str, fault: str, stored: bool
) -> None:
    init_store(pg_url)
    a = Station(tmp_path, "V1", pg_url)
    a.svc.start_event("Avbrott")
    for i in range(20):
        a.svc.add_entry(f"Post {i}")
    written = a.journal_ids()
    a.close()
    db = tmp_path / "V1.db"
    proc = run_cli("--db", str(db), "sync", "--once", "--store", pg_url, env={"SB_FAULT": fault})
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert sorted(store_journal_ids(pg_url)) == (written if stored else [])
    a = Station(tmp_path, "V1", pg_url)
    assert a.pending() == len(written) + 1  # nothing was marked: the outbox is whole
    a.close()

    out = cli(db, "V1", "sync", "--once", "--store", pg_url)  # restart and sync
    assert ("redan kända" in out) == stored
    b = Station(tmp_path, "V2", pg_url)
    b.sync()
    b.svc.add_entry("Från V2 efter omstarten.")
    b.sync()
    cli(db, "V1", "sync", "--once", "--store", pg_url)
    a = Station(tmp_path, "V1", pg_url)
    in_store = store_journal_ids(pg_url)
    assert len(in_store) == len(set(in_store)) == len(written) + 1  # every entry exactly once
    assert a.journal_ids() == b.journal_ids() == sorted(in_store)
    assert a.pending() == b.pending() == 0
    assert local.last_acked(a.store) == len(written) + 1


@pytest.mark.slow
def test_foreground_sync_runs_until_sigterm(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'share' / 'store.db'}"
    init_store(url)
    config = tmp_path / "station.toml"
    config.write_text(
        f'station = "V7"\nstore_url = "{url}"\nsync_interval_s = 1\n', encoding="utf-8"
    )
    db = tmp_path / "V7.db"
    cli(db, "V7", "event", "new", "Huvudlös station")
    proc = subprocess.Popen(
        [sys.executable, "-m", "situation_board", "--config", str(config), "--db", str(db), "sync"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 20
        while not store_journal_ids(url) and time.monotonic() < deadline:
            time.sleep(0.2)
        cli(db, "V7", "log", "add", "Skrivet medan synken går")  # another process writes
        while len(store_journal_ids(url)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(store_journal_ids(url)) == 2
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Synkar med sqlite:///" in out and "Synkat" in out and "Synk stoppad." in out
