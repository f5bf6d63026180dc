"""The forms of a deadline clock: start one (kind, awareness time — default now, editable — and
the due time or hours where the kind has no statutory time), report it (time, reference, and
after the due time the reasons for the delay: the service's rule, shown beside the field when
it refuses), or judge it not required (with a reason)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from situation_board.domain.clock import Clock
from situation_board.domain.deadlines import MAX_HOURS, NIS_SOURCE, RULES, rule_due
from situation_board.domain.entities import DeadlineClock
from situation_board.domain.enums import DeadlineKind
from situation_board.domain.errors import BoardError, ValidationError
from situation_board.domain.rules import require_text
from situation_board.domain.timeutil import fmt_datetime, prefill_time
from situation_board.i18n import _
from situation_board.services.deadlines import plan_deadlines
from situation_board.ui import clocks
from situation_board.ui.dialogs.common import FormDialog

KINDS = (
    DeadlineKind.IMY_BREACH,
    DeadlineKind.IMY_SUPPLEMENT,
    DeadlineKind.NIS_EARLY_WARNING,  # stands for the three NIS2 stages, started together
    DeadlineKind.POLICE_REPORT,
    DeadlineKind.CUSTOM,
)


def kind_label(kind: DeadlineKind, language: str) -> str:
    """The kind as the start form offers it (the NIS2 stages as one choice)."""
    if kind.is_nis:
        return _("NIS incident (three stages: early warning, notification, final report)")
    return kind.label(language)


def rule_text(kind: DeadlineKind) -> str:
    """The rule of ``kind`` in words, with its legal source (not translated)."""
    rule = RULES[kind]
    if kind.is_nis:
        return _(
            "Starts three clocks ({source}): early warning within 24 hours and incident "
            "notification within 72 hours of awareness, final report one month after the "
            "notification."
        ).format(source=NIS_SOURCE)
    if kind is DeadlineKind.IMY_SUPPLEMENT:
        return _(
            "Information not available at first is supplied in phases ({source}): give the due "
            "time IMY asked for."
        ).format(source=rule.source)
    if kind is DeadlineKind.POLICE_REPORT:
        return _("No statutory time: give the due time.")
    if kind is DeadlineKind.CUSTOM:
        return _("Give the deadline a name, and the number of hours or the due time.")
    return _("{hours} hours from awareness ({source}).").format(
        hours=rule.hours, source=rule.source
    )


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("fieldHint")
    return label


class StartDeadlineDialog(FormDialog):
    """Start a clock; ``values_`` (after Save) are ``start_deadlines``'s keyword arguments."""

    def __init__(
        self,
        language: str,
        parent: QWidget | None = None,
        *,
        clock: Clock,
        kind: DeadlineKind | None = None,
        context: str = "",
    ) -> None:
        super().__init__(_("Start a deadline clock"), language, parent, clock=clock)
        self.setObjectName("startDeadlineDialog")
        if context:
            note = _hint(context)
            note.setObjectName("deadlineContext")
            self.form.addRow(note)
        self.kind = QComboBox()
        self.kind.setObjectName("deadlineKind")
        for k in KINDS:
            self.kind.addItem(kind_label(k, language), k.value)
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.rule = _hint()
        self.rule.setObjectName("deadlineRule")
        self.title = QLineEdit()
        self.title.setObjectName("deadlineTitle")
        self.aware = QLineEdit(prefill_time(self.now()))
        self.aware.setObjectName("deadlineAware")
        self.aware.setPlaceholderText(_("now (or e.g. 13:10)"))
        self.hours = QLineEdit()
        self.hours.setObjectName("deadlineHours")
        self.hours.setPlaceholderText(_("e.g. 48"))
        self.due = QLineEdit()
        self.due.setObjectName("deadlineDue")
        self.due.setPlaceholderText(_("e.g. 17:00 or 2024-01-30 09:00"))
        self.preview = _hint()
        self.preview.setObjectName("deadlinePreview")
        self.add_row(_("&Kind:"), self.kind, _("Kind of deadline"))
        self.form.addRow("", self.rule)
        self.add_row(_("&Name:"), self.title, _("Name of the deadline"))
        self.add_row(_("&Aware since:"), self.aware, _("Time of awareness"))
        self.add_row(_("&Hours:"), self.hours, _("Number of hours"))
        self.add_row(_("&Due:"), self.due, _("Due time"))
        self.form.addRow("", self.preview)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for edit in (self.aware, self.hours, self.due):
            edit.textChanged.connect(self._show_preview)
        self._kind_changed()
        self.aware.setFocus()

    def chosen(self) -> DeadlineKind:
        return DeadlineKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.chosen()
        rule = RULES[kind]
        self.rule.setText(rule_text(kind))
        self.title.setPlaceholderText(
            _("required") if rule.title_required else _("default: the name of the kind")
        )
        self.form.setRowVisible(self.hours, kind is DeadlineKind.CUSTOM)
        self.form.setRowVisible(self.due, rule.due_required)
        self._show_preview()

    def _show_preview(self) -> None:
        """The due time the form would give, as the user types (``–`` until it can tell)."""
        try:
            values = self._read()
            plan = plan_deadlines(self.chosen(), self.now(), **values)
        except BoardError:
            self.preview.setText(_("Due: –"))
            return
        due = plan.due_at or rule_due(plan.kind, plan.aware_at, hours=plan.hours)
        self.preview.setText(_("Due: {0}").format(fmt_datetime(due)) if due else _("Due: –"))

    def _read(self) -> dict[str, Any]:
        kind = self.chosen()
        rule = RULES[kind]
        hours: float | None = None
        text = self.check(self.hours).text().strip() if kind is DeadlineKind.CUSTOM else ""
        if text:
            try:
                hours = float(text.replace(",", "."))
            except ValueError:
                raise ValidationError("bad_hours", value=text, limit=MAX_HOURS) from None
        due = self.parse_time(self.due, "due") if rule.due_required else None
        if rule.due_required and due is None and hours is None:
            self.check(self.hours if kind is DeadlineKind.CUSTOM and not text else self.due)
            raise ValidationError(
                "deadline_hours_or_due" if kind is DeadlineKind.CUSTOM else "deadline_due_missing"
            )
        if hours is not None and due is not None:
            raise ValidationError("deadline_hours_or_due")
        aware: datetime | None = self.parse_time(self.aware, "aware")
        return {
            "aware_at": aware,
            "due_at": due,
            "hours": hours,
            "title": self.check(self.title).text(),
        }

    def validate(self) -> None:
        values = self._read()
        plan_deadlines(self.chosen(), self.now(), **values)  # the service's rules, before saving
        self.values_ = {"kind": self.chosen(), **values}


