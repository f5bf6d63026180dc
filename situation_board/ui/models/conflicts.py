"""Table model of sync conflicts: which field of what, the kept and the lost value, by whom."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from situation_board.domain.entities import Conflict
from situation_board.domain.enums import ActionStatus, Labelled, Priority, SystemStatus
from situation_board.domain.hlc import Hlc
from situation_board.domain.timeutil import fmt_datetime
from situation_board.i18n import _
from situation_board.ui.models.base import ListModel

Index = QModelIndex | QPersistentModelIndex


def _enum_for(entity: str, field: str) -> type[Labelled] | None:
    if field == "status":
        return {"systems": SystemStatus, "actions": ActionStatus}.get(entity)
    if field == "priority":
        return Priority
    return None


def _when(stamp: str) -> str:
    hlc, _site = Hlc.parse(stamp)

    return fmt_datetime(datetime.fromtimestamp(hlc.ms / 1000, UTC))


class ConflictsModel(ListModel):
    """One row per recorded conflict, newest first."""

    DETECTED, WHAT, KEPT, LOST, REVIEWED = range(5)

    def __init__(self, language: str = "sv", parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language
        self.entities = {
            "events": _("Event"),
            "systems": _("System"),
            "actions": _("Action"),
            "deadlines": _("Deadline"),
            "briefings": _("Staff briefing"),
        }
        self.fields = {
            "name": _("name"),
            "status": _("status"),
            "supplier": _("supplier"),
            "processes": _("affected processes"),
            "reserve_routine_active": _("reserve routine active"),
            "reserve_routine_since": _("reserve routine since"),
            "reserve_routine": _("reserve routine"),
            "workaround": _("workaround"),
            "prognosis_at": _("prognosis"),
            "prognosis_text": _("prognosis"),
            "personal_data_affected": _("personal data may be affected"),
            "next_update_at": _("next update"),
            "title": _("title"),
            "owner": _("owner"),
            "due_at": _("due"),
            "priority": _("priority"),
            "system_id": _("linked system"),
            "reported_at": _("reported"),
            "reference": _("reference"),
            "late_reason": _("reason for the delay"),
            "at": _("time"),
            "deleted": _("deleted"),
        }
        self.rows: list[Conflict] = []
        self.titles: dict[str, str] = {}
        self.headers = [
            _("Detected"),
            _("What"),
            _("Kept value (newer)"),
            _("Lost value"),
            _("Reviewed"),
        ]

    def set_conflicts(self, rows: list[Conflict], titles: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.titles = rows, titles
        self.endResetModel()

    def items(self) -> Sequence[Any]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        c = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.DETECTED:
            return fmt_datetime(c.detected_at)
        if col == self.WHAT:
            title = self.titles.get(c.entity_id, c.entity_id[-8:])
            field = self.fields.get(c.field, c.field)
            return _("{0} “{1}”: {2}").format(self.entities.get(c.entity, c.entity), title, field)
        if col == self.KEPT:
            kept = self.value(c.entity, c.field, c.kept_value)
            return f"{kept} ({c.kept_author}, {_when(c.kept_stamp)})"
        if col == self.LOST:
            lost = self.value(c.entity, c.field, c.lost_value)
            return f"{lost} ({c.lost_author}, {_when(c.lost_stamp)})"
        if col == self.REVIEWED:
            return f"{c.reviewed_by}, {fmt_datetime(c.reviewed_at)}" if c.reviewed_at else "–"
        return None

    def value(self, entity: str, field: str, value: Any) -> str:
        """A stored value as the reader expects it: "Ur funktion", "ja", "29 jan. 16:00"."""
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        enum = _enum_for(entity, field)
        if enum is not None and isinstance(value, str):
            try:
                return enum(value).label(self.language)
            except ValueError:
                return value
        if isinstance(value, str):
            try:
                return fmt_datetime(datetime.fromisoformat(value))
            except ValueError:
                return value
        return json.dumps(value, ensure_ascii=False)
