"""Use cases: start and close an event, decide the readiness level.

Rules (whichever face calls): at most one active event per board; a name is required; the start
and decision times are sane and not in the future; a level decision needs a reason and a decider
(Socialstyrelsen's readiness levels are decided, with reasons, by someone); closing an event needs
a reason and returns the level to Normalläge. Every change is journaled in Swedish.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from situation_board.domain.changes import Outcome, Topic
from situation_board.domain.entities import Event, LevelDecision
from situation_board.domain.enums import ReadinessLevel
from situation_board.domain.errors import NotFoundError, StateError
from situation_board.domain.rules import MAX_NAME, not_in_future, optional_text, require_text
from situation_board.domain.timeutil import check_sane
from situation_board.services.base import ServiceBase
from situation_board.services.describe import LEVEL_CHANGE_PREFIX
from situation_board.store import queries as q
from situation_board.store.schema import events, level_decisions
from situation_board.store.unit_of_work import WriteTx

DEFAULT_SCOPE = "Regionen"


class EventServices(ServiceBase):
    """Events and level decisions."""

    def start_event(
        self, name: str, *, exercise: bool = False, started_at: datetime | None = None
    ) -> Outcome[Event]:
        """Ny händelse ``name`` (an exercise when ``exercise``), started at ``started_at`` (aware
        UTC, default now). Raises ``ValidationError``, ``StateError`` (an event is active)."""
        name = require_text(name, "name", limit=MAX_NAME)
        now = self.now()
        started = not_in_future(check_sane(started_at or now, "started"), now, "started")
        with self.store.write(self.actor.name, now) as tx:
            event = self._insert_event(tx, name, exercise=exercise, started=started)
        return Outcome(event, tx.changes)

    def _insert_event(self, tx: WriteTx, name: str, *, exercise: bool, started: datetime) -> Event:
        """Insert the new active event and journal its start; inside ``tx``. Raises
        ``StateError`` (an event is active)."""
        active = q.open_events(tx.conn)
        if active:
            raise StateError("event_already_active", name=active[0].name)
        event_id = tx.insert(
            events,
            {
                "name": name,
                "exercise": exercise,
                "started_at": started,
                "closed_at": None,
                "close_reason": "",
                "deleted": False,
            },
        )
        kind = "Övning startad" if exercise else "Händelse startad"
        self._log(tx, event_id, f"{kind}: {name}.", occurred_at=started)
        event = q.event_by_id(tx.conn, event_id)
        assert event is not None
        return event

    def close_event(self, reason: str, *, event_id: str | None = None) -> Outcome[Event]:
        """Avsluta händelse: closed with a reason; the level returns to Normalläge.

        ``event_id`` closes another open event instead of the active one: two stations that
        each started an event while offline see both after sync and close the one to drop.
        Raises ``ValidationError`` (no reason), ``NotFoundError``, ``NoActiveEventError``.
        """
        reason = require_text(reason, "reason")
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            if event_id is None:
                event = self._active_event(tx.conn)
            else:
                matches = [e for e in q.open_events(tx.conn) if e.id == event_id]
                if not matches:
                    raise NotFoundError("not_found", what="event", ref=event_id)
                event = matches[0]
            current = q.current_level(tx.conn, event.id)
            if current is not None and current.level is not ReadinessLevel.NORMAL:
                self._insert_level(
                    tx,
                    event.id,
                    ReadinessLevel.NORMAL,
                    scope=current.scope,
                    decided_by=self.actor.name,
                    reason=f"Händelsen avslutad: {reason}",
                    decided_at=now,
                    previous=current,
                )
            self._log(tx, event.id, f"Händelse avslutad: {event.name}. Skäl: {reason}")
            tx.update(events, event.id, {"closed_at": now, "close_reason": reason})
            closed = q.event_by_id(tx.conn, event.id)
        assert closed is not None
        return Outcome(closed, tx.changes)

    def set_level(
        self,
        level: ReadinessLevel,
        *,
        reason: str,
        decided_by: str | None = None,
        scope: str | None = None,
        decided_at: datetime | None = None,
    ) -> Outcome[LevelDecision]:
        """Beslut om beredskapsläge: reason and decider (default the acting user) are required;
        ``scope`` defaults to the region; ``decided_at`` (aware UTC) to now. The history is
        append-only. Raises ``ValidationError``, ``NoActiveEventError``."""
        reason = require_text(reason, "reason")
        decider = require_text(decided_by or self.actor.name, "decided_by", limit=MAX_NAME)
        unit = optional_text(scope, "scope", limit=MAX_NAME) or DEFAULT_SCOPE
        now = self.now()
        when = not_in_future(check_sane(decided_at or now, "time"), now, "time")
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            previous = q.current_level(tx.conn, event.id)
            decision_id = self._insert_level(
                tx,
                event.id,
                level,
                scope=unit,
                decided_by=decider,
                reason=reason,
                decided_at=when,
                previous=previous,
            )
            row = (
                tx.conn.execute(select(level_decisions).where(level_decisions.c.id == decision_id))
                .mappings()
                .one()
            )
        return Outcome(q.to_level(row), tx.changes)

    def _insert_level(
        self,
        tx: WriteTx,
        event_id: str,
        level: ReadinessLevel,
        *,
        scope: str,
        decided_by: str,
        reason: str,
        decided_at: datetime,
        previous: LevelDecision | None,
    ) -> str:
        decision_id = tx.insert(
            level_decisions,
            {
                "event_id": event_id,
                "level": level.value,
                "scope": scope,
                "decided_by": decided_by,
                "reason": reason,
                "decided_at": decided_at,
                "recorded_at": tx.now,
            },
        )
        before = previous.level.sv if previous else ReadinessLevel.NORMAL.sv
        self._log(
            tx,
            event_id,
            f"{LEVEL_CHANGE_PREFIX} {before} → {level.sv} ({scope}). "
            f"Beslut av {decided_by}. Motivering: {reason}",
            occurred_at=decided_at,
        )
        return decision_id

    def set_station_code(self, code: str) -> Outcome[str]:
        """Change this station's code (future journal numbers use it); returns the clean code.
        Raises ``ValidationError("bad_station_code")``."""
        return Outcome(self.store.set_station_code(code), frozenset({Topic.STATION}))

    def level_history(self) -> list[LevelDecision]:
        """The active event's level decisions, oldest first. Raises ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.level_history(conn, self._active_event(conn).id)

    def events(self) -> list[Event]:
        """Every event of the board (open and closed), by start time."""
        with self.store.read() as conn:
            return q.all_events(conn)
