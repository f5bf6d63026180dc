"""Small building blocks shared by the panels: a titled panel frame and a read-only table view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def compact_combo(combo: QComboBox, chars: int = 12) -> QComboBox:
    """A combo box whose width follows ``chars`` characters, not its longest item."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo


def make_table(
    name: str, accessible: str, parent: QWidget | None = None, *, wrap: bool = False
) -> QTableView:
    """A read-only, row-selecting table. Fixed row heights (fast with 100,000 rows) unless
    ``wrap``: short lists (systems, actions) wrap long texts and grow their rows instead."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(wrap)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move between panels
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vh = view.verticalHeader()
    vh.setVisible(False)
    vh.setDefaultSectionSize(30)
    vh.setMinimumSectionSize(30)
    vh.setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents if wrap else QHeaderView.ResizeMode.Fixed
    )
    hh = view.horizontalHeader()
    hh.setHighlightSections(False)
    hh.setStretchLastSection(False)
    return view


class ColumnFitter(QObject):
    """Keeps a table's one stretching column (an action's title, a system's workaround, a
    journal entry's text) readable on narrow or scaled screens: when the table is narrower than
    its columns were designed for, the other columns shrink in proportion (to at most
    ``floor`` of their width) so the stretching one keeps at least ``min_stretch`` pixels.
    Columns of at most ``SMALL`` pixels (priority, status) keep their width."""

    SMALL = 100

    def __init__(
        self,
        view: QTableView,
        widths: dict[int, int],
        stretch: int,
        min_stretch: int,
        floor: float = 0.5,
    ) -> None:
        super().__init__(view)
        self.setObjectName(f"{view.objectName()}ColumnFitter")
        self.view, self.widths, self.min_stretch, self.floor = view, widths, min_stretch, floor
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        available = self.view.viewport().width()
        small = sum(w for w in self.widths.values() if w <= self.SMALL)  # "Hög", "Pågår": kept
        wide = sum(w for w in self.widths.values() if w > self.SMALL)
        scale = min(1.0, max(self.floor, (available - self.min_stretch - small) / max(wide, 1)))
        header = self.view.horizontalHeader()
        for col, width in self.widths.items():
            fitted = width if width <= self.SMALL else int(width * scale)
            # never narrower than the column's own header text ("Nästa uppdatering" whole)
            self.view.setColumnWidth(col, max(fitted, header.sectionSizeFromContents(col).width()))


class Panel(QFrame):
    """A titled panel: a bold header row (title, count, tools) above the content."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title)
        self.title.setObjectName("panelTitle")  # 13 pt bold: resources/styles/workstation.qss
        self.count = QLabel()
        self.count.setObjectName("panelCount")
        self.header = QHBoxLayout()
        self.header.addWidget(self.title)
        self.header.addWidget(self.count)
        self.header.addStretch(1)
        self.tools = QHBoxLayout()  # filters: a row of their own so the panel stays narrow
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(8, 6, 8, 8)
        self.body.setSpacing(6)
        self.body.addLayout(self.header)
        self.body.addLayout(self.tools)
