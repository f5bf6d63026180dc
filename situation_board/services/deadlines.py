"""Use cases: statutory deadline clocks (lagstadgade frister).

Rules (whichever face calls; the rules of each kind and their sources are in
``domain.deadlines``):

* awareness and reporting times are sane and not in the future; a report is not before the
  awareness;
* the due time follows the kind's rule (GDPR art. 33.1: 72 hours from awareness; cybersäkerhets-
  lagen / NIS2 art. 23.4: early warning 24 h, incident notification 72 h, final report one month
  after the notification) unless given; kinds without a statutory time (police report, IMY
  supplement) need the due time, a custom deadline its title and hours (or due time);
* the three NIS2 stages start together; when the incident notification is reported, the final
  report's due time becomes one month after that report;
* a report after the due time needs the reasons for the delay (GDPR art. 33.1: "accompanied by
  reasons for the delay");
* a clock is closed once: reported, or judged *not required* with a reason (a notification that
  is not required takes the final report that follows it along).

Every change is journaled in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from situation_board.domain.changes import Outcome
from situation_board.domain.deadlines import MAX_HOURS, RULES, rule_due, started_together
from situation_board.domain.entities import DeadlineClock, JournalEntry
from situation_board.domain.enums import DeadlineKind, EntryCategory
from situation_board.domain.errors import StateError, ValidationError
from situation_board.domain.rules import MAX_NAME, not_in_future, optional_text, require_text
from situation_board.domain.timeutil import add_months, check_sane, fmt_datetime
from situation_board.services.base import ServiceBase
from situation_board.store import queries as q
from situation_board.store.schema import deadlines, journal
from situation_board.store.unit_of_work import WriteTx

STARTED = "Frist startad:"
REPORTED = "Frist rapporterad:"
NOT_REQUIRED = "Frist krävs inte:"
MOVED = "Frist flyttad:"
"""Prefixes of the journal entries about deadline clocks (``deadline_history`` finds them)."""
_PREFIX = "Frist "
"""What the four prefixes begin with."""


def history_of(clock: DeadlineClock, entries: list[JournalEntry]) -> list[JournalEntry]:
    """What the journal says about ``clock``, in order: the entries the program wrote when it
    was started, moved, reported or judged not required (matched by title *and* time, so two
    clocks of the same title keep their own history), and any entry that quotes its reference.
    """
    t = clock.title
    own = [f"{STARTED} {t}. Kännedom {fmt_datetime(clock.aware_at)}"]
    if clock.reported_at is not None:
        own.append(f"{REPORTED} {t} {fmt_datetime(clock.reported_at)}")
    moved = f"{MOVED} {t}: "

    def own_entry(e: JournalEntry) -> bool:
        text = e.text
        return e.category is EntryCategory.SYSTEM and (
            any(text.startswith(p) for p in own)
            or (text.startswith(moved) and f"→ {fmt_datetime(clock.due_at)} " in text)
            or (
                text.startswith(f"{NOT_REQUIRED} {t}. ")
                and clock.not_required_at is not None
                and e.occurred_at == clock.not_required_at
            )
        )

    return [e for e in entries if own_entry(e) or (clock.reference and clock.reference in e.text)]


@dataclass(frozen=True, slots=True)
class DeadlinePlan:
    """A validated request to start the clocks of one kind (see ``plan_deadlines``)."""

    kind: DeadlineKind
    aware_at: datetime
    due_at: datetime | None
    hours: float | None
    title: str
    follows: str | None = None


def plan_deadlines(
    kind: DeadlineKind,
    now: datetime,
    *,
    aware_at: datetime | None = None,
    due_at: datetime | None = None,
    hours: float | None = None,
    title: str = "",
    follows: str | None = None,
) -> DeadlinePlan:
    """Check a start request against the rules before anything is written.

    Raises ``ValidationError`` (``due_required``, ``custom_needs_time``, ``bad_hours``,
    ``period_reversed``, ``empty_text`` for a custom deadline without a title, bad times/text).
    """
    rule = RULES[kind]
    aware = not_in_future(check_sane(aware_at or now, "aware"), now, "aware")
    name = optional_text(title, "title", limit=MAX_NAME)
    if rule.title_required and not name:
        raise ValidationError("empty_text", field="title")
    if hours is not None:
        if due_at is not None:
            raise ValidationError("custom_needs_time")
        if isinstance(hours, bool) or not 0 < hours <= MAX_HOURS:
            raise ValidationError("bad_hours", value=hours, limit=MAX_HOURS)
    if rule.due_required and due_at is None and hours is None:
        raise ValidationError(
            "custom_needs_time" if kind is DeadlineKind.CUSTOM else "due_required"
        )
    if due_at is not None:
        due_at = check_sane(due_at, "due")
        if due_at < aware:
            raise ValidationError("period_reversed")
    return DeadlinePlan(kind, aware, due_at, hours, name, follows)


class DeadlineServices(ServiceBase):
    """Start, report and close deadline clocks."""

    def start_deadlines(
        self,
        kind: DeadlineKind,
        *,
        aware_at: datetime | None = None,
        due_at: datetime | None = None,
        hours: float | None = None,
        title: str = "",
        follows: str | None = None,
    ) -> Outcome[tuple[DeadlineClock, ...]]:
        """Start the clocks of ``kind`` from the time of awareness (aware UTC, default now):
        one clock, or the three NIS2 stages for any NIS kind. The due time follows the kind's
        rule unless ``due_at`` (aware UTC) or ``hours`` is given (both apply to ``kind``'s own
        clock); ``title`` names it (default: the kind's Swedish label); ``follows`` is the
        (short) id of the clock it follows (default for an IMY supplement: the event's latest
        IMY notification clock).

        Raises ``ValidationError`` (see ``plan_deadlines``), ``NotFoundError`` (``follows``),
        ``NoActiveEventError``.
        """
        now = self.now()
        plan = plan_deadlines(
            kind, now, aware_at=aware_at, due_at=due_at, hours=hours, title=title, follows=follows
        )
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            clocks = self._insert_deadlines(tx, event.id, plan)
        return Outcome(clocks, tx.changes)

    def start_deadline(
        self,
        kind: DeadlineKind,
        *,
        aware_at: datetime | None = None,
        due_at: datetime | None = None,
        hours: float | None = None,
        title: str = "",
    ) -> Outcome[DeadlineClock]:
        """``start_deadlines`` returning the clock of ``kind`` itself (for the NIS2 stages the
        other two start as well)."""
        started = self.start_deadlines(
            kind, aware_at=aware_at, due_at=due_at, hours=hours, title=title
        )
        own = next(c for c in started.value if c.kind is kind)
        return Outcome(own, started.changes)

    def _insert_deadlines(
        self, tx: WriteTx, event_id: str, plan: DeadlinePlan
    ) -> tuple[DeadlineClock, ...]:
        """Insert the clocks of ``plan`` (validated) and journal each; inside ``tx``."""
        existing = q.deadlines_of(tx.conn, event_id)
        follows_id: str | None = None
        if plan.follows:
            follows_id = self._resolve(tx.conn, deadlines, event_id, plan.follows, "deadline")["id"]
        made: list[DeadlineClock] = []
        for kind in started_together(plan.kind):
            rule = RULES[kind]
            own = kind is plan.kind
            before = next((c for c in made if c.kind is rule.follows), None)
            if before is None and rule.follows is not None:
                if own and follows_id is not None:
                    before = next(c for c in existing if c.id == follows_id)
                else:
                    candidates = [c for c in existing if c.kind is rule.follows]
                    before = candidates[-1] if candidates else None
            due = plan.due_at if own else None
            if due is None:
                due = rule_due(
                    kind,
                    plan.aware_at,
                    hours=plan.hours if own else None,
                    previous_due=before.due_at if before else None,
                    previous_reported=before.reported_at if before else None,
                )
            assert due is not None  # plan_deadlines checked that a due time is given
            title = (plan.title if own else "") or kind.sv
            deadline_id = tx.insert(
                deadlines,
                {
                    "event_id": event_id,
                    "kind": kind.value,
                    "title": title,
                    "aware_at": plan.aware_at,
                    "due_at": due,
                    "reported_at": None,
                    "reference": "",
                    "late_reason": "",
                    "follows_id": before.id if before else None,
                    "not_required_at": None,
                    "not_required_reason": "",
                    "deleted": False,
                },
            )
            source = f" ({rule.source})" if rule.source else ""
            self._log(
                tx,
                event_id,
                f"{STARTED} {title}. Kännedom {fmt_datetime(plan.aware_at)}, "
                f"ska rapporteras senast {fmt_datetime(due)}{source}.",
            )
            made.append(self._get_deadline(tx, deadline_id))
        return tuple(made)

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
        required (GDPR art. 33.1). Reporting the NIS2 incident notification moves the final
        report's due time to one month after ``reported_at`` (journaled).

        Raises ``ValidationError`` (``late_reason_required``, ``period_reversed``, bad times,
        text), ``StateError`` (``deadline_already_reported``, ``deadline_closed``),
        ``NotFoundError``, ``NoActiveEventError``.
        """
        now = self.now()
        when = not_in_future(check_sane(reported_at or now, "reported"), now, "reported")
        reference = optional_text(reference, "reference", limit=MAX_NAME)
        late_reason = optional_text(late_reason, "text")
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = q.to_deadline(self._resolve(tx.conn, deadlines, event.id, ref, "deadline"))
            if current.reported_at is not None:
                raise StateError("deadline_already_reported", title=current.title)
            if not current.is_open:
                raise StateError("deadline_closed", title=current.title, status=current.status(now))
            if when < current.aware_at:
                raise ValidationError("period_reversed")
            late = when > current.due_at
            if late and not late_reason:
                raise ValidationError("late_reason_required", title=current.title)
            tx.update(
                deadlines,
                current.id,
                {
                    "reported_at": when,
                    "reference": reference,
                    "late_reason": late_reason if late else "",
                },
            )
            text = f"{REPORTED} {current.title} {fmt_datetime(when)}"
            text += f", referens {reference}" if reference else ""
            if late:
                text += f" (efter fristen: {late_reason})"
            self._log(tx, event.id, text + ".", occurred_at=when)
            for after in q.deadlines_of(tx.conn, event.id):
                rule = RULES[after.kind]
                if after.follows_id != current.id or not after.is_open or not rule.months_after:
                    continue
                due = add_months(when, rule.months_after)
                if tx.update(deadlines, after.id, {"due_at": due}):
                    self._log(
                        tx,
                        event.id,
                        f"{MOVED} {after.title}: senast {fmt_datetime(after.due_at)} → "
                        f"{fmt_datetime(due)} (en månad efter att {current.title} "
                        f"rapporterades, {rule.source}).",
                    )
            updated = self._get_deadline(tx, current.id)
        return Outcome(updated, tx.changes)

    def mark_deadline_not_required(self, ref: str, reason: str) -> Outcome[DeadlineClock]:
        """Close the deadline ``ref`` without a report: judged *not required* (e.g. a breach
        unlikely to result in a risk to people, GDPR art. 33.1), with the ``reason`` journaled.
        Clocks that follow it by rule (the NIS2 final report after the notification) close with
        it.

        Raises ``ValidationError`` (empty reason, text), ``StateError`` (``deadline_closed``),
        ``NotFoundError``, ``NoActiveEventError``.
        """
        reason = require_text(reason, "reason")
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = q.to_deadline(self._resolve(tx.conn, deadlines, event.id, ref, "deadline"))
            if not current.is_open:
                raise StateError("deadline_closed", title=current.title, status=current.status(now))
            closing = [(current, reason)]
            for after in q.deadlines_of(tx.conn, event.id):
                if (
                    after.follows_id == current.id
                    and after.is_open
                    and RULES[after.kind].months_after
                ):
                    closing.append((after, f"{current.title} krävs inte"))
            for clock, why in closing:
                tx.update(deadlines, clock.id, {"not_required_at": now, "not_required_reason": why})
                self._log(tx, event.id, f"{NOT_REQUIRED} {clock.title}. Skäl: {why}")
            updated = self._get_deadline(tx, current.id)
        return Outcome(updated, tx.changes)

    def deadline_history(self, ref: str) -> list[JournalEntry]:
        """What the journal says about the deadline ``ref`` (id or short id), in order
        (``history_of``). Raises ``NotFoundError``, ``NoActiveEventError``."""
        with self.store.read() as conn:
            event = self._active_event(conn)
            clock = q.to_deadline(self._resolve(conn, deadlines, event.id, ref, "deadline"))
            about = journal.c.text.startswith(_PREFIX, autoescape=True)
            if clock.reference:
                about = or_(about, journal.c.text.contains(clock.reference, autoescape=True))
            rows = conn.execute(
                select(journal)
                .where(journal.c.event_id == event.id, about)
                .order_by(journal.c.occurred_at, journal.c.recorded_at, journal.c.number)
            )
            return history_of(clock, [q.to_entry(r) for r in rows.mappings()])

    def deadlines(self) -> list[DeadlineClock]:
        """The active event's clocks by due time. Raises ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.deadlines_of(conn, self._active_event(conn).id)

    @staticmethod
    def _get_deadline(tx: WriteTx, deadline_id: str) -> DeadlineClock:
        row = tx.conn.execute(select(deadlines).where(deadlines.c.id == deadline_id))
        return q.to_deadline(row.mappings().one())
