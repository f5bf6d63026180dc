"""The wall theme: every text/background pair the wall paints, and sizes relative to the screen.

Only these pairs are used for text on the wall, and a test computes each pair's WCAG contrast
ratio (≥ 7:1, AAA). Sizes are fractions of the screen height, so the board reads the same from
5 m on 1920×1080 and 3840×2160: body text ≥ 2.2 %, the level ≥ 6 %.
"""

from __future__ import annotations

from situation_board import palette
from situation_board.domain.enums import ReadinessLevel, SystemStatus

PAGE = "#0b0f14"
PANEL = "#151b23"

# name -> (text colour, background colour)
PAIRS: dict[str, tuple[str, str]] = {
    "title": ("#ffffff", PAGE),
    "body": ("#ffffff", PANEL),
    "muted": ("#dfe5ec", PANEL),
    **{f"status_{s.value}": (colour, PANEL) for s, colour in palette.STATUS_ON_DARK.items()},
    "overdue": palette.OVERDUE_STRONG,
    "due_soon": palette.DUE_SOON_STRONG,
    **{f"deadline_{u.value}": pair for u, pair in palette.URGENCY.items()},
    **{f"level_{level.value}": pair for level, pair in palette.LEVEL.items()},
    "exercise_tag": palette.EXERCISE,
    "fresh": ("#c8d0d8", PAGE),
    "stale_amber": palette.DUE_SOON_STRONG,
    "stale_red": palette.OVERDUE_STRONG,
}

# The diagonal ÖVNING watermark is decoration behind the content, not text to read: the banner
# carries the readable "ÖVNING" (pair ``exercise_tag``).
WATERMARK = "#ffffff"
WATERMARK_ALPHA = 28

# font pixel sizes as fractions of the screen height
LEVEL = 0.072
LEVEL_MIN = 0.06  # a long level word may shrink to fit, never below this
CLOCK = 0.058
EVENT = 0.034
TITLE = 0.032
BODY = 0.028
META = 0.025  # the smallest text on the wall (≥ 2.2 %)
LINE = 1.32  # line height / font size


def level_pair(level: ReadinessLevel) -> str:
    return f"level_{level.value}"


def status_pair(status: SystemStatus) -> str:
    return f"status_{status.value}"


def px(fraction: float, screen_height: int) -> int:
    """A size in pixels, rounded up so minimums always hold."""
    return max(1, -int(-fraction * screen_height // 1))
