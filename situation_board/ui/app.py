"""Starting the window programs: the QApplication, translations, style, identity, main window.

``run_workstation`` is what ``situation-board`` (and ``demo``) call. Developer/test hooks, all
off by default: ``SITUATION_BOARD_SCREENSHOT=PATH`` saves a screenshot once the board and journal
have loaded and then quits; ``SITUATION_BOARD_EXIT_AFTER_LOAD=1`` quits at the same point.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QStyleFactory, QWidget

from situation_board import APP_NAME, __version__, config, logs
from situation_board.domain.entities import Actor
from situation_board.domain.enums import StaffFunction
from situation_board.resources import resource
from situation_board.ui import i18n
from situation_board.ui.gc import GarbageCollector

if TYPE_CHECKING:
    from situation_board.commands import Context
    from situation_board.store.database import LocalStore
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.sync_bridge import SyncBridge

_config_path: Path | None = None


def make_app(language: str) -> QApplication:
    """The application object with our style, fonts and translations."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setStyle(QStyleFactory.create("Fusion"))
    font = QFont(app.font())
    font.setPointSize(11)
    app.setFont(font)
    qss = resource("styles", "workstation.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    app.setProperty("sb_translators", i18n.install(app, language))
    if app.findChild(GarbageCollector) is None:
        GarbageCollector(app)
    return app


class ErrorReporter(QObject):
    """Shows an unhandled exception's Swedish message on the GUI thread, whatever thread
    raised it (the signal is queued to the reporter's thread)."""

    message = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.message.connect(self._show)
        self.shown: list[str] = []

    def _show(self, text: str) -> None:
        self.shown.append(text)
        if os.environ.get("SITUATION_BOARD_NO_ERROR_DIALOG"):
            return
        QMessageBox.critical(
            None, QApplication.translate("ErrorReporter", "Unexpected error"), text
        )


def install_error_reporting(app: QApplication, language: str) -> ErrorReporter:
    reporter = ErrorReporter(app)
    logs.install_excepthook(reporter.message.emit, language)
    return reporter


def save_setting(**values: object) -> None:
    """Persist settings chosen in the window (identity, language) to the config file."""
    current = (
        config.load(_config_path)
        if (_config_path and _config_path.exists())
        else (config.Settings())
    )
    config.save(replace(current, **values), _config_path)  # type: ignore[arg-type]


def ask_identity(
    language: str, actor: Actor | None, station: str, parent: QWidget | None = None
) -> tuple[Actor, str] | None:
    from situation_board.ui.dialogs.identity import IdentityDialog  # noqa: PLC0415

    dialog = IdentityDialog(
        language,
        actor.name if actor else "",
        actor.function if actor else StaffFunction.OTHER,
        station,
        parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name, function, code = dialog.values_
    save_setting(user=name, function=function.value, station=code)
    return Actor(name, function), code


def run_workstation(ctx: Context) -> int:
    """Open the workstation window on the context's local store."""
    global _config_path  # noqa: PLW0603 - one window program per process
    _config_path = Path(ctx.args.config) if ctx.args.config else config.config_path()
    language = ctx.language
    app = make_app(language)
    install_error_reporting(app, language)
    store = ctx.store()  # opened (and migrated) before the window exists
    actor: Actor | None = None
    if ctx.args.user or ctx.settings.user:
        actor = ctx.actor()
    else:
        with store.read() as conn:
            from situation_board.store import queries  # noqa: PLC0415

            station = queries.station(conn).code
        answer = ask_identity(language, None, station)
        if answer is None:
            return 0
        actor, code = answer
        store.set_station_code(code)

    from situation_board.services import BoardService  # noqa: PLC0415
    from situation_board.ui.bus import ChangeBus  # noqa: PLC0415
    from situation_board.ui.controller import BoardController  # noqa: PLC0415
    from situation_board.ui.main_window import MainWindow  # noqa: PLC0415

    bus = ChangeBus()
    controller = BoardController(BoardService(store, actor), bus, language)
    window = MainWindow(controller, language)
    controller.watch_external_changes()  # another process on this file (CLI, a wall)
    bridge = start_sync(ctx, store, bus, window)
    if bridge is not None:
        window.attach_sync(bridge)
    state = QSettings(APP_NAME, "workstation")
    window.restore_state(state)
    install_exit_hooks(window, controller)
    if not state.contains("geometry"):
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.availableGeometry())
        window.showMaximized()
    else:
        window.show()
    controller.start()
    status = app.exec()
    window.save_state(state)
    if bridge is not None:
        bridge.stop()
    controller.ops.wait()
    return int(status)


def start_sync(
    ctx: Context,
    store: LocalStore,
    bus: ChangeBus,
    dialog_parent: QWidget | None,
    *,
    ask_password: bool = True,
) -> SyncBridge | None:
    """Start background sync when the configuration names a shared store — never for the demo
    board, whose made-up event must not reach a real store."""
    if not ctx.settings.store_url or ctx.demo:
        return None
    from situation_board.ui.sync_bridge import SyncBridge  # noqa: PLC0415

    bridge = SyncBridge(
        store,
        ctx.settings.store_url,
        interval_s=ctx.settings.sync_interval_s,
        language=ctx.language,
        bus=bus,
        parent=QApplication.instance(),
        dialog_parent=dialog_parent,
        ask_password=ask_password,
    )
    bridge.start()
    return bridge


def install_exit_hooks(window: QWidget, controller: object) -> None:
    """The screenshot / exit-after-load hooks (see the module docstring)."""
    shot = os.environ.get("SITUATION_BOARD_SCREENSHOT")
    exit_after = os.environ.get("SITUATION_BOARD_EXIT_AFTER_LOAD")
    if not (shot or exit_after):
        return
    from situation_board.ui.controller import BoardController  # noqa: PLC0415

    assert isinstance(controller, BoardController)
    loaded = {"board": False, "journal": False}

    def check() -> None:
        if all(loaded.values()):

            def finish() -> None:
                if shot:
                    window.grab().save(shot)
                QApplication.quit()

            QTimer.singleShot(800, finish)

    def mark(what: str) -> None:
        loaded[what] = True
        check()

    controller.boardLoaded.connect(lambda _b: mark("board"))
    controller.journalReset.connect(lambda _e: mark("journal"))
