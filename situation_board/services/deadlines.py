"""Use cases: statutory deadline clocks (lagstadgade frister) and staff briefings."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

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
    ) -> DeadlineClock:
        """Start a clock from the time of awareness; the due time follows the rule for the kind
        (IMY: 72 h) unless given."""
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
        return result

    def report_deadline(
        self,
        ref: str,
        *,
        reported_at: datetime | None = None,
        reference: str = "",
        late_reason: str = "",
    ) -> DeadlineClock:
        """Mark a deadline as reported (with the authority's reference, and why if late)."""
        now = self.now()
        when = not_in_future(check_sane(reported_at or now, "reported"), now, "reported")
        reference = optional_text(reference, "text", limit=MAX_NAME)
        late_reason = optional_text(late_reason, "text")
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = q.to_deadline(self._resolve(tx.conn, deadlines, event.id, ref, "deadline"))
            if current.reported_at is not None:
                raise StateError("deadline_already_reported", title=current.title)
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
                text += f" (efter fristen: {late_reason})" if late_reason else " (efter fristen)"
            self._log(tx, event.id, text + ".", occurred_at=when)
        return updated

    def add_briefing(self, at: datetime, title: str = "Stabsorientering") -> Briefing:
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
        return result
