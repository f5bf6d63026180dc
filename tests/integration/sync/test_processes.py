"""Real processes: stations as separate CLI processes, and kill -9 at each point of a push."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from situation_board.store import faults
from situation_board.sync import local
from situation_board.sync.backend import SharedStore
from situation_board.sync.client import SyncClient
from situation_board.sync.credentials import parse_store_url
from tests.conftest import ROOT, run_cli, show_json
from tests.integration.helpers import open_service
from tests.integration.sync.helpers import Station, init_store, store_journal_ids
from tests.pg import find_bindir
from tests.reliability import record, scale


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


# ---------------------------------------------------------------------- kills at random moments

KILL_STAGES = {
    "write": faults.WRITE_POINTS,  # `log add`: the local write transaction
    "push": (*faults.PUSH_POINTS, *faults.PULL_POINTS),  # `sync --once`
}


class StationProc:
    """One station board used by real program processes (``python -m situation_board``)."""

    def __init__(self, tmp: Path, code: str, url: str) -> None:
        self.code, self.url = code, url
        self.db = tmp / f"{code}.db"

    def argv(self, *args: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "situation_board",
            "--db",
            str(self.db),
            "--station",
            self.code,
            *args,
        ]

    def sync(self) -> None:
        """Restart the program on this board and sync once (in this process: only the
        processes that are killed need to be real)."""
        svc = open_service(self.db, station=self.code)
        shared = SharedStore(parse_store_url(self.url))
        try:
            SyncClient(svc.store, shared).run()
        finally:
            shared.close()
            svc.store.close()

    def pending(self) -> int:
        with contextlib.closing(sqlite3.connect(self.db)) as conn:
            return int(conn.execute("SELECT count(*) FROM outbox WHERE NOT acked").fetchone()[0])

    def integrity(self) -> str:
        with contextlib.closing(sqlite3.connect(self.db)) as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])

    def numbers(self) -> list[str]:
        with contextlib.closing(sqlite3.connect(self.db)) as conn:
            return [n for (n,) in conn.execute("SELECT number FROM journal")]


def write_entries(s: StationProc, count: int, attempt: int) -> set[str]:
    """``count`` entries written (and returned: acknowledged) on ``s``'s board, in this process."""
    svc = open_service(s.db, station=s.code)
    try:
        return {
            svc.add_entry(f"{s.code} kvitterad {attempt}.{i}").value.number for i in range(count)
        }
    finally:
        svc.store.close()


def kill_at(
    argv: list[str], stage: str, delay_s: float
) -> tuple[str, subprocess.CompletedProcess[str]]:
    """Run the program; when it announces ``stage`` (``SB_TRACE``), SIGKILL it from outside after
    ``delay_s``. Returns ("killed" | "finished", the process). Checks that the process that
    announced the stage — the one killed — is the program itself (its own pid), not a wrapper."""
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SB_TRACE": "1"},
    )
    assert proc.stderr is not None
    outcome = "finished"
    other: list[str] = []
    for line in proc.stderr:
        if line.startswith(f"sb-stage {stage} "):
            announced = int(line.split()[2])
            assert announced == proc.pid, "the traced process is not the one we started"
            if delay_s:
                time.sleep(delay_s)
            os.kill(proc.pid, signal.SIGKILL)
            outcome = "killed"
            break
        if not line.startswith("sb-stage "):
            other.append(line)
    out, err = proc.communicate(timeout=120)
    if outcome == "killed":
        assert proc.returncode == -signal.SIGKILL, (proc.returncode, err)
    return outcome, subprocess.CompletedProcess(argv, proc.returncode, out, "".join(other) + err)


@pytest.mark.reliability
@pytest.mark.slow
@pytest.mark.parametrize("store_kind", ["sqlite", "postgres"])
def test_sigkill_at_random_moments_of_writes_and_pushes(
    tmp_path: Path, store_kind: str, request: pytest.FixtureRequest
) -> None:
    """Station processes SIGKILLed from outside at random moments — inside local write
    transactions and every step of push and pull — against a SQLite file and PostgreSQL. After
    each kill the board's file is intact; after restart and sync every acknowledged entry is
    everywhere exactly once and every board equals the others."""
    if store_kind == "postgres":
        if find_bindir() is None and os.environ.get("SB_REQUIRE_POSTGRES") != "1":
            pytest.skip("no PostgreSQL server binaries")
        url = request.getfixturevalue("pg_url")
    else:
        url = f"sqlite:///{tmp_path / 'share' / 'store.db'}"
    init_store(url)
    kills_wanted = scale(10, 500)  # per store kind: 20 in CI, 1,000 in the soak
    seed = int(os.environ.get("SB_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    stations = [StationProc(tmp_path, code, url) for code in ("V1", "V2", "V3")]
    first = open_service(stations[0].db, station="V1")
    first.start_event("Strömavbrott")
    first.store.close()
    for s in stations:
        s.sync()
    acknowledged: set[str] = set()  # journal numbers whose write returned
    kills = {"write": 0, "push": 0}
    attempts = 0
    while sum(kills.values()) < kills_wanted:
        attempts += 1
        assert attempts < kills_wanted * 4, f"too few kills landed (seed {seed})"
        s = rng.choice(stations)
        kind = rng.choice(["write", "push"])
        if kind == "push" or rng.random() < 0.3:  # acknowledged entries, for the push to carry
            acknowledged |= write_entries(s, rng.randint(1, 3), attempts)
        stage = rng.choice(KILL_STAGES[kind])
        args = (
            ("log", "add", f"{s.code} dödad {attempts}")
            if kind == "write"
            else ("sync", "--once", "--store", url)
        )
        outcome, proc = kill_at(s.argv(*args), stage, rng.uniform(0, 0.003))
        if outcome == "killed":
            kills[kind] += 1
        else:
            assert proc.returncode == 0, proc.stderr
            if kind == "write":
                acknowledged.add(proc.stdout.strip())
        assert s.integrity() == "ok", f"{s.code} damaged after a kill at {stage} (seed {seed})"

    for _ in range(2):  # restart and sync
        for s in stations:
            s.sync()
    in_store = store_journal_ids(url)
    duplicates = len(in_store) - len(set(in_store))
    boards = [show_json(s.db) for s in stations]
    for b in boards:
        b.pop("sync")
    numbers = [sorted(s.numbers()) for s in stations]
    lost = acknowledged - set(numbers[0])
    record(
        f"sigkill_{store_kind}",
        seed=seed,
        kills=sum(kills.values()),
        kills_in_local_writes=kills["write"],
        kills_in_push_or_pull=kills["push"],
        attempts=attempts,
        acknowledged_entries=len(acknowledged),
        entries_in_store=len(set(in_store)),
        lost=len(lost),
        duplicates=duplicates,
    )
    assert duplicates == 0 and not lost, f"seed {seed}"
    assert boards[0] == boards[1] == boards[2], f"seed {seed}"
    assert numbers[0] == numbers[1] == numbers[2]
    assert len(numbers[0]) == len(set(in_store))
    assert all(s.pending() == 0 for s in stations)
