"""The store stopped for a whole scenario while stations keep writing (engines in the background).

Every local write succeeds while the store is down; when it is back, the LISTEN connections
reconnect and pull, and everything converges within 2 sync intervals, with the concurrent edit of
one action field recorded as the same conflict on every station.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from situation_board.domain.enums import ReadinessLevel
from situation_board.domain.patches import ActionPatch
from situation_board.sync.engine import SyncEngine
from tests.integration.sync.conftest import new_cluster
from tests.integration.sync.helpers import Station, init_store
from tests.pg import PgCluster

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
