"""The window programs, started by the entry point through ``app.windows.Windows``:
``run_workstation`` (``situation-board``, ``demo``) and ``run_wall`` (``wall``)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from situation_board import APP_NAME
from situation_board.app.context import AppContext
from situation_board.domain.entities import Actor
from situation_board.domain.errors import ValidationError
from situation_board.store import queries
from situation_board.ui.app import install_error_reporting, install_exit_hooks, make_app
from situation_board.ui.bus import ChangeBus
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.identity import ask_identity
from situation_board.ui.main_window import MainWindow
from situation_board.ui.sync_bridge import SyncBridge
from situation_board.ui.wall.inhibit import ScreenAwake
from situation_board.ui.wall.reminders import attach_wall
from situation_board.ui.wall.view import WallView


def start_sync(
    ctx: AppContext,
    bus: ChangeBus,
    dialog_parent: QWidget | None,
    *,
    ask_password: bool = True,
) -> SyncBridge | None:
    """Start background sync when the context names a shared store (never for the demo)."""
    sync = ctx.sync_settings()
    if sync is None:
        return None
    bridge = SyncBridge(
        ctx.store(),
        sync.store_url,
        interval_s=sync.interval_s,
        language=ctx.language,
        bus=bus,
        parent=QApplication.instance(),
        dialog_parent=dialog_parent,
        ask_password=ask_password,
    )
    bridge.start()
    return bridge


def run_workstation(ctx: AppContext) -> int:
    """Open the workstation window on the context's local store; returns the exit status."""
    app = make_app(ctx.language)
    install_error_reporting(app, ctx.language)
    store = ctx.store()  # opened (and migrated) before the window exists
    if not ctx.has_identity:
        with store.read() as conn:
            station = queries.station(conn).code
        answer = ask_identity(ctx, None, station)
        if answer is None:
            return 0
        actor, code = answer
        ctx.set_actor(actor)
        store.set_station_code(code)
    bus = ChangeBus()
    controller = BoardController(ctx, bus)
    window = MainWindow(controller)
    controller.watch_external_changes()  # another process on this file (CLI, a wall)
    bridge = start_sync(ctx, bus, window)
    if bridge is not None:
        window.attach_sync(bridge)
    state = QSettings(APP_NAME, "workstation")
    window.restore_state(state)
    install_exit_hooks(window, controller)
    screen = window.screen() or app.primaryScreen()
    room = screen.availableGeometry() if screen is not None else None
    fits = room is not None and room.contains(window.frameGeometry())
    if not state.contains("geometry") or window.isMaximized() or not fits:
        # first start, a window left maximized, or one saved on a bigger screen: fill this
        # screen (set explicitly: without a window manager "maximized" alone does nothing)
        window.setWindowState(Qt.WindowState.WindowNoState)
        if room is not None:
            window.setGeometry(room)
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


def run_wall(ctx: AppContext, *, screen: int | None = None, windowed: bool = False) -> int:
    """Open the wall view fullscreen on screen ``screen`` (read-only, no identity needed);
    ``windowed`` opens it in a 1280×720 window. Raises ``ValidationError("bad_screen")``."""
    app = make_app(ctx.language)
    install_error_reporting(app, ctx.language)
    store = ctx.store()
    screens = app.screens()
    index = screen if screen is not None else 0
    if not 0 <= index < len(screens):
        raise ValidationError("bad_screen", value=str(index), count=str(len(screens)))
    target = screens[index]
    ctx.set_actor(Actor("Väggskärm"))
    del store
    bus = ChangeBus()
    controller = BoardController(ctx, bus)
    controller.watch_external_changes()
    view = WallView(
        controller,
        language=ctx.language,
        page_seconds=ctx.settings.wall_page_s,
        screen_height=target.geometry().height(),
    )
    view.setScreen(target)
    attach_wall(view, controller, sound=ctx.settings.wall_reminder_sound)  # read-only
    bridge = start_sync(ctx, bus, None, ask_password=False)  # no dialog on the wall
    if bridge is not None:
        bridge.statusChanged.connect(view.on_sync_status)
        view.on_sync_status(bridge.status)
    awake = ScreenAwake()
    if windowed:
        view.resize(1280, 720)
        view.show()
    else:
        view.setGeometry(target.geometry())
        view.showFullScreen()
        awake.start()
    install_exit_hooks(view, controller)
    controller.start()
    status = app.exec()
    awake.stop()
    if bridge is not None:
        bridge.stop()
    controller.ops.wait()
    return int(status)
