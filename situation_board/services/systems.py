"""Use cases: affected systems (berörda system)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from situation_board.domain.entities import AffectedSystem
from situation_board.domain.enums import SystemStatus
from situation_board.domain.errors import ValidationError
from situation_board.domain.rules import MAX_NAME, optional_text, require_text
from situation_board.domain.timeutil import check_sane
from situation_board.services.base import ServiceBase
from situation_board.services.describe import changes_sv
from situation_board.store import queries as q
from situation_board.store.schema import systems

TEXT_FIELDS = ("supplier", "processes", "reserve_routine", "workaround", "prognosis_text")
TIME_FIELDS = ("prognosis_at", "next_update_at", "reserve_routine_since")
BOOL_FIELDS = ("reserve_routine_active", "personal_data_affected")
EDITABLE = frozenset({"name", "status", *TEXT_FIELDS, *TIME_FIELDS, *BOOL_FIELDS})


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - EDITABLE
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    out: dict[str, Any] = {}
    for field, value in values.items():
        if field == "name":
            out[field] = require_text(value, "name", limit=MAX_NAME)
        elif field == "status":
            out[field] = SystemStatus(value).value
        elif field in TEXT_FIELDS:
            out[field] = optional_text(value, "text")
        elif field in TIME_FIELDS:
            out[field] = None if value is None else check_sane(value, "time")
        else:
            out[field] = bool(value)
    return out


class SystemServices(ServiceBase):
    """Add and update affected systems; every change is written to the journal."""

    def add_system(
        self,
        name: str,
        *,
        status: SystemStatus,
        comment: str = "",
        **fields: Any,
    ) -> AffectedSystem:
        values = _clean({"name": name, "status": status, **fields})
        comment = optional_text(comment, "comment")
        now = self.now()
        if values.get("reserve_routine") and "reserve_routine_active" not in values:
            values["reserve_routine_active"] = True
        if values.get("reserve_routine_active") and not values.get("reserve_routine_since"):
            values["reserve_routine_since"] = now
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            wanted = values["name"].casefold()
            if any(s.name.casefold() == wanted for s in q.systems_of(tx.conn, event.id)):
                raise ValidationError("duplicate_system", name=values["name"])
            row = {
                "event_id": event.id,
                "supplier": "",
                "processes": "",
                "reserve_routine_active": False,
                "reserve_routine_since": None,
                "reserve_routine": "",
                "workaround": "",
                "prognosis_at": None,
                "prognosis_text": "",
                "personal_data_affected": False,
                "next_update_at": None,
                "status_since": now,
                "deleted": False,
                **values,
            }
            system_id = tx.insert(systems, row)
            status_sv = SystemStatus(values["status"]).sv
            text = f"Berört system registrerat: {values['name']} – {status_sv}."
            if values.get("reserve_routine_active"):
                text += " Reservrutin aktiverad."
            if comment:
                text += f" Kommentar: {comment}"
            self._log(tx, event.id, text)
            result = self._get_system(tx.conn, system_id)
        return result

    def update_system(self, ref: str, *, comment: str = "", **fields: Any) -> AffectedSystem:
        """Change fields of a system; a status change records ``status_since`` and the comment."""
        values = _clean(fields)
        comment = optional_text(comment, "comment")
        if not values:
            raise ValidationError("nothing_to_change")
        now = self.now()
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = self._resolve(tx.conn, systems, event.id, ref, "system")
            if "status" in values and values["status"] != current["status"]:
                values["status_since"] = now
            if values.get("reserve_routine_active") and not current["reserve_routine_active"]:
                values.setdefault("reserve_routine_since", now)
            if "name" in values and values["name"].casefold() != current["name"].casefold():
                names = {s.name.casefold() for s in q.systems_of(tx.conn, event.id)}
                if values["name"].casefold() in names:
                    raise ValidationError("duplicate_system", name=values["name"])
            old = tx.update(systems, current["id"], values)
            if old:
                described = changes_sv(old, values, {"status": SystemStatus})
                text = f"System {current['name']}: {described}."
                if comment:
                    text += f" Kommentar: {comment}"
                self._log(tx, event.id, text)
            result = self._get_system(tx.conn, current["id"])
        return result

    def systems(self) -> list[AffectedSystem]:
        with self.store.read() as conn:
            return q.systems_of(conn, self._active_event(conn).id)

    def find_system(self, ref: str) -> AffectedSystem:
        with self.store.read() as conn:
            event = self._active_event(conn)
            return q.to_system(self._resolve(conn, systems, event.id, ref, "system"))

    @staticmethod
    def _get_system(conn: Any, system_id: str) -> AffectedSystem:
        return q.to_system(
            conn.execute(select(systems).where(systems.c.id == system_id)).mappings().one()
        )
