"""Use cases: actions (åtgärder)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from situation_board.domain.entities import Action
from situation_board.domain.enums import ActionStatus, Priority
from situation_board.domain.errors import ValidationError
from situation_board.domain.rules import MAX_NAME, optional_text, require_text
from situation_board.domain.timeutil import check_sane
from situation_board.services.base import ServiceBase
from situation_board.services.describe import changes_sv, value_sv
from situation_board.store import queries as q
from situation_board.store.schema import actions, systems

EDITABLE = frozenset({"title", "owner", "due_at", "priority", "status", "system_ref"})


class ActionServices(ServiceBase):
    """Add and update actions; status and other changes are written to the journal."""

    def _clean(self, conn: Connection, event_id: str, values: dict[str, Any]) -> dict[str, Any]:
        unknown = set(values) - EDITABLE
        if unknown:
            raise TypeError(f"not editable: {sorted(unknown)}")
        out: dict[str, Any] = {}
        for field, value in values.items():
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

    def add_action(
        self,
        title: str,
        *,
        owner: str = "",
        due_at: datetime | None = None,
        priority: Priority = Priority.NORMAL,
        system_ref: str | None = None,
        status: ActionStatus = ActionStatus.OPEN,
    ) -> Action:
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            values = self._clean(
                tx.conn,
                event.id,
                {
                    "title": title,
                    "owner": owner,
                    "due_at": due_at,
                    "priority": priority,
                    "status": status,
                    "system_ref": system_ref,
                },
            )
            closed_at = now if ActionStatus(values["status"]).is_closed else None
            action_id = tx.insert(
                actions,
                {
                    "event_id": event.id,
                    "created_at": now,
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
            self._log(tx, event.id, text + ".")
            result = self._get_action(tx.conn, action_id)
        return result

    def update_action(self, ref: str, **fields: Any) -> Action:
        if not fields:
            raise ValidationError("nothing_to_change")
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = self._resolve(tx.conn, actions, event.id, ref, "action")
            values = self._clean(tx.conn, event.id, fields)
            if "status" in values:
                was_closed = ActionStatus(current["status"]).is_closed
                if ActionStatus(values["status"]).is_closed and not was_closed:
                    values["closed_at"] = now
                elif not ActionStatus(values["status"]).is_closed:
                    values["closed_at"] = None
            old = tx.update(actions, current["id"], values)
            if old:
                enums = {"status": ActionStatus, "priority": Priority}
                self._log(
                    tx, event.id, f"Åtgärd {current['title']}: {changes_sv(old, values, enums)}."
                )
            result = self._get_action(tx.conn, current["id"])
        return result

    def complete_action(self, ref: str) -> Action:
        """One-key "klar"."""
        return self.update_action(ref, status=ActionStatus.DONE)

    def actions(self) -> list[Action]:
        with self.store.read() as conn:
            return q.actions_of(conn, self._active_event(conn).id)

    def find_action(self, ref: str) -> Action:
        with self.store.read() as conn:
            event = self._active_event(conn)
            return q.to_action(self._resolve(conn, actions, event.id, ref, "action"))

    @staticmethod
    def _get_action(conn: Connection, action_id: str) -> Action:
        return q.to_action(
            conn.execute(select(actions).where(actions.c.id == action_id)).mappings().one()
        )
