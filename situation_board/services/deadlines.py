"""Use cases: statutory deadline clocks (lagstadgade frister) and staff briefings.

Rules (whichever face calls): awareness and reporting times are sane and not in the future; the
due time follows the kind's rule unless given (GDPR art. 33.1: 72 hours from awareness; NIS2
art. 23: early warning within 24 hours) and never precedes awareness; a report after the due time
needs the reasons for the delay (GDPR art. 33.1: "accompanied by reasons for the delay"); a clock
is reported once. Every change is journaled in Swedish.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from situation_board.domain.changes import Outcome
from situation_board.domain.entities import Briefing, DeadlineClock
from situation_board.domain.enums import DeadlineKind, DeadlineStatus
from situation_board.domain.errors import StateError, ValidationError
from situation_board.domain.rules import MAX_NAME, not_in_future, optional_text, require_text
from situation_board.domain.timeutil import check_sane, fmt_datetime
from situation_board.services.base import ServiceBase
from situation_board.store import queries as q
from situation_board.store.schema import briefings, deadlines


class DeadlineServices(ServiceBase):
    """Start and report deadline clocks; schedule briefings."""

    def start_deadline(
        self,
        kind: DeadlineKind,
        *,
        aware_at: datetime | None = None,
        due_at: datetime | None = None,
        title: str = "",
    ) -> Outcome[DeadlineClock]:
        """Start a clock from the time of awareness (aware UTC, default now); the due time
        follows the rule for the kind (IMY: 72 h) unless given.

        Raises ``ValidationError`` (``due_required``, ``period_reversed``, bad times),
        ``NoActiveEventError``.
        """
        now = self.now()
        aware = not_in_future(check_sane(aware_at or now, "aware"), now, "aware")
        if due_at is None:
            hours = kind.default_hours
            if hours is None:
                raise ValidationError("due_required")
            due_at = aware + timedelta(hours=hours)
        due = check_sane(due_at, "due")
        if due < aware:
            raise ValidationError("period_reversed")
        name = optional_text(title, "title", limit=MAX_NAME) or kind.sv
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            deadline_id = tx.insert(
                deadlines,
                {
                    "event_id": event.id,
                    "kind": kind.value,
                    "title": name,
                    "aware_at": aware,
                    "due_at": due,
                    "reported_at": None,
                    "reference": "",
                    "late_reason": "",
                    "deleted": False,
                },
            )
            self._log(
                tx,
                event.id,
                f"Frist startad: {name}. Kännedom {fmt_datetime(aware)}, "
                f"ska rapporteras senast {fmt_datetime(due)}.",
            )
            row = tx.conn.execute(select(deadlines).where(deadlines.c.id == deadline_id))
            result = q.to_deadline(row.mappings().one())
        return Outcome(result, tx.changes)

    def report_deadline(
        self,
        ref: str,
        *,
        reported_at: datetime | None = None,
        reference: str = "",
        late_reason: str = "",
    ) -> Outcome[DeadlineClock]:
        """Mark the deadline ``ref`` (id or short id) as reported at ``reported_at`` (aware UTC,
        default now) with the authority's reference; after the due time ``late_reason`` is
        required (GDPR art. 33.1).

        Raises ``ValidationError`` (``late_reason_required``, bad times, text),
        ``StateError`` (already reported), ``NotFoundError``, ``NoActiveEventError``.
        """
        now = self.now()
        when = not_in_future(check_sane(reported_at or now, "reported"), now, "reported")
        reference = optional_text(reference, "text", limit=MAX_NAME)
        late_reason = optional_text(late_reason, "text")
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = q.to_deadline(self._resolve(tx.conn, deadlines, event.id, ref, "deadline"))
            if current.reported_at is not None:
                raise StateError("deadline_already_reported", title=current.title)
            if when > current.due_at and not late_reason:
                raise ValidationError("late_reason_required", title=current.title)
            tx.update(
                deadlines,
                current.id,
                {"reported_at": when, "reference": reference, "late_reason": late_reason},
            )
            updated = q.to_deadline(
                tx.conn.execute(select(deadlines).where(deadlines.c.id == current.id))
                .mappings()
                .one()
            )
            late = updated.status(now) is DeadlineStatus.REPORTED_LATE
            text = f"Frist rapporterad: {current.title} {fmt_datetime(when)}"
            text += f", referens {reference}" if reference else ""
            if late:
                text += f" (efter fristen: {late_reason})"
            self._log(tx, event.id, text + ".", occurred_at=when)
        return Outcome(updated, tx.changes)

    def add_briefing(self, at: datetime, title: str = "Stabsorientering") -> Outcome[Briefing]:
        """Schedule a staff briefing at ``at`` (aware UTC). Raises ``ValidationError``,
        ``NoActiveEventError``."""
        title = require_text(title, "title", limit=MAX_NAME)
        at = check_sane(at, "time")
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            briefing_id = tx.insert(
                briefings, {"event_id": event.id, "at": at, "title": title, "deleted": False}
            )
            self._log(tx, event.id, f"{title} planerad {fmt_datetime(at)}.")
            row = tx.conn.execute(select(briefings).where(briefings.c.id == briefing_id))
            result = q.to_briefing(row.mappings().one())
        return Outcome(result, tx.changes)
