"""Statutory deadline clocks: the rules' arithmetic across the Europe/Stockholm DST changes, the
50 %/80 % warnings, and the clock's status (``domain.deadlines``, ``DeadlineClock``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from situation_board.domain.deadlines import (
    NIS_STAGES,
    RULES,
    elapsed_percent,
    rule_due,
    source_of,
    started_together,
    urgency,
    warning_times,
)
from situation_board.domain.entities import DeadlineClock
from situation_board.domain.enums import DeadlineKind, DeadlineStatus, Urgency
from situation_board.domain.timeutil import add_months, iso

T = datetime.fromisoformat
US = timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("kind", "aware", "due"),
    [
        # GDPR art. 33.1: 72 real hours; across the March change the wall clock says 11:00
        (DeadlineKind.IMY_BREACH, "2024-03-29T10:00+01:00", "2024-04-01T11:00:00+02:00"),
        # … and across the October change 09:00
        (DeadlineKind.IMY_BREACH, "2024-10-25T10:00+02:00", "2024-10-28T09:00:00+01:00"),
        # awareness in the repeated hour (its first pass, +02:00)
        (DeadlineKind.IMY_BREACH, "2024-10-27T02:30+02:00", "2024-10-30T01:30:00+01:00"),
        # … and in its second pass (+01:00): one real hour later
        (DeadlineKind.IMY_BREACH, "2024-10-27T02:30+01:00", "2024-10-30T02:30:00+01:00"),
        # NIS2 art. 23.4: early warning 24 h, incident notification 72 h
        (DeadlineKind.NIS_EARLY_WARNING, "2024-03-30T12:00+01:00", "2024-03-31T13:00:00+02:00"),
        (DeadlineKind.NIS_NOTIFICATION, "2024-03-30T12:00+01:00", "2024-04-02T13:00:00+02:00"),
        (DeadlineKind.NIS_EARLY_WARNING, "2024-10-26T12:00+02:00", "2024-10-27T11:00:00+01:00"),
    ],
)
def test_hours_are_real_hours_across_dst(kind: DeadlineKind, aware: str, due: str) -> None:
    result = rule_due(kind, T(aware))
    assert result is not None
    assert iso(result) == due
    assert result - T(aware) == timedelta(hours=RULES[kind].hours or 0)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        # a calendar month keeps the wall-clock time across the March change (743 real hours)
        ("2024-03-15T10:00+01:00", 1, "2024-04-15T10:00:00+02:00"),
        ("2024-10-15T10:00+02:00", 1, "2024-11-15T10:00:00+01:00"),
        # the day is clamped to the month's last
        ("2024-01-31T10:00+01:00", 1, "2024-02-29T10:00:00+01:00"),
        ("2023-01-31T10:00+01:00", 1, "2023-02-28T10:00:00+01:00"),
        ("2024-12-20T10:00+01:00", 1, "2025-01-20T10:00:00+01:00"),
        # into the skipped hour: moved forward by the gap
        ("2024-01-31T02:30+01:00", 2, "2024-03-31T03:30:00+02:00"),
        # into the repeated hour: its first pass
        ("2024-09-27T02:30+02:00", 1, "2024-10-27T02:30:00+02:00"),
    ],
)
def test_months_are_calendar_months_in_stockholm(start: str, months: int, expected: str) -> None:
    assert iso(add_months(T(start), months)) == expected


def test_the_final_report_counts_from_the_notification() -> None:
    aware = T("2024-03-01T09:00+01:00")
    notification_due = rule_due(DeadlineKind.NIS_NOTIFICATION, aware)
    assert notification_due is not None
    provisional = rule_due(DeadlineKind.NIS_FINAL_REPORT, aware, previous_due=notification_due)
    assert iso(provisional) == "2024-04-04T09:00:00+02:00"  # one month after 4 March 09:00
    reported = T("2024-03-02T15:10+01:00")
    final = rule_due(
        DeadlineKind.NIS_FINAL_REPORT,
        aware,
        previous_due=notification_due,
        previous_reported=reported,
    )
    assert iso(final) == "2024-04-02T15:10:00+02:00"


def test_kinds_without_a_statutory_time_need_one() -> None:
    aware = T("2024-01-25T08:50+01:00")
    for kind in (DeadlineKind.POLICE_REPORT, DeadlineKind.IMY_SUPPLEMENT, DeadlineKind.CUSTOM):
        assert RULES[kind].due_required
        assert rule_due(kind, aware) is None
    assert rule_due(DeadlineKind.CUSTOM, aware, hours=48) == aware + timedelta(hours=48)
    assert RULES[DeadlineKind.CUSTOM].title_required


def test_the_nis2_stages_start_together_and_cite_their_source() -> None:
    for kind in NIS_STAGES:
        assert started_together(kind) == NIS_STAGES
        assert "NIS2 art. 23.4" in RULES[kind].source
        assert source_of(kind) == "cybersäkerhetslagen, NIS2 art. 23.4"
    assert started_together(DeadlineKind.IMY_BREACH) == (DeadlineKind.IMY_BREACH,)
    assert RULES[DeadlineKind.IMY_BREACH].source == "GDPR art. 33.1"
    assert set(RULES) == set(DeadlineKind)


def test_warnings_at_50_and_80_percent_of_the_time() -> None:
    start = T("2024-01-25T08:50+01:00")
    due = start + timedelta(hours=72)
    half, eighty = warning_times(start, due)
    assert half == start + timedelta(hours=36)
    assert eighty == start + timedelta(hours=57, minutes=36)
    assert urgency(start, due, start) is Urgency.CALM
    assert urgency(start, due, half - US) is Urgency.CALM
    assert urgency(start, due, half) is Urgency.WARNING
    assert urgency(start, due, eighty - US) is Urgency.WARNING
    assert urgency(start, due, eighty) is Urgency.URGENT
    assert urgency(start, due, due) is Urgency.URGENT  # the due instant is still in time
    assert urgency(start, due, due + US) is Urgency.OVERDUE
    assert urgency(start, due, due + US, closed=True) is Urgency.CLOSED
    assert [elapsed_percent(start, due, t) for t in (start - US, half, eighty, due)] == [
        0,
        50,
        80,
        100,
    ]


def test_warning_times_are_real_time_across_dst_and_round_up() -> None:
    start = T("2024-03-30T12:00+01:00")
    due = start + timedelta(hours=24)  # 13:00 +02:00 on the wall
    half, _ = warning_times(start, due)
    assert iso(half) == "2024-03-31T00:00:00+01:00"  # 12 real hours, not 12.5 on the wall
    odd = start + timedelta(microseconds=3)
    half, eighty = warning_times(start, odd)
    assert half == start + timedelta(microseconds=2)  # 1.5 µs rounded up: never early
    assert eighty == start + timedelta(microseconds=3)
    assert urgency(start, start, start) is Urgency.URGENT  # zero length: in time, at the end


def test_clock_status_and_urgency() -> None:
    aware = T("2024-01-25T08:50+01:00")
    clock = DeadlineClock(
        id="d",
        event_id="e",
        kind=DeadlineKind.IMY_BREACH,
        title="IMY",
        aware_at=aware,
        due_at=aware + timedelta(hours=72),
    )
    assert clock.is_open and clock.source == "GDPR art. 33.1"
    assert clock.urgency(aware + timedelta(hours=40)) is Urgency.WARNING
    assert clock.status(aware + timedelta(hours=73)) is DeadlineStatus.OVERDUE
    reported = replace(clock, reported_at=aware + timedelta(hours=7))
    assert reported.urgency(aware + timedelta(hours=73)) is Urgency.CLOSED
    assert reported.status(aware + timedelta(hours=73)) is DeadlineStatus.REPORTED
    waived = replace(clock, not_required_at=aware, not_required_reason="Ingen risk")
    assert not waived.is_open
    assert waived.status(aware + timedelta(hours=99)) is DeadlineStatus.NOT_REQUIRED
    assert not DeadlineStatus.NOT_REQUIRED.is_open and DeadlineStatus.OVERDUE.is_open
