"""Validation rules shared by the window and the CLI.

Every rule raises ``ValidationError`` with a message key; nothing is written before all rules pass.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TypeVar

from situation_board.domain.enums import Labelled
from situation_board.domain.errors import ValidationError
from situation_board.domain.patches import Prognosis
from situation_board.domain.text import codepoint, first_refused, normalise, visible
from situation_board.domain.timeutil import looks_like_time, parse_instant

MAX_TEXT = 4000
MAX_NAME = 200
FUTURE_TOLERANCE = timedelta(minutes=5)
STATION_CODE = re.compile(r"^[A-ZÅÄÖ0-9]{1,6}$")

E = TypeVar("E", bound=Labelled)

# Swedish personal identity number: (YY)YYMMDD, optional - or +, four digits; the last is a Luhn
# check digit. Samordningsnummer add 60 to the day. A match only flags the text for the user.
_PNR = re.compile(r"(?<!\d)(?:19|20)?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)")


def clean_text(value: str | None, field: str, *, one_line: bool = False) -> str:
    """Text at the boundary (``domain.text``): line breaks normalised, Unicode NFC, stripped;
    ``one_line`` turns line breaks and tabs into single spaces (names, titles, parties).

    A control character other than newline and tab is refused, not removed
    (``control_character``, naming it and its position), and so is a lone surrogate — the
    undecodable bytes of a command-line argument (``not_utf8``). Both faces get this through
    ``require_text``/``optional_text``.
    """
    text = normalise(value or "", one_line=one_line)
    index = first_refused(text)  # before stripping: str.strip() would drop \x0c, \x1c…
    if index is not None:
        ch = text[index]
        if 0xD800 <= ord(ch) <= 0xDFFF:
            raise ValidationError("not_utf8", field=field)
        raise ValidationError(
            "control_character", field=field, char=codepoint(ch), position=index + 1
        )
    return text.strip()


def require_text(
    value: str | None, field: str, *, limit: int = MAX_TEXT, patient_check: bool = True
) -> str:
    """The clean text (``clean_text``); refuses empty, whitespace-only and overlong values, and
    text that looks like a personnummer (patient data does not belong on the board; the journal
    has its own confirm-and-hide path and passes ``patient_check=False``). A ``limit`` of
    ``MAX_NAME`` or less makes it a one-line field."""
    text = clean_text(value, field, one_line=limit <= MAX_NAME)
    if not text:
        raise ValidationError("empty_text", field=field)
    return optional_text(text, field, limit=limit, patient_check=patient_check)


def optional_text(
    value: str | None, field: str, *, limit: int = MAX_TEXT, patient_check: bool = True
) -> str:
    """The clean text (``clean_text``) or ``""``; refuses overlong values and personnummer-like
    text. A ``limit`` of ``MAX_NAME`` or less makes it a one-line field."""
    text = clean_text(value, field, one_line=limit <= MAX_NAME)
    if len(text) > limit:
        raise ValidationError("text_too_long", field=field, limit=limit)
    if patient_check and looks_like_personnummer(text):
        raise ValidationError("personnummer_field", field=field)
    return text


NO_PROGNOSIS = frozenset({"", "ingen", "ingen prognos", "none", "no prognosis", "-", "–", "—"})
"""What a user types for "there is no prognosis" (casefolded)."""


def parse_prognosis(text: str, now: datetime) -> Prognosis:
    """A system's prognosis from what a user typed: an instant (``25/1 12:00`` forms of
    ``timeutil.parse_instant``), words ("de närmsta dagarna"), or ``NO_PROGNOSIS``.

    ``now`` (aware UTC) resolves a bare ``HH:MM``. Input shaped like a time that is not one
    ("2024-13-45"), an absurd date and the repeated or skipped DST hour raise ``ValidationError``
    (a typo in a time is not a prognosis in words). Text limits and the personnummer check apply.
    """
    stripped = optional_text(text, "prognosis")
    if stripped.casefold() in NO_PROGNOSIS:
        return Prognosis()
    try:
        return Prognosis(at=parse_instant(stripped, now, "prognosis"))
    except ValidationError as exc:
        if exc.key in ("absurd_date", "ambiguous_time", "nonexistent_time"):
            raise
        if looks_like_time(stripped):
            raise
    return Prognosis(text=stripped)


def parse_enum(cls: type[E], value: str | E, field: str) -> E:
    """An enum member from its code name or label; a clear error listing the choices otherwise."""
    if isinstance(value, cls):
        return value
    try:
        return cls.parse(str(value))
    except ValueError:
        raise ValidationError(
            "unknown_choice", field=field, value=str(value), choices=cls
        ) from None


def not_in_future(when: datetime, now: datetime, field: str) -> datetime:
    """Refuse a time that has not happened yet (a small tolerance absorbs clock differences)."""
    if when > now + FUTURE_TOLERANCE:
        raise ValidationError("time_in_future", field=field)
    return when


def station_code(value: str) -> str:
    """A station code: 1–6 upper-case letters or digits, e.g. ``V1``."""
    code = normalise(value, one_line=True).strip().upper()
    if not STATION_CODE.match(code):
        raise ValidationError("bad_station_code", value=visible(value, one_line=True))
    return code


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def looks_like_personnummer(text: str) -> bool:
    """True when the text contains something shaped like a valid personnummer/samordningsnummer."""
    for m in _PNR.finditer(text):
        yy, mm, dd, tail = m.groups()
        day = int(dd) - 60 if int(dd) > 60 else int(dd)
        if 1 <= int(mm) <= 12 and 1 <= day <= 31 and _luhn_ok(yy + mm + dd + tail):
            return True
    return False
