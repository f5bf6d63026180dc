"""A region on one store: 20 stations, each writing a journal entry every 2 s for 5 minutes.

Each station is a process of its own (``tests.perf.region_station``) running the real
``SyncEngine`` (interval 15 s, ``NOTIFY`` on) on its own local board, against one durable
PostgreSQL (fsync and synchronous commit on). Reported:

* propagation — for every entry and every other station, from its recorded time to the sync run
  that brought it there — p50 and p95 (target p95 ≤ 1 s);
* the store's commits per second (``pg_stat_database.xact_commit`` over the writing);
* the backlog: each station's pending outbox sampled every 5 s; it must not grow (the mean of
  the last minute minus the mean of the first, for the worst station, ≤ 1 entry).

``SB_BENCH_REGION_STATIONS`` and ``SB_BENCH_REGION_S`` change the size (defaults 20 and 300).

Run alone: ``.venv/bin/python -m tests.perf.bench_region``
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.perf.common import ROOT, Measure, finish, isolated_env, percentile, postgres, size


def _commits(cluster: Any, dbname: str) -> int:
    with cluster.admin() as conn:
        row = conn.execute(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = %s", (dbname,)
        ).fetchone()
    return int(row[0])


def main(argv: list[str]) -> list[Measure]:
    from situation_board.domain.entities import Actor
    from situation_board.services import BoardService
    from situation_board.store.database import LocalStore
    from tests.integration.sync.helpers import init_store

    stations = int(os.environ.get("SB_BENCH_REGION_STATIONS", size(20, 5)))
    seconds = float(os.environ.get("SB_BENCH_REGION_S", size(300, 40)))
    with postgres() as cluster, tempfile.TemporaryDirectory(prefix="sb-bench-region-") as name:
        if cluster is None:
            print("no PostgreSQL server binaries: the region benchmark is skipped", file=sys.stderr)
            return finish([])
        tmp = Path(name)
        dbname = cluster.create_db()
        url = cluster.url(dbname)
        init_store(url)
        codes = [f"R{i:02d}" for i in range(1, stations + 1)]
        seed = LocalStore.open(tmp / "R01.db", station="R01")  # R01 starts the event
        BoardService(seed, Actor("Loggist R01")).start_event("Regional samverkan: IT-avbrott")
        seed.close()
        writes = int(seconds // 2)
        expected = (stations - 1) * writes
        start_at = time.time() + 15 + stations  # every station up and holding the event
        env = isolated_env(tmp)
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.perf.region_station",
                    url,
                    code,
                    str(tmp / f"{code}.db"),
                    str(start_at),
                    str(seconds),
                    str(tmp / f"{code}.json"),
                    str(expected),
                ],
                cwd=ROOT,
                env=env,
            )
            for code in codes
        ]
        time.sleep(max(0.0, start_at - time.time()))
        before, t0 = _commits(cluster, dbname), time.monotonic()
        time.sleep(seconds)
        after, elapsed = _commits(cluster, dbname), time.monotonic() - t0
        for proc in procs:
            proc.wait(timeout=seconds + 300)
        results = [
            json.loads((tmp / f"{code}.json").read_text())
            for code in codes
            if (tmp / f"{code}.json").exists()
        ]
    latencies = [a for r in results for a in r["arrivals"]]
    written = sum(r["written"] for r in results)
    growth = []
    for r in results:
        first = [n for t, n in r["backlog"] if t <= 60]
        last = [n for t, n in r["backlog"] if t >= seconds - 60]
        growth.append(statistics.mean(last or [0]) - statistics.mean(first or [0]))
    worst = max(growth, default=float("nan"))
    label = f"{stations} stations × a write per 2 s for {seconds / 60:.0f} min"
    return finish(
        [
            Measure(
                f"{label}: propagation p95",
                percentile(latencies, 95),
                "s",
                limit=1.0,
                target="p95 ≤ 1 s",
                note=f"{len(latencies)} arrivals of {written * (stations - 1)}"
                f" expected; p50 {statistics.median(latencies) * 1000:.0f} ms, "
                f"max {max(latencies):.2f} s",
            ),
            Measure(f"{label}: propagation p50", statistics.median(latencies), "s", extra=True),
            Measure(
                f"{label}: store commits per second",
                (after - before) / elapsed,
                "/s",
                extra=True,
                note=f"{written} entries written; durable PostgreSQL",
            ),
            Measure(
                f"{label}: backlog growth, worst station",
                worst,
                "entries",
                limit=1.0,
                target="no growing backlog (≤ 1)",
                note="mean pending outbox, last minute minus first minute; "
                f"largest pending seen {max(n for r in results for _t, n in r['backlog'])}",
            ),
        ]
    )


if __name__ == "__main__":
    main(sys.argv[1:])
