"""The one palette: the colours of the readiness levels, system statuses and overdue/due-soon
marks, for the workstation window, the wall and the printed documents alike.

Colour is never the only signal (every level and status also has an icon and a word). Pairs are
(text, background); the wall's dark panels need lighter status colours than paper and the
window's white tables, so status colours come in two surfaces, chosen for contrast: at least
4.5:1 on white and 7:1 on the wall's panel (``tests/unit/test_wall_theme.py`` checks the wall).
This module is a bottom layer (no Qt, nothing of the program): anything may import it.
"""

from __future__ import annotations

from situation_board.domain.enums import ReadinessLevel, SystemStatus, Urgency

LEVEL: dict[ReadinessLevel, tuple[str, str]] = {  # (text, background) of the level banner
    ReadinessLevel.NORMAL: ("#111111", "#e9ecef"),
    ReadinessLevel.STAFF: ("#111111", "#ffd60a"),
    ReadinessLevel.REINFORCED: ("#111111", "#ff8c1a"),
    ReadinessLevel.DISASTER: ("#ffffff", "#9b0018"),
}

STATUS_ON_LIGHT: dict[SystemStatus, str] = {  # text on white: the window and paper
    SystemStatus.FUNCTIONAL: "#1b7f3b",
    SystemStatus.LIMITED: "#8a6100",
    SystemStatus.DOWN: "#c1121f",
    SystemStatus.UNKNOWN: "#4a545e",
}

STATUS_ON_DARK: dict[SystemStatus, str] = {  # text on the wall's dark panel
    SystemStatus.FUNCTIONAL: "#4ade80",
    SystemStatus.LIMITED: "#fbbf24",
    SystemStatus.DOWN: "#ff8a8a",
    SystemStatus.UNKNOWN: "#cbd5e1",
}

OVERDUE = ("#9b0d18", "#fde2e4")  # (text, background) on light surfaces
OVERDUE_STRONG = ("#ffffff", "#8b0016")  # white on deep red: the wall, the exercise-free alarm
DUE_SOON = ("#5c4400", "#fff3cd")
DUE_SOON_STRONG = ("#111111", "#fbbf24")
EXERCISE = ("#ffffff", "#4c1d95")  # ÖVNING: violet, never confused with a level colour
MUTED = "#555555"  # secondary text on white (7.5:1)
CLOSED = "#6c757d"
RULE = "#999999"


def level_colours(level: ReadinessLevel) -> tuple[str, str]:
    """(text, background) of ``level``."""
    return LEVEL[level]


# Deadline clocks (lagstadgade frister): warnings at 50 % and 80 % of the time, red after it
# (``domain.deadlines.urgency``). The same (text, background) pairs in the window, on the wall
# and on paper — yellow, orange, deep red — each with its own icon and words beside it.
URGENCY: dict[Urgency, tuple[str, str]] = {
    Urgency.WARNING: ("#111111", "#fde047"),
    Urgency.URGENT: ("#111111", "#fb923c"),
    Urgency.OVERDUE: OVERDUE_STRONG,
}
