"""The store stopped for a whole scenario while stations keep writing (engines in the background).

Every local write succeeds while the store is down; when it is back, the LISTEN connections
reconnect and pull, and everything converges within 2 sync intervals, with the concurrent edit of
one action field recorded as the same conflict on every station.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from situation_board.domain.enums import ReadinessLevel
from situation_board.domain.patches import ActionPatch
from situation_board.sync.engine import SyncEngine
from tests.conftest import ROOT
from tests.integration.sync.conftest import new_cluster
from tests.integration.sync.helpers import Station, init_store, store_journal_ids
from tests.pg import PgCluster
from tests.reliability import record, scale

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
INTERVAL_S = 3


@pytest.fixture
def own_cluster() -> Iterator[PgCluster]:
    """A cluster of this test's own: it is stopped and started in the middle of the test."""
    cluster = new_cluster()
    try:
        yield cluster
    finally:
        cluster.destroy()


def _wait(predicate: object, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():  # type: ignore[operator]
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"not reached within {timeout} s")


def test_store_down_for_the_whole_scenario(tmp_path: Path, own_cluster: PgCluster) -> None:
    url = own_cluster.url(own_cluster.create_db())
    init_store(url)
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    action = None
    engines = [SyncEngine(s.store, url, interval_s=INTERVAL_S) for s in (a, b)]
    for e in engines:
        e.start()
    try:
        a.svc.start_event("Avbrott i IT-drift")
        action = a.svc.add_action("Samordna reservrutin", ActionPatch(owner="Stabschef")).value
        _wait(lambda: b.board()["actions"] != [], 2 * INTERVAL_S)

        own_cluster.stop()
        a.svc.set_level(ReadinessLevel.REINFORCED, reason="Lagret nere, läget förvärras")
        b.svc.update_action(action.id, ActionPatch(owner="Sjukvårdsledare B"))
        a.svc.update_action(action.id, ActionPatch(owner="Sjukvårdsledare A"))  # later: wins
        for i in range(5):
            a.svc.add_entry(f"V1 offline {i}")
            b.svc.add_entry(f"V2 offline {i}")
        time.sleep(2 * INTERVAL_S)  # runs fail and back off; nothing is lost locally
        for e in engines:
            status = e.status()
            assert status.consecutive_failures >= 1 and status.pending > 0
            assert status.last_error and "Når inte den gemensamma databasen" in status.last_error
        assert a.pending() > 0 and b.pending() > 0

        own_cluster.start()

        def converged() -> bool:
            return (
                a.pending() == b.pending() == 0
                and a.board() == b.board()
                and len(a.conflicts()) == 1
                and a.conflicts() == b.conflicts()
            )

        took = _wait(converged, 4 * INTERVAL_S)
        print(f"converged {took:.1f} s after the store came back")
        assert took <= 2 * INTERVAL_S, f"converged after {took:.1f} s"
    finally:
        for e in engines:
            e.stop()
    board = a.board()
    assert board["level"]["level"] == "reinforced"
    assert board["actions"][0]["owner"] == "Sjukvårdsledare A"
    assert sum(j["text"].startswith("V2 offline") for j in board["journal"]) == 5
    [conflict] = b.svc.conflicts()
    assert (conflict.field, conflict.kept_value, conflict.lost_value) == (
        "owner",
        "Sjukvårdsledare A",
        "Sjukvårdsledare B",
    )
    assert engines[0].status().last_error is None


# ---------------------------------------------------------------------- outages at random


@pytest.mark.reliability
def test_station_processes_through_random_outages(tmp_path: Path, own_cluster: PgCluster) -> None:
    """Three station programs (the real ``situation-board sync`` service, one process each)
    while PostgreSQL is stopped and started at random — a fast shutdown or a crash
    (``immediate``), down for a random while — and entries are written to every station's board
    throughout (a second writer on each station's SQLite file, as the window is). After the last
    restart everything converges within 2 sync intervals: every entry in the store exactly once,
    every board the same."""
    interval = 3
    outages = scale(3, 10)
    seed = int(os.environ.get("SB_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    url = own_cluster.url(own_cluster.create_db())
    init_store(url)
    stations = [Station(tmp_path, code, url) for code in ("V1", "V2", "V3")]
    stations[0].svc.start_event("Avbrott på avbrott")
    for s in stations:
        s.sync()
    written: set[str] = set(stations[0].journal_ids())
    lock = threading.Lock()
    stop = threading.Event()
    errors: list[BaseException] = []

    def write(s: Station) -> None:
        n = 0
        try:
            while not stop.is_set():
                n += 1
                entry = s.svc.add_entry(f"{s.code} post {n}").value
                with lock:
                    written.add(entry.id)
                stop.wait(rng.uniform(0.05, 0.3))
        except BaseException as exc:
            errors.append(exc)

    services = []
    for s in stations:
        cfg = tmp_path / f"{s.code}.toml"
        cfg.write_text(
            f'station = "{s.code}"\nstore_url = "{url}"\nsync_interval_s = {interval}\n',
            encoding="utf-8",
        )
        services.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "situation_board",
                    "--config",
                    str(cfg),
                    "--db",
                    str(tmp_path / f"{s.code}.db"),
                    "sync",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                cwd=ROOT,
            )
        )
    writers = [threading.Thread(target=write, args=(s,), daemon=True) for s in stations]
    for t in writers:
        t.start()
    modes: list[str] = []
    try:
        for _ in range(outages):
            time.sleep(rng.uniform(1.5, 4.0))  # up: the stations push and pull
            mode = rng.choice(["fast", "immediate"])
            modes.append(mode)
            own_cluster.stop(mode)
            time.sleep(rng.uniform(1.0, 3.0))  # down: local writes go on
            if len(modes) == outages:
                stop.set()  # the last writes are still in the outboxes
                for t in writers:
                    t.join(30)
            own_cluster.start()
        restarted = time.monotonic()
        assert not errors, errors
        for p in services:
            assert p.poll() is None, "a station's sync service died"

        def converged() -> bool:
            if any(s.pending() for s in stations):
                return False
            ids = [set(s.journal_ids()) for s in stations]
            return all(i == written for i in ids)

        _wait(converged, 10 * interval)
        took = time.monotonic() - restarted
    finally:
        stop.set()
        for p in services:
            p.send_signal(signal.SIGTERM)
        outputs = [p.communicate(timeout=60)[0] for p in services]
    in_store = store_journal_ids(url)
    duplicates = len(in_store) - len(set(in_store))
    lost = written - set(in_store)
    record(
        "outages",
        seed=seed,
        outages=outages,
        modes=modes,
        entries_written=len(written),
        converged_after_last_restart_s=round(took, 1),
        interval_s=interval,
        lost=len(lost),
        duplicates=duplicates,
    )
    assert not lost and duplicates == 0, f"seed {seed}"
    boards = [s.board() for s in stations]
    assert boards[0] == boards[1] == boards[2]
    for out in outputs:
        assert "Traceback" not in out, out
    assert took <= 2 * interval, f"converged {took:.1f} s after the last restart (seed {seed})"
    for s in stations:
        s.close()
