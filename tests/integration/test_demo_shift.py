"""The demo board (issue 12): shifted by whole days so times of day match the real case, dates in
its texts shifted with it, and a demo identity so it opens without the identity dialog."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from situation_board.app.config import Settings
from situation_board.app.context import DEMO_ACTOR, AppContext, Options
from situation_board.domain.clock import fixed_clock
from situation_board.domain.entities import Board
from situation_board.domain.timeutil import local
from situation_board.services.demo import DayShift, build_demo
from situation_board.store.database import LocalStore
from tests.conftest import cli
from tests.integration.helpers import open_service


def _demo(tmp_path: Path, now: datetime, as_of: datetime | None = None) -> Board:
    clock = fixed_clock(now)
    store = LocalStore.open(tmp_path / "demo.db", clock=clock)
    build_demo(store, now=now, as_of=as_of)
    store.close()
    return open_service(tmp_path / "demo.db", None).board(now=now)


def _texts(board: Board) -> list[str]:
    texts = [e.text for e in board.journal]
    texts += [s.workaround for s in board.systems]
    return texts


@pytest.mark.parametrize(
    "now",
    [
        "2025-12-03T20:15:00+01:00",  # winter, evening: the whole last day has happened
        "2026-06-17T20:15:00+02:00",  # summer time: local times of day still match
    ],
)
def test_live_demo_keeps_the_times_of_day(tmp_path: Path, now: str) -> None:
    at = datetime.fromisoformat(now)
    board = _demo(tmp_path, at)
    today = local(at).date()
    assert board.level is not None
    decided = local(board.level.decided_at)
    assert (decided.hour, decided.minute) == (14, 5)  # the level decision in the afternoon
    assert (today - decided.date()).days == 7  # Monday 22 January → a week before 29 January
    times = {local(b.at).strftime("%H:%M") for b in board.briefings}
    assert times == {"08:30", "16:30"}
    last = max(board.journal, key=lambda e: e.recorded_at)
    assert local(last.recorded_at).date() == today
    assert local(last.recorded_at).strftime("%H:%M") == "15:40"
    texts = _texts(board)
    assert not [t for t in texts if "{" in t or "januari" in t]
    months = {12: "december", 6: "juni"}
    shifted = f"från och med {today.day} {months[today.month]}"
    assert any(shifted in t for t in texts), shifted


def test_live_demo_in_the_morning_replays_up_to_now(tmp_path: Path) -> None:
    at = datetime.fromisoformat("2025-12-03T09:30:00+01:00")
    board = _demo(tmp_path, at)
    recorded = [local(e.recorded_at) for e in board.journal]
    assert max(recorded).date() == date(2025, 12, 3)
    assert max(recorded) <= local(at)  # nothing from the future
    open_due = [local(a.due_at) for a in board.open_actions() if a.due_at is not None]
    assert any(d.date() == date(2025, 12, 3) and d > local(at) for d in open_due)


def test_live_demo_before_the_last_days_first_step_ends_yesterday(tmp_path: Path) -> None:
    at = datetime.fromisoformat("2025-12-03T06:00:00+01:00")
    board = _demo(tmp_path, at)
    last = max(local(e.recorded_at) for e in board.journal)
    assert last.date() == date(2025, 12, 2) and last.strftime("%H:%M") == "15:40"
    assert local(board.next_briefing().at).strftime("%Y-%m-%d %H:%M") == "2025-12-03 08:30"  # type: ignore[union-attr]


def test_as_of_keeps_the_real_dates_and_texts(tmp_path: Path) -> None:
    at = datetime.fromisoformat("2024-01-29T16:00:00+01:00")
    texts = _texts(_demo(tmp_path, at, as_of=at))
    assert any("från och med 29 januari" in t for t in texts)
    assert any("under lördagen, söndagen och måndagen" in t for t in texts)
    assert not [t for t in texts if "{" in t]


def test_day_shift_fills_placeholders_in_swedish() -> None:
    shift = DayShift(2)  # 29 January 2024 (a Monday) → 31 January (a Wednesday)
    assert shift.text("från och med {date:2024-01-29}") == "från och med 31 januari"
    assert shift.text("{weekday:2024-01-29}, under {weekday_def:2024-01-29}") == (
        "onsdag, under onsdagen"
    )
    assert shift.text("{unknown:2024-01-29} {date:x}") == "{unknown:2024-01-29} {date:x}"
    summer = DayShift(140).instant(datetime.fromisoformat("2024-01-29T14:05:00+01:00"))
    assert local(summer).strftime("%Y-%m-%d %H:%M %z") == "2024-06-17 14:05 +0200"


def test_demo_opens_with_a_demo_identity(tmp_path: Path) -> None:
    ctx = AppContext(Settings(), options=Options(db=tmp_path / "d.db"), demo=True)
    assert ctx.has_identity and ctx.actor() == DEMO_ACTOR
    named = AppContext(Settings(), options=Options(user="Sara"), demo=True)
    assert named.actor().name == "Sara"
    real = AppContext(Settings(), options=Options(db=tmp_path / "r.db"))
    assert not real.has_identity


def test_demo_command_builds_the_shifted_board(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    now = "2025-12-03T20:15:00+01:00"
    proc = cli("demo", "--no-gui", "--db", str(db), now=now, check=True)
    assert "2025-11-26 13:15" in proc.stdout and "2025-12-03 15:40" in proc.stdout
