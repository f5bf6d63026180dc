"""Time rules: instants are stored in UTC and shown in Europe/Stockholm with their offset.

Parsing accepts ISO 8601 with an offset (``2024-01-29T16:00+01:00``, ``...Z``), a local date-time
without one (read as Stockholm time, refused when it falls in the repeated or the skipped hour of a
DST change), a bare date (local midnight) and a bare ``HH:MM`` (today, local). Instants outside
2000–2100 are refused as absurd.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from situation_board.domain.errors import ValidationError
from situation_board.i18n import locale_of, translations

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MIN_YEAR = 2000
MAX_YEAR = 2100

_HHMM = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def utc(dt: datetime) -> datetime:
    """The same instant in UTC; a naive value is refused (a programming error, not user input)."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise TypeError("naive datetime")
    return dt.astimezone(UTC)


def local(dt: datetime) -> datetime:
    """The instant in Europe/Stockholm."""
    return utc(dt).astimezone(STOCKHOLM)


def check_sane(dt: datetime, field: str = "time") -> datetime:
    """Refuse instants outside 2000–2100, local time (typos such as 20224 or 1924).

    Safe at the very edges of ``datetime`` (year 1, year 9999): the UTC year is checked first,
    so no conversion can overflow, and the refused value is shown with a real offset (UTC, or
    Stockholm's +01:00/+02:00 — never a local mean time like +01:12:12).
    """
    try:
        instant = utc(dt)
    except OverflowError:  # e.g. 9999-12-31T23:00-05:00 has no UTC datetime
        raise ValidationError("absurd_date", field=field, value=dt.isoformat()) from None
    if not MIN_YEAR - 1 <= instant.year <= MAX_YEAR + 1:
        raise ValidationError("absurd_date", field=field, value=instant.isoformat())
    if not MIN_YEAR <= local(instant).year <= MAX_YEAR:
        raise ValidationError("absurd_date", field=field, value=local(instant).isoformat())
    return dt


def _typed_year_ok(parsed: datetime | date, raw: str, field: str) -> None:
    """Refuse a typed year far outside 2000–2100 before any time-zone arithmetic (which overflows
    at year 1 and 9999), showing the value as typed; a year next to the range is decided by
    ``check_sane`` on the local time (1999-12-31T23:30Z is 00:30 on 1 January 2000 here)."""
    if not MIN_YEAR - 1 <= parsed.year <= MAX_YEAR + 1:
        raise ValidationError("absurd_date", field=field, value=raw)


def from_local(naive: datetime, field: str = "time") -> datetime:
    """Interpret a naive wall-clock time in Stockholm; refuse the repeated or the skipped hour."""
    first = naive.replace(tzinfo=STOCKHOLM, fold=0)
    roundtrip = first.astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None)
    if roundtrip != naive:
        raise ValidationError("nonexistent_time", field=field, value=naive.isoformat(sep=" "))
    if first.utcoffset() != naive.replace(tzinfo=STOCKHOLM, fold=1).utcoffset():
        raise ValidationError("ambiguous_time", field=field, value=naive.isoformat(sep=" "))
    return first.astimezone(UTC)


def parse_instant(text: str, now: datetime, field: str = "time") -> datetime:
    """Parse user input into an aware UTC instant (see module docstring); ValidationError if not.

    Every input gives an instant in 2000–2100 or a ``ValidationError`` — ``bad_time``,
    ``absurd_date`` (also at the edges of the calendar, year 1 and 9999), ``ambiguous_time`` or
    ``nonexistent_time`` (the DST changes) — never another exception.
    """
    raw = text.strip()
    if not raw:
        raise ValidationError("empty_time", field=field)
    match = _HHMM.match(raw)
    try:
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            naive = datetime.combine(local(now).date(), time(hour, minute))
            return check_sane(from_local(naive, field), field)
        iso = raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw
        if len(iso) == 10:
            day = date.fromisoformat(iso)
            _typed_year_ok(day, raw, field)
            return check_sane(from_local(datetime.combine(day, time(0, 0)), field), field)
        parsed = datetime.fromisoformat(iso)
        _typed_year_ok(parsed, raw, field)
        if parsed.tzinfo is None:
            return check_sane(from_local(parsed, field), field)
        return check_sane(utc(parsed), field)
    except (ValueError, OverflowError):
        raise ValidationError("bad_time", field=field, value=raw) from None


def iso(dt: datetime | None) -> str | None:
    """ISO 8601 in Stockholm time with its offset, to the second (the JSON format)."""
    if dt is None:
        return None
    return local(dt).isoformat(timespec="seconds")


def offset_text(dt: datetime) -> str:
    """The UTC offset as ``+01:00`` (the repeated October hour stays unambiguous)."""
    off = local(dt).utcoffset() or timedelta(0)
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def fmt_datetime(dt: datetime | None, *, with_offset: bool = True) -> str:
    """``2024-01-22 14:05 +01:00``: 24-hour Swedish format."""
    if dt is None:
        return ""
    text = local(dt).strftime("%Y-%m-%d %H:%M")
    return f"{text} {offset_text(dt)}" if with_offset else text


