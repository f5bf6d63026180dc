"""Use cases: the staff journal (stabsjournal) — append-only entries and corrections.

Rules (whichever face calls): the text is required (at most ``MAX_TEXT``); the category is not
``system`` (those the program writes itself); the occurred time is sane and not in the future; a
correction points at exactly one existing entry; text that looks like a personnummer is refused
unless the user confirms, and is then hidden from the wall (patient data does not belong on the
board — WIS has the same rule).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select

from situation_board.domain.changes import Outcome
from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory, Medium
from situation_board.domain.errors import NotFoundError, ValidationError
from situation_board.domain.rules import (
    MAX_NAME,
    looks_like_personnummer,
    not_in_future,
    optional_text,
    require_text,
)
from situation_board.domain.timeutil import check_sane
from situation_board.reports.journal_stream import entries_json, entry_lines, json_array
from situation_board.services.base import ServiceBase
from situation_board.store import queries as q
from situation_board.store.schema import journal


class JournalServices(ServiceBase):
    """Write and read journal entries."""

    def add_entry(
        self,
        text: str,
        *,
        category: EntryCategory = EntryCategory.INFORMATION,
        occurred_at: datetime | None = None,
        medium: Medium | None = None,
        from_party: str = "",
        to_party: str = "",
        corrects: str | None = None,
        hidden_from_wall: bool = False,
        allow_personnummer: bool = False,
    ) -> Outcome[JournalEntry]:
        """Append an entry to the active event's journal (``occurred_at`` aware UTC, default
        now). Text that looks like a personnummer is refused (``personnummer``) unless the user
        confirms (``allow_personnummer``), and is then hidden from the wall.

        Raises ``ValidationError``, ``NoActiveEventError``.
        """
        body = require_text(text, "text", patient_check=False)  # confirm-and-hide below
        from_party = optional_text(from_party, "from", limit=MAX_NAME, patient_check=False)
        to_party = optional_text(to_party, "to", limit=MAX_NAME, patient_check=False)
        if category is EntryCategory.SYSTEM:
            raise ValidationError(
                "unknown_choice",
                field="category",
                value=category.value,
                choices=", ".join(c.value for c in EntryCategory if c is not EntryCategory.SYSTEM),
            )
        if looks_like_personnummer(" ".join((body, from_party, to_party))):
            if not allow_personnummer:
                raise ValidationError("personnummer")
            hidden_from_wall = True
        now = self.now()
        occurred = not_in_future(check_sane(occurred_at or now, "occurred"), now, "occurred")
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            target_id = None
            if corrects:
                targets = q.entry_by_ref(tx.conn, corrects)
                if len(targets) != 1:
                    raise ValidationError("correction_target_missing", ref=corrects)
                target_id = targets[0].id
            entry_id = self._log(
                tx,
                event.id,
                body,
                category=category,
                occurred_at=occurred,
                medium=medium,
                from_party=from_party,
                to_party=to_party,
                corrects=target_id,
                hidden_from_wall=hidden_from_wall,
            )
            row = tx.conn.execute(select(journal).where(journal.c.id == entry_id)).mappings().one()
        return Outcome(q.to_entry(row), tx.changes)

    def journal(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[JournalEntry]:
        """The active event's journal in chronological order, optionally the period
        [since, until) of occurred times (aware UTC). Raises ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.journal_of(conn, self._active_event(conn).id, since=since, until=until)

    def journal_json(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> Iterator[str]:
        """The active event's journal (``journal``'s entries and order) as the JSON array of
        ``log list --json``, in pieces, read row by row in one read transaction: 100,000 entries
        are never in memory at once. Raises ``NoActiveEventError`` on the first piece."""
        with self.store.read() as conn:
            event = self._active_event(conn)
            rows = q.journal_export_rows(conn, event.id, since=since, until=until)
            yield from json_array(entries_json(rows, pad="  "))

    def journal_lines(
        self, language: str, *, since: datetime | None = None, until: datetime | None = None
    ) -> Iterator[str]:
        """The active event's journal as the lines of ``log list`` (``language``: the labels),
        read row by row. Raises ``NoActiveEventError`` on the first line."""
        with self.store.read() as conn:
            event = self._active_event(conn)
            rows = q.journal_export_rows(conn, event.id, since=since, until=until)
            yield from entry_lines(rows, language)

    def journal_tail(self, count: int) -> list[JournalEntry]:
        """The latest ``count`` entries of the active event, chronological. Raises
        ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.journal_tail(conn, self._active_event(conn).id, count)

    def journal_after(self, rowid: int) -> tuple[int, list[JournalEntry]]:
        """Entries of the active event stored after SQLite ``rowid`` and the highest rowid seen
        (the window's incremental refresh). Raises ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.journal_after_rowid(conn, self._active_event(conn).id, rowid)

    def entry(self, ref: str) -> JournalEntry:
        """The entry with id or number ``ref``. Raises ``NotFoundError``."""
        with self.store.read() as conn:
            found = q.entry_by_ref(conn, ref)
        if len(found) != 1:
            raise NotFoundError("not_found", what="entry", ref=ref)
        return found[0]
