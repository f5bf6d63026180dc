"""Use case: record a shift handover, acknowledged by the incoming person.

The brief covers every journal entry no earlier handover covered (see ``reports/brief.py``); the
handover stores those ids plus its own two entries, so the next brief starts where this one ended.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from situation_board.domain.changes import Outcome
from situation_board.domain.entities import Handover
from situation_board.domain.enums import EntryCategory
from situation_board.domain.ids import uuid7
from situation_board.domain.rules import MAX_NAME, optional_text, require_text
from situation_board.reports.brief import HandoverBrief, brief_text, build_brief
from situation_board.services.read import ReadServices
from situation_board.store import queries as q
from situation_board.store.schema import handovers

HANDOVER = EntryCategory.HANDOVER


@dataclass(frozen=True, slots=True)
class SignedHandover:
    """A recorded handover with the brief it was signed on (what the handover PDF shows)."""

    handover: Handover
    brief: HandoverBrief


class HandoverServices(ReadServices):
    """The "since last handover" brief and the signed handover."""

    def _brief_in(self, conn: Connection) -> HandoverBrief:
        board = self.board_in(conn)
        if board.event is None:
            self._active_event(conn)  # raises NoActiveEventError
        assert board.event is not None
        previous = q.handovers_of(conn, board.event.id)
        covered = {i for h in previous for i in h.covered}
        uncovered = [e for e in board.journal if e.id not in covered]
        start = previous[-1].acknowledged_at if previous else board.event.started_at
        history = q.level_history(conn, board.event.id)
        return build_brief(board, uncovered, history, start)

    def handover_brief(self) -> HandoverBrief:
        """The brief as it stands now (shown live before it is signed)."""
        with self.store.read() as conn:
            return self._brief_in(conn)

    def sign_handover(
        self, from_person: str, to_person: str, *, note: str = "", acknowledged_by: str = ""
    ) -> Outcome[SignedHandover]:
        """Sign the handover from ``from_person`` to ``to_person``: it, and its acknowledgement
        (by ``acknowledged_by``, default the incoming person), become journal entries; returns
        the handover with the brief exactly as it was signed.

        Raises ``ValidationError`` (empty names, text), ``NoActiveEventError``.
        """
        giver = require_text(from_person, "from_person", limit=MAX_NAME)
        taker = require_text(to_person, "to_person", limit=MAX_NAME)
        note = optional_text(note, "note")
        acknowledger = optional_text(acknowledged_by, "to_person", limit=MAX_NAME) or taker
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            brief = self._brief_in(tx.conn)
            event = self._active_event(tx.conn)
            handover_entry, ack_entry = uuid7(), uuid7()
            handover_id = tx.insert(
                handovers,
                {
                    "event_id": event.id,
                    "from_person": giver,
                    "to_person": taker,
                    "period_start": brief.period_start,
                    "period_end": now,
                    "summary": brief_text(brief),
                    "note": note,
                    "acknowledged_by": acknowledger,
                    "acknowledged_at": now,
                    "covered": [*brief.entry_ids, handover_entry, ack_entry],
                },
            )
            text = f"Överlämning från {giver} till {taker}"
            text += f". Anteckning: {note}" if note else "."
            self._log(tx, event.id, text, category=HANDOVER, entry_id=handover_entry)
            self._log(
                tx,
                event.id,
                f"Överlämningen kvitterad av {acknowledger}.",
                category=HANDOVER,
                entry_id=ack_entry,
            )
            row = tx.conn.execute(select(handovers).where(handovers.c.id == handover_id))
            result = q.to_handover(row.mappings().one())
        return Outcome(SignedHandover(result, brief), tx.changes)

    def handovers(self) -> list[Handover]:
        """The active event's signed handovers, oldest first. Raises ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.handovers_of(conn, self._active_event(conn).id)
