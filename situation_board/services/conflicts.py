"""Use cases: sync conflicts as the staff review them.

A conflict is the losing side of two stations editing the same field while apart; the store keeps
the newer write and records the other, and every station copies the record when it pulls.
Reviewing one is local to the station (who looked at it, when); the record itself never changes.
"""

from __future__ import annotations

from sqlalchemy import select, update

from situation_board.domain.changes import Outcome, Topic
from situation_board.domain.entities import Conflict
from situation_board.domain.errors import NotFoundError
from situation_board.services.base import ServiceBase
from situation_board.store import queries as q
from situation_board.store.schema import conflicts


class ConflictServices(ServiceBase):
    """List conflicts and mark them reviewed."""

    def conflicts(self, *, include_reviewed: bool = False) -> list[Conflict]:
        """Conflicts, newest first (unreviewed only unless ``include_reviewed``)."""
        with self.store.read() as conn:
            return q.conflicts_list(conn, include_reviewed=include_reviewed)

    def review_conflict(self, conflict_id: str) -> Outcome[Conflict]:
        """Record on this station that the acting user has looked at the conflict (now).

        Raises ``NotFoundError`` for an unknown id.
        """
        with self.store.write_connection() as conn:
            done = conn.execute(
                update(conflicts)
                .where(conflicts.c.id == conflict_id)
                .values(reviewed_at=self.now(), reviewed_by=self.actor.name)
            )
            if done.rowcount == 0:
                raise NotFoundError("not_found", what="conflict", ref=conflict_id)
            row = conn.execute(select(conflicts).where(conflicts.c.id == conflict_id)).mappings()
            result = q.to_conflict(row.one())
        return Outcome(result, frozenset({Topic.CONFLICTS}))
