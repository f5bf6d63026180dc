"""Use case: read the whole board in one consistent snapshot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from sqlalchemy import Connection

from situation_board.domain.entities import Board
from situation_board.reports.board_json import board_json_chunks
from situation_board.services.base import ServiceBase
from situation_board.store import queries as q


class ReadServices(ServiceBase):
    """The board as the window, the wall, ``show`` and the reports see it."""

    def board(self, *, with_journal: bool = True, now: datetime | None = None) -> Board:
        """The whole board of the active event in one snapshot, as of ``now`` (aware UTC,
        default the clock's now); without an active event, a board with ``event`` None.
        ``with_journal=False`` leaves the journal out (the window loads it incrementally)."""
        with self.store.read() as conn:
            return self.board_in(conn, with_journal=with_journal, now=now)

    def board_in(
        self, conn: Connection, *, with_journal: bool = True, now: datetime | None = None
    ) -> Board:
        """Like ``board``, inside the caller's read or write transaction ``conn``."""
        as_of = now or self.now()
        station = q.station(conn)
        open_events = q.open_events(conn)
        sync = q.sync_info(conn)
        if not open_events:
            return Board(as_of=as_of, station=station, event=None, level=None, sync=sync)
        event = open_events[0]
        return Board(
            as_of=as_of,
            station=station,
            event=event,
            level=q.current_level(conn, event.id),
            systems=tuple(q.systems_of(conn, event.id)),
            actions=tuple(q.actions_of(conn, event.id)),
            journal=tuple(q.journal_of(conn, event.id)) if with_journal else (),
            deadlines=tuple(q.deadlines_of(conn, event.id)),
            briefings=tuple(q.briefings_of(conn, event.id)),
            other_open_events=tuple(open_events[1:]),
            sync=sync,
        )

    def board_json(
        self, *, adjust: Callable[[Board], Board] | None = None, now: datetime | None = None
    ) -> Iterator[str]:
        """The board as ``show --json`` prints it (``reports.board_json``), in pieces, from one
        read transaction; the journal is read row by row, never whole in memory. ``adjust``
        may change the board (not its journal) before it is written."""
        with self.store.read() as conn:
            board = self.board_in(conn, with_journal=False, now=now)
            if adjust is not None:
                board = adjust(board)
            rows = (
                q.journal_export_rows(conn, board.event.id) if board.event is not None else iter(())
            )
            yield from board_json_chunks(board, rows)

    def fingerprint(self) -> tuple[object, ...]:
        """A value that changes whenever the board changes (see ``queries.fingerprint``)."""
        with self.store.read() as conn:
            return q.fingerprint(conn)
