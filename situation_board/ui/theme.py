"""Colours, icons and fonts shared by the workstation and the wall view.

Colour is never the only signal: every status and level also has an icon and a text.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QIcon

from situation_board.domain.enums import EntryCategory, ReadinessLevel, SystemStatus
from situation_board.resources import resource

# (background, foreground) of the level banner
LEVEL_COLOURS: dict[ReadinessLevel, tuple[str, str]] = {
    ReadinessLevel.NORMAL: ("#e9ecef", "#111111"),
    ReadinessLevel.STAFF: ("#ffd60a", "#111111"),
    ReadinessLevel.REINFORCED: ("#ff8c1a", "#111111"),
    ReadinessLevel.DISASTER: ("#b00020", "#ffffff"),
}

STATUS_COLOURS: dict[SystemStatus, str] = {
    SystemStatus.FUNCTIONAL: "#1b7f3b",
    SystemStatus.LIMITED: "#8a6100",
    SystemStatus.DOWN: "#c1121f",
    SystemStatus.UNKNOWN: "#4a545e",
}

OVERDUE_BG = "#fde2e4"
OVERDUE_FG = "#9b0d18"
DUE_SOON_BG = "#fff3cd"
DUE_SOON_FG = "#5c4400"
CLOSED_FG = "#6c757d"
CORRECTED_FG = "#6c757d"
SYSTEM_ENTRY_FG = "#56606b"  # entries the program wrote: quieter, still 6.4:1 on white


@cache
def icon(name: str) -> QIcon:
    """An icon from ``resources/icons/<name>.svg``."""
    return QIcon(str(resource("icons", f"{name}.svg")))


def status_icon(status: SystemStatus) -> QIcon:
    return icon(f"status-{status.value}")


def level_icon(level: ReadinessLevel) -> QIcon:
    return icon(f"level-{level.value}")


def category_icon(category: EntryCategory) -> QIcon:
    return icon(f"cat-{category.value}")


def colour(hex_: str) -> QColor:
    return QColor(hex_)
