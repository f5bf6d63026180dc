"""The wall theme: every text/background pair reaches WCAG AAA contrast (7:1)."""

from __future__ import annotations

import pytest

from situation_board.domain.enums import ReadinessLevel, SystemStatus
from situation_board.ui.wall import theme


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("name", "pair"), sorted(theme.PAIRS.items()))
def test_every_pair_is_aaa(name: str, pair: tuple[str, str]) -> None:
    assert contrast(*pair) >= 7.0, name


def test_every_level_and_status_has_a_pair() -> None:
    for level in ReadinessLevel:
        assert theme.level_pair(level) in theme.PAIRS
    for status in SystemStatus:
        assert theme.status_pair(status) in theme.PAIRS


def test_sizes() -> None:
    assert theme.META >= 0.022 and theme.BODY >= 0.022 and theme.LEVEL >= 0.06
    assert theme.px(theme.META, 1080) >= 0.022 * 1080
