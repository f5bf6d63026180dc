"""Sync in the window: the status bar light, background sync against a real shared SQLite
store, conflict review, the password prompt, and the wall's stale band when the store goes."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from situation_board.app.context import AppContext
from situation_board.domain.clock import fixed_clock, system_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import StaffFunction
from situation_board.domain.patches import ActionPatch
from situation_board.services import BoardService
from situation_board.sync.status import SyncStatus
from tests.integration.sync.helpers import init_store

from .conftest import NOW, make_context, wait_idle
from .test_window import _answer_dialog


def station(tmp_path: Path, code: str) -> AppContext:
    """A station in real time (sync stamps real instants; the display compares with them)."""
    return make_context(
        tmp_path / f"{code}.db",
        clock=system_clock,
        actor=Actor(f"Stab {code}", StaffFunction.CHIEF_OF_STAFF),
        station=code,
    )


@pytest.fixture
def shared(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'shared' / 'store.db'}"
    init_store(url)
    return url


def make_bridge(ctx: AppContext, url: str, controller, interval: int = 1):
    from situation_board.ui.sync_bridge import SyncBridge

    return SyncBridge(ctx.store(), url, interval_s=interval, language="sv", bus=controller.bus)


def test_status_bar_light(qtbot) -> None:
    from situation_board.ui.panels.status_bar import StatusBar

    now = NOW
    bar = StatusBar("sv", fixed_clock(now))
    qtbot.addWidget(bar)
    assert bar.clock.text() == "2024-01-29 16:00:00 +01:00"  # the injected clock
    ok = SyncStatus(
        store="postgresql+psycopg://sb@db/board",
        interval_s=15,
        last_success_at=now - timedelta(seconds=10),
        pending=3,
        conflicts=1,
    )
    bar.show_sync(ok)
    assert bar.sync.text() == "Synk: för 10 s sedan · 3 väntar · konflikter: 1"
    assert bar.sync.property("state") == "ok"
    assert "postgresql+psycopg://sb@db/board" in bar.sync.toolTip()
    bar.show_sync(SyncStatus(store="x", interval_s=15, last_success_at=now - timedelta(seconds=40)))
    assert bar.sync.property("state") == "amber"
    bar.show_sync(SyncStatus(store="x", interval_s=15, last_success_at=now - timedelta(seconds=80)))
    assert bar.sync.property("state") == "red"
    failing = SyncStatus(
        store="x",
        interval_s=15,
        last_success_at=now,
        last_error="Den gemensamma databasen nås inte",
    )
    bar.show_sync(failing)
    assert bar.sync.property("state") == "red" and "nås inte" in bar.sync.toolTip()
    bar.show_sync(SyncStatus(store=None))
    assert bar.sync.text() == "Synk: ingen gemensam databas inställd"


def test_window_syncs_in_the_background(qtbot, tmp_path, shared) -> None:
    from situation_board.sync.backend import SharedStore
    from situation_board.sync.client import SyncClient
    from situation_board.sync.credentials import parse_store_url
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController
    from situation_board.ui.main_window import MainWindow

    ctx_a, ctx_b = station(tmp_path, "A1"), station(tmp_path, "B1")
    a, b = ctx_a.services(), ctx_b.services()
    a.start_event("Gemensam händelse")
    controller = BoardController(ctx_a, ChangeBus())
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    bridge = make_bridge(ctx_a, shared, controller)
    window.attach_sync(bridge)
    controller.start()
    bridge.start()
    try:
        qtbot.waitUntil(lambda: bridge.status.last_success_at is not None, timeout=10_000)
        b_shared = SharedStore(parse_store_url(shared))
        SyncClient(b.store, b_shared).run()  # B gets A's event...
        b.add_entry("Samtal från B1: leveranser på väg")
        SyncClient(b.store, b_shared).run()  # ...and sends its own entry
        b_shared.close()
        qtbot.waitUntil(
            lambda: any(
                e.text == "Samtal från B1: leveranser på väg"
                for e in window.journal_panel.model.entries
            ),
            timeout=10_000,
        )
        entry = next(e for e in window.journal_panel.model.entries if e.number.startswith("B1-"))
        assert entry.author == "Stab B1"
        qtbot.waitUntil(lambda: window.status.sync.property("state") == "ok", timeout=5000)
        assert "0 väntar" in window.status.sync.text()
    finally:
        bridge.stop()
        controller.ops.wait()
        ctx_a.close()
        ctx_b.close()


def test_conflicts_are_listed_and_reviewed(qtbot, tmp_path, shared) -> None:
    from situation_board.sync.backend import SharedStore
    from situation_board.sync.client import SyncClient
    from situation_board.sync.credentials import parse_store_url
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController
    from situation_board.ui.dialogs.conflicts import ConflictsDialog

    ctx_a, ctx_b = station(tmp_path, "A1"), station(tmp_path, "B1")
    a, b = ctx_a.services(), ctx_b.services()
    store = SharedStore(parse_store_url(shared))

    def sync(svc: BoardService) -> None:
        SyncClient(svc.store, store).run()

    a.start_event("Händelse")
    action = a.add_action("Ring leverantören", ActionPatch(owner="Stabschef")).value
    sync(a)
    sync(b)
    a.update_action(action.id, ActionPatch(owner="Sjukvårdsledare"))  # both, while apart
    b.update_action(action.id, ActionPatch(owner="Loggist"))
    sync(a)
    sync(b)
    sync(a)
    store.close()
    controller = BoardController(ctx_a, ChangeBus())
    controller.start()
    wait_idle(qtbot, controller)
    dialog = ConflictsDialog(controller)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, controller)
    assert dialog.model.rowCount() == 1
    what = dialog.model.data(dialog.model.index(0, 1))
    assert what == "Åtgärd ”Ring leverantören”: ansvarig"
    kept = dialog.model.data(dialog.model.index(0, 2))
    lost = dialog.model.data(dialog.model.index(0, 3))
    assert {kept.split(" (")[0], lost.split(" (")[0]} == {"Sjukvårdsledare", "Loggist"}
    # values read as on the board, in the UI language: labels, not stored codes
    assert dialog.model.value("systems", "status", "down") == "Ur funktion"
    assert dialog.model.value("actions", "priority", "high") == "Hög"
    assert dialog.model.value("systems", "reserve_routine_active", True) == "ja"
    assert dialog.model.value("systems", "workaround", None) == "–"
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))
    dialog.review.click()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=5000)
    dialog.show_all.setChecked(True)
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert dialog.model.data(dialog.model.index(0, 4)).startswith("Stab A1, ")
    controller.ops.wait()
    ctx_a.close()
    ctx_b.close()


def test_password_is_asked_on_the_gui_thread_and_kept_in_memory(qtbot, tmp_path, shared) -> None:
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController

    a = station(tmp_path, "A1")
    controller = BoardController(a, ChangeBus())
    bridge = make_bridge(a, shared, controller)
    seen = {}

    def answer(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        seen["echo"] = dialog.textEchoMode()
        seen["label"] = dialog.labelText()
        dialog.setTextValue("hemligt-lösen")
        dialog.accept()

    result = {}
    _answer_dialog(qtbot, answer)
    worker = threading.Thread(
        target=lambda: result.setdefault("pw", bridge._prompt("postgresql+psycopg://sb@db/board"))
    )
    worker.start()
    qtbot.waitUntil(lambda: "pw" in result, timeout=10_000)
    worker.join()
    assert result["pw"] == "hemligt-lösen"
    assert seen["echo"] == QLineEdit.EchoMode.Password
    assert "postgresql+psycopg://sb@db/board" in seen["label"]
    assert "hemligt" not in repr(bridge.engine.password)
    a.close()


def test_wall_shows_the_stale_band_when_the_store_goes(qtbot, tmp_path, shared) -> None:
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController
    from situation_board.ui.wall.view import WallView

    a = station(tmp_path, "A1")
    a.services().start_event("Händelse")
    controller = BoardController(a, ChangeBus())
    wall = WallView(controller, screen_height=1080)
    qtbot.addWidget(wall)
    wall.resize(1920, 1080)
    wall.show()
    bridge = make_bridge(a, shared, controller, interval=1)
    bridge.statusChanged.connect(wall.on_sync_status)
    controller.start()
    bridge.start()
    try:
        qtbot.waitUntil(lambda: bridge.status.last_success_at is not None, timeout=10_000)
        assert not wall.stale.isVisible()
        store_file = Path(shared.removeprefix("sqlite:///"))
        store_file.rename(store_file.with_suffix(".gone"))  # the shared store is gone
        qtbot.waitUntil(wall.stale.isVisible, timeout=10_000)
        assert wall.stale.pair == "stale_amber"
        assert "UPPGIFTERNA KAN VARA GAMLA" in wall.stale.text
        assert "Den gemensamma databasen går inte att nå" in wall.stale.text  # the reason
        assert not store_file.exists()  # and no empty store was created in its place
        qtbot.waitUntil(lambda: wall.stale.pair == "stale_red", timeout=15_000)
        store_file.with_suffix(".gone").rename(store_file)  # back: the band goes
        bridge.sync_now()
        qtbot.waitUntil(lambda: not wall.stale.isVisible(), timeout=30_000)
    finally:
        bridge.stop()
        controller.ops.wait()
        a.close()
    QApplication.processEvents()


def test_a_cancelled_prompt_is_not_repeated_and_stop_never_hangs(qtbot, tmp_path, shared) -> None:
    import time

    from situation_board.sync.credentials import PasswordSource, parse_store_url
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController

    asked = []
    source = PasswordSource(
        parse_store_url("postgresql+psycopg://sb@db/board"), lambda url: asked.append(url) or None
    )
    assert source.ask() is False and source.ask() is False  # cancelled: asked once
    source.forget()  # a failed run clears only a typed password
    assert source.ask() is False and len(asked) == 1
    source.allow_asking()  # "Synka nu"
    assert source.ask() is False and len(asked) == 2

    a = station(tmp_path, "A1")
    controller = BoardController(a, ChangeBus())
    bridge = make_bridge(a, shared, controller)
    bridge._askPassword.disconnect()  # nobody answers the dialog
    asked = threading.Event()  # the worker is inside the question (a direct call, on its thread)
    bridge._askPassword.connect(lambda _url: asked.set(), Qt.ConnectionType.DirectConnection)
    result = {}
    worker = threading.Thread(
        target=lambda: result.setdefault("pw", bridge._prompt("postgresql+psycopg://sb@db/board"))
    )
    worker.start()
    assert asked.wait(10)
    started = time.monotonic()
    bridge.stop()  # quitting while the question is open
    worker.join(timeout=5)
    assert not worker.is_alive() and result["pw"] is None
    assert time.monotonic() - started < 3
    a.close()


def test_the_demo_board_is_never_synced(tmp_path) -> None:
    from situation_board.app import config
    from situation_board.app.context import Options
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.launch import start_sync

    settings = config.Settings(store_url="sqlite:///nowhere.db")
    demo = AppContext(settings, options=Options(db=tmp_path / "demo.db"), demo=True)
    assert start_sync(demo, ChangeBus(), None) is None
    assert not (tmp_path / "demo.db").exists()  # not even opened
