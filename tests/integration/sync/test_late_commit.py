"""Late commit on PostgreSQL: a pull by cursor never skips a transaction that commits late.

Pusher A takes its change numbers and then holds its transaction open for seconds; meanwhile
pusher B pushes and a puller polls. With the store's counter (a row lock held until COMMIT) B
waits for A, so counter order is commit order and the puller misses nothing. The same scenario
against a deliberately naive sequence-numbered store (``nextval``, no lock) shows the failure
the design prevents: B commits higher numbers first, the puller's cursor moves past A's numbers,
and A's rows are never pulled.
"""

from __future__ import annotations

import os
import random
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from situation_board.domain.chain import GENESIS, next_link
from situation_board.domain.hlc import Hlc
from situation_board.domain.ids import uuid7
from situation_board.sync import local
from situation_board.sync.backend import SharedStore
from situation_board.sync.credentials import parse_store_url
from situation_board.sync.protocol import (
    BATCH_SIZE,
    PAGE_SIZE,
    OutboxRow,
    PushResult,
    SiteInfo,
)
from tests.integration.sync.helpers import Station, init_store
from tests.reliability import record, scale

pytestmark = pytest.mark.postgres
HOLD_S = 2.0


class NaiveNumbers:
    """An auto-increment cursor: a sequence value per row, no lock held until COMMIT."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def next(self) -> int:
        return int(self.conn.execute(text("SELECT nextval('naive_change')")).scalar_one())

    def finish(self) -> None:
        return None


class NaiveStore(SharedStore):
    def change_numbers(self, conn: Connection) -> NaiveNumbers:  # type: ignore[override]
        return NaiveNumbers(conn)


def _late_commit(
    tmp_path: Path, url: str, store_cls: type[SharedStore]
) -> tuple[set[str], set[str]]:
    """Run the scenario; returns (ids pushed, ids the puller saw)."""
    a, b = Station(tmp_path, "A1", url), Station(tmp_path, "B1", url)
    a.svc.start_event("Sen commit")
    for i in range(5):
        a.svc.add_entry(f"A {i}")
    b.svc.start_event("Sen commit B")
    for i in range(5):
        b.svc.add_entry(f"B {i}")
    pushed = set(a.journal_ids()) | set(b.journal_ids())
    store_a, store_b, puller = (store_cls(parse_store_url(url)) for _ in range(3))
    taken, results = threading.Event(), {}

    def hold(stage: str) -> None:
        if stage == "after_counter":
            taken.set()
            time.sleep(HOLD_S)  # change numbers taken, transaction still open

    def push(name: str, station: Station, store: SharedStore, **kw: object) -> None:
        rows = local.outbox_after(station.store, 0, 500)
        results[name] = store.push(
            local.site_info(station.store),
            rows,
            now=datetime.now(UTC),
            **kw,  # type: ignore[arg-type]
        )

    ta = threading.Thread(target=push, args=("a", a, store_a), kwargs={"stage": hold})
    ta.start()
    assert taken.wait(10)
    tb = threading.Thread(target=push, args=("b", b, store_b))
    tb.start()
    seen: set[str] = set()
    cursor = 0
    deadline = time.monotonic() + HOLD_S + 3
    while time.monotonic() < deadline:  # the puller polls all along, also while A holds
        for row in puller.pull(cursor, 500):
            cursor = row.change
            if row.entity == "journal":
                seen.add(row.id)
        time.sleep(0.2)
    ta.join(10)
    tb.join(10)
    assert isinstance(results.get("a"), PushResult) and isinstance(results.get("b"), PushResult)
    for s in (store_a, store_b, puller):
        s.close()
    a.close()
    b.close()
    return pushed, seen


def test_late_commit_is_never_skipped(tmp_path: Path, pg_url: str) -> None:
    init_store(pg_url)
    pushed, seen = _late_commit(tmp_path, pg_url, SharedStore)
    assert seen == pushed


def test_a_naive_sequence_cursor_does_skip_the_late_commit(tmp_path: Path, pg_url: str) -> None:
    """The test has teeth: the same scenario loses rows with an auto-increment cursor."""
    init_store(pg_url)
    store = SharedStore(parse_store_url(pg_url))
    with store.engine().begin() as conn:
        conn.execute(text("CREATE SEQUENCE naive_change START 1"))
    store.close()
    pushed, seen = _late_commit(tmp_path, pg_url, NaiveStore)
    missed = pushed - seen
    assert missed, "the naive cursor should have missed the late commit"
    assert len(missed) == 6  # pusher A's event entry and its five entries


# ---------------------------------------------------------------------- at scale


_HEADS: dict[str, str] = {}  # each site's last link (the rows form its hash chain)


def _journal_rows(site: str, start: int, count: int) -> list[OutboxRow]:
    """``count`` journal rows of one site from sequence ``start`` (as a station's outbox sends
    them; the store keeps them as they come)."""
    rows = []
    for seq in range(start, start + count):
        entry_id = uuid7()
        fields = {"id": entry_id, "number": f"{seq:07d}", "text": f"Sen commit {seq}"}
        prev = _HEADS.get(site, GENESIS) if seq > 1 else GENESIS
        link = next_link(fields, site=site, seq=seq, prev=prev)
        _HEADS[site] = link["chain_hash"]
        fields.pop("id")
        rows.append(
            OutboxRow(
                seq=seq,
                mutation_id=uuid7(),
                entity="journal",
                entity_id=entry_id,
                op="insert",
                changes={k: {"v": v} for k, v in {**fields, **link}.items()},
                stamp=Hlc(1_700_000_000_000 + seq).stamp(site),
                author="Belastning",
                schema_version=1,
            )
        )
    return rows


@pytest.mark.reliability
@pytest.mark.slow
def test_late_commits_at_scale_none_missed(pg_url: str) -> None:
    """Concurrent pushers sleep inside their transactions (counter taken, not committed) for a
    random while, batch after batch, while a puller polls by cursor all along: every row pushed
    is pulled, none twice."""
    init_store(pg_url)
    total = scale(4_000, 1_000_000)
    pushers = 4
    per_pusher = total // pushers
    seed = int(os.environ.get("SB_SEED", random.randrange(1 << 30)))
    pushed: list[set[str]] = [set() for _ in range(pushers)]
    errors: list[BaseException] = []
    done = threading.Event()

    def push(k: int) -> None:
        rng = random.Random(seed + k)
        store = SharedStore(parse_store_url(pg_url))
        site = SiteInfo(site_id=uuid7(), code=f"L{k}")

        def hold(stage: str) -> None:
            if stage == "after_counter":
                time.sleep(rng.uniform(0, 0.02))  # late: the transaction is still open

        try:
            for start in range(1, per_pusher + 1, BATCH_SIZE):
                rows = _journal_rows(site.site_id, start, min(BATCH_SIZE, per_pusher - start + 1))
                result = store.push(site, rows, now=datetime.now(UTC), stage=hold)
                assert result.applied == len(rows)
                pushed[k].update(r.entity_id for r in rows)
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=push, args=(k,)) for k in range(pushers)]
    for t in threads:
        t.start()

    def watch() -> None:
        for t in threads:
            t.join()
        done.set()

    watcher = threading.Thread(target=watch)
    watcher.start()
    puller = SharedStore(parse_store_url(pg_url))
    seen: set[str] = set()
    twice = 0
    cursor = 0
    polls = 0
    try:
        while True:
            finished = done.is_set()
            page = puller.pull(cursor, PAGE_SIZE)
            polls += 1
            for row in page:
                cursor = row.change
                if row.id in seen:
                    twice += 1
                seen.add(row.id)
            if finished and len(page) < PAGE_SIZE:
                break
            if not page:
                time.sleep(0.02)
    finally:
        watcher.join()
        puller.close()
    assert not errors, errors
    everything = set().union(*pushed)
    missed = everything - seen
    record(
        "late_commits",
        seed=seed,
        rows=len(everything),
        pushers=pushers,
        polls=polls,
        missed=len(missed),
        duplicates=twice,
    )
    assert len(everything) == total
    assert not missed and twice == 0, f"seed {seed}"
