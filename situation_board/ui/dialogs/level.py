"""Beslut om beredskapsläge: level, scope, decided by, reason — all required — and the history."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QWidget

from situation_board.domain.entities import LevelDecision
from situation_board.domain.enums import ReadinessLevel
from situation_board.domain.rules import MAX_NAME, require_text
from situation_board.domain.timeutil import fmt_datetime
from situation_board.i18n import _
from situation_board.ui import theme
from situation_board.ui.dialogs.common import FormDialog


class LevelDialog(FormDialog):
    """The decision dialog (Ctrl+B)."""

    def __init__(
        self,
        language: str,
        current: LevelDecision | None,
        decider: str,
        history: list[LevelDecision],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Change readiness level"), language, parent)
        self.level = QComboBox()
        self.level.setObjectName("levelChoice")
        for lvl in ReadinessLevel:
            self.level.addItem(theme.level_icon(lvl), lvl.label(language), lvl.value)
        if current is not None:
            self.level.setCurrentIndex(self.level.findData(current.level.value))
        self.scope = QLineEdit(current.scope if current else _("Region"))
        self.scope.setObjectName("levelScope")
        self.decided_by = QLineEdit(decider)
        self.decided_by.setObjectName("levelDecidedBy")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("levelReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(90)
        self.history = QListWidget()
        self.history.setObjectName("levelHistory")
        self.history.setMinimumHeight(140)
        for d in reversed(history):
            self.history.addItem(
                f"{fmt_datetime(d.decided_at)}  {d.level.label(language)} ({d.scope}) — "
                f"{d.decided_by}: {d.reason}"
            )
        if not history:
            self.history.addItem(_("No decisions yet"))
        self.add_row(_("&Level:"), self.level, _("Readiness level"))
        self.add_row(_("&Scope:"), self.scope, _("Scope (region or unit)"))
        self.add_row(_("&Decided by:"), self.decided_by, _("Decided by"))
        self.add_row(_("&Reason:"), self.reason, _("Reason"))
        self.add_row(_("History:"), self.history, _("Decision history"))
        self.reason.setFocus()

    def validate(self) -> None:
        require_text(self.check(self.scope).text(), "scope", limit=MAX_NAME)
        require_text(self.check(self.decided_by).text(), "decided_by", limit=MAX_NAME)
        self.check(self.reason)
        require_text(self.reason.toPlainText(), "reason")

    def values(self) -> dict[str, Any]:
        return {
            "level": ReadinessLevel(self.level.currentData()),
            "scope": self.scope.text(),
            "decided_by": self.decided_by.text(),
            "reason": self.reason.toPlainText(),
        }
