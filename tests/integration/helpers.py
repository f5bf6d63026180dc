"""Helpers for integration tests: open a store and a service with a controllable clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from situation_board.domain.entities import Actor
from situation_board.domain.enums import StaffFunction
from situation_board.services import BoardService
from situation_board.store.database import LocalStore

T0 = datetime(2024, 1, 22, 13, 0, tzinfo=UTC)


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> datetime:
        self.now += timedelta(**kw)
        return self.now


def open_service(
    path: Path,
    clock: FakeClock | None = None,
    *,
    name: str = "Loggist Test",
    station: str | None = None,
    hlc_wall: Callable[[], int] | None = None,
) -> BoardService:
    clock = clock or FakeClock()
    kwargs = {"hlc_wall": hlc_wall} if hlc_wall else {}
    store = LocalStore.open(path, station=station, clock=clock, **kwargs)
    return BoardService(store, Actor(name, StaffFunction.LOG_KEEPER), clock=clock)
