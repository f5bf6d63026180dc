"""Use cases: actions (åtgärder).

Rules (whichever face calls): a title is required (at most ``MAX_NAME``), the owner optional;
a due time must be a sane instant; a linked system must exist in the event; an action that
becomes done or cancelled gets its ``closed_at`` (cleared when it is reopened). Every change is
journaled in Swedish.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from situation_board.domain.changes import Outcome
from situation_board.domain.entities import Action
from situation_board.domain.enums import ActionStatus, Priority
from situation_board.domain.errors import ValidationError
from situation_board.domain.messages import Text
from situation_board.domain.patches import ActionPatch, given
from situation_board.domain.rules import MAX_NAME, optional_text, require_text
from situation_board.domain.timeutil import check_sane
from situation_board.domain.undo import UndoStep
from situation_board.i18n import N_
from situation_board.services.base import ServiceBase
from situation_board.services.describe import changes_sv, value_sv
from situation_board.store import queries as q
from situation_board.store.schema import actions, systems
from situation_board.store.unit_of_work import WriteTx


class ActionServices(ServiceBase):
    """Add and update actions; status and other changes are written to the journal."""

    def _columns(self, conn: Connection, event_id: str, patch: ActionPatch) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field, value in given(patch).items():
            if field == "title":
                out[field] = require_text(value, "title", limit=MAX_NAME)
            elif field == "owner":
                out[field] = optional_text(value, "owner", limit=MAX_NAME)
            elif field == "due_at":
                out[field] = None if value is None else check_sane(value, "due")
            elif field == "priority":
                out[field] = Priority(value).value
            elif field == "status":
                out[field] = ActionStatus(value).value
            elif field == "system_ref":
                out["system_id"] = (
                    self._resolve(conn, systems, event_id, value, "system")["id"] if value else None
                )
        return out

    def add_action(self, title: str, details: ActionPatch = ActionPatch()) -> Outcome[Action]:  # noqa: B008
        """A new action of the active event; ``details`` sets owner, due, priority, status and
        the linked system (``details.title`` is ignored).

        Raises ``ValidationError``, ``NotFoundError`` (linked system), ``NoActiveEventError``.
        """
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            action_id = self._insert_action(tx, event.id, title, details)
            result = self._get_action(tx.conn, action_id)
        return Outcome(result, tx.changes)

    def _insert_action(self, tx: WriteTx, event_id: str, title: str, details: ActionPatch) -> str:
        """Insert an action and journal it; inside ``tx``. Raises ``ValidationError``,
        ``NotFoundError`` (linked system)."""
        values = {
            "owner": "",
            "due_at": None,
            "priority": Priority.NORMAL.value,
            "status": ActionStatus.OPEN.value,
            "system_id": None,
            **self._columns(tx.conn, event_id, details),
            **self._columns(tx.conn, event_id, ActionPatch(title=title)),
        }
        closed_at = tx.now if ActionStatus(values["status"]).is_closed else None
        action_id = tx.insert(
            actions,
            {
                "event_id": event_id,
                "created_at": tx.now,
                "closed_at": closed_at,
                "deleted": False,
                **values,
            },
        )
        text = f"Ny åtgärd: {values['title']}"
        if values["owner"]:
            text += f" (ansvarig: {values['owner']})"
        if values["due_at"]:
            text += f", senast {value_sv(values['due_at'])}"
        self._log(tx, event_id, text + ".")
        return action_id

    def update_action(self, ref: str, patch: ActionPatch) -> Outcome[Action]:
        """Change fields of the action with (short) id ``ref``. The outcome's ``undo`` restores
        the previous values (``undo``); it is ``None`` when nothing changed.

        Raises ``ValidationError`` (``nothing_to_change``, bad values), ``NotFoundError``,
        ``NoActiveEventError``.
        """
        if not given(patch):
            raise ValidationError("nothing_to_change")
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = self._resolve(tx.conn, actions, event.id, ref, "action")
            values = self._columns(tx.conn, event.id, patch)
            if "status" in values:
                was_closed = ActionStatus(current["status"]).is_closed
                if ActionStatus(values["status"]).is_closed and not was_closed:
                    values["closed_at"] = now
                elif not ActionStatus(values["status"]).is_closed:
                    values["closed_at"] = None
            old = tx.update(actions, current["id"], values)
            undo = None
            if old:
                enums = {"status": ActionStatus, "priority": Priority}
                entry_id = self._log(
                    tx, event.id, f"Åtgärd {current['title']}: {changes_sv(old, values, enums)}."
                )
                undo = UndoStep.of(
                    "actions",
                    current["id"],
                    old,
                    values,
                    summary=_summary(current["title"], old, values),
                    journal_number=self._number(tx, entry_id),
                )
            result = self._get_action(tx.conn, current["id"])
        return Outcome(result, tx.changes, undo)

    def complete_action(self, ref: str) -> Outcome[Action]:
        """One-key "klar" (K): the action's status becomes done (see ``update_action``); the
        outcome's ``undo`` reopens it."""
        return self.update_action(ref, ActionPatch(status=ActionStatus.DONE))

    def set_action_status(self, ref: str, status: ActionStatus) -> Outcome[Action]:
        """A one-click status change of the action ``ref`` (see ``update_action``), undoable."""
        return self.update_action(ref, ActionPatch(status=status))

    def actions(self) -> list[Action]:
        """The active event's actions by due time. Raises ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.actions_of(conn, self._active_event(conn).id)

    @staticmethod
    def _get_action(conn: Connection, action_id: str) -> Action:
        return q.to_action(
            conn.execute(select(actions).where(actions.c.id == action_id)).mappings().one()
        )


def _summary(title: str, old: dict[str, Any], new: dict[str, Any]) -> Text:
    """What an action change did, for the status bar (*Ångra*)."""
    if "status" in old:
        return Text(
            N_("“{title}”: {before} → {after}"),
            {
                "title": title,
                "before": ActionStatus(old["status"]),
                "after": ActionStatus(new["status"]),
            },
        )
    return Text(N_("“{title}” changed"), {"title": title})
