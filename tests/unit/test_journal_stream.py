"""The streamed journal's time texts equal the domain's formatting, across both DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from situation_board.domain.timeutil import fmt_datetime, fmt_short, iso
from situation_board.reports.journal_stream import LocalTimes


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("start", ["2024-03-30T22:00", "2024-10-26T22:00", "2024-12-31T20:00"])
def test_local_times_match_timeutil(start: str, language: str) -> None:
    times = LocalTimes(language)
    first = datetime.fromisoformat(start).replace(tzinfo=UTC)
    for step in range(0, 60 * 9, 7):
        when = first + timedelta(minutes=step, seconds=step % 60, microseconds=step * 1013)
        stored = f"{when.replace(tzinfo=None):%Y-%m-%d %H:%M:%S.%f}"
        assert times.iso(stored) == iso(when)
        assert times.datetime_text(stored) == fmt_datetime(when)
        assert times.short(stored) == fmt_short(when, language)
