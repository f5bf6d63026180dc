"""The wall view from a prepared board: content, hidden entries, stale band, paging, ÖVNING,
no editing anywhere, legibility and the repaint rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from situation_board.domain.changes import Topic
from situation_board.domain.enums import ActionStatus
from situation_board.domain.freshness import FreshnessState
from situation_board.domain.patches import ActionPatch
from situation_board.domain.timeutil import local
from situation_board.ui.wall import theme
from situation_board.ui.wall.widgets import Painted

from .conftest import NOW, wait_idle


@pytest.fixture
def wall(qtbot, controller):
    from situation_board.ui.wall.view import WallView

    view = WallView(controller, language="sv", page_seconds=12, screen_height=1080)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    controller.start()
    wait_idle(qtbot, controller)
    settle(qtbot, view, controller)
    return view


def settle(qtbot, view, controller) -> None:
    """Wait until the loads are done and the rate-limited refresh has shown them."""
    wait_idle(qtbot, controller)
    qtbot.waitUntil(
        lambda: (
            view.board is not None and bool(view.journal_list.rows) and not view._limiter.isActive()
        ),
        timeout=5000,
    )


def _texts(wall_list) -> list[str]:
    return ["".join(seg.text for line in row.lines for seg in line) for row in wall_list.rows]


def refresh(qtbot, view, controller) -> None:
    before = view.refreshes
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: view.refreshes > before, timeout=5000)


def test_banner_systems_actions_and_journal(wall) -> None:
    assert wall.banner.level_text == "STABSLÄGE" and wall.banner.pair == "level_staff"
    assert wall.banner.event_text.startswith("It-störningar hos leverantörer")
    wall.banner.grab()  # paint: a long event name is made smaller, never below the wall minimum
    assert theme.META <= wall.banner.event_size < theme.EVENT  # this one is long
    assert wall.banner.detail_text == (
        "sedan 22 jan. 14:05 · beslut: Sjukvårdsledare RSSL · Region Västerbotten"
    )
    # the controller's clock (fixed at 16:00:00 in these tests), with CLDR day and month names
    assert wall.banner.clock_text == "16:00:00"
    assert wall.banner.date_text == "mån 29 jan. 2024 · UTC+01:00"
    assert "Stabsorientering 16:30" in wall.banner.next_text
    systems = _texts(wall.systems_list)
    assert systems[0].startswith("UR FUNKTION  Utskrivningssystemet")
    assert "Reservrutin aktiv" in systems[0] and "Ingen prognos" in systems[0]
    assert "Utlovad uppdatering kl. 15:00 har inte kommit" in systems[0]
    assert wall.systems_list.summary[0].text == "1 ur funktion"
    actions = wall.actions_list.rows
    assert actions[0].pair == "overdue" and (
        "FÖRSENAD 1 h 00 min · senast 15:00" in _texts(wall.actions_list)[0]
    )
    assert "16:30 (om 30 min)" in _texts(wall.actions_list)[1]
    assert actions[1].pair == "due_soon"
    assert "5 öppna" in wall.actions_list.summary[0].text
    assert "1 FÖRSENAD" in wall.actions_list.summary[1].text
    journal = _texts(wall.journal_list)
    assert journal[0].startswith("08:45") and "stabsläge kvarstår" in journal[0]
    assert not any("Inga problem rapporterade" in t for t in journal)  # a contact: not significant
    assert wall.fresh_line.text == "Senast uppdaterad 16:00:00"
    assert not wall.stale.isVisible()


def test_hidden_entry_is_never_shown(qtbot, wall, controller, service) -> None:
    from situation_board.domain.enums import EntryCategory

    service.add_entry(
        "Beslut om patient på avd 3", category=EntryCategory.DECISION, hidden_from_wall=True
    )
    service.add_entry("Beslut: stabsorientering flyttas", category=EntryCategory.DECISION)
    controller.bus.announce(frozenset({Topic.JOURNAL}))
    refresh(qtbot, wall, controller)
    qtbot.waitUntil(lambda: "stabsorientering flyttas" in _texts(wall.journal_list)[0])
    assert not any("avd 3" in t for t in _texts(wall.journal_list))


def test_stale_band_after_simulated_time(wall) -> None:
    now = NOW  # the controller's clock
    last = now - timedelta(seconds=40)
    wall.set_freshness(FreshnessState(last, 15, syncing=True))
    assert wall.stale.isVisible() and wall.stale.pair == "stale_amber"
    assert wall.stale.headline == (
        f"UPPGIFTERNA KAN VARA GAMLA — tavlan visar läget kl. {local(last):%H:%M:%S} (nyss)"
    )
    old = now - timedelta(minutes=3)
    wall.set_freshness(
        FreshnessState(old, 15, error="Den gemensamma databasen nås inte", syncing=True)
    )
    assert wall.stale.pair == "stale_red" and "nås inte" in wall.stale.text
    assert wall.fresh_line.text == f"Senast uppdaterad {local(old):%H:%M:%S}"
    wall.set_freshness(FreshnessState(now, 15, syncing=True))
    assert not wall.stale.isVisible()


def test_overflow_pages_instead_of_shrinking(qtbot, wall, controller, service) -> None:
    for i in range(14):
        service.add_action(f"Extra åtgärd {i}", ActionPatch(owner="Stabschef"))
    controller.bus.announce(frozenset({Topic.ACTIONS}))
    refresh(qtbot, wall, controller)
    qtbot.waitUntil(lambda: len(wall.actions_list.rows) == 19)
    pages = len(wall.actions_list.pages)
    assert pages >= 3
    assert wall.actions_list.page_label == f"Sida 1/{pages}"
    shown = {r.key for r in wall.actions_list.pages[0]}
    wall.actions_list.next_page()
    assert wall.actions_list.page_label == f"Sida 2/{pages}"
    assert not shown & {r.key for r in wall.actions_list.pages[1]}
    assert sum(len(p) for p in wall.actions_list.pages) == 19
    assert wall.actions_list.timer.objectName() == "wallPageTimer"
    assert wall.actions_list.timer.interval() == 12_000
    assert min(wall.actions_list.fonts_used) >= theme.px(theme.META, 1080)


def test_exercise_watermark_and_banner(qtbot, wall, controller, service) -> None:
    assert not wall.watermark.isVisible()
    service.close_event("Slut")
    service.start_event("Övning Vinterstorm", exercise=True)
    controller.bus.announce(frozenset({Topic.EVENTS, Topic.JOURNAL}))
    refresh(qtbot, wall, controller)
    qtbot.waitUntil(lambda: wall.banner.event_text == "Övning Vinterstorm")
    assert wall.watermark.isVisible() and wall.watermark.text == "ÖVNING"
    assert wall.banner.exercise_text == "ÖVNING"


def test_no_editable_or_focusable_widget_anywhere(wall) -> None:
    editable = (
        QLineEdit,
        QTextEdit,
        QPlainTextEdit,
        QAbstractSpinBox,
        QComboBox,
        QAbstractButton,
        QAbstractItemView,
    )
    tree = [wall, *wall.findChildren(QWidget)]
    assert not [w for w in tree if isinstance(w, editable)]
    from PySide6.QtCore import Qt

    assert all(w.focusPolicy() == Qt.FocusPolicy.NoFocus for w in tree)
    assert wall.cursor().shape() == Qt.CursorShape.BlankCursor


@pytest.mark.parametrize("height", [1080, 2160])
def test_text_sizes_scale_with_the_screen(qtbot, controller, height: int) -> None:
    from situation_board.ui.wall.view import WallView

    view = WallView(controller, screen_height=height)
    qtbot.addWidget(view)
    view.resize(height * 16 // 9, height)
    view.show()
    controller.start()
    wait_idle(qtbot, controller)
    settle(qtbot, view, controller)
    assert view.height() == height
    painted = view.findChildren(Painted)
    for widget in painted:
        widget.fonts_used.clear()  # measure the steady state, not paints during the first resize
    view.grab()  # paints the whole tree
    smallest = min(min(p.fonts_used) for p in painted if p.fonts_used)
    assert smallest >= 0.022 * height
    assert theme.px(theme.LEVEL, height) in view.banner.fonts_used
    assert theme.px(theme.LEVEL, height) >= 0.06 * height


@pytest.mark.parametrize(
    ("width", "height", "level"),
    [
        (1920, 1200, "FÖRSTÄRKNINGSLÄGE"),  # 16:10 projector
        (1280, 1024, "FÖRSTÄRKNINGSLÄGE"),  # 5:4 monitor
        (1920, 1080, "INGEN AKTIV HÄNDELSE"),
    ],
)
def test_the_level_word_is_never_cut(qtbot, width: int, height: int, level: str) -> None:
    from situation_board.ui.wall.widgets import Banner

    banner = Banner(height)
    qtbot.addWidget(banner)
    banner.resize(width, banner.height())
    banner.level_text, banner.clock_text = level, "16:00:00"
    banner.date_text = "mån 29 jan. 2024 · UTC+01:00"
    banner.next_text = "Nästa: Stabsorientering 16:30 (om 29 min)"  # wide, but on a lower line
    banner.grab()
    assert banner.level_drawn == level
    assert theme.LEVEL_MIN <= banner.level_size <= theme.LEVEL
    assert theme.px(banner.level_size, height) >= 0.06 * height


def test_repaints_at_most_twice_a_second(qtbot, wall, controller) -> None:
    start = wall.refreshes
    for _ in range(20):
        wall._schedule()
        qtbot.wait(50)
    qtbot.wait(600)
    # 20 change notifications over ~1.6 s: at most 2 refreshes per second (+1 at the edge)
    assert 1 <= wall.refreshes - start <= 5


def test_wall_reacts_to_a_change_made_elsewhere(qtbot, wall, controller, service) -> None:
    action = next(a for a in service.board().actions if not a.status.is_closed)
    controller.watch_external_changes(100)
    qtbot.waitUntil(lambda: controller._fingerprint is not None, timeout=5000)
    service.update_action(action.id, ActionPatch(status=ActionStatus.DONE))  # e.g. another process
    qtbot.waitUntil(lambda: all(r.key != action.id for r in wall.actions_list.rows), timeout=5000)


def test_empty_panels_say_so(qtbot, controller, service) -> None:
    from situation_board.ui.wall.view import WallView

    service.close_event("Slut")
    service.start_event("Ny, tom händelse")
    view = WallView(controller, screen_height=1080)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    controller.start()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: view.banner.event_text == "Ny, tom händelse", timeout=5000)
    assert view.systems_list.empty_text == "Inga berörda system"
    assert view.actions_list.empty_text == "Inga öppna åtgärder"


def test_overdue_follows_the_clock_without_any_change(qtbot, wall, controller) -> None:
    before = wall.refreshes
    loads = []
    controller.boardLoaded.connect(loads.append)
    controller.tick.emit()  # what the 30-second timer does
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: bool(loads) and wall.refreshes > before, timeout=5000)