def fmt_cldr(dt: datetime, pattern: str, language: str) -> str:
    """``dt`` in Stockholm time formatted with a CLDR ``pattern`` (``"d MMM"``, ``"EEEE d MMMM"``)
    in the UI ``language``: month and weekday names from Babel's CLDR data, not hand-written."""
    from babel.dates import format_datetime  # noqa: PLC0415 - Babel's locale data only when used

    return str(format_datetime(local(dt), pattern, tzinfo=STOCKHOLM, locale=locale_of(language)))


def fmt_short(dt: datetime | None, language: str = "sv") -> str:
    """``22 jan. 14:05`` (``22 Jan 14:05`` in English, CLDR month names); the offset is added in
    the repeated October hour, where the wall-clock time alone is ambiguous."""
    if dt is None:
        return ""
    text = f"{fmt_cldr(dt, 'd MMM', language)} {local(dt):%H:%M}"
    return f"{text} {offset_text(dt)}" if is_ambiguous_local(dt) else text


def fmt_day(dt: datetime, language: str = "sv", *, weekday: str = "EEE") -> str:
    """The local date with its weekday: ``mån 29 jan.`` / ``Mon 29 Jan`` (CLDR names)."""
    return fmt_cldr(dt, f"{weekday} d MMM", language)


def is_ambiguous_local(dt: datetime) -> bool:
    """True when the local wall-clock time of ``dt`` occurs twice (the October repeated hour)."""
    naive = local(dt).replace(tzinfo=None)
    return (
        naive.replace(tzinfo=STOCKHOLM, fold=0).utcoffset()
        != naive.replace(tzinfo=STOCKHOLM, fold=1).utcoffset()
    )


def fmt_table(dt: datetime | None, now: datetime, language: str = "sv") -> str:
    """Compact form for tables: ``14:05`` today, ``22 jan. 14:05`` otherwise; the offset is added
    whenever the local time is ambiguous (the repeated hour), so no row is ever ambiguous."""
    if dt is None:
        return ""
    return fmt_time(dt) if local(dt).date() == local(now).date() else fmt_short(dt, language)


def fmt_time(dt: datetime | None) -> str:
    """``14:05`` (with the offset in the repeated October hour)."""
    if dt is None:
        return ""
    text = f"{local(dt):%H:%M}"
    return f"{text} {offset_text(dt)}" if is_ambiguous_local(dt) else text


_TIME_SHAPED = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}|^\d{1,2}[:.]\d{2}$")


def looks_like_time(text: str) -> bool:
    """True for input shaped like a date or a clock time (so a typo in it is an error, not text)."""
    return bool(_TIME_SHAPED.match(text.strip()))


def prefill_time(dt: datetime | None) -> str:
    """An instant as an edit field shows it: ``2024-01-29 16:00``, with the offset when the local
    time is ambiguous (so saving the field unchanged reads back the same instant)."""
    if dt is None:
        return ""
    return fmt_datetime(dt, with_offset=is_ambiguous_local(dt))


def countdown(delta: timedelta, language: str) -> str:
    """``om 1 h 05 min`` / ``in 1 h 05 min``; ``för 5 min sedan`` when past (``delta``: time
    until the moment, negative when it has passed)."""
    t = translations(language)
    seconds = int(delta.total_seconds())
    past = seconds < 0
    minutes = abs(seconds) // 60
    if minutes == 0:
        return t.gettext("just now") if past else t.gettext("in less than a minute")
    hours, mins = divmod(minutes, 60)
    text = f"{hours} h {mins:02d} min" if hours else f"{mins} min"
    return (t.gettext("{0} ago") if past else t.gettext("in {0}")).format(text)


def late_by(delta: timedelta, language: str) -> str:
    """How late something is: ``1 h 05 min`` (``< 1 min`` just after)."""
    minutes = max(0, int(delta.total_seconds()) // 60)
    hours, mins = divmod(minutes, 60)
    if not minutes:
        return "< 1 min"
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


def wall_instant(naive: datetime) -> datetime:
    """The instant (aware UTC) of a Stockholm wall-clock time computed by calendar arithmetic
    ("the same time one month later", "every day at 08:00"): a time in the skipped March hour
    moves forward by the gap (02:30 → 03:30 +02:00, the same instant as 02:30 +01:00); a time in
    the repeated October hour is its first occurrence (+02:00), the earlier of the two."""
    return naive.replace(tzinfo=STOCKHOLM, fold=0).astimezone(UTC)


def add_months(instant: datetime, months: int) -> datetime:
    """``months`` calendar months after ``instant`` in Stockholm time, at the same wall-clock
    time (the day clamped to the month's last: 31 Jan + 1 month = 29 Feb in a leap year).
    Across a DST change the result is the same local time, so one hour more or less than a
    whole number of days (see ``wall_instant`` for the skipped and the repeated hour)."""
    here = local(instant)
    index = here.year * 12 + here.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    naive = here.replace(tzinfo=None, year=year, month=month, day=min(here.day, last))
    return wall_instant(naive)
