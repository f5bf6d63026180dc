"""Times: UTC inside, Europe/Stockholm with offset outside, DST-safe parsing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from situation_board.domain.errors import ValidationError
from situation_board.domain.timeutil import fmt_datetime, fmt_short, iso, parse_instant

NOW = datetime(2024, 1, 29, 14, 0, tzinfo=UTC)  # 15:00 in Stockholm


@pytest.mark.parametrize(
    ("text", "expected_utc"),
    [
        ("2024-01-29T16:00+01:00", datetime(2024, 1, 29, 15, 0, tzinfo=UTC)),
        ("2024-01-29T15:00Z", datetime(2024, 1, 29, 15, 0, tzinfo=UTC)),
        ("2024-01-29T16:00", datetime(2024, 1, 29, 15, 0, tzinfo=UTC)),  # local winter time
        ("2024-07-01 12:00", datetime(2024, 7, 1, 10, 0, tzinfo=UTC)),  # local summer time
        ("2024-01-29", datetime(2024, 1, 28, 23, 0, tzinfo=UTC)),
        ("17:30", datetime(2024, 1, 29, 16, 30, tzinfo=UTC)),  # today, local
        ("9.05", datetime(2024, 1, 29, 8, 5, tzinfo=UTC)),
    ],
)
def test_parse_instant(text: str, expected_utc: datetime) -> None:
    parsed = parse_instant(text, NOW)
    assert parsed == expected_utc
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "empty_time"),
        ("igår", "bad_time"),
        ("2024-02-30T10:00", "bad_time"),
        ("25:00", "bad_time"),
        ("1924-01-29T10:00", "absurd_date"),
        ("20224-01-29", "bad_time"),
        ("2124-01-29T10:00+01:00", "absurd_date"),
        ("2024-10-27T02:30", "ambiguous_time"),  # the repeated hour
        ("2024-03-31T02:30", "nonexistent_time"),  # the skipped hour
    ],
)
def test_bad_times_are_refused(text: str, key: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_instant(text, NOW, "occurred")
    assert err.value.key == key
    assert err.value.message()  # renders in Swedish


def test_repeated_october_hour_is_unambiguous_with_offset() -> None:
    first = parse_instant("2024-10-27T02:30+02:00", NOW)
    second = parse_instant("2024-10-27T02:30+01:00", NOW)
    assert (second - first).total_seconds() == 3600
    assert fmt_datetime(first) == "2024-10-27 02:30 +02:00"
    assert fmt_datetime(second) == "2024-10-27 02:30 +01:00"
    assert iso(first) != iso(second)


def test_display_formats() -> None:
    t = datetime(2024, 1, 22, 13, 5, tzinfo=UTC)
    assert fmt_datetime(t) == "2024-01-22 14:05 +01:00"
    assert fmt_short(t) == "22 jan. 14:05"
    assert fmt_short(datetime(2024, 5, 2, 8, 0, tzinfo=UTC), "en") == "2 May 10:00"
    assert iso(t) == "2024-01-22T14:05:00+01:00"
