"""Propagation: a journal entry written on station A until it is on station B's board.

* PostgreSQL with ``NOTIFY`` (target p95 ≤ 0.5 s): both stations run the real ``SyncEngine``
  with the default 15 s interval, so only the write trigger and the ``NOTIFY`` doorbell can be
  fast;
* a shared SQLite file, which has no ``NOTIFY`` (reported: one interval of 2 s + the sync).

Run alone: ``.venv/bin/python -m tests.perf.bench_propagation``
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.perf.common import Measure, finish, journal_text, percentile, postgres, size


def measure(url: str, interval_s: int, samples: int, tmp: Path) -> list[float]:
    from situation_board.sync.engine import SyncEngine
    from tests.integration.sync.helpers import Station, init_store

    init_store(url)
    a, b = Station(tmp, "V1", url), Station(tmp, "V2", url)
    a.svc.start_event("Mätning av spridning")
    engines = [SyncEngine(s.store, url, interval_s=interval_s) for s in (a, b)]
    for e in engines:
        e.start()
    rng = random.Random(3)
    times: list[float] = []
    try:
        time.sleep(2)
        for _ in range(samples):
            entry = a.svc.add_entry(journal_text(rng)).value
            start = time.monotonic()
            while entry.id not in b.journal_ids():
                if time.monotonic() - start > interval_s + 30:
                    raise RuntimeError("the entry never arrived")
                time.sleep(0.005)
            times.append(time.monotonic() - start)
            time.sleep(0.3)
    finally:
        for e in engines:
            e.stop()
        a.close()
        b.close()
    return times


def main(argv: list[str]) -> list[Measure]:
    samples = size(40, 10)
    measures = []
    with tempfile.TemporaryDirectory(prefix="sb-bench-prop-") as name:
        tmp = Path(name)
        with postgres() as cluster:
            if cluster is not None:
                (tmp / "pg").mkdir()
                times = measure(cluster.url(cluster.create_db()), 15, samples, tmp / "pg")
                measures.append(
                    Measure(
                        "propagation A → B through PostgreSQL NOTIFY, p95",
                        percentile(times, 95),
                        "s",
                        limit=0.5,
                        target="p95 ≤ 0.5 s",
                        note=f"n={len(times)}, p50 {statistics.median(times) * 1000:.0f} ms, "
                        f"max {max(times) * 1000:.0f} ms; interval 15 s",
                    )
                )
        (tmp / "lite").mkdir()
        url = f"sqlite:///{tmp / 'lite' / 'store.db'}"
        times = measure(url, 2, max(8, samples // 4), tmp / "lite")
        measures.append(
            Measure(
                "propagation A → B through a shared SQLite file (interval 2 s), p95",
                percentile(times, 95),
                "s",
                extra=True,
                note=f"n={len(times)}, p50 {statistics.median(times) * 1000:.0f} ms; no NOTIFY",
            )
        )
    return finish(measures)


if __name__ == "__main__":
    main(sys.argv[1:])
