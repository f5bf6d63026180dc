"""The briefing rhythm: single and recurring briefings, their occurrences across the
Europe/Stockholm DST changes, the one under way, and their reference (``domain.briefings``)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from situation_board.domain.briefings import (
    Recurrence,
    daily_at,
    every_hours,
    next_occurrence,
    previous_occurrence,
    reference,
)
from situation_board.domain.entities import Board, Briefing, Station
from situation_board.domain.errors import ValidationError
from situation_board.domain.timeutil import iso

T = datetime.fromisoformat


def _times(b: Briefing, start: str, end: str) -> list[str]:
    return [iso(o.at) or "" for o in b.occurrences(T(start), T(end))]


def _briefing(at: str, rec: Recurrence | None = None, **kw: object) -> Briefing:
    return Briefing(id="b1", event_id="e", at=T(at), title="Stabsorientering", recurrence=rec, **kw)  # type: ignore[arg-type]


def test_daily_times_keep_the_wall_clock_across_the_march_change() -> None:
    b = _briefing("2024-03-30T00:00+01:00", daily_at("16:00, 08:00"))
    assert _times(b, "2024-03-30T00:00+01:00", "2024-04-01T12:00+02:00") == [
        "2024-03-30T08:00:00+01:00",
        "2024-03-30T16:00:00+01:00",
        "2024-03-31T08:00:00+02:00",
        "2024-03-31T16:00:00+02:00",
        "2024-04-01T08:00:00+02:00",
    ]


def test_daily_times_in_the_skipped_and_the_repeated_hour() -> None:
    b = _briefing("2024-03-30T00:00+01:00", daily_at("02:30"))
    assert _times(b, "2024-03-30T00:00+01:00", "2024-04-02T00:00+02:00") == [
        "2024-03-30T02:30:00+01:00",
        "2024-03-31T03:30:00+02:00",  # 02:30 does not exist that night: moved by the gap
        "2024-04-01T02:30:00+02:00",
    ]
    b = _briefing("2024-10-26T00:00+02:00", daily_at("02:30"))
    assert _times(b, "2024-10-26T00:00+02:00", "2024-10-29T00:00+01:00") == [
        "2024-10-26T02:30:00+02:00",
        "2024-10-27T02:30:00+02:00",  # the repeated hour: once, at its first pass
        "2024-10-28T02:30:00+01:00",
    ]


def test_every_n_hours_follows_the_wall_clock_across_both_changes() -> None:
    b = _briefing("2024-03-30T20:00+01:00", every_hours(4))
    assert _times(b, "2024-03-30T00:00+01:00", "2024-03-31T13:00+02:00") == [
        "2024-03-30T20:00:00+01:00",
        "2024-03-31T00:00:00+01:00",
        "2024-03-31T04:00:00+02:00",  # three real hours after midnight
        "2024-03-31T08:00:00+02:00",
        "2024-03-31T12:00:00+02:00",
    ]
    b = _briefing("2024-10-26T20:00+02:00", every_hours(4))
    assert _times(b, "2024-10-26T00:00+02:00", "2024-10-27T09:00+01:00") == [
        "2024-10-26T20:00:00+02:00",
        "2024-10-27T00:00:00+02:00",
        "2024-10-27T04:00:00+01:00",  # five real hours after midnight
        "2024-10-27T08:00:00+01:00",
    ]


def test_hourly_briefings_never_repeat_an_instant() -> None:
    b = _briefing("2024-03-31T00:00+01:00", every_hours(1))
    spring = _times(b, "2024-03-31T00:00+01:00", "2024-03-31T05:00+02:00")
    assert spring == [
        "2024-03-31T00:00:00+01:00",
        "2024-03-31T01:00:00+01:00",
        "2024-03-31T03:00:00+02:00",  # 02:00 does not exist; 03:00 happens once
        "2024-03-31T04:00:00+02:00",
    ]
    b = _briefing("2024-10-27T00:00+02:00", every_hours(1))
    autumn = _times(b, "2024-10-27T00:00+02:00", "2024-10-27T04:00+01:00")
    assert autumn == [
        "2024-10-27T00:00:00+02:00",
        "2024-10-27T01:00:00+02:00",
        "2024-10-27T02:00:00+02:00",
        "2024-10-27T03:00:00+01:00",
    ]


def test_next_and_previous_occurrence() -> None:
    anchor, rec = T("2024-01-22T17:00+01:00"), daily_at("08:30,15:00")
    assert next_occurrence(anchor, rec, T("2024-01-22T16:00+01:00")) == T("2024-01-23T08:30+01:00")
    at = T("2024-01-29T15:00+01:00")
    assert next_occurrence(anchor, rec, at) == at  # at or after
    assert previous_occurrence(anchor, rec, at) == T("2024-01-29T08:30+01:00")  # strictly before
    assert previous_occurrence(anchor, rec, anchor) is None
    # a single briefing
    assert next_occurrence(anchor, None, anchor) == anchor
    assert next_occurrence(anchor, None, anchor + timedelta(seconds=1)) is None
    assert previous_occurrence(anchor, None, anchor + timedelta(seconds=1)) == anchor
    # cancelled: nothing at or after the cancellation, the past stays
    stop = T("2024-01-25T12:00+01:00")
    assert next_occurrence(anchor, rec, stop, cancelled_at=stop) is None
    assert previous_occurrence(anchor, rec, at, cancelled_at=stop) == T("2024-01-25T08:30+01:00")
    assert next_occurrence(anchor, None, anchor, cancelled_at=anchor) is None


def test_recurrence_codes_and_input() -> None:
    assert every_hours(4).code == "every 4h"
    assert daily_at("13:00 8:00,16.00").code == "daily 08:00,13:00,16:00"
    for rec in (every_hours(4), daily_at("08:00,13:00")):
        assert Recurrence.from_code(rec.code) == rec
    assert Recurrence.from_code("") is None
    assert Recurrence.from_code("weekly mon") is None  # a newer version's rhythm: read as single
    assert daily_at("08:00").daily == (time(8, 0),)
    assert every_hours(4).describe("sv") == "var 4:e timme"
    assert every_hours(1).describe("en") == "every hour"
    assert daily_at("08:00,13:00").describe("en") == "daily at 08:00, 13:00"
    for bad in ("", "25:00", "8", "08:60", "åtta"):
        with pytest.raises(ValidationError) as err:
            daily_at(bad)
        assert err.value.key == "bad_daily_times"
    for hours in (0, 49, -1):
        with pytest.raises(ValidationError) as err:
            every_hours(hours)
        assert err.value.key == "bad_every_hours"


def test_board_next_previous_and_under_way() -> None:
    now = T("2024-01-29T16:20+01:00")
    board = Board(
        as_of=now,
        station=Station("s", "V1"),
        event=None,
        level=None,
        briefings=(
            _briefing("2024-01-22T17:00+01:00", daily_at("08:30")),
            Briefing("b2", "e", T("2024-01-29T16:30+01:00"), "Extra stabsorientering"),
        ),
    )
    nxt = board.next_briefing()
    assert nxt is not None and nxt.title == "Extra stabsorientering" and not nxt.recurring
    prev = board.previous_briefing()
    assert prev is not None and prev.at == T("2024-01-29T08:30+01:00") and prev.recurring
    under_way = board.briefing_under_way()  # 10 minutes before 16:30: people are gathering
    assert under_way is not None and under_way.briefing_id == "b2"
    assert board.briefing_under_way(T("2024-01-29T16:14+01:00")) is None
    assert board.briefing_under_way(T("2024-01-29T18:30+01:00")) is not None
    assert board.briefing_under_way(T("2024-01-29T18:31+01:00")) is None
    assert under_way.reference == "SO 2024-01-29 16:30"


def test_reference_is_unambiguous_in_the_repeated_hour() -> None:
    assert reference(T("2024-10-27T02:30+02:00")) == "SO 2024-10-27 02:30 +02:00"
    assert reference(T("2024-10-27T02:30+01:00")) == "SO 2024-10-27 02:30 +01:00"
    assert reference(T("2024-10-27T08:30+01:00")) == "SO 2024-10-27 08:30"
