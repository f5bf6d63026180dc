"""The workstation window: a thin composition of the panels, the menus and the shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from situation_board import __version__
from situation_board.domain.changes import Topic
from situation_board.domain.entities import Board
from situation_board.i18n import _
from situation_board.ui import theme
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.conflicts import ConflictsDialog
from situation_board.ui.dialogs.identity import ask_identity
from situation_board.ui.documents import DocumentFlows
from situation_board.ui.flows import Flows
from situation_board.ui.models.journal import JournalBatch
from situation_board.ui.panels.actions_panel import ActionsPanel
from situation_board.ui.panels.exercise import ExerciseOverlay
from situation_board.ui.panels.journal_panel import JournalPanel
from situation_board.ui.panels.level_banner import LevelBanner
from situation_board.ui.panels.notice import OtherEventsBar
from situation_board.ui.panels.quick_entry import QuickEntry
from situation_board.ui.panels.status_bar import StatusBar
from situation_board.ui.panels.systems_panel import SystemsPanel
from situation_board.ui.rhythm import RhythmFlows
from situation_board.ui.sync_bridge import SyncBridge
from situation_board.ui.wall.view import WallView


class MainWindow(QMainWindow):
    """Level banner on top; systems and actions side by side; the journal below; quick entry."""

    def __init__(self, controller: BoardController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ctx = controller.ctx
        language = self.language = controller.language
        self.setObjectName("mainWindow")
        self.setWindowTitle(_("Situation board"))
        self.setWindowIcon(theme.icon("app"))
        self.banner = LevelBanner(language)
        self.other_events = OtherEventsBar(language)
        self.systems_panel = SystemsPanel(language)
        self.actions_panel = ActionsPanel(language)
        self.journal_panel = JournalPanel(language, controller.clock)
        self.quick_entry = QuickEntry(language)
        self.status = StatusBar(language, controller.clock)
        self.setStatusBar(self.status)
        self.flows = Flows(self, controller, self.quick_entry)
        self.rhythm = RhythmFlows(self, controller)  # the Stab menu: deadlines and briefings
        self.documents = DocumentFlows(
            self,
            controller,
            lambda: (self.journal_panel.proxy.since, self.journal_panel.proxy.until),
        )

        # Systems need the full width (seven columns); actions and the journal share the rest.
        self.top = QSplitter(Qt.Orientation.Horizontal)
        self.top.setObjectName("lowerSplitter")
        self.top.addWidget(self.actions_panel)
        self.top.addWidget(self.journal_panel)
        self.top.setStretchFactor(0, 40)
        self.top.setStretchFactor(1, 60)
        self.top.setSizes([760, 1140])
        self.main = QSplitter(Qt.Orientation.Vertical)
        self.main.setObjectName("mainSplitter")
        self.main.addWidget(self.systems_panel)
        self.main.addWidget(self.top)
        self.main.setStretchFactor(0, 0)
        self.main.setStretchFactor(1, 1)
        self.main.setSizes([240, 620])
        central = QWidget()
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addWidget(self.other_events)
        inner = QVBoxLayout()
        inner.setContentsMargins(8, 0, 8, 0)
        inner.addWidget(self.main, 1)
        layout.addLayout(inner, 1)
        layout.addWidget(self.quick_entry)
        self.setCentralWidget(central)
        self.exercise_overlay = ExerciseOverlay(
            central, [self.systems_panel, self.actions_panel, self.journal_panel]
        )
        self.setTabOrder(self.quick_entry.line, self.journal_panel.search)

        self._sized = False
        self.sync_bridge: SyncBridge | None = None
        self._build_menus()
        self._connect()

    # ------------------------------------------------------------------ wiring

    def _connect(self) -> None:
        c, f = self.controller, self.flows
        c.boardLoaded.connect(self.show_board)
        c.journalReset.connect(self.journal_panel.reset)
        c.journalAppended.connect(self.journal_panel.append)
        c.failed.connect(lambda msg: self.status.showMessage(msg, 10_000))
        c.tick.connect(self._tick)
        self.banner.changeRequested.connect(f.change_level)
        self.other_events.closeRequested.connect(f.close_event)
        self.systems_panel.addRequested.connect(f.add_system)
        self.systems_panel.editRequested.connect(f.edit_system)
        self.actions_panel.addRequested.connect(f.add_action)
        self.actions_panel.editRequested.connect(f.edit_action)
        self.actions_panel.doneRequested.connect(f.complete_action)
        self.journal_panel.correctRequested.connect(lambda e: f.full_entry("", e))
        self.quick_entry.submitted.connect(f.quick_entry)
        self.quick_entry.fullRequested.connect(f.full_entry)
        f.personalDataMarked.connect(self.rhythm.offer_imy_clock)

    def _action(
        self,
        text: str,
        shortcut: str | QKeySequence | QKeySequence.StandardKey | None,
        slot: object,
        name: str,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        f = self.flows
        bar = self.menuBar()
        file = bar.addMenu(_("&File"))
        file.addAction(self._action(_("&New event…"), None, f.new_event, "actNewEvent"))
        self.act_close_event = self._action(
            _("&Close event…"),
            None,
            lambda: f.close_event(),  # noqa: PLW0108 - triggered(checked) must not reach it
            "actCloseEvent",
        )
        file.addAction(self.act_close_event)
        file.addSeparator()
        file.addAction(
            self._action(_("Open &wall display"), "Ctrl+Shift+W", self.open_wall, "actWall")
        )
        self.act_identity = self._action(_("&Who am I…"), None, self.change_identity, "actIdentity")
        file.addAction(self.act_identity)
        lang = file.addMenu(_("&Language"))
        lang.addAction(self._action("Svenska", None, lambda: self.set_language("sv"), "actSv"))
        lang.addAction(self._action("English", None, lambda: self.set_language("en"), "actEn"))
        file.addSeparator()
        file.addAction(
            self._action(_("&Quit"), QKeySequence.StandardKey.Quit, self.close, "actQuit")
        )

        board = bar.addMenu(_("&Board"))
        board.addAction(
            self._action(_("Change &readiness level…"), "Ctrl+B", f.change_level, "actLevel")
        )
        board.addAction(
            self._action(_("New affected &system…"), "Ctrl+Shift+S", f.add_system, "actAddSystem")
        )
        board.addAction(
            self._action(_("New &action…"), "Ctrl+Shift+A", f.add_action, "actAddAction")
        )
        board.addSeparator()
        board.addAction(
            self._action(_("&Quick entry"), "Ctrl+L", self.quick_entry.focus, "actQuickEntry")
        )
        board.addAction(
            self._action(
                _("New journal &entry…"),
                "Ctrl+Return",
                lambda: f.full_entry(self.quick_entry.line.text()),
                "actFullEntry",
            )
        )
        board.addAction(
            self._action(
                _("&Search the journal"),
                QKeySequence.StandardKey.Find,
                self.journal_panel.focus_search,
                "actSearch",
            )
        )
        board.addSeparator()
        self.act_sync_now = self._action(_("Sync &now"), "F9", self.sync_now, "actSyncNow")
        board.addAction(self.act_sync_now)
        board.addAction(
            self._action(_("Sync &conflicts…"), "Ctrl+Shift+K", self.show_conflicts, "actConflicts")
        )
        board.addAction(
            self._action(
                _("Re&load"),
                QKeySequence.StandardKey.Refresh,
                self.controller.start,
                "actReload",
            )
        )

        self.rhythm.build_menu(bar, self._action)

        d = self.documents
        docs = bar.addMenu(_("&Documents"))
        docs.addAction(self._action(_("Shift &handover…"), "Ctrl+H", d.handover, "actHandover"))
        docs.addAction(
            self._action(
                _("Situation &report (MSB)…"),
                "Ctrl+R",
                d.situation_report,
                "actSituationReport",
            )
        )
        docs.addSeparator()
        docs.addAction(
            self._action(
                _("&Print the board (one A4 page)…"),
                QKeySequence.StandardKey.Print,
                d.print_board,
                "actPrintBoard",
            )
        )
        docs.addAction(self._action(_("Save the board as PDF…"), None, d.board_pdf, "actBoardPdf"))
        docs.addAction(
            self._action(
                _("Print the &journal…"), "Ctrl+Shift+P", d.print_journal, "actPrintJournal"
            )
        )
        docs.addAction(
            self._action(_("Save the journal as PDF…"), None, d.journal_pdf, "actJournalPdf")
        )
        docs.addAction(
            self._action(
                _("Export the journal for Excel (CSV)…"), None, d.journal_csv, "actJournalCsv"
            )
        )
        docs.addSeparator()
        docs.addAction(self._action(_("Closure &archive package…"), None, d.archive, "actArchive"))

        view = bar.addMenu(_("&View"))
        for key, panel, name in (
            ("Ctrl+1", self.systems_panel.view, "actFocusSystems"),
            ("Ctrl+2", self.actions_panel.view, "actFocusActions"),
            ("Ctrl+3", self.journal_panel.view, "actFocusJournal"),
        ):
            view.addAction(
                self._action(
                    panel.accessibleName(), key, lambda _=False, p=panel: p.setFocus(), name
                )
            )
        help_ = bar.addMenu(_("&Help"))
        help_.addAction(
            self._action(
                _("&Keyboard shortcuts"),
                QKeySequence.StandardKey.HelpContents,
                self.show_shortcuts,
                "actShortcuts",
            )
        )
        help_.addAction(self._action(_("&About"), None, self.show_about, "actAbout"))

    # ------------------------------------------------------------------ updates

    def show_board(self, board: Board) -> None:
        self.banner.show_board(board)
        self.other_events.show_board(board)
        self.systems_panel.show_board(board)
        if not self._sized:  # fit the systems panel to its rows once; the user may resize
            self._sized = True
            total = sum(self.main.sizes())
            wanted = self.systems_panel.preferred_height()
            self.main.setSizes([wanted, max(total - wanted, 200)])
        self.actions_panel.show_board(board)
        self.journal_panel.set_now(board.as_of)
        self.act_close_event.setEnabled(board.event is not None)
        self.status.set_identity(board.station.code, self.controller.actor)
        title = _("Situation board")
        if board.event is not None:
            title = f"{board.current_level.label(self.language)} — {board.event.name} — {title}"
            if board.event.exercise:
                title = f"{_('EXERCISE')} — {title}"
        self.setWindowTitle(title)
        self.exercise_overlay.set_exercise(board.event is not None and board.event.exercise)

    def _tick(self) -> None:
        board = self.controller.board
        if board is not None:
            # overdue and due-soon move with time
            self.controller.on_changes(frozenset({Topic.ACTIONS}))
            self.banner.refresh_side(self.controller.now())

    # ------------------------------------------------------------------ identity and language

    def change_identity(self) -> None:
        board = self.controller.board
        station = board.station.code if board else "V1"
        result = ask_identity(self.ctx, self.controller.actor, station, self)
        if result is None:
            return
        actor, code = result
        self.controller.set_actor(actor)
        self.controller.execute(lambda s: s.set_station_code(code))
        self.status.set_identity(code, actor)

    def attach_sync(self, bridge: SyncBridge) -> None:
        """Show the sync engine's state in the status bar; a pull reloads what changed."""
        self.sync_bridge = bridge
        bridge.statusChanged.connect(self.status.show_sync)
        self.status.show_sync(bridge.status)

    def sync_now(self) -> None:
        if self.sync_bridge is not None:
            self.sync_bridge.sync_now()
        else:
            self.status.showMessage(_("No shared store is configured (store_url)."), 8000)

    def show_conflicts(self) -> None:

        dialog = ConflictsDialog(self.controller, self)
        dialog.exec()
        dialog.deleteLater()

    def open_wall(self) -> None:
        """The wall view beside the workstation: fullscreen on a second screen if there is one."""

        screens = self.screen().virtualSiblings() if self.screen() else []
        other = [s for s in screens if s is not self.screen()]
        target = other[0] if other else self.screen()
        height = target.geometry().height() if target else 1080
        wall = WallView(self.controller, language=self.language, screen_height=height)
        wall.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._walls = [*getattr(self, "_walls", []), wall]
        if self.controller.board is not None:
            wall._board_loaded(self.controller.board)
        wall._journal_reset(JournalBatch(self.journal_panel.model.entries))
        if self.sync_bridge is not None:
            self.sync_bridge.statusChanged.connect(wall.on_sync_status)
            wall.on_sync_status(self.sync_bridge.status)
        if other:
            wall.setScreen(target)
            wall.setGeometry(target.geometry())
            wall.showFullScreen()
        else:
            wall.resize(1280, 720)
            wall.show()

    def set_language(self, language: str) -> None:
        self.ctx.save_settings(language=language)
        QMessageBox.information(
            self,
            _("Language"),
            _("The language changes the next time the program starts."),
        )

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """The keys that are not menu commands, then every menu command that has a shortcut
        (read from the actions themselves, so the list cannot fall behind the menus)."""
        rows = [
            ("Ctrl+L", _("Quick entry: type, then Enter saves")),
            ("Ctrl+Enter", _("Journal entry with all fields")),
            ("K", _("Mark the selected action done (in the actions table)")),
            ("Enter", _("Edit the selected system or action")),
            ("Ctrl+F", _("Search the journal")),
            ("Ctrl+1 / 2 / 3", _("Go to systems / actions / journal")),
        ]
        seen = {key for key, _text in rows}
        for menu in self.menuBar().findChildren(QMenu):
            for action in menu.actions():
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                if key and key not in seen:
                    seen.add(key)
                    rows.append((key, action.text().replace("&", "").rstrip("…").strip()))
        return rows

    def show_shortcuts(self) -> None:
        html = (
            "<table>"
            + "".join(
                f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>"
                for k, v in self.shortcut_rows()
            )
            + "</table>"
        )
        QMessageBox.information(self, _("Keyboard shortcuts"), html)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About"),
            _("Situation board {0} — for the regional special healthcare command.").format(
                __version__
            ),
        )

    # ------------------------------------------------------------------ state

    def restore_state(self, settings: QSettings) -> None:
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for splitter in (self.top, self.main):
            state = settings.value(splitter.objectName())
            if state is not None:
                splitter.restoreState(state)
                self._sized = True

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("geometry", self.saveGeometry())
        for splitter in (self.top, self.main):
            settings.setValue(splitter.objectName(), splitter.saveState())

    def showEvent(self, event: QShowEvent) -> None:
        """Start with the quick entry focused: a call can be logged at once."""
        super().showEvent(event)
        QTimer.singleShot(0, self.quick_entry.focus)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.ops.wait(10_000)  # let a save in flight finish: nothing is lost
        super().closeEvent(event)
