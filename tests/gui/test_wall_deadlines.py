"""The wall's deadline clocks (issue 11): every running clock counts down, one line each, most
urgent first, in the window's urgency colours; hidden when none runs. Screenshot to look at:
test-artifacts/wall-deadlines-1920x1080.png."""

from __future__ import annotations

from datetime import timedelta

from situation_board.domain.enums import DeadlineKind
from tests.conftest import ROOT

from .conftest import NOW, wait_idle

ARTIFACTS = ROOT / "test-artifacts"


def save(widget, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(ARTIFACTS / f"{name}.png"))


def test_the_wall_counts_down_a_running_nis_clock(qtbot, controller, service) -> None:
    from situation_board.ui.wall import theme
    from situation_board.ui.wall.view import WallView

    service.start_deadlines(DeadlineKind.NIS_EARLY_WARNING, aware_at=NOW - timedelta(hours=20))
    service.start_deadline(
        DeadlineKind.POLICE_REPORT,
        aware_at=NOW - timedelta(hours=3),
        due_at=NOW - timedelta(minutes=5),
    )
    view = WallView(controller, language="sv", screen_height=1080)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    controller.start()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: view.deadlines_list.isVisible() and len(view.deadlines_list.rows) == 4)
    rows = view.deadlines_list.rows
    texts = ["".join(s.text for line in r.lines for s in line) for r in rows]
    assert texts[0] == "FÖRSENAD 5 min  Polisanmälan" and rows[0].pair == "deadline_overdue"
    assert texts[1] == "om 4 h 00 min · 83 %  NIS-incident, tidig varning"
    assert rows[1].pair == "deadline_urgent" and rows[1].icon is not None
    assert texts[2] == "om 2 d 4 h  NIS-incident, incidentanmälan" and rows[2].pair is None
    assert texts[3].startswith("om 31 d 4 h  NIS-incident, slutrapport")
    assert [s.text for s in view.deadlines_list.summary] == ["1 FÖRSENAD"]
    assert len(view.deadlines_list.pages) == 1  # all four fit at 1080 without paging
    for pair in ("deadline_warning", "deadline_urgent", "deadline_overdue"):
        assert pair in theme.PAIRS  # the contrast test checks every pair (≥ 7:1)
    qtbot.wait(600)
    save(view, "wall-deadlines-1920x1080")


def test_the_wall_hides_the_clocks_when_none_runs(qtbot, controller) -> None:
    from situation_board.ui.wall.view import WallView

    view = WallView(controller, language="sv", screen_height=1080)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    controller.start()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: view.board is not None)
    view.tick()
    assert not view.deadlines_list.isVisible() and view.deadlines_list.rows == []
