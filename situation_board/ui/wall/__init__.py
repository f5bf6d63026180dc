"""The wall display: ``situation-board wall [--screen N] [--windowed]``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from situation_board.commands import Context


def run_wall(ctx: Context) -> int:
    """Open the wall view fullscreen on the chosen screen (read-only, no identity needed)."""
    from situation_board.domain.entities import Actor  # noqa: PLC0415
    from situation_board.services import BoardService  # noqa: PLC0415
    from situation_board.ui.app import install_error_reporting, make_app  # noqa: PLC0415
    from situation_board.ui.bus import ChangeBus  # noqa: PLC0415
    from situation_board.ui.controller import BoardController  # noqa: PLC0415
    from situation_board.ui.wall.inhibit import ScreenAwake  # noqa: PLC0415
    from situation_board.ui.wall.view import WallView  # noqa: PLC0415

    app = make_app(ctx.language)
    install_error_reporting(app, ctx.language)
    store = ctx.store()
    screens = app.screens()
    index = ctx.args.screen if ctx.args.screen is not None else 0
    if not 0 <= index < len(screens):
        from situation_board.domain.errors import ValidationError  # noqa: PLC0415

        raise ValidationError("bad_screen", value=str(index), count=str(len(screens)))
    screen = screens[index]
    bus = ChangeBus()
    controller = BoardController(BoardService(store, Actor("Väggskärm")), bus, ctx.language)
    controller.watch_external_changes()
    view = WallView(
        controller,
        language=ctx.language,
        page_seconds=ctx.settings.wall_page_s,
        screen_height=screen.geometry().height(),
    )
    view.setScreen(screen)
    from situation_board.ui.app import start_sync  # noqa: PLC0415

    bridge = start_sync(ctx, store, bus, None, ask_password=False)  # no dialog on the wall
    if bridge is not None:
        bridge.statusChanged.connect(view.on_sync_status)
        view.on_sync_status(bridge.status)
    awake = ScreenAwake()
    if ctx.args.windowed:
        view.resize(1280, 720)
        view.show()
    else:
        view.setGeometry(screen.geometry())
        view.showFullScreen()
        awake.start()
    from situation_board.ui.app import install_exit_hooks  # noqa: PLC0415

    install_exit_hooks(view, controller)
    controller.start()
    status = app.exec()
    awake.stop()
    if bridge is not None:
        bridge.stop()
    controller.ops.wait()
    return int(status)
