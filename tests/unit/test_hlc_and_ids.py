"""Hybrid logical clock and UUIDv7: ordering guarantees the sync layer relies on."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from situation_board.domain.hlc import MAX_COUNTER, Hlc, is_far_ahead, receive, tick
from situation_board.domain.ids import short_id, uuid7

SITE_A = "01890000-0000-7000-8000-00000000000a"
SITE_B = "01890000-0000-7000-8000-00000000000b"


def test_tick_follows_wall_clock_and_never_goes_back() -> None:
    h = tick(Hlc(0), 1_000)
    assert h == Hlc(1_000, 0)
    back = tick(h, 500)  # the wall clock jumped backwards
    assert back > h and back == Hlc(1_000, 1)
    assert tick(back, 2_000) == Hlc(2_000, 0)


def test_counter_overflow_borrows_next_millisecond() -> None:
    assert tick(Hlc(5, MAX_COUNTER), 0) == Hlc(6, 0)


def test_receive_is_greater_than_both() -> None:
    local, remote = Hlc(1_000, 3), Hlc(1_000, 7)
    after = receive(local, remote, 900)
    assert after > local and after > remote
    assert receive(Hlc(10), Hlc(5), 20) == Hlc(20, 0)
    assert receive(Hlc(30, 2), Hlc(5), 20) == Hlc(30, 3)


def test_stamp_text_orders_like_hlc_then_site() -> None:
    a, b = Hlc(1_000, 2).stamp(SITE_B), Hlc(1_000, 10).stamp(SITE_A)
    assert a < b
    assert Hlc(1_000, 2).stamp(SITE_A) < Hlc(1_000, 2).stamp(SITE_B)
    assert Hlc.parse(a) == (Hlc(1_000, 2), SITE_B)


@given(st.lists(st.integers(min_value=0, max_value=2**47), min_size=1, max_size=200))
def test_ticks_are_strictly_increasing_whatever_the_wall_clock_does(walls: list[int]) -> None:
    h = Hlc(0)
    stamps = []
    for wall in walls:
        h = tick(h, wall)
        stamps.append(h.stamp(SITE_A))
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


@given(
    st.tuples(st.integers(0, 2**47), st.integers(0, MAX_COUNTER - 1)),
    st.tuples(st.integers(0, 2**47), st.integers(0, MAX_COUNTER - 1)),
    st.integers(0, 2**47),
)
def test_receive_property(local: tuple[int, int], remote: tuple[int, int], wall: int) -> None:
    lo, re_ = Hlc(*local), Hlc(*remote)
    after = receive(lo, re_, wall)
    assert after > lo and after > re_ and after.ms >= wall


def test_far_ahead_warning() -> None:
    assert is_far_ahead(Hlc(10 * 60_000), 0)
    assert not is_far_ahead(Hlc(4 * 60_000), 0)


def test_uuid7_shape_and_order() -> None:
    ids = [uuid7() for _ in range(2000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    parsed = uuid.UUID(ids[0])
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert uuid7(ms=1_700_000_000_000).startswith("018bcfe5-6800")
    assert len(short_id(ids[0])) == 8
