"""Use cases: the briefing rhythm (stabsorienteringar), the agenda, and decisions taken at a
briefing.

Rules (whichever face calls): a title is required; the time is sane; a recurrence is every 1–48
hours or daily at valid ``HH:MM`` times (``domain.briefings``); a cancelled briefing stays in the
record (its occurrences before the cancellation still count as "the previous briefing"), and is
cancelled once; a decision recorded *at* a briefing names the briefing under way, or one the
user names, and is journaled as *beslut* with the briefing's reference (``SO 2024-01-29 16:30``).
Every change is journaled in Swedish.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from situation_board.domain.briefings import (
    DEFAULT_TITLE,
    IN_PROGRESS_BEFORE,
    BriefingOccurrence,
    Recurrence,
)
from situation_board.domain.changes import Outcome
from situation_board.domain.entities import Board, Briefing, JournalEntry
from situation_board.domain.enums import EntryCategory
from situation_board.domain.errors import StateError, ValidationError
from situation_board.domain.rules import MAX_NAME, not_in_future, require_text
from situation_board.domain.timeutil import check_sane, fmt_datetime
from situation_board.reports.agenda import Agenda, build_agenda, occurrence_of
from situation_board.services.read import ReadServices
from situation_board.store import queries as q
from situation_board.store.schema import briefings, journal
from situation_board.store.unit_of_work import WriteTx

DECISION_PREFIX = "Beslut ("
"""Decisions taken at a briefing read ``Beslut (Stabsorientering SO 2024-01-29 16:30): …``."""


def decision_text(occurrence: BriefingOccurrence, text: str) -> str:
    """The journal text of a decision taken at ``occurrence``."""
    return f"{DECISION_PREFIX}{occurrence.title} {occurrence.reference}): {text}"


class BriefingServices(ReadServices):
    """Schedule, list and cancel briefings; their agenda; decisions taken at them."""

    def add_briefing(
        self,
        at: datetime,
        title: str = DEFAULT_TITLE,
        *,
        recurrence: Recurrence | None = None,
    ) -> Outcome[Briefing]:
        """Schedule a staff briefing at ``at`` (aware UTC), or a rhythm from ``at`` on
        (``recurrence``: every N hours from ``at``, or daily at wall-clock times from ``at``'s
        day on). Raises ``ValidationError``, ``NoActiveEventError``."""
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            result = self._insert_briefing(tx, event.id, at, title, recurrence)
        return Outcome(result, tx.changes)

    def _insert_briefing(
        self,
        tx: WriteTx,
        event_id: str,
        at: datetime,
        title: str,
        recurrence: Recurrence | None,
    ) -> Briefing:
        title = require_text(title, "title", limit=MAX_NAME)
        at = check_sane(at, "time")
        briefing_id = tx.insert(
            briefings,
            {
                "event_id": event_id,
                "at": at,
                "title": title,
                "recurrence": recurrence.code if recurrence else "",
                "cancelled_at": None,
                "deleted": False,
            },
        )
        result = self._get_briefing(tx, briefing_id)
        if recurrence is None:
            self._log(tx, event_id, f"{title} planerad {fmt_datetime(at)}.")
        else:
            first = result.next_at(at)
            self._log(
                tx,
                event_id,
                f"{title} planerad {recurrence.describe_sv()} från {fmt_datetime(at)}"
                + (f", första {fmt_datetime(first)}." if first else "."),
            )
        return result

    def cancel_briefing(self, ref: str) -> Outcome[Briefing]:
        """Cancel the briefing ``ref`` (id or short id) from now on: a single one does not
        happen, a rhythm stops. Raises ``StateError`` (``briefing_cancelled``),
        ``NotFoundError``, ``NoActiveEventError``."""
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = q.to_briefing(self._resolve(tx.conn, briefings, event.id, ref, "briefing"))
            if current.cancelled_at is not None:
                raise StateError("briefing_cancelled", title=current.title)
            tx.update(briefings, current.id, {"cancelled_at": now})
            what = (
                current.recurrence.describe_sv() if current.recurrence else fmt_datetime(current.at)
            )
            self._log(tx, event.id, f"{current.title} ({what}) inställd från {fmt_datetime(now)}.")
            result = self._get_briefing(tx, current.id)
        return Outcome(result, tx.changes)

    def briefings(self) -> list[Briefing]:
        """The active event's briefings (single and recurring, cancelled ones too) by first
        time. Raises ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.briefings_of(conn, self._active_event(conn).id)

    def briefing_agenda(self, ref: str | None = None) -> Agenda:
        """The agenda (``reports.agenda``) of the briefing under way or the next one, or of the
        briefing ``ref`` (its occurrence under way or next). Raises ``NotFoundError``,
        ``NoActiveEventError``."""
        with self.store.read() as conn:
            board = self.board_in(conn)
            if board.event is None:
                self._active_event(conn)  # raises
            assert board.event is not None
            occurrence = None
            if ref is not None:
                row = self._resolve(conn, briefings, board.event.id, ref, "briefing")
                occurrence = occurrence_of(q.to_briefing(row), board.as_of)
            return build_agenda(
                board,
                q.level_history(conn, board.event.id),
                q.conflicts_list(conn),
                briefing=occurrence,
            )

    def record_briefing_decision(
        self,
        text: str,
        *,
        briefing_ref: str | None = None,
        occurred_at: datetime | None = None,
    ) -> Outcome[JournalEntry]:
        """Journal a decision (*beslut*) taken at a briefing, with the briefing's reference:
        the briefing under way at ``occurred_at`` (aware UTC, default now), or the latest
        occurrence (at most 15 minutes ahead) of the briefing ``briefing_ref``.

        Raises ``ValidationError`` (``no_briefing_in_progress``, text, times),
        ``NotFoundError``, ``NoActiveEventError``.
        """
        body = require_text(text, "text")
        now = self.now()
        when = not_in_future(check_sane(occurred_at or now, "occurred"), now, "occurred")
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            board = Board(
                as_of=when,
                station=tx.station,
                event=event,
                level=None,
                briefings=tuple(q.briefings_of(tx.conn, event.id)),
            )
            if briefing_ref is not None:
                row = self._resolve(tx.conn, briefings, event.id, briefing_ref, "briefing")
                chosen = q.to_briefing(row)
                at = chosen.previous_at(when + IN_PROGRESS_BEFORE)
                occurrence = chosen.occurrence(at) if at is not None else None
            else:
                occurrence = board.briefing_under_way()
            if occurrence is None:
                raise ValidationError("no_briefing_in_progress")
            entry_id = self._log(
                tx,
                event.id,
                decision_text(occurrence, body),
                category=EntryCategory.DECISION,
                occurred_at=when,
            )
            row = tx.conn.execute(select(journal).where(journal.c.id == entry_id)).mappings().one()
        return Outcome(q.to_entry(row), tx.changes)

    @staticmethod
    def _get_briefing(tx: WriteTx, briefing_id: str) -> Briefing:
        row = tx.conn.execute(select(briefings).where(briefings.c.id == briefing_id))
        return q.to_briefing(row.mappings().one())
