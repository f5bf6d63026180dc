"""The background engine and the station-side checks: write trigger, clocks, read-only pulls."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from psycopg import sql
from sqlalchemy import make_url, select

from situation_board.store.database import wall_ms
from situation_board.store.schema import journal
from situation_board.sync.engine import SyncEngine
from situation_board.sync.errors import SyncError
from situation_board.sync.status import SyncStatus
from tests.integration.sync.helpers import Station, init_store
from tests.pg import PgCluster


def test_a_local_write_triggers_a_run_soon(tmp_path: Path, sqlite_url: str) -> None:
    init_store(sqlite_url)
    a, b = Station(tmp_path, "V1", sqlite_url), Station(tmp_path, "V2", sqlite_url)
    seen: list[SyncStatus] = []
    engine = SyncEngine(a.store, sqlite_url, interval_s=600)  # the interval alone would not do
    engine.add_listener(seen.append)
    engine.start()
    try:
        deadline = time.monotonic() + 5
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
        assert seen, "the first run starts at once"
        started = time.monotonic()
        a.svc.start_event("Skrivning utlöser synk")
        while engine.status().pending and time.monotonic() - started < 15:
            time.sleep(0.05)
        assert engine.status().pending == 0
        # far sooner than the 600 s interval: the write woke the engine (generous for a busy machine)
        assert time.monotonic() - started < 10
    finally:
        engine.stop()
    b.sync()
    assert b.board()["event"]["name"] == "Skrivning utlöser synk"
    assert seen[-1].last_error is None and seen[-1].store == sqlite_url


def test_a_far_ahead_remote_stamp_warns(tmp_path: Path, sqlite_url: str) -> None:
    init_store(sqlite_url)
    ahead = Station(tmp_path, "V1", sqlite_url)
    ahead.store.hlc_wall = lambda: wall_ms() + 20 * 60 * 1000  # this station's clock is 20 min fast
    ahead.svc.start_event("Klockan går före")
    assert ahead.sync().clock_warning is not None  # its own HLC is far ahead of real time
    b = Station(tmp_path, "V2", sqlite_url)
    report = b.sync()
    assert report.clock_warning and "mer än 5 minuter före" in report.clock_warning
    entry = b.svc.add_entry("Ordningen håller ändå.").value
    with b.store.read() as conn:
        stamps = dict(conn.execute(select(journal.c.id, journal.c.stamp)).all())
    assert stamps[entry.id] == max(stamps.values())  # the HLC moved past the remote stamps
    b.sync()
    ahead.sync()
    assert ahead.journal_ids() == b.journal_ids()


@pytest.mark.postgres
def test_clock_skew_against_the_server_warns(tmp_path: Path, pg_url: str) -> None:
    init_store(pg_url)
    a = Station(tmp_path, "V1", pg_url)
    assert a.sync().clock_warning is None
    slow = a.sync(wall=lambda: wall_ms() - 10 * 60 * 1000, language="en")
    assert slow.clock_warning == "This computer's clock is 10 min behind the shared store's clock."


@pytest.mark.postgres
def test_a_wall_display_pulls_with_a_read_only_role(
    tmp_path: Path, pg_cluster: PgCluster, pg_url: str
) -> None:
    init_store(pg_url)
    a = Station(tmp_path, "V1", pg_url)
    a.svc.start_event("Väggen läser bara")
    a.svc.add_entry("Synlig på väggen.")
    a.sync()
    dbname = str(make_url(pg_url).database)
    with pg_cluster.admin(dbname) as conn:
        conn.execute("DROP ROLE IF EXISTS wall_reader")
        conn.execute("CREATE ROLE wall_reader LOGIN")
        conn.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO wall_reader").format(sql.Identifier(dbname))
        )
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO wall_reader")
    wall = Station(tmp_path, "W1", pg_cluster.url(dbname, user="wall_reader"))
    report = wall.sync()
    assert report.pulled > 0 and report.pushed == 0
    assert wall.board() == a.board()
    a.svc.add_entry("Nästa post.")
    a.sync()
    wall.sync()
    assert wall.board() == a.board()
    # A wall whose station code a workstation already owns can still pull: it sends nothing.
    (tmp_path / "second").mkdir()
    same_code = Station(tmp_path / "second", "V1", pg_cluster.url(dbname, user="wall_reader"))
    assert same_code.sync().pulled > 0 and same_code.board() == a.board()
    # Someone records on the wall: its push is refused, but it keeps pulling (stays fresh).
    wall.svc.add_entry("Skrivet på väggskärmen")
    a.svc.add_entry("Ännu en post från V1.")
    a.sync()
    with pytest.raises(SyncError) as refused:
        wall.sync()
    assert refused.value.key == "store_permission_denied"
    texts = [e["text"] for e in wall.board()["journal"]]
    assert "Ännu en post från V1." in texts and wall.pending() == 1
    info = wall.svc.board().sync
    assert info.last_success_at is not None and info.last_error  # fresh, and says why


def test_a_request_during_a_run_is_served_after_it(tmp_path: Path, sqlite_url: str) -> None:
    """A NOTIFY (or write) arriving while a run is going is not lost to "max instances"."""
    init_store(sqlite_url)
    a = Station(tmp_path, "V1", sqlite_url)
    a.svc.start_event("Under pågående synk")
    runs: list[SyncStatus] = []
    engine: SyncEngine

    def ring_during_push(stage: str) -> None:
        if stage == "before_send" and not runs:
            engine._on_ring()  # as the LISTEN thread does on a notification

    engine = SyncEngine(a.store, sqlite_url, interval_s=600, stage=ring_during_push)
    engine.add_listener(runs.append)
    engine.start()
    try:
        deadline = time.monotonic() + 5
        while len(runs) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        engine.stop()
    assert len(runs) >= 2, "the request made during the first run was dropped"
