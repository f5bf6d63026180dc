"""The affected-systems panel: status with symbol and colour, reserve routine, prognosis."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from situation_board.domain.entities import AffectedSystem, Board
from situation_board.i18n import _, ngettext
from situation_board.ui.models.systems import SystemsModel
from situation_board.ui.panels.common import ColumnFitter, Panel, make_table


class SystemsPanel(Panel):
    """Table of systems; Enter or double-click edits, the button adds."""

    addRequested = Signal()
    editRequested = Signal(object)  # AffectedSystem

    def __init__(self, language: str = "sv", parent: QWidget | None = None) -> None:
        super().__init__(_("Affected systems"), "systemsPanel", parent)
        self.model = SystemsModel(language, self)
        self.view = make_table("systemsView", _("Affected systems"), wrap=True)
        self.view.setModel(self.model)
        widths = {
            SystemsModel.STATUS: 160,
            SystemsModel.NAME: 380,
            SystemsModel.RESERVE: 200,
            SystemsModel.PROGNOSIS: 220,
            SystemsModel.NEXT_UPDATE: 170,
            SystemsModel.SUPPLIER: 230,
        }
        self.fitter = ColumnFitter(self.view, widths, SystemsModel.WORKAROUND, min_stretch=260)
        self.view.activated.connect(self._activated)
        self.add = QPushButton(_("New system… (Ctrl+Shift+S)"))
        self.add.setObjectName("addSystem")
        self.add.setAccessibleName(_("New affected system"))
        self.add.clicked.connect(self.addRequested)
        self.edit = QPushButton(_("Edit…"))
        self.edit.setObjectName("editSystem")
        self.edit.setAccessibleName(_("Edit selected system"))
        self.edit.clicked.connect(lambda: self._activated(self.view.currentIndex()))
        self.header.addWidget(self.edit)
        self.header.addWidget(self.add)
        self.body.addWidget(self.view)

    def show_board(self, board: Board) -> None:
        self.model.set_systems(board.systems, board.as_of)
        down = sum(1 for s in board.systems if s.status.severity >= 2)
        self.count.setText(
            ngettext(
                "{0} system, {1} down or unknown",
                "{0} systems, {1} down or unknown",
                len(board.systems),
            ).format(len(board.systems), down)
            if board.systems
            else ""
        )
        self.add.setEnabled(board.event is not None)

    def preferred_height(self) -> int:
        """Enough for every system (at most about eight rows) without scrolling."""
        self.view.resizeRowsToContents()
        vh = self.view.verticalHeader()
        rows = sum(vh.sectionSize(r) for r in range(min(self.model.rowCount(), 8)))
        rows = max(rows, 2 * vh.defaultSectionSize())
        table = self.view.horizontalHeader().sizeHint().height() + rows + 2 * self.view.frameWidth()
        return self.title.sizeHint().height() + table + 30

    def selected(self) -> AffectedSystem | None:
        index = self.view.currentIndex()
        return self.model.system(index.row()) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.editRequested.emit(self.model.system(index.row()))
