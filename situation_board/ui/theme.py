"""Colours, icons and fonts shared by the workstation and the wall view.

Colour is never the only signal: every status and level also has an icon and a text.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QIcon

from situation_board import palette
from situation_board.domain.enums import EntryCategory, ReadinessLevel, SystemStatus
from situation_board.resources import resource

# (background, foreground) of the level banner, from the one palette
LEVEL_COLOURS: dict[ReadinessLevel, tuple[str, str]] = {
    level: (bg, fg) for level, (fg, bg) in palette.LEVEL.items()
}
STATUS_COLOURS: dict[SystemStatus, str] = palette.STATUS_ON_LIGHT
OVERDUE_FG, OVERDUE_BG = palette.OVERDUE
DUE_SOON_FG, DUE_SOON_BG = palette.DUE_SOON
CLOSED_FG = palette.CLOSED
CORRECTED_FG = palette.CLOSED
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
