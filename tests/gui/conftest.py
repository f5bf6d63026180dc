"""Fixtures for GUI tests: a demo board copy, a controller, the main window (Swedish)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from situation_board.domain.clock import fixed_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import StaffFunction
from situation_board.services import BoardService
from situation_board.store.database import LocalStore
from tests.conftest import DEMO_AS_OF

NOW = datetime.fromisoformat(DEMO_AS_OF)


@pytest.fixture(scope="session", autouse=True)
def swedish(qapp: QApplication) -> None:
    """Install the Swedish translation once (built from resources/i18n/*.ts by make)."""
    from situation_board.ui import i18n
    from situation_board.ui.app import make_app

    make_app("sv")
    assert i18n.qm_path("sv")


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITUATION_BOARD_NOW", DEMO_AS_OF)


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


@pytest.fixture
def service(demo_db: Path, tmp_path: Path) -> Iterator[BoardService]:
    db = tmp_path / "board.db"
    shutil.copy(demo_db, db)
    store = LocalStore.open(db, clock=fixed_clock(NOW))
    yield BoardService(
        store, Actor("Loggist Test", StaffFunction.LOG_KEEPER), clock=fixed_clock(NOW)
    )
    store.close()


@pytest.fixture
def thread_spy(service: BoardService) -> ThreadSpy:
    spy = ThreadSpy()
    spy.wrap(service.store)
    return spy


@pytest.fixture
def controller(qtbot, service: BoardService):
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController

    bus = ChangeBus()
    ctl = BoardController(service, bus, "sv")
    yield ctl
    ctl.ops.wait()


@pytest.fixture
def window(qtbot, controller, thread_spy):
    from situation_board.ui.main_window import MainWindow

    win = MainWindow(controller, "sv")
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    thread_spy.armed = True
    controller.start()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: win.journal_panel.model.rowCount() > 0, timeout=10_000)
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
