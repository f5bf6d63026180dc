"""Hybrid logical clock (DESIGN §4): 48-bit wall milliseconds + 16-bit counter.

A stamp is encoded as 16 hex digits followed by ``/`` and the site id, so that plain string
comparison orders stamps by (physical ms, counter, site id): last writer wins by (HLC, site id).
The clock never goes backwards: ``tick`` takes the max of the persisted state and the wall clock.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_COUNTER = 0xFFFF
MAX_MS = (1 << 48) - 1
CLOCK_WARNING_MS = 5 * 60 * 1000  # a remote stamp this far ahead of local time is suspicious


@dataclass(frozen=True, slots=True, order=True)
class Hlc:
    """One HLC value (without the site id)."""

    ms: int
    counter: int = 0

    def __post_init__(self) -> None:
        if not (0 <= self.ms <= MAX_MS and 0 <= self.counter <= MAX_COUNTER):
            raise ValueError(f"HLC out of range: {self.ms}/{self.counter}")

    def stamp(self, site_id: str) -> str:
        """The sortable text form ``<12 hex ms><4 hex counter>/<site id>``."""
        return f"{self.ms:012x}{self.counter:04x}/{site_id}"

    @staticmethod
    def parse(stamp: str) -> tuple[Hlc, str]:
        """Split a stamp into its HLC and site id."""
        head, _, site = stamp.partition("/")
        if len(head) != 16:
            raise ValueError(f"bad HLC stamp: {stamp!r}")
        return Hlc(int(head[:12], 16), int(head[12:], 16)), site


def _advance(ms: int, counter: int) -> Hlc:
    if counter > MAX_COUNTER:  # 65,536 events in one millisecond: borrow the next millisecond
        return Hlc(ms + 1, 0)
    return Hlc(ms, counter)


def tick(prev: Hlc, wall_ms: int) -> Hlc:
    """The stamp for a local event: strictly greater than ``prev``, close to the wall clock."""
    if wall_ms > prev.ms:
        return Hlc(wall_ms, 0)
    return _advance(prev.ms, prev.counter + 1)


def receive(prev: Hlc, remote: Hlc, wall_ms: int) -> Hlc:
    """The clock after seeing a remote stamp: greater than both ``prev`` and ``remote``."""
    top = max(prev.ms, remote.ms, wall_ms)
    if top == prev.ms == remote.ms:
        return _advance(top, max(prev.counter, remote.counter) + 1)
    if top == prev.ms:
        return _advance(top, prev.counter + 1)
    if top == remote.ms:
        return _advance(top, remote.counter + 1)
    return Hlc(top, 0)


def is_far_ahead(remote: Hlc, wall_ms: int) -> bool:
    """True when a remote stamp is more than 5 min ahead of local time (clock warning)."""
    return remote.ms - wall_ms > CLOCK_WARNING_MS