class ReportDeadlineDialog(FormDialog):
    """Report a clock: time (default now), the authority's reference, and the reasons for a
    delay — which the service requires after the due time; its refusal shows beside the field."""

    def __init__(
        self, language: str, deadline: DeadlineClock, parent: QWidget | None = None, *, clock: Clock
    ) -> None:
        super().__init__(_("Report a deadline"), language, parent, clock=clock)
        self.setObjectName("reportDeadlineDialog")
        self.deadline = deadline
        now = self.now()
        about = QLabel(
            f"<b>{deadline.title}</b><br>"
            + _("due {0}").format(fmt_datetime(deadline.due_at))
            + f" · {clocks.state_text(deadline, now, language)}"
        )
        about.setObjectName("deadlineAbout")
        about.setWordWrap(True)
        self.reported = QLineEdit(prefill_time(now))
        self.reported.setObjectName("deadlineReported")
        self.reported.setPlaceholderText(_("now (or e.g. 13:10)"))
        self.reference = QLineEdit()
        self.reference.setObjectName("deadlineReference")
        self.reference.setPlaceholderText(_("e.g. the authority's case number"))
        self.late_reason = QPlainTextEdit()
        self.late_reason.setObjectName("deadlineLateReason")
        self.late_reason.setTabChangesFocus(True)
        self.late_reason.setMaximumHeight(80)
        self.late_hint = _hint(_("Required when the report is made after the due time."))
        self.late_error = QLabel()
        self.late_error.setObjectName("inlineError")
        self.late_error.setWordWrap(True)
        self.late_error.hide()
        late = QWidget()
        column = QVBoxLayout(late)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.late_reason)
        column.addWidget(self.late_hint)
        column.addWidget(self.late_error)
        self.late_reason.setAccessibleName(_("Reasons for the delay"))
        self.form.addRow(about)
        self.add_row(_("&Reported at:"), self.reported, _("Reporting time"))
        self.add_row(_("Re&ference:"), self.reference, _("Reference"))
        self.form.addRow(_("Reasons for the &delay:"), late)
        self.reported.setFocus()

    def validate(self) -> None:
        when = self.parse_time(self.reported, "reported")
        self.values_ = {
            "reported_at": when,
            "reference": self.reference.text(),
            "late_reason": self.late_reason.toPlainText(),
        }

    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        """The service's refusal of a late report without reasons shows beside that field
        (the service decides; this only places its message)."""
        late = ValidationError("late_reason_required", title=self.deadline.title)
        if message == late.message(self.language):
            self.error.hide()
            self.late_error.setText(message)
            self.late_error.show()
            self.late_reason.setFocus()
            return
        self.late_error.hide()
        super().show_error(message, widget)


class NotRequiredDialog(FormDialog):
    """Judge a clock not required, with the reason (journaled)."""

    def __init__(
        self, language: str, deadline: DeadlineClock, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Deadline not required"), language, parent)
        self.setObjectName("notRequiredDialog")
        about = QLabel(f"<b>{deadline.title}</b>")
        about.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("deadlineNotRequiredReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(100)
        if deadline.kind is DeadlineKind.IMY_BREACH:
            self.reason.setPlaceholderText(
                _("e.g. the breach is unlikely to result in a risk to people (GDPR art. 33.1)")
            )
        self.form.addRow(about)
        self.add_row(_("&Reason:"), self.reason, _("Reason"))
        if deadline.kind is DeadlineKind.NIS_NOTIFICATION:
            self.form.addRow(_hint(_("The final report that follows it closes with it.")))
        self.reason.setFocus()

    def validate(self) -> None:
        self.check(self.reason)
        self.reason_ = require_text(self.reason.toPlainText(), "reason")
