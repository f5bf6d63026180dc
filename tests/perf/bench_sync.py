"""Sync at the scale of a long event, against one PostgreSQL (the real client and store code).

* **drain**: a station that was offline has 10,000 pending changes (journal entries, action and
  system updates with their system entries); one ``SyncClient.run()`` sends them all. Baseline:
  psycopg ``COPY`` of the same rows into the store's ``entities`` table (target ≤ 5×).
* **initial pull**: a new station pulls an event of 100,000 journal entries. Baseline: psycopg
  fetch of the same rows + sqlite3 ``executemany`` of them into a fresh board's journal table in
  one transaction (target ≤ 2×).
* **incremental**: station A writes one entry; A syncs (push + pull) and B syncs (pull); median
  over the rounds, against a store of 100,000 rows and of 1,000 rows (target ≤ 15 ms, ratio ≤ 1.2).

The PostgreSQL cluster is the tests' throwaway one (``tests/pg.py``: fsync off), as the issue's own
measurements were made; the local boards are the program's (WAL, ``synchronous=FULL``).

Run alone: ``.venv/bin/python -m tests.perf.bench_sync``
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

from tests.perf.common import Measure, finish, journal_text, postgres, size

ROUNDS = 40


def _cluster_url(cluster: Any) -> str:
    return str(cluster.url(cluster.create_db()))


def _init(url: str) -> None:
    from situation_board.sync.backend import SharedStore
    from situation_board.sync.credentials import parse_store_url

    shared = SharedStore(parse_store_url(url))
    shared.init()
    shared.close()


def _psycopg(url: str) -> psycopg.Connection[Any]:
    from situation_board.sync.credentials import parse_store_url

    u = parse_store_url(url).url
    return psycopg.connect(
        dbname=u.database, user=u.username, host=u.query["host"], port=u.query["port"]
    )


# ---------------------------------------------------------------------- drain


def station_before_outage(path: Path) -> str:
    """A board with an event, 40 systems and 120 actions (not yet synced); returns the event id."""
    from situation_board.domain.entities import Actor
    from situation_board.domain.enums import ActionStatus, SystemStatus
    from situation_board.services import BoardService
    from situation_board.store.database import LocalStore
    from situation_board.store.schema import actions, systems

    rng = random.Random(11)
    store = LocalStore.open(path, station="V1")
    svc = BoardService(store, Actor("Loggist V1"))
    start = datetime.now(UTC) - timedelta(days=3)
    event_id = svc.start_event("Avbrott hos IT-leverantören", started_at=start).value.id
    with store.write("Loggist V1") as tx:
        for i in range(40):
            tx.insert(
                systems,
                {"event_id": event_id, "name": f"System {i}", "status": SystemStatus.DOWN.value},
            )
        for i in range(120):
            tx.insert(
                actions,
                {
                    "event_id": event_id,
                    "title": f"Åtgärd {i}: {journal_text(rng)[:60]}",
                    "priority": "normal",
                    "status": ActionStatus.OPEN.value,
                },
            )
    store.close()
    return str(event_id)


def write_offline(path: Path, event_id: str, changes: int) -> int:
    """``changes`` outbox rows written while the store is away: journal entries (80 %), action
    and system status changes, each with its system entry. Returns the pending count."""
    from situation_board.domain.entities import Actor
    from situation_board.domain.enums import ActionStatus, EntryCategory, SystemStatus
    from situation_board.services import BoardService
    from situation_board.store.database import LocalStore
    from situation_board.store.schema import actions, systems
    from situation_board.sync.local import pending_count

    rng = random.Random(13)
    store = LocalStore.open(path)
    svc = BoardService(store, Actor("Loggist V1"))
    with store.read() as conn:
        action_ids = [r[0] for r in conn.execute(actions.select().with_only_columns(actions.c.id))]
        system_ids = [r[0] for r in conn.execute(systems.select().with_only_columns(systems.c.id))]
    statuses = [s.value for s in ActionStatus]
    levels = [s.value for s in SystemStatus]
    start = pending_count(store)
    while (written := pending_count(store) - start) < changes:
        with store.write("Loggist V1") as tx:
            for _ in range(min(500, changes - written) // 2 or 1):
                kind = rng.random()
                if kind < 0.8:
                    svc._log(tx, event_id, journal_text(rng), category=EntryCategory.INFORMATION)
                elif kind < 0.9:
                    tx.update(actions, rng.choice(action_ids), {"status": rng.choice(statuses)})
                    svc._log(tx, event_id, "Åtgärdens status ändrad.")
                else:
                    tx.update(systems, rng.choice(system_ids), {"status": rng.choice(levels)})
                    svc._log(tx, event_id, "Systemets status ändrad.")
    pending = pending_count(store)
    store.close()
    return pending


def _outbox_rows(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT entity, entity_id, changes, stamp, seq FROM outbox WHERE acked = 0 ORDER BY seq"
    ).fetchall()
    conn.close()
    return rows


def drain(cluster: Any, tmp: Path) -> list[Measure]:
    from situation_board.store.database import LocalStore
    from situation_board.sync.backend import SharedStore
    from situation_board.sync.client import SyncClient
    from situation_board.sync.credentials import parse_store_url

    changes = size(10_000, 2_000)
    before = tmp / "before-outage.db"
    event_id = station_before_outage(before)
    times, copies = [], []
    for run in range(3):
        url = _cluster_url(cluster)
        _init(url)
        board = tmp / f"drain-{run}.db"
        board.write_bytes(before.read_bytes())
        store = LocalStore.open(board)
        shared = SharedStore(parse_store_url(url))
        SyncClient(store, shared).run()  # the last sync before the outage
        store.close()
        pending = write_offline(board, event_id, changes)
        rows = _outbox_rows(board)
        store = LocalStore.open(board)
        shared.handshake("warm-up", "XX")  # connected and checked before the clock starts
        start = time.perf_counter()
        report = SyncClient(store, shared).run()
        times.append(time.perf_counter() - start)
        assert report.pending == 0 and report.pushed == pending, report
        shared.close()
        store.close()
        # baseline: COPY of the same rows into the store's entity table
        url = _cluster_url(cluster)
        _init(url)
        with _psycopg(url) as conn:
            start = time.perf_counter()
            with conn.cursor().copy(
                "COPY entities (entity, id, immutable, fields, versions, site_id, stamp, change)"
                " FROM STDIN"
            ) as cp:
                for entity, entity_id, changes_json, stamp, seq in rows:
                    cp.write_row(
                        (f"{entity}#{seq}", entity_id, True, changes_json, None, "x", stamp, seq)
                    )
            conn.commit()
            copies.append(time.perf_counter() - start)
    value, base = statistics.median(times), statistics.median(copies)
    return [
        Measure(
            f"drain {changes:,} changes to PostgreSQL",
            value,
            "s",
            base,
            "COPY",
            limit=5,
            target="≤ 5× COPY",
            note="median of 3; one SyncClient.run() (push, pull, local commit), connection open",
        )
    ]


# ---------------------------------------------------------------------- initial pull


def fill_store(url: str, entries: int, seed: int = 3) -> str:
    """A store holding one event and ``entries`` journal entries of six stations (COPY)."""
    from situation_board.domain.ids import uuid7

    rng = random.Random(seed)
    event_id = uuid7()
    start = datetime.now(UTC) - timedelta(seconds=entries * 3 + 600)
    stamp0 = int(start.timestamp() * 1000)
    sites = [uuid7() for _ in range(6)]
    event = {
        "name": "Avbrott hos IT-leverantören",
        "exercise": False,
        "started_at": start.isoformat(),
        "closed_at": None,
        "close_reason": "",
        "deleted": False,
    }
    ev_stamp = f"{stamp0:012x}0000/{sites[0]}"
    with _psycopg(url) as conn:
        with conn.cursor().copy(
            "COPY entities (entity, id, immutable, fields, versions, site_id, stamp, change)"
            " FROM STDIN"
        ) as cp:
            cp.write_row(
                (
                    "events",
                    event_id,
                    False,
                    json.dumps(event),
                    json.dumps({k: [ev_stamp, "Loggist 1"] for k in event}),
                    None,
                    None,
                    1,
                )
            )
            for i in range(entries):
                s = i % 6
                when = (start + timedelta(seconds=i * 3)).isoformat()
                fields = {
                    "event_id": event_id,
                    "number": f"S{s + 1}-{i // 6 + 1:04d}",
                    "occurred_at": when,
                    "recorded_at": when,
                    "author": f"Loggist {s + 1}",
                    "function": "log_keeper",
                    "category": rng.choice(("information", "contact", "decision")),
                    "medium": None,
                    "from_party": "",
                    "to_party": "",
                    "text": journal_text(rng),
                    "corrects": None,
                    "hidden_from_wall": False,
                }
                stamp = f"{stamp0 + i * 3000:012x}0000/{sites[s]}"
                pushed = {k: {"v": v} for k, v in fields.items()}  # kept as pushed
                cp.write_row(
                    ("journal", uuid7(), True, json.dumps(pushed), None, sites[s], stamp, i + 2)
                )
        conn.execute("UPDATE store_counter SET value = %s", (entries + 1,))
        conn.commit()
    return event_id


def initial_pull(cluster: Any, tmp: Path) -> list[Measure]:
    from situation_board.store.database import LocalStore
    from situation_board.sync.backend import SharedStore
    from situation_board.sync.client import SyncClient
    from situation_board.sync.credentials import parse_store_url

    entries = size(100_000, 10_000)
    url = _cluster_url(cluster)
    _init(url)
    fill_store(url, entries)
    times, bases = [], []
    for run in range(3):
        store = LocalStore.open(tmp / f"new-{run}.db", station=f"N{run}")
        shared = SharedStore(parse_store_url(url))
        shared.handshake("warm-up", "XX")
        start = time.perf_counter()
        report = SyncClient(store, shared).run()
        times.append(time.perf_counter() - start)
        assert report.changed == entries + 1, report
        shared.close()
        store.close()
        bases.append(_fetch_and_insert(url, tmp / f"base-{run}.db"))
    value, base = statistics.median(times), statistics.median(bases)
    return [
        Measure(
            f"initial pull of {entries:,} entries",
            value,
            "s",
            base,
            "fetch+executemany",
            limit=2,
            target="≤ 2× psycopg fetch + sqlite3 executemany",
            note="median of 3; a new station's first SyncClient.run()",
        )
    ]


def _fetch_and_insert(url: str, path: Path) -> float:
    """psycopg fetch of the store's journal rows + sqlite3 executemany into a fresh board's
    journal table (same schema, WAL, synchronous=FULL), one transaction."""
    from situation_board.store.database import LocalStore

    LocalStore.open(path).close()
    local = sqlite3.connect(path, isolation_level=None)
    local.execute("PRAGMA synchronous=FULL")
    with _psycopg(url) as conn:
        start = time.perf_counter()
        cur = conn.execute(
            "SELECT id, fields, site_id, stamp FROM entities WHERE entity = 'journal'"
            " ORDER BY change"
        )
        rows = cur.fetchall()
        local.execute("BEGIN IMMEDIATE")
        local.executemany(
            "INSERT INTO journal (id, event_id, number, occurred_at, recorded_at, author,"
            " function, category, medium, from_party, to_party, text, corrects,"
            " hidden_from_wall, site_id, stamp) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    i,
                    f["event_id"]["v"],
                    f["number"]["v"],
                    f["occurred_at"]["v"],
                    f["recorded_at"]["v"],
                    f["author"]["v"],
                    f["function"]["v"],
                    f["category"]["v"],
                    f["medium"]["v"],
                    f["from_party"]["v"],
                    f["to_party"]["v"],
                    f["text"]["v"],
                    f["corrects"]["v"],
                    f["hidden_from_wall"]["v"],
                    site,
                    stamp,
                )
                for i, f, site, stamp in rows
            ),
        )
        local.execute("COMMIT")
        elapsed = time.perf_counter() - start
    local.close()
    return elapsed


# ---------------------------------------------------------------------- incremental


def incremental(cluster: Any, tmp: Path) -> list[Measure]:
    rounds = size(ROUNDS, 10)
    small = _incremental_round(_cluster_url(cluster), 1_000, rounds, tmp / "small")
    large = _incremental_round(_cluster_url(cluster), size(100_000, 10_000), rounds, tmp / "large")
    return [
        Measure(
            "incremental sync of one change (A push+pull, B pull), 100,000-row store",
            large,
            "s",
            limit=0.015,
            target="≤ 15 ms",
            note=f"median of {rounds} rounds",
        ),
        Measure(
            "incremental sync, 100,000-row store vs 1,000-row store",
            large,
            "s",
            small,
            "1,000 rows",
            limit=1.2,
            target="ratio ≤ 1.2",
        ),
    ]


def _incremental_round(url: str, rows: int, rounds: int, tmp: Path) -> float:
    from situation_board.sync import local
    from situation_board.sync.backend import SharedStore
    from situation_board.sync.credentials import parse_store_url
    from tests.integration.sync.helpers import Station

    tmp.mkdir(parents=True)
    _init(url)
    fill_store(url, rows)
    a, b = Station(tmp, "V1", url), Station(tmp, "V2", url)
    epoch = SharedStore(parse_store_url(url)).meta().epoch
    for s in (a, b):  # caught up: at the store's epoch and cursor
        local.write_states(s.store, {local.EPOCH: epoch, local.CURSOR: rows + 1})
    a.svc.start_event("Mätning")
    a.sync()
    b.sync()
    rng = random.Random(5)
    times = []
    for _ in range(rounds):
        a.svc.add_entry(journal_text(rng))
        start = time.perf_counter()
        a.sync()
        b.sync()
        times.append(time.perf_counter() - start)
    assert b.journal_ids() == a.journal_ids()
    a.close()
    b.close()
    return statistics.median(times)


def main(argv: list[str]) -> list[Measure]:
    measures: list[Measure] = []
    # the cluster as the issue measured with (tests/pg.py: fsync off), so the figures compare
    with (
        postgres(durable=False) as cluster,
        tempfile.TemporaryDirectory(prefix="sb-bench-sync-") as name,
    ):
        if cluster is None:
            print("no PostgreSQL server binaries: sync benchmarks skipped", file=sys.stderr)
            return finish(measures)
        tmp = Path(name)
        for part in (drain, initial_pull, incremental):
            if not argv or part.__name__ in argv:
                measures += part(cluster, tmp)
    return finish(measures)


if __name__ == "__main__":
    main(sys.argv[1:])
