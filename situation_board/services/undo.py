"""Use case: undo a quick change (K, a status change, hide from the wall).

An undo is a NEW change restoring the previous values (nothing is erased from the record), with
its own ``system`` journal entry naming the entry of the change it undoes: the journal shows both.
It is refused (``undo_stale``) when another user or station has changed a field since, so an undo
never overwrites someone else's later change. The outcome's ``undo`` redoes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from situation_board.domain.changes import Outcome
from situation_board.domain.entities import Action, AffectedSystem, JournalEntry
from situation_board.domain.enums import ActionStatus, Priority, SystemStatus
from situation_board.domain.errors import NotFoundError, StateError
from situation_board.domain.messages import Text
from situation_board.domain.undo import UndoStep
from situation_board.i18n import N_
from situation_board.services.base import ServiceBase
from situation_board.services.describe import changes_sv
from situation_board.store import queries as q
from situation_board.store.schema import actions, entry_visibility, journal, systems

UNDOABLE = {t.name: t for t in (actions, systems, entry_visibility)}

Undone = Action | AffectedSystem | JournalEntry


class UndoServices(ServiceBase):
    """Undo (and redo) the quick changes of the other services."""

    def undo(self, step: UndoStep) -> Outcome[Undone]:
        """Write back ``step``'s previous values as a new, journaled change; returns the record
        as it is now (an action, a system, or the journal entry whose visibility changed), and
        an ``undo`` that redoes the change.

        Raises ``StateError("undo_stale")`` when a field no longer holds the value the change
        wrote, ``NotFoundError`` when the record is gone, ``NoActiveEventError``.
        """
        table = UNDOABLE.get(step.entity)
        if table is None:
            raise ValueError(f"{step.entity} changes cannot be undone")
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = (
                tx.conn.execute(select(table).where(table.c.id == step.entity_id))
                .mappings()
                .first()
            )
            if current is None or current["event_id"] != event.id or current["deleted"]:
                raise NotFoundError("not_found", what=_WHAT[step.entity], ref=step.entity_id)
            if any(current[f] != value for f, value in step.after):
                raise StateError("undo_stale", change=step.summary)
            old = tx.update(table, step.entity_id, step.restores)
            text = f"Ångrat {step.journal_number}: " if step.journal_number else "Ångrat: "
            text += self._describe(tx.conn, step, old)
            entry_id = self._log(tx, event.id, text)
            redo = UndoStep.of(
                step.entity,
                step.entity_id,
                old,
                step.restores,
                summary=Text(N_("Undone: {change}"), {"change": step.summary}),
                journal_number=self._number(tx, entry_id),
            )
            value = self._value(tx.conn, step)
        return Outcome(value, tx.changes, redo)

    @staticmethod
    def _describe(conn: Any, step: UndoStep, old: dict[str, Any]) -> str:
        """The Swedish journal text of the undone change."""
        if step.entity == "entry_visibility":
            number = conn.execute(
                select(journal.c.number).where(journal.c.id == step.entity_id)
            ).scalar_one()
            hidden = step.restores["hidden_from_wall"]
            verb = "döljs på väggskärmen" if hidden else "visas åter på väggskärmen"
            return f"{number} {verb}."
        if step.entity == "actions":
            title = conn.execute(
                select(actions.c.title).where(actions.c.id == step.entity_id)
            ).scalar_one()
            enums = {"status": ActionStatus, "priority": Priority}
            return f"Åtgärd {title}: {changes_sv(old, step.restores, enums)}."
        name = conn.execute(
            select(systems.c.name).where(systems.c.id == step.entity_id)
        ).scalar_one()
        return f"System {name}: {changes_sv(old, step.restores, {'status': SystemStatus})}."

    @staticmethod
    def _value(conn: Any, step: UndoStep) -> Undone:
        if step.entity == "entry_visibility":
            return q.entry_by_ref(conn, step.entity_id)[0]
        table = UNDOABLE[step.entity]
        row = conn.execute(select(table).where(table.c.id == step.entity_id)).mappings().one()
        return q.to_action(row) if step.entity == "actions" else q.to_system(row)


_WHAT = {"actions": "action", "systems": "system", "entry_visibility": "entry"}
