"""The actions panel: open first by due time, overdue red, due-soon amber, one-key "klar"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from situation_board.domain.entities import Action, Board
from situation_board.domain.enums import ActionStatus
from situation_board.i18n import _, ngettext
from situation_board.ui.models.actions import ALL_GROUP, OPEN_GROUP, ActionsModel, ActionsProxy
from situation_board.ui.panels.common import ColumnFitter, Panel, compact_combo, make_table


class ActionsPanel(Panel):
    """Table of actions with owner and status filters."""

    addRequested = Signal()
    editRequested = Signal(object)  # Action
    doneRequested = Signal(object)  # Action

    def __init__(self, language: str = "sv", parent: QWidget | None = None) -> None:
        super().__init__(_("Actions"), "actionsPanel", parent)
        self.language = language
        self.model = ActionsModel(language, self)
        self.proxy = ActionsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table("actionsView", _("Actions"), wrap=True)
        self.view.setModel(self.proxy)
        self.view.setIconSize(self.view.iconSize())
        widths = {
            ActionsModel.FLAG: 34,
            ActionsModel.OWNER: 170,
            ActionsModel.DUE: 165,
            ActionsModel.PRIORITY: 82,
            ActionsModel.STATUS: 82,
        }
        self.fitter = ColumnFitter(self.view, widths, ActionsModel.TITLE, min_stretch=200)
        self.view.activated.connect(self._activated)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("actionStatusFilter")
        self.status_filter.setAccessibleName(_("Filter actions by status"))
        self.status_filter.addItem(_("Open and in progress"), OPEN_GROUP)
        self.status_filter.addItem(_("All"), ALL_GROUP)
        for status in ActionStatus:
            self.status_filter.addItem(status.label(language), status.value)
        self.status_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_status(self.status_filter.currentData())
        )
        self.owner_filter = QComboBox()
        self.owner_filter.setObjectName("actionOwnerFilter")
        self.owner_filter.setAccessibleName(_("Filter actions by owner"))
        self.owner_filter.addItem(_("All owners"), "")
        self.owner_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_owner(self.owner_filter.currentData() or "")
        )
        self.done = QPushButton(_("Done (K)"))
        self.done.setObjectName("actionDone")
        self.done.setAccessibleName(_("Mark selected action done"))
        self.done.clicked.connect(self._done)
        self.add = QPushButton(_("New action… (Ctrl+Shift+A)"))
        self.add.setObjectName("addAction")
        self.add.setAccessibleName(_("New action"))
        self.add.clicked.connect(self.addRequested)
        compact_combo(self.status_filter, 16)
        compact_combo(self.owner_filter, 16)
        self.tools.addWidget(self.status_filter)
        self.tools.addWidget(self.owner_filter)
        self.tools.addStretch(1)
        self.header.addWidget(self.done)
        self.header.addWidget(self.add)
        self.body.addWidget(self.view)
        klar = QShortcut(QKeySequence(Qt.Key.Key_K), self.view)
        klar.setContext(Qt.ShortcutContext.WidgetShortcut)
        klar.activated.connect(self._done)

    def show_board(self, board: Board) -> None:
        names = {s.id: s.name for s in board.systems}
        self.model.set_actions(board.actions, board.as_of, names)
        self._refresh_owners()
        overdue = len(board.overdue_actions())
        open_n = len(board.open_actions())
        text = ngettext("{0} open", "{0} open", open_n).format(open_n)
        if overdue:
            text += " · " + ngettext("{0} OVERDUE", "{0} OVERDUE", overdue).format(overdue)
        self.count.setText(text)
        self.count.setProperty("alert", bool(overdue))
        self.count.style().unpolish(self.count)
        self.count.style().polish(self.count)
        self.add.setEnabled(board.event is not None)

    def _refresh_owners(self) -> None:
        current = self.owner_filter.currentData() or ""
        owners = self.model.owners()
        existing = [self.owner_filter.itemData(i) for i in range(1, self.owner_filter.count())]
        if owners == existing:
            return
        self.owner_filter.blockSignals(True)
        while self.owner_filter.count() > 1:
            self.owner_filter.removeItem(1)
        for owner in owners:
            self.owner_filter.addItem(owner, owner)
        index = self.owner_filter.findData(current)
        self.owner_filter.setCurrentIndex(max(index, 0))
        self.owner_filter.blockSignals(False)
        if index < 0 and current:
            self.proxy.set_owner("")

    def selected(self) -> Action | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.action(self.proxy.mapToSource(index).row())

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.editRequested.emit(self.model.action(self.proxy.mapToSource(index).row()))

    def _done(self) -> None:
        action = self.selected()
        if action is not None and not action.status.is_closed:
            self.doneRequested.emit(action)
