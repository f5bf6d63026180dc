"""The forms of the briefing rhythm: schedule a briefing (once, daily at set times, or every N
hours) and record a decision taken at one (journaled as *beslut* with the briefing's
reference)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from situation_board.domain.briefings import (
    DEFAULT_TITLE,
    IN_PROGRESS_BEFORE,
    MAX_EVERY_HOURS,
    BriefingOccurrence,
    Recurrence,
    daily_at,
    every_hours,
)
from situation_board.domain.clock import Clock
from situation_board.domain.entities import Board, Briefing
from situation_board.domain.errors import BoardError, ValidationError
from situation_board.domain.rules import MAX_NAME, require_text
from situation_board.domain.timeutil import fmt_short
from situation_board.i18n import _
from situation_board.ui.dialogs.common import FormDialog

ONCE, DAILY, EVERY = "once", "daily", "every"


class ScheduleBriefingDialog(FormDialog):
    """A briefing at one time, or a rhythm; ``values_`` after Save: (at, title, recurrence)."""

    def __init__(self, language: str, parent: QWidget | None = None, *, clock: Clock) -> None:
        super().__init__(_("Schedule a briefing"), language, parent, clock=clock)
        self.setObjectName("scheduleBriefingDialog")
        self.title = QLineEdit(DEFAULT_TITLE)
        self.title.setObjectName("briefingTitle")
        self.repeat = QComboBox()
        self.repeat.setObjectName("briefingRepeat")
        self.repeat.addItem(_("Once"), ONCE)
        self.repeat.addItem(_("Daily at set times"), DAILY)
        self.repeat.addItem(_("Every few hours"), EVERY)
        self.at = QLineEdit()
        self.at.setObjectName("briefingAt")
        self.daily = QLineEdit("08:00, 13:00, 16:00")
        self.daily.setObjectName("briefingDaily")
        self.daily.setPlaceholderText(_("e.g. 08:00, 13:00, 16:00"))
        self.every = QSpinBox()
        self.every.setObjectName("briefingEvery")
        self.every.setRange(1, MAX_EVERY_HOURS)
        self.every.setValue(4)
        self.every.setSuffix(" h")
        self.preview = QLabel()
        self.preview.setObjectName("briefingPreview")
        self.preview.setWordWrap(True)
        self.add_row(_("&Title:"), self.title, _("Title of the briefing"))
        self.add_row(_("&Repeat:"), self.repeat, _("Repeat"))
        self.add_row(_("&Time:"), self.at, _("Time of the briefing"))
        self.add_row(_("&Daily at:"), self.daily, _("Daily times"))
        self.add_row(_("&Every:"), self.every, _("Every how many hours"))
        self.form.addRow("", self.preview)
        self.repeat.currentIndexChanged.connect(self._mode_changed)
        self.at.textChanged.connect(self._show_preview)
        self.daily.textChanged.connect(self._show_preview)
        self.every.valueChanged.connect(self._show_preview)
        self._mode_changed()

    def mode(self) -> str:
        return str(self.repeat.currentData())

    def _mode_changed(self) -> None:
        mode = self.mode()
        self.form.setRowVisible(self.daily, mode == DAILY)
        self.form.setRowVisible(self.every, mode == EVERY)
        label = self.form.labelForField(self.at)
        if isinstance(label, QLabel):
            label.setText({ONCE: _("&Time:"), DAILY: _("&From:"), EVERY: _("&First at:")}[mode])
        self.at.setPlaceholderText(
            _("now (or e.g. 2024-01-30 08:00)")
            if mode == DAILY
            else _("e.g. 16:30 or 2024-01-30 08:30")
        )
        self._show_preview()

    def _read(self) -> tuple[datetime, Recurrence | None]:
        mode = self.mode()
        recurrence: Recurrence | None = None
        if mode == DAILY:
            self.check(self.daily)
            recurrence = daily_at(self.daily.text())
        elif mode == EVERY:
            recurrence = every_hours(self.every.value())
        at = self.parse_time(self.at, "time")
        if at is None:
            if mode != DAILY:
                raise ValidationError("empty_time", field="time")
            at = self.now()
        return at, recurrence

    def _show_preview(self) -> None:
        """The first occurrences, as the user types."""
        try:
            at, recurrence = self._read()
        except BoardError:
            self.preview.setText("")
            return
        trial = Briefing("", "", at, "", recurrence)
        start = min(at, self.now())
        shown = [o.at for o in trial.occurrences(start, start + timedelta(days=3))][:5]
        times = ", ".join(fmt_short(t, self.language) for t in shown)
        self.preview.setText(_("First times: {0}").format(times + (" …" if recurrence else "")))

    def validate(self) -> None:
        title = require_text(self.check(self.title).text(), "title", limit=MAX_NAME)
        at, recurrence = self._read()
        self.values_ = (at, title, recurrence)


def decision_choices(board: Board, now: datetime) -> list[BriefingOccurrence]:
    """The briefings a decision can be recorded at: the latest occurrence (at most 15 minutes
    ahead, as the service counts) of each briefing, latest first."""
    found = []
    for b in board.briefings:
        at = b.previous_at(now + IN_PROGRESS_BEFORE)
        if at is not None:
            found.append(b.occurrence(at))
    return sorted(found, key=lambda o: o.at, reverse=True)


class BriefingDecisionDialog(FormDialog):
    """A decision taken at a briefing: which briefing (the one under way by default), the text,
    and when (default now). ``values_`` after Save: (text, briefing id, occurred_at)."""

    def __init__(
        self,
        language: str,
        choices: list[BriefingOccurrence],
        parent: QWidget | None = None,
        *,
        clock: Clock,
        chosen: str | None = None,
    ) -> None:
        super().__init__(_("Decision at a briefing"), language, parent, clock=clock)
        self.setObjectName("briefingDecisionDialog")
        self.briefing = QComboBox()
        self.briefing.setObjectName("decisionBriefing")
        for o in choices:
            self.briefing.addItem(f"{o.title} {o.reference}", o.briefing_id)
        if chosen is not None and self.briefing.findData(chosen) >= 0:
            self.briefing.setCurrentIndex(self.briefing.findData(chosen))
        self.text = QPlainTextEdit()
        self.text.setObjectName("decisionText")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(100)
        self.occurred = QLineEdit()
        self.occurred.setObjectName("decisionOccurred")
        self.occurred.setPlaceholderText(_("now (or e.g. 13:10)"))
        note = QLabel(_("Journaled as a decision with the briefing's reference."))
        note.setWordWrap(True)
        self.add_row(_("&Briefing:"), self.briefing, _("Briefing"))
        self.add_row(_("&Decision:"), self.text, _("Decision"))
        self.add_row(_("&Time:"), self.occurred, _("Time of the decision"))
        self.form.addRow("", note)
        self.text.setFocus()

    def validate(self) -> None:
        self.check(self.text)
        text = require_text(self.text.toPlainText(), "text")
        occurred = self.parse_time(self.occurred, "occurred")
        self.values_ = (text, str(self.briefing.currentData()), occurred)
