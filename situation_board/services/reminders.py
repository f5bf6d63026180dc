"""Use cases: reminders — evaluate the board's causes, record what this station showed, and
acknowledge a reminder (journaled as who saw it when).

The causes and the rules are ``domain.reminders`` (pure, clock-driven); here they meet the store:
the board, the room's acknowledgements (``reminder_acks``, replicated) and this station's record
of what it notified (``reminders_shown``, local). The window and the wall call ``check_reminders``
on their tick and after each change, and notify what it returns as due.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import Connection, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from situation_board.domain.changes import Outcome, Topic
from situation_board.domain.entities import Board
from situation_board.domain.errors import NotFoundError
from situation_board.domain.reminders import (
    NEWS_HORIZON,
    Ack,
    Evaluation,
    QuietHours,
    Reminder,
    ReminderPolicy,
    ReminderState,
    SyncHealth,
    evaluate,
)
from situation_board.services.describe import LEVEL_CHANGE_PREFIX
from situation_board.services.read import ReadServices
from situation_board.store import queries as q
from situation_board.store.schema import reminder_acks, reminders_shown
from situation_board.sync.status import SyncStatus

DECISION_PREFIXES = (LEVEL_CHANGE_PREFIX,)


def sync_health(status: SyncStatus, started_at: datetime | None = None) -> SyncHealth | None:
    """The reminder evaluator's view of the sync status bar's ``status`` (``None`` when no
    shared store is configured); ``started_at``: when this program began syncing."""
    if status.store is None:
        return None
    return SyncHealth(
        interval_s=status.interval_s,
        last_success_at=status.last_success_at,
        failing=bool(status.last_error) or status.update_required,
        consecutive_failures=status.consecutive_failures,
        started_at=started_at,
    )


def policy_of(repeat_min: int, quiet: str = "") -> ReminderPolicy:
    """The evaluator's policy from the settings (``reminder_repeat_min``, ``quiet_hours``, the
    latter already validated by ``app.config``)."""
    return ReminderPolicy(
        repeat_every=timedelta(minutes=repeat_min),
        quiet=QuietHours.parse(quiet),
        decision_prefixes=DECISION_PREFIXES,
    )


class ReminderServices(ReadServices):
    """Reminders of the active event (and of sync) for this station."""

    def _reminder_input(self, conn: Connection, now: datetime) -> tuple[Board, ReminderState]:
        board = self.board_in(conn, with_journal=False, now=now)
        if board.event is not None:  # news needs only the recent entries, never 100,000
            recent = q.journal_of(conn, board.event.id, recorded_since=now - NEWS_HORIZON)
            board = replace(board, journal=tuple(recent))
        state = ReminderState(
            shown=q.reminders_shown_by_key(conn),
            acks=q.reminder_acks_by_key(conn),
            watching_since=q.station_created_at(conn),
        )
        return board, state

    def reminders(
        self,
        policy: ReminderPolicy = ReminderPolicy(decision_prefixes=DECISION_PREFIXES),  # noqa: B008
        *,
        sync: SyncHealth | None = None,
        now: datetime | None = None,
    ) -> Evaluation:
        """Every active reminder with its state at ``now`` (aware UTC, default the clock's),
        recording nothing (the *Påminnelser* panel, ``reminder list``)."""
        at = now or self.now()
        with self.store.read() as conn:
            board, state = self._reminder_input(conn, at)
        return evaluate(board, sync, at, state, policy)

    def check_reminders(
        self,
        policy: ReminderPolicy = ReminderPolicy(decision_prefixes=DECISION_PREFIXES),  # noqa: B008
        *,
        sync: SyncHealth | None = None,
        now: datetime | None = None,
    ) -> Evaluation:
        """Evaluate at ``now`` (default the clock's) and record the ``due`` reminders as shown
        on this station (so each fires once, and repeats only after ``policy.repeat_every``).
        The caller must notify every reminder in the result's ``due``."""
        at = now or self.now()
        with self.store.read() as conn:
            board, state = self._reminder_input(conn, at)
        result = evaluate(board, sync, at, state, policy)
        if not result.due:  # the usual tick: no write lock taken
            return result
        with self.store.write_connection() as conn:
            for r in result.due:
                if r.shown is None:
                    conn.execute(
                        sqlite_insert(reminders_shown)
                        .values(key=r.key, kind=r.kind.value, first_shown_at=at, last_shown_at=at)
                        .on_conflict_do_nothing(index_elements=["key"])
                    )
                else:
                    conn.execute(
                        update(reminders_shown)
                        .where(reminders_shown.c.key == r.key)
                        .values(last_shown_at=at, times=reminders_shown.c.times + 1)
                    )
        return result

    def acknowledge_reminder(
        self,
        reminder: Reminder | str,
        policy: ReminderPolicy = ReminderPolicy(decision_prefixes=DECISION_PREFIXES),  # noqa: B008
        *,
        sync: SyncHealth | None = None,
    ) -> Outcome[Ack]:
        """Record that the acting user has seen ``reminder`` (a ``Reminder``, or the key or short
        ref of an active one): an acknowledgement record for the whole room (repeats stop on
        every station and the wall) and a ``system`` journal entry saying who saw it when.

        Acknowledging an already acknowledged reminder records this person too.
        Raises ``NotFoundError`` (no active reminder with that ref).
        """
        now = self.now()
        if isinstance(reminder, str):
            found = self.reminders(policy, sync=sync, now=now).find(reminder)
            if found is None:
                raise NotFoundError("not_found", what="reminder", ref=reminder)
            reminder = found
        with self.store.write(self.actor.name, now) as tx:
            open_events = q.open_events(tx.conn)
            event_id = open_events[0].id if open_events else None
            station = tx.station.code
            tx.insert(
                reminder_acks,
                {
                    "event_id": event_id,
                    "reminder_key": reminder.key,
                    "kind": reminder.kind.value,
                    "acknowledged_by": self.actor.name,
                    "acknowledged_at": now,
                    "station": station,
                    "deleted": False,
                },
            )
            if event_id is not None:
                self._log(
                    tx,
                    event_id,
                    f"Påminnelse sedd av {self.actor.name} ({station}): {reminder.text('sv')}.",
                )
        ack = Ack(reminder.key, self.actor.name, now, station)
        return Outcome(ack, tx.changes | {Topic.REMINDERS})
