"""The sync protocol against a real SQLite file and a real PostgreSQL database (DESIGN §5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text, update
from sqlalchemy.exc import DBAPIError

from situation_board.domain.enums import ActionStatus, ReadinessLevel, SystemStatus
from situation_board.domain.patches import ActionPatch, SystemPatch
from situation_board.store.schema import actions, briefings, outbox
from situation_board.sync import local
from situation_board.sync.backend import SharedStore
from situation_board.sync.credentials import parse_store_url
from situation_board.sync.errors import GapError, SyncError, UpdateRequiredError
from situation_board.sync.shared_schema import SHARED_SCHEMA_VERSION, entities, store_meta
from tests.integration.sync.helpers import (
    Station,
    assert_converged,
    converge,
    init_store,
    store_journal_ids,
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        value = f"sqlite:///{tmp_path / 'shared' / 'store.db'}"
    else:
        value = str(request.getfixturevalue("pg_url"))
    init_store(value)
    return value


def _scenario_a(a: Station) -> str:
    a.svc.start_event("Övning IT-avbrott", exercise=True)
    a.svc.set_level(ReadinessLevel.STAFF, reason="Flera system nere")
    a.svc.add_system(
        "Utskrivningssystem",
        status=SystemStatus.DOWN,
        details=SystemPatch(supplier="Leverantör AB"),
    )
    action = a.svc.add_action("Aktivera reservrutin", ActionPatch(owner="Stabschef")).value
    a.svc.add_entry("Lägesrapport från sjukhusen.")
    return action.id


def test_two_and_three_stations_converge(tmp_path: Path, url: str) -> None:
    a, b, c = (Station(tmp_path, code, url) for code in ("V1", "V2", "V3"))
    action_id = _scenario_a(a)
    a.sync()
    b.sync()
    assert b.board()["event"]["name"] == "Övning IT-avbrott"
    b.svc.add_entry("Rapport från V2.")
    b.svc.update_action(action_id, ActionPatch(owner="Sjukvårdsledare"))
    converge(a, b)
    assert_converged(a, b)
    c.sync()  # a newcomer gets everything in one pull
    c.svc.add_entry("Rapport från V3.")
    a.svc.update_action(action_id, ActionPatch(status=ActionStatus.DONE))
    converge(a, b, c)
    assert_converged(a, b, c)
    board = c.board()
    assert board["level"]["level"] == "staff"
    assert [x["status"] for x in board["actions"]] == ["done"]
    assert board["actions"][0]["owner"] == "Sjukvårdsledare"
    assert len(board["journal"]) == len(a.journal_ids())
    assert sorted(store_journal_ids(url)) == a.journal_ids()
    for s in (a, b, c):
        s.close()


def test_concurrent_edit_records_one_conflict_everywhere(tmp_path: Path, url: str) -> None:
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    action_id = _scenario_a(a)
    converge(a, b)
    b.svc.update_action(action_id, ActionPatch(title="Reservrutin B"))  # older stamp
    a.svc.update_action(action_id, ActionPatch(title="Reservrutin A"))  # newer stamp: wins
    b.sync()
    a.sync()
    b.sync()
    assert_converged(a, b)
    assert a.board()["actions"][0]["title"] == "Reservrutin A"
    found = a.conflicts()
    assert len(found) == 1
    _id, entity, entity_id, field, kept, lost, *_rest = found[0]
    assert (entity, entity_id, field, kept, lost) == (
        "actions",
        action_id,
        "title",
        "Reservrutin A",
        "Reservrutin B",
    )
    assert found[0][8:10] == ("Stab V1", "Stab V2")


def test_unpushed_newer_local_edit_survives_a_pull(tmp_path: Path, url: str) -> None:
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    action_id = _scenario_a(a)
    converge(a, b)
    a.svc.update_action(action_id, ActionPatch(owner="Äldre ändring"))
    a.sync()
    b.svc.update_action(action_id, ActionPatch(owner="Nyare lokal ändring"))
    b.client()._pull()  # pull only: the older remote owner must not overwrite the local edit
    assert b.board()["actions"][0]["owner"] == "Nyare lokal ändring"
    converge(b, a)
    assert_converged(a, b)
    assert a.board()["actions"][0]["owner"] == "Nyare lokal ändring"


def test_tombstones_merge_like_fields(tmp_path: Path, url: str) -> None:
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    _scenario_a(a)
    briefing = a.svc.add_briefing(a.clock.advance(hours=1), title="Stabsorientering 1").value
    converge(a, b)
    assert len(b.board()["briefings"]) == 1
    with a.store.write("Stab V1") as tx:
        tx.update(briefings, briefing.id, {"deleted": True})
    converge(a, b)
    assert b.board()["briefings"] == []
    assert_converged(a, b)


def test_replayed_batches_are_no_ops_and_a_gap_is_healed(tmp_path: Path, url: str) -> None:
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    _scenario_a(a)
    site = local.site_info(a.store)
    batch = local.outbox_after(a.store, 0, 500)
    first = a.sync()
    assert (first.pushed, first.duplicates, first.pending) == (len(batch), 0, 0)
    with create_engine(parse_store_url(url).url).connect() as conn:
        before = conn.execute(select(entities.c.id, entities.c.change)).all()
    again = a.shared.push(site, batch, now=a.clock())  # a replay: nothing changes
    half = a.shared.push(site, batch[2:5] + batch[1:3], now=a.clock())  # reordered duplicates
    assert (again.applied, again.duplicates) == (0, len(batch))
    assert (half.applied, half.duplicates) == (0, 5)
    with create_engine(parse_store_url(url).url).connect() as conn:
        assert conn.execute(select(entities.c.id, entities.c.change)).all() == before

    # the store lost this station's latest rows (restored from a backup with the same epoch):
    more = [a.svc.add_entry(f"Post {i}").value.id for i in range(3)]
    a.svc.add_entry("Efter återställningen.")
    after = local.outbox_after(a.store, batch[-1].seq + 3, 500)
    with pytest.raises(GapError) as gap:
        a.shared.push(site, after, now=a.clock())
    assert gap.value.expected == batch[-1].seq + 1
    with a.store.write_connection() as conn:  # the station believes all of it is acknowledged
        conn.execute(update(outbox).where(outbox.c.seq <= batch[-1].seq + 3).values(acked=True))
    report = a.sync()
    # the store's site_progress shows it is behind what it acknowledged: the station sends the
    # difference again from there at once, without a refused batch first (issue 14)
    assert report.resent == 3 and not report.gap_healed
    assert report.pushed == 4 and report.pending == 0
    b.sync()
    assert set(more) <= set(b.journal_ids())
    assert_converged(a, b)


def test_a_rebuilt_store_gets_everything_again(tmp_path: Path, url: str) -> None:
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    _scenario_a(a)
    converge(a, b)
    b.svc.add_entry("Från V2.")
    converge(a, b)
    with create_engine(parse_store_url(url).url).begin() as conn:  # "rebuild": wipe, new epoch
        for table in ("conflicts", "site_progress", "stations"):
            conn.execute(text(f"DELETE FROM {table}"))
        if "postgresql" in url:
            conn.execute(text("DROP TRIGGER IF EXISTS entities_immutable ON entities"))
        else:
            conn.execute(text("DROP TRIGGER IF EXISTS entities_immutable_delete"))
        conn.execute(text("DELETE FROM entities"))
        conn.execute(update(store_meta).where(store_meta.c.key == "store_epoch").values(value="x"))
    report = a.sync()
    assert report.epoch_changed and report.pushed == len(local.outbox_after(a.store, 0, 999))
    b.sync()
    a.sync()
    assert_converged(a, b)
    assert sorted(store_journal_ids(url)) == a.journal_ids()


def test_newer_store_schema_pushes_nothing_and_local_work_goes_on(tmp_path: Path, url: str) -> None:
    a = Station(tmp_path, "V1", url)
    _scenario_a(a)
    with create_engine(parse_store_url(url).url).begin() as conn:
        conn.execute(
            update(store_meta)
            .where(store_meta.c.key == "schema_version")
            .values(value=str(SHARED_SCHEMA_VERSION + 1))
        )
    with pytest.raises(UpdateRequiredError) as err:
        a.sync()
    assert "Uppdatering krävs" in err.value.message("sv")
    assert "Update required" in err.value.message("en")
    assert store_journal_ids(url) == []
    a.svc.add_entry("Arbetet fortsätter lokalt.")  # local work goes on
    assert a.pending() > 0
    info = a.svc.board().sync
    assert info.last_error is not None and "Uppdatering krävs" in info.last_error
    with pytest.raises(UpdateRequiredError):  # and `store init` of the older program refuses too
        SharedStore(parse_store_url(url)).init()


def test_a_taken_station_code_is_refused(tmp_path: Path, url: str) -> None:
    a = Station(tmp_path, "V1", url)
    _scenario_a(a)
    a.sync()
    (tmp_path / "other").mkdir()
    twin = Station(tmp_path / "other", "V1", url)
    twin.svc.start_event("Egen händelse")
    with pytest.raises(SyncError) as err:
        twin.sync()
    assert err.value.key == "station_code_taken"
    assert "Stationskoden V1 används redan" in err.value.message("sv")
    assert store_journal_ids(url) == sorted(a.journal_ids())  # nothing of the twin got in


def test_immutable_rows_cannot_be_changed_in_the_store(tmp_path: Path, url: str) -> None:
    a = Station(tmp_path, "V1", url)
    _scenario_a(a)
    a.sync()
    engine = create_engine(parse_store_url(url).url)
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(
            update(entities).where(entities.c.entity == "journal").values(fields={"text": "x"})
        )
    engine.dispose()


def test_the_local_action_table_is_untouched_by_an_empty_pull(tmp_path: Path, url: str) -> None:
    a = Station(tmp_path, "V1", url)
    _scenario_a(a)
    a.sync()
    with a.store.read() as conn:
        before = conn.execute(select(actions)).all()
    report = a.sync()
    assert report.pulled == 0 and report.pushed == 0
    with a.store.read() as conn:
        assert conn.execute(select(actions)).all() == before


def test_two_events_started_offline_show_the_newest_and_flag_the_other(
    tmp_path: Path, url: str
) -> None:
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    a.svc.start_event("Startad på V1")
    b.clock.advance(minutes=5)
    b.svc.start_event("Startad på V2")
    converge(a, b)
    assert_converged(a, b)
    board = a.board()
    assert board["event"]["name"] == "Startad på V2"
    assert [e["name"] for e in board["other_open_events"]] == ["Startad på V1"]


def test_a_station_does_not_pull_back_what_it_pushed(tmp_path: Path, url: str) -> None:
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    action_id = _scenario_a(a)
    first = a.sync()
    assert first.pushed > 0 and first.pulled == 0  # its own rows are not fetched again
    with a.store.read() as conn:
        cursor = local.get_state(conn, local.CURSOR)
    with create_engine(parse_store_url(url).url).connect() as conn:
        assert cursor == conn.execute(text("SELECT value FROM store_counter")).scalar()
    assert b.sync().pulled == first.pushed
    # B sets one field of A's action: the store's row then holds fields of both, so the pusher
    # gets it back, and so does A
    b.svc.update_action(action_id, ActionPatch(owner="Sjukvårdsledare V2"))
    again = b.sync()
    assert (again.pushed, again.pulled, again.changed) == (2, 1, 0)  # the action, nothing new
    a.svc.update_action(action_id, ActionPatch(title="Reservrutin enligt plan"))
    assert a.sync().pulled == 2  # B's change (its journal entry, the action) and the action
    b.sync()
    assert_converged(a, b)
    assert a.board()["actions"][0]["owner"] == "Sjukvårdsledare V2"
