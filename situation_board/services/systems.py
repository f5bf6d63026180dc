"""Use cases: affected systems (berörda system).

Rules (whichever face calls): the name is required, unique within the event as people read it
(``domain.text.text_key``: case, Unicode form and white space aside),
at most ``MAX_NAME`` characters; texts at most ``MAX_TEXT`` and never personnummer-shaped; a
status change needs a comment for the journal (``comment_required``: the journal alone must tell
why a system changed state); the prognosis is parsed by ``domain.rules.parse_prognosis``; a
reserve routine that becomes active gets its "since" time. Every change is journaled in Swedish.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from situation_board.domain.changes import Outcome
from situation_board.domain.entities import AffectedSystem
from situation_board.domain.enums import SystemStatus
from situation_board.domain.errors import ValidationError
from situation_board.domain.messages import Text
from situation_board.domain.patches import Prognosis, SystemPatch, given
from situation_board.domain.rules import MAX_NAME, optional_text, parse_prognosis, require_text
from situation_board.domain.text import text_key
from situation_board.domain.timeutil import check_sane
from situation_board.domain.undo import UndoStep
from situation_board.i18n import N_
from situation_board.services.base import ServiceBase
from situation_board.services.describe import changes_sv
from situation_board.store import queries as q
from situation_board.store.schema import systems
from situation_board.store.unit_of_work import WriteTx

TEXT_FIELDS = ("supplier", "processes", "reserve_routine", "workaround")
TIME_FIELDS = ("next_update_at", "reserve_routine_since")
BOOL_FIELDS = ("reserve_routine_active", "personal_data_affected")


def system_columns(patch: SystemPatch, now: datetime) -> dict[str, Any]:
    """The patch's set fields as validated column values (raises ``ValidationError``)."""
    out: dict[str, Any] = {}
    for field, value in given(patch).items():
        if field == "name":
            out[field] = require_text(value, "name", limit=MAX_NAME)
        elif field == "status":
            out[field] = SystemStatus(value).value
        elif field in TEXT_FIELDS:
            out[field] = optional_text(value, "text")
        elif field in TIME_FIELDS:
            out[field] = None if value is None else check_sane(value, "time")
        elif field in BOOL_FIELDS:
            out[field] = bool(value)
        elif field == "prognosis":
            p = value if isinstance(value, Prognosis) else parse_prognosis(value, now)
            text = optional_text(p.text, "prognosis")
            out["prognosis_at"] = None if p.at is None else check_sane(p.at, "prognosis")
            out["prognosis_text"] = "" if p.at is not None else text
    return out


class SystemServices(ServiceBase):
    """Add and update affected systems; every change is written to the journal."""

    def add_system(
        self,
        name: str,
        *,
        status: SystemStatus,
        details: SystemPatch = SystemPatch(),  # noqa: B008 - frozen, shared safely
        comment: str = "",
    ) -> Outcome[AffectedSystem]:
        """Register a system of the active event with ``status`` and optional ``details``.

        Raises ``ValidationError`` (empty or too long name, bad text, duplicate name),
        ``NoActiveEventError``. ``details.name``/``details.status`` are ignored.
        """
        now = self.now()
        values = system_columns(details, now)
        values.update(system_columns(SystemPatch(name=name, status=status), now))
        comment = optional_text(comment, "comment")
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            system_id = self._insert_system(tx, event.id, values, comment)
            result = self._get_system(tx.conn, system_id)
        return Outcome(result, tx.changes)

    def _insert_system(
        self, tx: WriteTx, event_id: str, values: dict[str, Any], comment: str
    ) -> str:
        """Insert a system from validated column ``values`` (``system_columns``) and journal it;
        inside ``tx``. Raises ``ValidationError("duplicate_system")``."""
        now = tx.now
        values = dict(values)
        if values.get("reserve_routine") and "reserve_routine_active" not in values:
            values["reserve_routine_active"] = True
        if values.get("reserve_routine_active") and not values.get("reserve_routine_since"):
            values["reserve_routine_since"] = now
        wanted = text_key(values["name"])
        if any(text_key(s.name) == wanted for s in q.systems_of(tx.conn, event_id)):
            raise ValidationError("duplicate_system", name=values["name"])
        row = {
            "event_id": event_id,
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
        if values.get("personal_data_affected"):
            text += " Personuppgifter kan vara berörda."
        if comment:
            text += f" Kommentar: {comment}"
        self._log(tx, event_id, text)
        return system_id

    def update_system(
        self, ref: str, patch: SystemPatch, *, comment: str = ""
    ) -> Outcome[AffectedSystem]:
        """Change fields of the system named or identified by ``ref``.

        A status change records ``status_since`` and requires ``comment`` (journaled with it).
        The outcome's ``undo`` restores the previous values (``undo``; ``None`` when nothing
        changed). Raises ``ValidationError`` (``nothing_to_change``, ``comment_required``, bad values,
        duplicate name), ``NotFoundError``, ``NoActiveEventError``.
        """
        now = self.now()
        values = system_columns(patch, now)
        comment = optional_text(comment, "comment")
        if not values:
            raise ValidationError("nothing_to_change")
        with self.store.write(self.actor.name, now) as tx:
            event = self._active_event(tx.conn)
            current = self._resolve(tx.conn, systems, event.id, ref, "system")
            if "status" in values and values["status"] != current["status"]:
                if not comment:
                    raise ValidationError("comment_required")
                values["status_since"] = now
            if values.get("reserve_routine_active") and not current["reserve_routine_active"]:
                values.setdefault("reserve_routine_since", now)
            if "name" in values and text_key(values["name"]) != text_key(current["name"]):
                names = {text_key(s.name) for s in q.systems_of(tx.conn, event.id)}
                if text_key(values["name"]) in names:
                    raise ValidationError("duplicate_system", name=values["name"])
            old = tx.update(systems, current["id"], values)
            undo = None
            if old:
                described = changes_sv(old, values, {"status": SystemStatus})
                text = f"System {current['name']}: {described}."
                if comment:
                    text += f" Kommentar: {comment}"
                entry_id = self._log(tx, event.id, text)
                undo = UndoStep.of(
                    "systems",
                    current["id"],
                    old,
                    values,
                    summary=_summary(current["name"], old, values),
                    journal_number=self._number(tx, entry_id),
                )
            result = self._get_system(tx.conn, current["id"])
        return Outcome(result, tx.changes, undo)

    def systems(self) -> list[AffectedSystem]:
        """The active event's systems, worst status first. Raises ``NoActiveEventError``."""
        with self.store.read() as conn:
            return q.systems_of(conn, self._active_event(conn).id)

    @staticmethod
    def _get_system(conn: Connection, system_id: str) -> AffectedSystem:
        return q.to_system(
            conn.execute(select(systems).where(systems.c.id == system_id)).mappings().one()
        )


def _summary(name: str, old: dict[str, Any], new: dict[str, Any]) -> Text:
    """What a system change did, for the status bar (*Ångra*)."""
    if "status" in old:
        return Text(
            N_("“{title}”: {before} → {after}"),
            {
                "title": name,
                "before": SystemStatus(old["status"]),
                "after": SystemStatus(new["status"]),
            },
        )
    return Text(N_("“{title}” changed"), {"title": name})
