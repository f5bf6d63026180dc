"""Add or edit an action; a due time in the past asks for confirmation."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QWidget

from situation_board.domain.clock import Clock
from situation_board.domain.entities import Action, AffectedSystem
from situation_board.domain.enums import ActionStatus, Priority
from situation_board.domain.errors import ValidationError
from situation_board.domain.patches import ActionPatch
from situation_board.domain.rules import MAX_NAME, optional_text, require_text
from situation_board.domain.timeutil import fmt_datetime, prefill_time
from situation_board.i18n import _
from situation_board.ui.dialogs.common import FormDialog


class ActionDialog(FormDialog):
    """Fields of ``Action``; ``values()`` holds only what changed when editing."""

    def __init__(
        self,
        language: str,
        action: Action | None,
        owners: list[str],
        systems: tuple[AffectedSystem, ...],
        parent: QWidget | None = None,
        *,
        clock: Clock,
    ) -> None:
        title = _("New action") if action is None else _("Edit action")
        super().__init__(title, language, parent, clock=clock)
        self.original = action
        self.title = QLineEdit(action.title if action else "")
        self.title.setObjectName("actionTitle")
        self.owner = QComboBox()
        self.owner.setObjectName("actionOwner")
        self.owner.setEditable(True)
        self.owner.addItems(owners)
        self.owner.setEditText(action.owner if action else "")
        self.due = QLineEdit(prefill_time(action.due_at) if action else "")
        self._due_text = self.due.text()  # unchanged text keeps the exact original instant
        self.due.setObjectName("actionDue")
        self.due.setPlaceholderText(_("e.g. 17:00 or 2024-01-30 09:00 (empty: no due time)"))
        self.priority = QComboBox()
        self.priority.setObjectName("actionPriority")
        for p in Priority:
            self.priority.addItem(p.label(language), p.value)
        self.priority.setCurrentIndex(
            self.priority.findData((action.priority if action else Priority.NORMAL).value)
        )
        self.status = QComboBox()
        self.status.setObjectName("actionStatus")
        for st in ActionStatus:
            self.status.addItem(st.label(language), st.value)
        self.status.setCurrentIndex(
            self.status.findData((action.status if action else ActionStatus.OPEN).value)
        )
        self.system = QComboBox()
        self.system.setObjectName("actionSystem")
        self.system.addItem("–", None)
        for s in systems:
            self.system.addItem(s.name, s.id)
        if action and action.system_id:
            self.system.setCurrentIndex(max(self.system.findData(action.system_id), 0))
        self.add_row(_("&Action:"), self.title, _("Action title"))
        self.add_row(_("&Owner:"), self.owner, _("Owner (person or function)"))
        self.add_row(_("&Due:"), self.due, _("Due time"))
        self.add_row(_("&Priority:"), self.priority, _("Priority"))
        self.add_row(_("&Status:"), self.status, _("Status"))
        self.add_row(_("S&ystem:"), self.system, _("Linked system"))
        self._patch = ActionPatch()
        self._title = ""
        self.past_due_confirmed = False

    def validate(self) -> None:
        title = require_text(self.check(self.title).text(), "title", limit=MAX_NAME)
        owner = optional_text(self.check(self.owner).currentText(), "owner", limit=MAX_NAME)
        unchanged = self.original is not None and self.due.text() == self._due_text
        due = (
            self.original.due_at
            if unchanged and self.original
            else self.parse_time(self.due, "due")
        )
        unchanged_due = self.original is not None and due == self.original.due_at
        if due is not None and due < self.now() and not unchanged_due:
            answer = QMessageBox.question(
                self,
                _("Due time in the past"),
                _("The due time {0} has already passed. Save anyway?").format(fmt_datetime(due)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.check(self.due)
                raise ValidationError("time_in_past_refused")
        values: dict[str, Any] = {
            "title": title,
            "owner": owner,
            "due_at": due,
            "priority": Priority(self.priority.currentData()),
            "status": ActionStatus(self.status.currentData()),
            "system_id": self.system.currentData(),
        }
        a = self.original
        if a is not None:
            values = {k: v for k, v in values.items() if getattr(a, k) != v}
        if "system_id" in values:
            values["system_ref"] = values.pop("system_id")
        self._title = title
        self._patch = ActionPatch(**values)

    def patch(self) -> ActionPatch:
        """What the user changed (every field for a new action)."""
        return self._patch

    def title_text(self) -> str:
        """The title as typed (a new action's)."""
        return self._title
