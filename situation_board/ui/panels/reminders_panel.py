"""The *Påminnelser* panel (every active reminder with its state) and the reminder bar (the
newest unacknowledged one, across the window under the level banner, until someone
acknowledges it)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from situation_board.domain.reminders import Evaluation, Reminder
from situation_board.i18n import _, ngettext
from situation_board.ui.models.reminders import RemindersModel, reminder_icon
from situation_board.ui.panels.common import ColumnFitter, Panel, make_table


class RemindersPanel(Panel):
    """Table of reminders; K or the button acknowledges the selected one."""

    acknowledgeRequested = Signal(object)  # Reminder

    def __init__(self, language: str = "sv", parent: QWidget | None = None) -> None:
        super().__init__(_("Reminders"), "remindersPanel", parent)
        self.language = language
        self.model = RemindersModel(language, self)
        self.view = make_table("remindersView", _("Reminders"), wrap=True)
        self.view.setModel(self.model)
        widths = {RemindersModel.STATE: 210, RemindersModel.KIND: 190, RemindersModel.SINCE: 150}
        self.fitter = ColumnFitter(self.view, widths, RemindersModel.TEXT, min_stretch=260)
        self.ack = QPushButton(_("Acknowledge (&K)"))
        self.ack.setObjectName("acknowledgeReminder")
        self.ack.setAccessibleName(_("Acknowledge the selected reminder"))
        self.ack.clicked.connect(self._acknowledge)
        self.header.addWidget(self.ack)
        self.body.addWidget(self.view)
        key = QShortcut(QKeySequence(Qt.Key.Key_K), self.view)
        key.setContext(Qt.ShortcutContext.WidgetShortcut)
        key.activated.connect(self._acknowledge)
        self.view.activated.connect(lambda _index: self._acknowledge())
        self.view.selectionModel().currentRowChanged.connect(self._enable)
        self.show_evaluation(None)

    def show_evaluation(self, evaluation: Evaluation | None) -> None:
        if evaluation is not None:
            self.model.set_evaluation(evaluation)
        waiting = len(self.model.unacknowledged())
        self.count.setText(
            ngettext("{0} not acknowledged", "{0} not acknowledged", waiting).format(waiting)
            if waiting
            else _("none waiting")
        )
        self.count.setProperty("alert", bool(waiting))
        self.count.style().unpolish(self.count)
        self.count.style().polish(self.count)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, RemindersModel.TEXT))
        self._enable()

    def selected(self) -> Reminder | None:
        index = self.view.currentIndex()
        return self.model.reminder(index.row()) if index.isValid() else None

    def _enable(self, *_args: QModelIndex) -> None:
        reminder = self.selected()
        self.ack.setEnabled(reminder is not None and not reminder.acknowledged)

    def _acknowledge(self) -> None:
        reminder = self.selected()
        if reminder is not None and not reminder.acknowledged:
            self.acknowledgeRequested.emit(reminder)


class ReminderBar(QFrame):
    """The newest, most urgent unacknowledged reminder, red (something is late) or amber, with
    *Kvittera* and a way to all of them; hidden when none waits."""

    acknowledgeRequested = Signal(object)  # Reminder
    showAllRequested = Signal()

    def __init__(self, language: str = "sv", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setObjectName("reminderBar")
        self.setAccessibleName(_("Reminder"))
        self.icon = QLabel()
        self.icon.setFixedSize(QSize(28, 28))
        self.text = QLabel()
        self.text.setObjectName("reminderText")
        self.text.setWordWrap(True)
        self.more = QLabel()
        self.more.setObjectName("reminderMore")
        self.ack = QPushButton(_("Acknowled&ge"))
        self.ack.setObjectName("acknowledgeShownReminder")
        self.ack.setAccessibleName(_("Acknowledge this reminder"))
        self.ack.clicked.connect(self._acknowledge)
        self.all = QPushButton(_("All rem&inders (Ctrl+4)"))
        self.all.setObjectName("showAllReminders")
        self.all.setAccessibleName(_("Show all reminders"))
        self.all.clicked.connect(self.showAllRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 4, 14, 4)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.more)
        row.addWidget(self.ack)
        row.addWidget(self.all)
        self.current: Reminder | None = None
        self.hide()

    def _acknowledge(self) -> None:
        if self.current is not None:
            self.acknowledgeRequested.emit(self.current)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        waiting = evaluation.unacknowledged
        if not waiting:
            self.current = None
            self.hide()
            return
        self.current = r = waiting[0]  # most urgent, newest first (the evaluator's order)
        self.icon.setPixmap(reminder_icon(r).pixmap(QSize(28, 28)))
        self.text.setText(r.text(self.language))
        others = len(waiting) - 1
        self.more.setText(
            ngettext("and {0} more", "and {0} more", others).format(others) if others else ""
        )
        self.setProperty("urgent", r.kind.urgent)
        for widget in (self, self.text, self.more):  # colours: resources/styles/workstation.qss
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.setAccessibleDescription(r.text(self.language))
        self.show()
