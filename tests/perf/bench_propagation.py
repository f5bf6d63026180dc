"""Propagation: a write on station A until it is on station B's board.

* PostgreSQL with NOTIFY (target p95 ≤ 1 s): both stations run a ``SyncEngine`` with the default
  15 s interval, so only the write trigger and the NOTIFY doorbell can be fast.
* a SQLite file without NOTIFY (target ≤ one interval + 1 s): interval 2 s.

Run: ``.venv/bin/python -m tests.perf.bench_propagation [samples]``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from situation_board.store.schema import journal
from situation_board.sync.engine import SyncEngine
from tests.integration.sync.helpers import Station, init_store
from tests.pg import PgCluster, find_bindir


def _has(station: Station, entry_id: str) -> bool:
    with station.store.read() as conn:
        return (
            conn.execute(select(journal.c.id).where(journal.c.id == entry_id)).first() is not None
        )


def measure(url: str, interval_s: int, samples: int, tmp: Path) -> list[float]:
    init_store(url)
    a, b = Station(tmp, "V1", url), Station(tmp, "V2", url)
    a.svc.start_event("Mätning")
    engines = [SyncEngine(s.store, url, interval_s=interval_s) for s in (a, b)]
    for e in engines:
        e.start()
    times: list[float] = []
    try:
        time.sleep(2)
        for i in range(samples):
            entry = a.svc.add_entry(f"Mätpost {i}").value
            start = time.monotonic()
            while not _has(b, entry.id):
                if time.monotonic() - start > interval_s + 30:
                    raise RuntimeError("the entry never arrived")
                time.sleep(0.005)
            times.append(time.monotonic() - start)
            time.sleep(0.3)
    finally:
        for e in engines:
            e.stop()
    return times


def report(name: str, times: list[float], target: float) -> None:
    p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 20 else max(times)
    print(
        f"{name}: n={len(times)} p50={statistics.median(times):.3f}s p95={p95:.3f}s "
        f"max={max(times):.3f}s target≤{target:.1f}s {'OK' if p95 <= target else 'MISSED'}"
    )


def main() -> None:
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    bindir = find_bindir()
    with tempfile.TemporaryDirectory() as tmp:
        if bindir is not None:
            cluster = PgCluster(bindir)
            try:
                url = cluster.url(cluster.create_db())
                (Path(tmp) / "pg").mkdir()
                report("PostgreSQL + NOTIFY", measure(url, 15, samples, Path(tmp) / "pg"), 1.0)
            finally:
                cluster.destroy()
        else:
            print("PostgreSQL: no server binaries, skipped")
        (Path(tmp) / "lite").mkdir()
        url = f"sqlite:///{Path(tmp) / 'lite' / 'store.db'}"
        interval = 2
        times = measure(url, interval, max(10, samples // 4), Path(tmp) / "lite")
        report(f"SQLite file, interval {interval} s", times, interval + 1.0)


if __name__ == "__main__":
    main()
