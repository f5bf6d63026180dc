"""UUIDv7 identifiers made locally (RFC 9562): 48-bit Unix milliseconds, then random bits.

Ids sort by creation time, need no round trip, and never collide between stations in practice.
Within one process, ids made in the same millisecond stay strictly increasing (a 12-bit counter in
``rand_a``, as RFC 9562 §6.2 method 1 allows).
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7(ms: int | None = None) -> str:
    """A new UUIDv7 as a lower-case string."""
    global _last_ms, _counter  # noqa: PLW0603 - process-wide monotonic state
    if ms is not None:  # an explicit time (tests, replays): no monotonic adjustment
        return _compose(ms, int.from_bytes(os.urandom(2), "big") & 0xFFF)
    with _lock:
        now = int(time.time() * 1000)
        if now <= _last_ms:
            now = _last_ms
            _counter += 1
            if _counter > 0xFFF:
                now += 1
                _counter = 0
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last_ms = now
        counter = _counter
    return _compose(now, counter)


def _compose(ms: int, counter: int) -> str:
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


def short_id(full: str) -> str:
    """The last 8 hex digits: random, so short ids of things made together still differ."""
    return full.replace("-", "")[-8:]
