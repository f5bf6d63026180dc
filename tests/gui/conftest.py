"""Fixtures for GUI tests: a demo board copy in an app context with a fixed clock, its
controller and the main window (Swedish unless a test asks for English)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from situation_board import i18n
from situation_board.app import config
from situation_board.app.context import AppContext, Options
from situation_board.domain.clock import Clock, fixed_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import StaffFunction
from situation_board.services import BoardService
from situation_board.store.database import LocalStore
from tests.conftest import DEMO_AS_OF

NOW = datetime.fromisoformat(DEMO_AS_OF)
TEST_ACTOR = Actor("Loggist Test", StaffFunction.LOG_KEEPER)


@pytest.fixture(scope="session", autouse=True)
def swedish(qapp: QApplication) -> None:
    """The application object in Swedish: our catalogue and Qt's own qtbase_sv."""
    from situation_board.ui.app import make_app

    make_app("sv")
    assert i18n.mo_path("sv") is not None
    assert i18n.current_language() == "sv"


def use_language(language: str) -> None:
    """Switch the whole UI language (catalogue and Qt's own strings), as a start in it would."""
    from situation_board.ui.app import make_app

    make_app(language)


@pytest.fixture
def english() -> Iterator[None]:
    """The UI in English for one test; Swedish again afterwards."""
    use_language("en")
    try:
        yield
    finally:
        use_language("sv")


class ThreadSpy:
    """Records which threads open store transactions (the GUI thread must not)."""

    def __init__(self) -> None:
        self.gui_thread_calls: list[str] = []
        self.armed = False

    def wrap(self, store: LocalStore) -> None:
        for name in ("read", "write", "write_connection"):
            original = getattr(store, name)

            def spy(*args: object, _original=original, _name=name, **kw: object):
                if self.armed and threading.current_thread() is threading.main_thread():
                    self.gui_thread_calls.append(_name)
                return _original(*args, **kw)

            setattr(store, name, spy)


def make_context(
    db: Path,
    *,
    language: str = "sv",
    clock: Clock = fixed_clock(NOW),  # noqa: B008 - a frozen clock, shared safely
    actor: Actor = TEST_ACTOR,
    config_path: Path | None = None,
    station: str | None = None,
) -> AppContext:
    """An app context on ``db`` as the window programs build one (without reading a file)."""
    ctx = AppContext(
        config.Settings(language=language),
        options=Options(db=db, config=config_path or db.with_name("config.toml"), station=station),
        clock=clock,
    )
    ctx.set_actor(actor)
    return ctx


@pytest.fixture
def ctx(demo_db: Path, tmp_path: Path) -> Iterator[AppContext]:
    """The demo board (copied), as of 16:00 on 29 January 2024, for "Loggist Test"."""
    db = tmp_path / "board.db"
    shutil.copy(demo_db, db)
    context = make_context(db, language=i18n.current_language())
    yield context
    context.close()


@pytest.fixture
def service(ctx: AppContext) -> BoardService:
    return ctx.services()


@pytest.fixture
def thread_spy(service: BoardService) -> ThreadSpy:
    spy = ThreadSpy()
    spy.wrap(service.store)
    return spy


@pytest.fixture
def controller(qtbot, ctx: AppContext):
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController

    ctl = BoardController(ctx, ChangeBus())
    yield ctl
    ctl.ops.wait()


def open_window(qtbot, controller, spy: ThreadSpy | None = None):
    """The main window on ``controller`` at 1920×1080, shown and loaded (``spy`` armed once it
    is shown)."""
    from situation_board.ui.main_window import MainWindow

    win = MainWindow(controller)
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    if spy is not None:
        spy.armed = True
    controller.start()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: win.journal_panel.model.rowCount() > 0, timeout=10_000)
    return win


@pytest.fixture
def window(qtbot, controller, thread_spy):
    win = open_window(qtbot, controller, thread_spy)
    yield win
    controller.ops.wait()


def wait_idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: controller.ops.pending == 0, timeout=10_000)


def type_text(widget: object, text: str) -> None:
    """Type ``text`` key by key, including å/ä/ö (QTest.keyClicks only maps ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(
                kind,
                Qt.Key.Key_unknown if not ch.isascii() else Qt.Key(ord(ch.upper())),
                Qt.KeyboardModifier.NoModifier,
                ch,
            )
            QApplication.sendEvent(widget, event)
