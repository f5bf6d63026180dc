"""Conflicts as the window lists and reviews them (local store; copied from the shared store).

A conflict is the losing side of two stations editing the same field concurrently; the store keeps
the newer write and records the other, and every station copies the record when it pulls. Reviewing
one is local to the station (who looked at it, when); the record itself never changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from situation_board.domain.errors import NotFoundError
from situation_board.store.database import LocalStore
from situation_board.store.schema import conflicts


@dataclass(frozen=True, slots=True)
class ConflictView:
    """One recorded conflict: which field of which row, the kept and the lost value."""

    id: str
    entity: str
    entity_id: str
    field: str
    kept_value: Any
    lost_value: Any
    kept_author: str
    lost_author: str
    kept_stamp: str
    lost_stamp: str
    detected_at: datetime
    reviewed_at: datetime | None
    reviewed_by: str


def list_conflicts(store: LocalStore, *, include_reviewed: bool = False) -> list[ConflictView]:
    """Conflicts, newest first (unreviewed only unless ``include_reviewed``)."""
    q = select(conflicts).order_by(conflicts.c.detected_at.desc(), conflicts.c.id)
    if not include_reviewed:
        q = q.where(conflicts.c.reviewed_at.is_(None))
    with store.read() as conn:
        return [
            ConflictView(
                id=r["id"],
                entity=r["entity"],
                entity_id=r["entity_id"],
                field=r["field"],
                kept_value=r["kept_value"],
                lost_value=r["lost_value"],
                kept_author=r["kept_author"],
                lost_author=r["lost_author"],
                kept_stamp=r["kept_stamp"],
                lost_stamp=r["lost_stamp"],
                detected_at=r["detected_at"],
                reviewed_at=r["reviewed_at"],
                reviewed_by=r["reviewed_by"],
            )
            for r in conn.execute(q).mappings()
        ]


def mark_reviewed(store: LocalStore, conflict_id: str, by: str, at: datetime) -> None:
    """Record on this station that ``by`` has looked at the conflict."""
    with store.write_connection() as conn:
        done = conn.execute(
            update(conflicts)
            .where(conflicts.c.id == conflict_id)
            .values(reviewed_at=at, reviewed_by=by)
        )
        if done.rowcount == 0:
            raise NotFoundError("not_found", what="conflict", ref=conflict_id)
