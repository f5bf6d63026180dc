"""Store failover on an existing engine (issue 14): a PostgreSQL primary with an asynchronous
streaming-replication hot standby, both started here from the installed binaries.

Three stations (sync engines in the background, as in the window) write all along through a
multi-host store URL (``host=a,b`` with ``target_session_attrs=read-write``). The standby stops
receiving WAL for a while — the window every asynchronous standby has, made wide on purpose — so
the primary acknowledges pushes the standby never gets; then the primary is killed (SIGKILL to
the whole server) while a station's push transaction is open, and the standby is promoted. The
stations find the new primary on their own (libpq skips the dead host and the read-only
standby); a station whose acknowledged sequence is ahead of what the new primary holds for it
sends the difference again, and the new timeline makes every station pull everything again and
push its copy. In the end every entry ever written is in the store exactly once, every station
equals the store, nothing is pending. The soak repeats the failover (a fresh standby each time).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from situation_board.domain.patches import ActionPatch
from situation_board.store.schema import outbox
from situation_board.sync import local
from situation_board.sync.engine import SyncEngine
from situation_board.sync.status import SyncStatus
from tests.integration.sync.conftest import new_cluster
from tests.integration.sync.helpers import Station, init_store, store_journal_ids
from tests.pg import PgCluster, reserve
from tests.reliability import record, scale

INTERVAL_S = 1
FAILOVERS = scale(1, 3)
CODES = ("V1", "V2", "V3")


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {timeout} s")


class MidPush:
    """A stage hook: when armed, holds the first push that has its store transaction open
    (``after_counter``) until the test has killed the primary."""

    def __init__(self) -> None:
        self.armed = threading.Event()
        self.holding = threading.Event()
        self.killed = threading.Event()

    def __call__(self, stage: str) -> None:
        if stage == "after_counter" and self.armed.is_set():
            self.armed.clear()
            self.holding.set()
            self.killed.wait(30)


class Writers:
    """One thread per station writing journal entries (and now and then a shared action's
    owner) every few tens of milliseconds; ``written`` holds every id a write returned."""

    def __init__(self, stations: list[Station], action_id: str) -> None:
        self.stations = stations
        self.action_id = action_id
        self.written: set[str] = set()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.threads = [
            threading.Thread(target=self._write, args=(s,), daemon=True) for s in stations
        ]

    def _write(self, station: Station) -> None:
        n = 0
        try:
            while not self.stop.is_set():
                n += 1
                entry = station.svc.add_entry(f"{station.code} post {n}").value
                with self.lock:
                    self.written.add(entry.id)
                if n % 7 == 0:
                    before = set(station.journal_ids())
                    station.svc.update_action(
                        self.action_id, ActionPatch(owner=f"{station.code} ägare {n}")
                    )
                    with self.lock:
                        self.written |= set(station.journal_ids()) - before
                time.sleep(0.03)
        except BaseException as exc:  # reported by the test
            self.errors.append(exc)

    def __enter__(self) -> Writers:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(30)


@pytest.fixture
def nodes() -> Iterator[list[PgCluster]]:
    made: list[PgCluster] = []
    try:
        yield made
    finally:
        for node in made:
            node.destroy()


def acked_journal_ids(station: Station) -> set[str]:
    """Journal entries the store has acknowledged to ``station``."""
    with station.store.read() as conn:
        q = select(outbox.c.entity_id).where(outbox.c.acked.is_(True), outbox.c.entity == "journal")
        return set(conn.execute(q).scalars())


def multi_host_url(places: list[tuple[Path, int]], dbname: str) -> str:
    hosts = ",".join(str(root) for root, _ in places)
    ports = ",".join(str(port) for _, port in places)
    return (
        f"postgresql+psycopg://postgres@/{dbname}?host={hosts}&port={ports}"
        "&target_session_attrs=read-write"
    )


@pytest.mark.postgres
@pytest.mark.reliability
@pytest.mark.slow
def test_failover_to_the_standby_loses_no_acknowledged_write(
    tmp_path: Path, nodes: list[PgCluster]
) -> None:
    primary = new_cluster()
    nodes.append(primary)
    places = [(primary.root, primary.port)] + [reserve() for _ in range(FAILOVERS)]
    dbname = primary.create_db()
    url = multi_host_url(places, dbname)
    init_store(url)
    standby = PgCluster.standby_of(primary, places[1])
    nodes.append(standby)

    stations = [Station(tmp_path, code, url) for code in CODES]
    stations[0].svc.start_event("Failover-övning")
    action_id = stations[0].svc.add_action("Gemensam åtgärd").value.id
    for s in stations:  # everyone has the event before writing
        s.sync()
    hook = MidPush()
    engines = [
        SyncEngine(s.store, url, interval_s=INTERVAL_S, stage=hook if i == 0 else None)
        for i, s in enumerate(stations)
    ]
    reports: list[SyncStatus] = []
    for e in engines:
        e.add_listener(reports.append)
        e.start()
    resent = history_lost = 0
    unreplicated: set[str] = set()  # acknowledged by the old primary, never on the standby
    try:
        with Writers(stations, action_id) as writers:
            writers.written |= set(stations[0].journal_ids())
            for round_ in range(FAILOVERS):
                assert not writers.errors, writers.errors
                wait_for(
                    lambda: all(local.last_acked(s.store) > 0 for s in stations),
                    30,
                    "every station pushed",
                )
                time.sleep(1.0)  # streaming keeps up: these pushes are on the standby too
                standby.detach()  # from here the primary acknowledges what the standby lacks
                acked = [local.last_acked(s.store) for s in stations]
                wait_for(
                    lambda acked=acked: all(
                        local.last_acked(s.store) > a for s, a in zip(stations, acked, strict=True)
                    ),
                    30,
                    "pushes acknowledged by the primary alone",
                )
                hook.killed.clear()
                hook.armed.set()
                assert hook.holding.wait(30), "no push got as far as its store transaction"
                hook.holding.clear()
                primary.kill()  # mid-push: station V1's transaction is open
                hook.killed.set()
                acked = set().union(*(acked_journal_ids(s) for s in stations))
                on_standby = set(store_journal_ids(standby.url(dbname)))  # read-only, frozen
                unreplicated |= acked - on_standby
                standby.promote()
                assert standby.is_primary()
                primary, standby = standby, primary
                if round_ + 1 < FAILOVERS:  # a fresh standby of the new primary
                    standby = PgCluster.standby_of(primary, places[round_ + 2])
                    nodes.append(standby)
                time.sleep(2.0)  # the stations keep writing against the new primary
        assert not writers.errors, writers.errors
        written = writers.written

        def converged() -> bool:
            if any(s.pending() for s in stations):
                return False
            boards = [s.board() for s in stations]
            ids = [s.journal_ids() for s in stations]
            return all(b == boards[0] for b in boards) and all(i == ids[0] for i in ids)

        took = wait_for(converged, 120, "the stations converged after the last failover")
    finally:
        for e in engines:
            e.stop()
    for status in reports:
        if status.report is not None:
            resent += status.report.resent
            history_lost += int(status.report.history_lost)
    in_store = store_journal_ids(url)
    duplicates = len(in_store) - len(set(in_store))
    lost = written - set(in_store)
    record(
        "failover",
        failovers=FAILOVERS,
        entries_written=len(written),
        acknowledged_not_replicated=len(unreplicated),
        resent_after_failover=resent,
        full_repulls=history_lost,
        converged_after_s=round(took, 1),
        lost=len(lost),
        duplicates=duplicates,
    )
    assert not lost, f"{len(lost)} acknowledged entries lost"
    assert duplicates == 0
    for s in stations:
        assert set(s.journal_ids()) == set(in_store)
        assert s.pending() == 0
    assert unreplicated, "every acknowledged entry was replicated: the test lost its teeth"
    assert unreplicated <= set(in_store)
    assert resent >= len(unreplicated)  # each was counted by its station as sent again
    assert history_lost >= len(stations) * FAILOVERS
    for s in stations:
        s.close()


def test_acknowledged_changes_the_store_forgot_are_sent_again(
    tmp_path: Path, sqlite_url: str
) -> None:
    """The resend on its own (no failover test needed, no marker): the store holds less of a
    station's sequence than it acknowledged, while its timeline and counter look unchanged (a
    store restored from a backup by hand, say); the station sends the difference again."""
    init_store(sqlite_url)
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.start_event("Glömskt lager")
    for i in range(5):
        a.svc.add_entry(f"Post {i}")
    a.sync()
    last = local.last_acked(a.store)
    forgotten = local.outbox_after(a.store, last - 3, 3)
    store = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    with store:
        store.execute("DROP TRIGGER entities_immutable_delete")
        store.executemany(
            "DELETE FROM entities WHERE id = ?", [(row.entity_id,) for row in forgotten]
        )
        kept = local.outbox_after(a.store, last - 4, 1)[0]
        store.execute(
            "UPDATE site_progress SET last_seq = ?, last_mutation = ?",
            (kept.seq, kept.mutation_id),
        )
    store.close()
    assert len(set(store_journal_ids(sqlite_url))) == len(a.journal_ids()) - 3

    report = a.sync()
    assert report.resent == 3 and not report.history_lost and report.pushed == 3
    assert sorted(store_journal_ids(sqlite_url)) == a.journal_ids()
    assert a.sync().resent == 0  # once is enough
    a.close()
