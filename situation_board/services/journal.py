"""Use cases: the staff journal (stabsjournal) — append-only entries and corrections.

Rules (whichever face calls): the text is required (at most ``MAX_TEXT``); the category is not
``system`` (those the program writes itself); the occurred time is sane and not in the future; a
correction points at exactly one existing entry; text that looks like a personnummer is refused
unless the user confirms, and is then hidden from the wall (patient data does not belong on the
board — WIS has the same rule).

Hiding a saved entry from the wall (or showing it again) is a quick, undoable change. Entries are
immutable, so the decision lives beside the entry in a small mutable record (``entry_visibility``,
one per entry, merged per field like every mutable entity); the entry's own flag is the value it
was written with, and every read returns the effective value. An entry whose text looks like a
personnummer cannot be shown on the wall.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from situation_board.domain.changes import NOTHING, Outcome
from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory, Medium
from situation_board.domain.errors import NotFoundError, ValidationError
from situation_board.domain.messages import Text
from situation_board.domain.rules import (
    MAX_NAME,
    looks_like_personnummer,
    not_in_future,
    optional_text,
    require_text,
)
from situation_board.domain.timeutil import check_sane
from situation_board.domain.undo import UndoStep
from situation_board.i18n import N_
from situation_board.services.base import ServiceBase
from situation_board.store import queries as q
from situation_board.store.schema import entry_visibility, journal


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

    def set_hidden_from_wall(self, ref: str, hidden: bool = True) -> Outcome[JournalEntry]:
        """Hide the saved entry ``ref`` (id or number) of the active event from the wall, or
        show it again (``hidden=False``); journaled, and undoable through the outcome's
        ``undo``. Nothing changes (empty change set, no undo) when it already is so.

        Raises ``ValidationError("personnummer_on_wall")`` for showing an entry whose text looks
        like a personnummer, ``NotFoundError``, ``NoActiveEventError``.
        """
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            found = [e for e in q.entry_by_ref(tx.conn, ref) if e.event_id == event.id]
            if not found:
                raise NotFoundError("not_found", what="entry", ref=ref)
            if len(found) > 1:  # a number two sites carry (a renamed or restored station)
                ids = ", ".join(e.id for e in found[:5])
                raise NotFoundError("ambiguous_ref", what="entry", ref=ref, matches=ids)
            entry = found[0]
            if entry.hidden_from_wall == hidden:
                return Outcome(entry, NOTHING)
            private = " ".join((entry.text, entry.from_party, entry.to_party))
            if not hidden and looks_like_personnummer(private):
                raise ValidationError("personnummer_on_wall", number=entry.number)
            record = tx.conn.execute(
                select(entry_visibility.c.id).where(entry_visibility.c.id == entry.id)
            ).first()
            values = {"hidden_from_wall": hidden}
            if record is None:
                tx.insert(
                    entry_visibility,
                    {"id": entry.id, "event_id": event.id, "deleted": False, **values},
                )
                old = {"hidden_from_wall": entry.hidden_from_wall}
            else:
                old = tx.update(entry_visibility, entry.id, values)
            verb = "döljs på väggskärmen" if hidden else "visas åter på väggskärmen"
            entry_id = self._log(tx, event.id, f"{entry.number} {verb}.")
            summary = (
                Text(N_("Entry {number} hidden from the wall"), {"number": entry.number})
                if hidden
                else Text(N_("Entry {number} shown on the wall again"), {"number": entry.number})
            )
            undo = UndoStep.of(
                "entry_visibility",
                entry.id,
                old,
                values,
                summary=summary,
                journal_number=self._number(tx, entry_id),
            )
            result = q.entry_by_ref(tx.conn, entry.id)[0]
        return Outcome(result, tx.changes, undo)

    def wall_visibility(self) -> dict[str, bool]:
        """``{entry id: hidden}`` for the active event's entries whose visibility was changed
        after they were saved (the window's journal applies it without a reload). Raises
        ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.visibility_of(conn, self._active_event(conn).id)

    def journal(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[JournalEntry]:
        """The active event's journal in chronological order, optionally the period
        [since, until) of occurred times (aware UTC). Raises ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.journal_of(conn, self._active_event(conn).id, since=since, until=until)

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
