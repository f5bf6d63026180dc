"""The text rule (issue 14): one normal form at the boundary, control characters refused, text
compared as people see it, and nothing raw reaching a terminal; dates across the whole calendar."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from situation_board.domain.enums import ReadinessLevel
from situation_board.domain.errors import ValidationError
from situation_board.domain.rules import clean_text, optional_text, require_text
from situation_board.domain.text import json_safe, text_key, visible
from situation_board.domain.timeutil import STOCKHOLM, parse_instant

NOW = datetime(2024, 10, 28, 11, 0, tzinfo=UTC)


def _raw_control(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]


# ---------------------------------------------------------------------- normal form


def test_nfc_and_line_breaks() -> None:
    assert clean_text("Sja\u0308lvfo\u0308rtroende", "text") == "Självförtroende"
    assert clean_text("a\r\nb\rc\u2028d\u0085e", "text") == "a\nb\nc\nd\ne"
    assert clean_text("  kolumn\tkolumn\n  ", "text") == "kolumn\tkolumn"
    assert clean_text("Ring\n  leverantören\t igen", "title", one_line=True) == (
        "Ring leverantören igen"
    )
    assert require_text("Stab-\r\nchef", "owner", limit=200) == "Stab- chef"  # a one-line field


@pytest.mark.parametrize(
    ("text", "char", "position"),
    [
        ("Rad\x1b[2J", "U+001B", 4),
        ("Ding\x07", "U+0007", 5),
        ("före\x00efter", "U+0000", 5),
        ("Radera\x7f", "U+007F", 7),
        ("CSI\x9b31m", "U+009B", 4),
        ("\x0cform feed", "U+000C", 1),
    ],
)
def test_control_characters_are_refused_and_named(text: str, char: str, position: int) -> None:
    with pytest.raises(ValidationError) as err:
        optional_text(text, "text")
    assert err.value.key == "control_character"
    assert err.value.params == {"field": "text", "char": char, "position": position}
    assert char in err.value.message("sv") and "\n" not in err.value.message("sv")


def test_a_lone_surrogate_is_not_text() -> None:
    with pytest.raises(ValidationError) as err:
        require_text("bad \udcff\udcfe", "text")
    assert err.value.key == "not_utf8"


@given(st.text())
@settings(max_examples=300)
def test_whatever_is_accepted_is_normal_and_has_no_control_character(text: str) -> None:
    try:
        clean = optional_text(text, "text", patient_check=False)
    except ValidationError as exc:
        assert exc.key in ("control_character", "not_utf8", "text_too_long")
        return
    assert clean == unicodedata.normalize("NFC", clean)
    assert not _raw_control(clean) and "\r" not in clean
    assert optional_text(clean, "text", patient_check=False) == clean  # idempotent


# ---------------------------------------------------------------------- as people see it


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Självförtroende", "Sja\u0308lvfo\u0308rtroende"),  # NFC / NFD
        ("JOURNALSYSTEM", "journalsystem"),
        ("Lab system", "Lab\u00a0 system"),  # a no-break space and a double space
        ("Straße", "STRASSE"),  # full case folding
        ("Å", "\u212b"),  # the Ångström sign is canonically an Å
    ],
)
def test_text_key_equates_what_looks_the_same(a: str, b: str) -> None:
    assert text_key(a) == text_key(b)


def test_text_key_keeps_what_differs() -> None:
    assert text_key("Labsystem") != text_key("Lab system")
    assert text_key("Å") != text_key("A")


def test_enum_labels_in_any_unicode_form() -> None:
    assert ReadinessLevel.parse("STABSLA\u0308GE") is ReadinessLevel.STAFF
    assert ReadinessLevel.parse(" förstärkningsläge ") is ReadinessLevel.REINFORCED


# ---------------------------------------------------------------------- showing


def test_visible_leaves_no_raw_control_and_no_bidi_override() -> None:
    text = "Rad\x1b[2J\x1b[31mRÖD\x1b[0m slut\rforged\x07\x7f\x9b\u202eevil\udcff"
    shown = visible(text)
    assert not _raw_control(shown) and "\u202e" not in shown and "\udcff" not in shown
    assert shown.startswith("Rad␛[2J␛[31mRÖD␛[0m slut␍forged␇␡<U+009B><U+202E>evil")
    assert visible("a\nb\tc") == "a\nb\tc"
    assert visible("a\nb\tc", one_line=True) == "a␊b␉c"


def test_json_safe_escapes_but_keeps_the_data() -> None:
    data = {"text": "x\x1by\x7fz\x9b\u202e"}
    text = json_safe(json.dumps(data, ensure_ascii=False))
    assert not _raw_control(text) and "\u202e" not in text
    assert json.loads(text) == data


# ---------------------------------------------------------------------- dates, all of them

OFFSETS = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
    lambda m: f"{'+' if m >= 0 else '-'}{abs(m) // 60:02d}:{abs(m) % 60:02d}"
)


@given(
    day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    form=st.sampled_from(["date", "local", "offset", "z"]),
    offset=OFFSETS,
)
@settings(max_examples=1500)
def test_every_date_is_accepted_in_range_or_refused_cleanly(
    day: date, hour: int, minute: int, form: str, offset: str
) -> None:
    text = {
        "date": day.isoformat(),
        "local": f"{day.isoformat()}T{hour:02d}:{minute:02d}",
        "offset": f"{day.isoformat()}T{hour:02d}:{minute:02d}{offset}",
        "z": f"{day.isoformat()}T{hour:02d}:{minute:02d}Z",
    }[form]
    try:
        instant = parse_instant(text, NOW, "occurred")
    except ValidationError as exc:  # never OverflowError, never another exception
        assert exc.key in ("absurd_date", "ambiguous_time", "nonexistent_time")
        message = exc.message("sv")
        assert "+01:12" not in message and "\n" not in message  # no local mean time offset
        return
    assert instant.tzinfo is UTC or instant.utcoffset() == timedelta(0)
    assert 2000 <= instant.astimezone(STOCKHOLM).year <= 2100


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


@pytest.mark.parametrize("year", [2000, 2024, 2037, 2038, 2099, 2100])
def test_the_dst_edges_of_every_kind_of_year(year: int) -> None:
    spring, autumn = _last_sunday(year, 3), _last_sunday(year, 10)
    with pytest.raises(ValidationError) as err:
        parse_instant(f"{spring}T02:30", NOW, "occurred")
    assert err.value.key == "nonexistent_time"
    with pytest.raises(ValidationError) as err:
        parse_instant(f"{autumn}T02:30", NOW, "occurred")
    assert err.value.key == "ambiguous_time"
    first = parse_instant(f"{autumn}T02:30+02:00", NOW, "occurred")
    second = parse_instant(f"{autumn}T02:30+01:00", NOW, "occurred")
    assert second - first == timedelta(hours=1)
    assert parse_instant(f"{spring}T03:00", NOW, "occurred").astimezone(STOCKHOLM).utcoffset() == (
        timedelta(hours=2)
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("0001-01-01", "0001-01-01"),
        ("0001-01-02", "0001-01-02"),
        ("9999-12-31T23:59-05:00", "9999-12-31T23:59-05:00"),
        ("2100-12-31T23:30Z", "2101-01-01T00:30:00+01:00"),
        ("1999-06-01", "1999-06-01T00:00:00+02:00"),
    ],
)
def test_refused_dates_show_a_sane_offset(text: str, shown: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_instant(text, NOW, "occurred")
    assert err.value.key == "absurd_date" and err.value.params["value"] == shown


def test_the_edges_of_the_range_are_accepted() -> None:
    assert parse_instant("2000-01-01T00:00", NOW) == datetime(1999, 12, 31, 23, tzinfo=UTC)
    assert parse_instant("1999-12-31T23:30Z", NOW).year == 1999  # 00:30 on 1 Jan 2000 here
    assert parse_instant("2100-12-31T23:59", NOW) == datetime(2100, 12, 31, 22, 59, tzinfo=UTC)
