"""Generated personal identity numbers for tests — valid check digits, never real people.

Birth years 2090–2099 (nobody has them yet) or the day plus 60 (samordningsnummer); the last
digit is the Luhn check digit over the ten digits YYMMDDNNN, as Skatteverket computes it.
"""

from __future__ import annotations


def luhn_digit(nine: str) -> str:
    """The check digit that makes ``nine`` + digit pass the Luhn test."""
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def personnummer(
    year: int = 2095,
    month: int = 6,
    day: int = 15,
    serial: int = 123,
    *,
    long: bool = True,
    samordning: bool = False,
) -> str:
    """``YYYYMMDD-NNNC`` (or ``YYMMDD-NNNC``) with a valid check digit; ``year`` 2090–2099."""
    assert 2090 <= year <= 2099, "only years nobody is born in yet"
    dd = day + 60 if samordning else day
    nine = f"{year % 100:02d}{month:02d}{dd:02d}{serial:03d}"
    number = f"{nine[:6]}-{nine[6:]}{luhn_digit(nine)}"
    return f"{year // 100}{number}" if long else number
