"""Incremental sync cost against a store of 100,000 rows vs 1,000 rows (target ratio ≤ 1.5).

The store is filled directly with journal rows (as if many stations had pushed them), and two
caught-up stations are set at the store's cursor. One round = station A writes one entry and syncs
(push + pull), then station B syncs (pull of that one row). The median of the rounds is compared.

Run: ``.venv/bin/python -m tests.perf.bench_incremental [rounds]``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, update

from situation_board.domain.ids import uuid7
from situation_board.sync import local
from situation_board.sync.backend import SharedStore
from situation_board.sync.credentials import parse_store_url
from situation_board.sync.shared_schema import entities, store_counter
from tests.integration.sync.helpers import Station, init_store
from tests.pg import PgCluster, find_bindir


def fill(url: str, rows: int) -> None:
    shared = SharedStore(parse_store_url(url))
    with shared.engine().begin() as conn:
        for start in range(0, rows, 5000):
            conn.execute(
                insert(entities),
                [
                    {
                        "entity": "journal",
                        "id": uuid7(),
                        "immutable": True,
                        "fields": {"text": f"Historisk post {n}", "number": f"H-{n}"},
                        "versions": None,
                        "site_id": "history",
                        "stamp": f"{n:016x}/history",
                        "change": n + 1,
                    }
                    for n in range(start, min(rows, start + 5000))
                ],
            )
        conn.execute(update(store_counter).values(value=rows))
    shared.close()


def measure(url: str, rows: int, rounds: int, tmp: Path) -> float:
    init_store(url)
    fill(url, rows)
    epoch = SharedStore(parse_store_url(url)).meta().epoch
    a, b = Station(tmp, "V1", url), Station(tmp, "V2", url)
    for s in (a, b):  # caught up: at the store's epoch and cursor
        local.write_states(s.store, {local.EPOCH: epoch, local.CURSOR: rows})
    a.svc.start_event("Mätning")
    a.sync()
    b.sync()
    times = []
    for i in range(rounds):
        a.svc.add_entry(f"Ändring {i}")
        start = time.perf_counter()
        a.sync()
        b.sync()
        times.append(time.perf_counter() - start)
    a.close()
    b.close()
    return statistics.median(times)


def run(kind: str, make_url: object, rounds: int, tmp: Path) -> None:
    small = measure(make_url(), 1_000, rounds, tmp / f"{kind}-small")  # type: ignore[operator]
    large = measure(make_url(), 100_000, rounds, tmp / f"{kind}-large")  # type: ignore[operator]
    ratio = large / small
    print(
        f"{kind}: one change, median of {rounds}: 1,000 rows {small * 1000:.1f} ms, "
        f"100,000 rows {large * 1000:.1f} ms, ratio {ratio:.2f} "
        f"(target ≤ 1.5) {'OK' if ratio <= 1.5 else 'MISSED'}"
    )


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for sub in ("pg-small", "pg-large", "sqlite-small", "sqlite-large", "files"):
            (tmp / sub).mkdir()
        bindir = find_bindir()
        if bindir is not None:
            cluster = PgCluster(bindir)
            try:
                run("PostgreSQL", lambda: cluster.url(cluster.create_db()), rounds, tmp)
            finally:
                cluster.destroy()
        counter = iter(range(100))
        run(
            "SQLite file", lambda: f"sqlite:///{tmp / 'files' / f'{next(counter)}.db'}", rounds, tmp
        )


if __name__ == "__main__":
    main()
