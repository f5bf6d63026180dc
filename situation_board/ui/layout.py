"""How the workstation's panels share the screen, from a 1366×768 laptop (or 125 % scaling) to
a 2560×1440 monitor.

* **Wide** (at least ``WIDE`` logical pixels): the affected systems across the top; below them the
  actions (with the reminders in a second tab) beside the journal.
* **Compact** (smaller, e.g. 1366×768, or 1920×1080 at 125 %): the systems on top; below them one
  tab row — actions, journal, reminders — so each gets the whole width, and the journal shows at
  least ten rows. The level banner's reason keeps to one line (all of it in the tooltip).

The systems panel and the journal's detail pane sit in splitters the user can drag (the detail
pane also closes from the View menu); the systems get the height of their rows once, and again
when the arrangement changes. Counts go into the tab labels, the overdue count in red.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget, QWidget

from situation_board import palette
from situation_board.i18n import _
from situation_board.ui.panels.actions_panel import ActionsPanel
from situation_board.ui.panels.common import Panel
from situation_board.ui.panels.journal_panel import JournalPanel
from situation_board.ui.panels.level_banner import LevelBanner
from situation_board.ui.panels.reminders_panel import RemindersPanel
from situation_board.ui.panels.systems_panel import SystemsPanel

WIDE = QSize(1500, 950)
"""The smallest window (logical pixels) that gets the wide arrangement."""
HYSTERESIS = 24  # pixels: a window dragged across the line does not flap between the two
SYSTEMS_SHARE = 0.3  # of the lower area at most, for the systems panel's own height


class Mode(Enum):
    WIDE = "wide"
    COMPACT = "compact"


class BoardLayout(QObject):
    """Owns the splitters and the tab row of the main window's panels."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        banner: LevelBanner,
        systems: SystemsPanel,
        actions: ActionsPanel,
        journal: JournalPanel,
        reminders: RemindersPanel,
    ) -> None:
        super().__init__(window)
        self.setObjectName("boardLayout")
        self.window = window
        self.banner, self.systems, self.actions = banner, systems, actions
        self.journal, self.reminders = journal, reminders
        self.tabs = QTabWidget()
        self.tabs.setObjectName("panelTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(actions, "")
        self.tabs.addTab(reminders, "")
        self.top = QSplitter(Qt.Orientation.Horizontal)  # tabs | journal (wide)
        self.top.setObjectName("lowerSplitter")
        self.top.addWidget(self.tabs)
        self.top.addWidget(journal)
        self.top.setStretchFactor(0, 40)
        self.top.setStretchFactor(1, 60)
        self.top.setSizes([760, 1140])
        self.main = QSplitter(Qt.Orientation.Vertical)  # systems / the rest
        self.main.setObjectName("mainSplitter")
        self.main.addWidget(systems)
        self.main.addWidget(self.top)
        self.main.setStretchFactor(0, 0)
        self.main.setStretchFactor(1, 1)
        self.main.setSizes([240, 620])
        self.main.setCollapsible(1, False)
        self.mode = Mode.WIDE
        self._fitted = False
        for panel in (actions, reminders):  # the tab says it, in red when something waits
            panel.title.hide()
            panel.count.hide()
        journal.countChanged.connect(self.refresh_labels)  # after the panel's own count
        window.installEventFilter(self)
        self.refresh_labels()

    # ------------------------------------------------------------------ arrangement

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.arrange()
        return False

    def wanted(self, size: QSize) -> Mode:
        """The arrangement for a window of ``size`` (with hysteresis around ``WIDE``)."""
        margin = HYSTERESIS if self.mode is Mode.WIDE else -HYSTERESIS
        wide = size.width() >= WIDE.width() - margin and size.height() >= WIDE.height() - margin
        return Mode.WIDE if wide else Mode.COMPACT

    def arrange(self, mode: Mode | None = None) -> None:
        """Switch to ``mode`` (default: what the window's size asks for)."""
        mode = mode or self.wanted(self.window.size())
        if mode is self.mode:
            return
        current = self.tabs.currentWidget()
        self.mode = mode
        if mode is Mode.COMPACT:
            self.tabs.insertTab(1, self.journal, "")
            self.tabs.setCurrentWidget(
                self.journal if current is not self.reminders else self.reminders
            )
        else:
            self.tabs.removeTab(self.tabs.indexOf(self.journal))
            self.top.addWidget(self.journal)
            self.journal.show()
            self.top.setSizes([int(self.top.width() * 0.4), int(self.top.width() * 0.6)])
            if current is self.journal:
                self.tabs.setCurrentWidget(self.actions)
        self._compact_banner(mode is Mode.COMPACT)
        self.journal.set_compact(mode is Mode.COMPACT)
        self.systems.set_compact(mode is Mode.COMPACT)
        self.refresh_labels()
        self.fit_systems()

    def _compact_banner(self, compact: bool) -> None:
        """The compact banner: a smaller level word and icon, the event name on one line, the
        decision's details and reason in the tooltip (the level dialog has the history)."""
        b = self.banner
        b.setProperty("compact", compact)  # font sizes: resources/styles/workstation.qss
        for label in (b.level, b.event_label):
            label.style().unpolish(label)
            label.style().polish(label)
        b.detail.setVisible(not compact)
        b.reason.setVisible(not compact)
        size = 36 if compact else 56
        b.icon.setScaledContents(True)
        b.icon.setFixedSize(QSize(size, size))
        line = b.event_label.fontMetrics().lineSpacing()
        b.event_label.setMaximumHeight(line + 4 if compact else 16_777_215)
        self._banner_tooltip()

    def _banner_tooltip(self) -> None:
        b = self.banner
        compact = self.mode is Mode.COMPACT
        parts = [b.event_label.text(), b.detail.text(), b.reason.text()]
        b.setToolTip("\n".join(p for p in parts if p) if compact else "")

    def board_shown(self) -> None:
        """After a board loaded: the systems panel fits its rows the first time."""
        if not self._fitted:
            self.fit_systems()
        self._banner_tooltip()

    def fit_systems(self) -> None:
        """Give the systems panel the height of its rows (at most ``SYSTEMS_SHARE`` of the
        space in the compact arrangement); the rest goes below."""
        total = sum(self.main.sizes())
        if total <= 0 or self.systems.model.rowCount() == 0:
            return
        self._fitted = True
        wanted = self.systems.preferred_height()
        if self.mode is Mode.COMPACT:
            wanted = min(wanted, int(total * SYSTEMS_SHARE))
        self.main.setSizes([wanted, max(total - wanted, 200)])

    def restored(self) -> None:
        """The splitters were restored from the saved window state: keep the user's sizes."""
        self._fitted = True

    # ------------------------------------------------------------------ tabs

    def show_panel(self, panel: Panel) -> None:
        """Bring ``panel`` to the front (its tab) and focus its table."""
        if self.tabs.indexOf(panel) >= 0:
            self.tabs.setCurrentWidget(panel)
        view = getattr(panel, "view", None)
        if isinstance(view, QWidget):
            view.setFocus()

    def refresh_labels(self) -> None:
        """Tab labels with the panels' counts; red when something is overdue or waiting."""
        names = {
            self.actions: _("Actions"),
            self.journal: _("Staff journal"),
            self.reminders: _("Reminders"),
        }
        for index in range(self.tabs.count()):
            panel = self.tabs.widget(index)
            assert isinstance(panel, Panel)
            count = panel.count.text()
            self.tabs.setTabText(index, f"{names[panel]} ({count})" if count else names[panel])
            alert = bool(panel.count.property("alert"))
            self.tabs.tabBar().setTabTextColor(
                index, QColor(palette.OVERDUE[0] if alert else "#111111")
            )
