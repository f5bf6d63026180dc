"""Review sync conflicts: two stations changed the same field while apart; the newer value was
kept, the other is shown here so that nothing is silently lost."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from situation_board.domain.entities import Conflict
from situation_board.i18n import _
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.common import fit_to_screen
from situation_board.ui.models.conflicts import ConflictsModel
from situation_board.ui.panels.common import make_table


class ConflictsDialog(QDialog):
    """Lists conflicts (unreviewed, or all) and marks the selected one reviewed."""

    def __init__(self, controller: BoardController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(_("Sync conflicts"))
        fit_to_screen(self, 1300, 520)
        self.model = ConflictsModel(controller.language, self)
        self.view = make_table("conflictsView", _("Sync conflicts"), wrap=True)
        self.view.setModel(self.model)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(ConflictsModel.WHAT, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (ConflictsModel.DETECTED, 190),
            (ConflictsModel.KEPT, 330),
            (ConflictsModel.LOST, 330),
            (ConflictsModel.REVIEWED, 200),
        ):
            self.view.setColumnWidth(col, width)
        self.explain = QLabel(
            _(
                "Two stations changed the same field while they could not reach the shared store. "
                "The newer change was kept on every station; the other is listed here. Correct the "
                "board if the kept value is wrong, then mark the conflict reviewed."
            )
        )
        self.explain.setWordWrap(True)
        self.show_all = QCheckBox(_("Show reviewed conflicts too"))
        self.show_all.setAccessibleName(_("Show reviewed conflicts too"))
        self.show_all.toggled.connect(self.reload)
        self.review = QPushButton(_("Mark reviewed"))
        self.review.setAccessibleName(_("Mark the selected conflict reviewed"))
        self.review.clicked.connect(self._review)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        close.setAccessibleName(_("Close"))
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.review, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.show_all)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.reload()

    def _titles(self) -> dict[str, str]:
        board = self.controller.board
        if board is None:
            return {}
        titles = {a.id: a.title for a in board.actions}
        titles.update({s.id: s.name for s in board.systems})
        titles.update({d.id: d.title for d in board.deadlines})
        if board.event:
            titles[board.event.id] = board.event.name
        return titles

    def reload(self) -> None:
        include = self.show_all.isChecked()
        self.controller.execute(
            lambda s: s.conflicts(include_reviewed=include),
            on_done=self._loaded,
            owner=self,
        )

    def _loaded(self, rows: list[Conflict]) -> None:
        self.model.set_conflicts(rows, self._titles())
        self.review.setEnabled(bool(rows))

    def _review(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        conflict = self.model.rows[index.row()]
        self.controller.execute(
            lambda s: s.review_conflict(conflict.id),
            on_done=lambda _r: self.reload(),
            owner=self,
        )
