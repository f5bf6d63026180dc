"""Shared plumbing of the services: the store, the acting user, the clock, and helpers.

Every write runs in one ``WriteTx`` (one ``BEGIN IMMEDIATE`` transaction): the change, its
``system`` journal entry and their outbox rows commit together or not at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, select

from situation_board.domain.clock import Clock
from situation_board.domain.entities import Actor, Event
from situation_board.domain.enums import EntryCategory, Medium
from situation_board.domain.errors import NoActiveEventError, NotFoundError
from situation_board.domain.ids import short_id
from situation_board.domain.text import text_key
from situation_board.store import queries as q
from situation_board.store.database import LocalStore
from situation_board.store.schema import journal
from situation_board.store.unit_of_work import WriteTx


class ServiceBase:
    """State shared by the service mixins."""

    def __init__(self, store: LocalStore, actor: Actor, clock: Clock | None = None) -> None:
        self.store = store
        self.actor = actor
        self.clock: Clock = clock or store.clock

    def now(self) -> datetime:
        """Now from the injected clock (aware UTC)."""
        return self.clock()

    def _active_event(self, conn: Connection) -> Event:
        open_events = q.open_events(conn)
        if not open_events:
            raise NoActiveEventError
        return open_events[0]

    def _resolve(self, conn: Connection, table: Table, event_id: str, ref: str, what: str) -> Any:
        """The one live row whose id (or id suffix, or name as people read it: ``text_key``) is
        ``ref``."""
        rows = q.rows_matching_id(conn, table, event_id, ref)
        if not rows and "name" in table.c:
            wanted = text_key(ref)  # as people read it: case, Unicode form, spaces aside
            rows = [
                r
                for r in conn.execute(select(table).where(table.c.event_id == event_id)).mappings()
                if not r["deleted"] and text_key(r["name"]) == wanted
            ]
        if not rows:
            raise NotFoundError("not_found", what=what, ref=ref)
        if len(rows) > 1:
            matches = ", ".join(short_id(r["id"]) for r in rows[:5])
            raise NotFoundError("ambiguous_ref", what=what, ref=ref, matches=matches)
        return rows[0]

    @staticmethod
    def _number(tx: WriteTx, entry_id: str) -> str:
        """The journal number of the entry ``entry_id`` written in ``tx``."""
        number: str = tx.conn.execute(
            select(journal.c.number).where(journal.c.id == entry_id)
        ).scalar_one()
        return number

    def _log(
        self,
        tx: WriteTx,
        event_id: str,
        text: str,
        *,
        category: EntryCategory = EntryCategory.SYSTEM,
        occurred_at: datetime | None = None,
        medium: Medium | None = None,
        from_party: str = "",
        to_party: str = "",
        corrects: str | None = None,
        hidden_from_wall: bool = False,
        entry_id: str | None = None,
    ) -> str:
        """Append a journal entry inside ``tx``; returns its id."""
        return tx.insert(
            journal,
            {
                "id": entry_id,
                "event_id": event_id,
                "number": tx.next_journal_number(),
                "occurred_at": occurred_at or tx.now,
                "recorded_at": tx.now,
                "author": self.actor.name,
                "function": self.actor.function.value,
                "category": category.value,
                "medium": medium.value if medium else None,
                "from_party": from_party,
                "to_party": to_party,
                "text": text,
                "corrects": corrects,
                "hidden_from_wall": hidden_from_wall,
            },
        )
