"""Deadline clocks and briefing rhythms replicate through a shared store with no shared-store
migration (new fields of mutable entities travel in the generic rows), and a row written by a
station of the version before (without the new fields) still applies."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from situation_board.domain.briefings import daily_at
from situation_board.domain.enums import DeadlineKind
from situation_board.store.schema import outbox
from tests.integration.sync.helpers import Station, assert_converged, converge, init_store


def test_clocks_and_rhythms_converge_between_stations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared' / 'store.db'}"
    (tmp_path / "shared").mkdir()
    init_store(url)
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    a.svc.start_event("Cyberangrepp")
    _warning, notification, final = a.svc.start_deadlines(DeadlineKind.NIS_EARLY_WARNING).value
    a.svc.add_briefing(a.clock(), recurrence=daily_at("08:00,16:00"))
    a.clock.advance(hours=1)
    b.clock.advance(hours=1)  # the boards are compared at one instant (urgency, next_at)
    a.svc.mark_deadline_not_required(notification.id, "Ingen betydande incident")
    converge(a, b)
    assert_converged(a, b)
    shown = b.board()
    closed = {d["id"]: d for d in shown["deadlines"]}
    assert closed[final.id]["status"] == "not_required" and closed[final.id]["follows_id"]
    assert shown["briefings"][0]["recurrence"] == "daily 08:00,16:00"
    b.svc.add_briefing(b.clock(), "Extra", recurrence=None)
    converge(a, b)
    assert_converged(a, b)
    a.close()
    b.close()


def test_a_briefing_from_the_version_before_reads_as_a_single_briefing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared' / 'store.db'}"
    (tmp_path / "shared").mkdir()
    init_store(url)
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    a.svc.start_event("Händelse")
    briefing = a.svc.add_briefing(a.clock(), "Stabsorientering").value
    with a.store.write_connection() as conn:  # as the older version wrote it: no new fields
        row = conn.execute(
            select(outbox.c.seq, outbox.c.changes).where(outbox.c.entity_id == briefing.id)
        ).one()
        old = {k: v for k, v in row.changes.items() if k not in ("recurrence", "cancelled_at")}
        conn.execute(update(outbox).where(outbox.c.seq == row.seq).values(changes=old))
    converge(a, b)
    (pulled,) = b.svc.briefings()
    assert pulled.recurrence is None and pulled.cancelled_at is None
    assert pulled.at == briefing.at
    a.close()
    b.close()
