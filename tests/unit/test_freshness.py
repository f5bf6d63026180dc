"""Freshness levels: amber after 2 missed intervals, red after 5 or on error."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from situation_board.domain.freshness import Freshness, FreshnessState

T = datetime(2024, 1, 29, 15, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T + timedelta(seconds=seconds)


def test_levels_follow_missed_intervals() -> None:
    s = FreshnessState(last_update=T, interval_s=15, syncing=True)
    assert s.level(at(10)) is Freshness.FRESH
    assert s.level(at(30)) is Freshness.FRESH
    assert s.level(at(31)) is Freshness.AMBER
    assert s.level(at(75)) is Freshness.AMBER
    assert s.level(at(76)) is Freshness.RED


def test_an_error_does_not_age_fresh_data() -> None:
    s = FreshnessState(last_update=T, interval_s=15, error="nås inte", syncing=True)
    assert s.level(at(5)) is Freshness.FRESH  # the data is still 5 s old
    assert s.level(at(31)) is Freshness.AMBER
    assert s.level(at(76)) is Freshness.RED


def test_standalone_board_is_always_fresh_and_never_synced_is_not() -> None:
    assert FreshnessState(last_update=None, interval_s=15).level(at(9999)) is Freshness.FRESH
    assert FreshnessState(None, 15, syncing=True).level(at(1)) is Freshness.AMBER
    assert FreshnessState(None, 15, error="x", syncing=True).level(at(1)) is Freshness.RED
