"""Stations for the sync tests: a local board, a service, and one-call sync against a store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select

from situation_board.reports.board_json import board_json
from situation_board.store.schema import conflicts as local_conflicts
from situation_board.store.schema import journal, outbox
from situation_board.sync.backend import SharedStore
from situation_board.sync.client import SyncClient
from situation_board.sync.credentials import parse_store_url
from situation_board.sync.shared_schema import entities
from situation_board.sync.status import SyncReport
from tests.integration.helpers import FakeClock, open_service


def init_store(url: str) -> None:
    shared = SharedStore(parse_store_url(url))
    try:
        shared.init()
    finally:
        shared.close()


class Station:
    """One workstation: its own local SQLite board, syncing with ``url``."""

    def __init__(
        self,
        tmp: Path,
        code: str,
        url: str,
        clock: FakeClock | None = None,
        *,
        wall: Callable[[], int] | None = None,
    ) -> None:
        self.code = code
        self.url = url
        self.clock = clock or FakeClock()
        self.wall = wall  # the station's wall clock in ms (HLC and sync), when not the real one
        self.svc = open_service(
            tmp / f"{code}.db", self.clock, name=f"Stab {code}", station=code, hlc_wall=wall
        )
        self.store = self.svc.store
        self.shared = SharedStore(parse_store_url(url))

    def client(self, **kw: Any) -> SyncClient:
        if self.wall is not None:
            kw.setdefault("wall", self.wall)
        return SyncClient(self.store, self.shared, **kw)

    def sync(self, **kw: Any) -> SyncReport:
        return self.client(**kw).run()

    def board(self) -> dict[str, Any]:
        data = board_json(self.svc.board(now=self.clock()))
        data.pop("sync")
        return data

    def journal_ids(self) -> list[str]:
        with self.store.read() as conn:
            return sorted(conn.execute(select(journal.c.id)).scalars())

    def conflicts(self) -> list[tuple[Any, ...]]:
        c = local_conflicts.c
        cols = [c.id, c.entity, c.entity_id, c.field, c.kept_value, c.lost_value, c.kept_stamp]
        cols += [c.lost_stamp, c.kept_author, c.lost_author, c.detected_at]
        with self.store.read() as conn:
            return [tuple(r) for r in conn.execute(select(*cols).order_by(c.id))]

    def pending(self) -> int:
        with self.store.read() as conn:
            q = select(func.count()).select_from(outbox).where(outbox.c.acked.is_(False))
            return int(conn.execute(q).scalar_one())

    def close(self) -> None:
        self.shared.close()
        self.store.close()


def store_journal_ids(url: str) -> list[str]:
    """Journal ids in the shared store, with repeats (there must be none)."""
    engine = create_engine(parse_store_url(url).url)
    try:
        with engine.connect() as conn:
            q = select(entities.c.id).where(entities.c.entity == "journal").order_by(entities.c.id)
            return list(conn.execute(q).scalars())
    finally:
        engine.dispose()


def converge(*stations: Station, rounds: int = 2) -> None:
    for _ in range(rounds):
        for s in stations:
            s.sync()


def assert_converged(*stations: Station) -> None:
    first = stations[0]
    for other in stations[1:]:
        assert other.board() == first.board(), f"{other.code} differs from {first.code}"
        assert other.journal_ids() == first.journal_ids()
        assert other.conflicts() == first.conflicts()
    for s in stations:
        assert s.pending() == 0
