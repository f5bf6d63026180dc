"""Enums carry both labels; validation rules refuse bad input with the right message key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from situation_board.domain import enums
from situation_board.domain.entities import Action, DeadlineClock
from situation_board.domain.enums import (
    ActionStatus,
    DeadlineKind,
    DeadlineStatus,
    Priority,
    ReadinessLevel,
)
from situation_board.domain.errors import ValidationError
from situation_board.domain.rules import (
    looks_like_personnummer,
    not_in_future,
    parse_enum,
    require_text,
    station_code,
)

ALL_ENUMS = [
    enums.ReadinessLevel,
    enums.SystemStatus,
    enums.ActionStatus,
    enums.Priority,
    enums.EntryCategory,
    enums.Medium,
    enums.StaffFunction,
    enums.DeadlineKind,
    enums.DeadlineStatus,
]
NOW = datetime(2024, 1, 29, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("cls", ALL_ENUMS)
def test_every_value_has_swedish_and_english_labels(cls: type[enums.Labelled]) -> None:
    for member in cls:
        assert member.sv and member.en
        assert cls.parse(member.value) is member
        assert cls.parse(member.sv.upper()) is member
        assert cls.parse(f"  {member.en.lower()} ") is member


def test_labels_of_equal_values_in_different_enums_do_not_mix() -> None:
    # "normal" is both a readiness level and a priority; "other" is in two enums and the old
    # code of a deadline kind; "overdue" is a deadline status and an urgency.
    assert ReadinessLevel.NORMAL.sv == "Normalläge"
    assert Priority.NORMAL.sv == "Normal"
    assert enums.Medium.OTHER.sv == "Annat"
    assert enums.StaffFunction.OTHER.sv == "Annan"
    assert enums.DeadlineKind.CUSTOM.sv == "Annan frist"
    assert enums.DeadlineKind("other") is enums.DeadlineKind.CUSTOM  # boards before issue 11
    assert enums.DeadlineKind.parse("other") is enums.DeadlineKind.CUSTOM
    assert enums.DeadlineKind.parse("NIS2") is enums.DeadlineKind.NIS_EARLY_WARNING
    assert enums.Urgency.OVERDUE.sv == enums.DeadlineStatus.OVERDUE.sv == "Försenad"


def test_levels_are_socialstyrelsens_in_rising_order() -> None:
    assert [lvl.sv for lvl in ReadinessLevel] == [
        "Normalläge",
        "Stabsläge",
        "Förstärkningsläge",
        "Katastrofläge",
    ]
    assert ReadinessLevel.DISASTER.rank > ReadinessLevel.STAFF.rank


def test_parse_enum_lists_choices_on_unknown_value() -> None:
    with pytest.raises(ValidationError) as err:
        parse_enum(ReadinessLevel, "krisläge", "level")
    assert err.value.key == "unknown_choice"
    assert "staff (Stabsläge)" in err.value.message()
    assert "staff (Staff mode)" in err.value.message("en")


@pytest.mark.parametrize("bad", ["", "   ", "\n\t", None])
def test_require_text_refuses_empty_and_whitespace(bad: str | None) -> None:
    with pytest.raises(ValidationError) as err:
        require_text(bad, "text")
    assert err.value.message() == "Texten måste fyllas i."


def test_require_text_strips_and_limits() -> None:
    assert require_text("  hej  ", "text") == "hej"
    with pytest.raises(ValidationError):
        require_text("x" * 5000, "text")


def test_station_codes() -> None:
    assert station_code(" v1 ") == "V1"
    for bad in ("", "V 1", "TOOLONG1", "V-1"):
        with pytest.raises(ValidationError):
            station_code(bad)


def test_future_times_are_refused_beyond_tolerance() -> None:
    assert not_in_future(NOW + timedelta(minutes=4), NOW, "occurred")
    with pytest.raises(ValidationError):
        not_in_future(NOW + timedelta(minutes=6), NOW, "occurred")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Ring 19121212-1212 om provsvar", True),  # Skatteverket's public test number
        ("pnr 121212-1212", True),
        ("samordningsnummer 701063-2391", True),
        ("121212-1213", False),  # wrong check digit
        ("Telefon 090-785 00 00", False),
        ("Beställning 2024-01-29", False),
        ("Ärende 20240129-1530", False),
    ],
)
def test_personnummer_detection(text: str, flagged: bool) -> None:
    assert looks_like_personnummer(text) is flagged


def test_action_overdue_rule() -> None:
    due = NOW - timedelta(minutes=1)
    base = Action(id="a", event_id="e", title="t", due_at=due)
    assert base.is_overdue(NOW)
    for closed in (ActionStatus.DONE, ActionStatus.CANCELLED):
        assert not Action(id="a", event_id="e", title="t", due_at=due, status=closed).is_overdue(
            NOW
        )
    assert Action(
        id="a", event_id="e", title="t", due_at=due, status=ActionStatus.IN_PROGRESS
    ).is_overdue(NOW)
    assert not Action(id="a", event_id="e", title="t").is_overdue(NOW)
    soon = Action(id="a", event_id="e", title="t", due_at=NOW + timedelta(minutes=30))
    assert soon.is_due_soon(NOW) and not soon.is_overdue(NOW)
    assert not Action(id="a", event_id="e", title="t", due_at=NOW + timedelta(hours=2)).is_due_soon(
        NOW
    )


def test_deadline_status() -> None:
    aware = NOW - timedelta(hours=10)
    clock = DeadlineClock(
        id="d",
        event_id="e",
        kind=DeadlineKind.IMY_BREACH,
        title="IMY",
        aware_at=aware,
        due_at=aware + timedelta(hours=72),
    )
    assert clock.status(NOW) is DeadlineStatus.RUNNING
    assert clock.status(aware + timedelta(hours=73)) is DeadlineStatus.OVERDUE
    from dataclasses import replace

    assert replace(clock, reported_at=NOW).status(NOW) is DeadlineStatus.REPORTED
    late = replace(clock, reported_at=aware + timedelta(hours=80))
    assert late.status(NOW) is DeadlineStatus.REPORTED_LATE


def test_entities_are_frozen() -> None:
    from dataclasses import FrozenInstanceError

    action = Action(id="a", event_id="e", title="t")
    with pytest.raises(FrozenInstanceError):
        action.title = "x"  # type: ignore[misc]
