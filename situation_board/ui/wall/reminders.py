"""Reminders on the wall: a band under the banner with what nobody has acknowledged yet.

The wall never writes: it reads the reminders (``ReminderDriver(record=False)``) and shows the
unacknowledged ones of the kinds the room acts on — an overdue action, a deadline clock at 80 %
or past due, a missed supplier update, a briefing in ten minutes — until someone acknowledges
them at a workstation. News from other stations and failing sync are left to the wall's journal
list and its stale band. The band is red when something is late, amber otherwise. It is silent
unless ``wall_reminder_sound`` is on, and then beeps only for a reminder it has not shown
before, never in quiet hours.

``attach_wall`` also keeps the wall's journal right when an entry is hidden from the wall (or
shown again) after it was loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from situation_board.domain.reminders import Evaluation, Reminder, ReminderKind
from situation_board.i18n import ngettext
from situation_board.ui.controller import BoardController
from situation_board.ui.reminders import ReminderDriver
from situation_board.ui.visibility import VisibilityFollower
from situation_board.ui.wall import theme
from situation_board.ui.wall.widgets import Painted

if TYPE_CHECKING:
    from situation_board.ui.wall.view import WallView

WALL_KINDS = frozenset(
    {
        ReminderKind.ACTION_OVERDUE,
        ReminderKind.DEADLINE_WARNING,
        ReminderKind.DEADLINE_DUE,
        ReminderKind.UPDATE_MISSED,
        ReminderKind.BRIEFING_SOON,
    }
)
LINES = 2  # reminders spelled out; the rest are counted


class ReminderBand(Painted):
    """The wall's reminder band: up to two reminders in title size, then "and N more"."""

    def __init__(self, screen_height: int, parent: QWidget | None = None) -> None:
        super().__init__(screen_height, parent)
        self.setObjectName("wallReminders")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.language = "sv"
        self.reminders: tuple[Reminder, ...] = ()
        self.hide()

    @property
    def lines(self) -> list[str]:
        """The texts the band paints."""
        shown = [r.text(self.language) for r in self.reminders[:LINES]]
        more = len(self.reminders) - LINES
        if more > 0:
            shown.append(ngettext("and {0} more", "and {0} more", more).format(more))
        return shown

    @property
    def pair(self) -> str:
        return "stale_red" if any(r.kind.urgent for r in self.reminders) else "stale_amber"

    def set_reminders(self, reminders: Sequence[Reminder], language: str) -> None:
        self.reminders, self.language = tuple(reminders), language
        if not self.reminders:
            self.hide()
            return
        rows = len(self.lines)
        self.setFixedHeight(int(self.px(theme.TITLE) * theme.LINE * rows) + self.px(0.02))
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        fg, bg = (QColor(c) for c in theme.PAIRS[self.pair])
        p = QPainter(self)
        p.fillRect(self.rect(), bg)
        p.setPen(fg)
        pad = self.px(0.02)
        width = self.width() - 2 * pad
        font = self.font_px(theme.TITLE, bold=True)
        p.setFont(font)
        line = int(self.px(theme.TITLE) * theme.LINE)
        top = (self.height() - line * len(self.lines)) // 2
        metrics = QFontMetrics(font)
        for i, text in enumerate(self.lines):
            p.drawText(
                QRect(pad, top + i * line, width, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText("⚠ " + text, Qt.TextElideMode.ElideRight, width),
            )
        p.end()


class WallReminders(QObject):
    """Feeds the band from evaluations; the optional sound for reminders new to this wall."""

    def __init__(
        self,
        view: WallView,
        *,
        sound: bool,
        beep: Callable[[], None] = QApplication.beep,
    ) -> None:
        super().__init__(view)
        self.setObjectName("wallReminders")
        self.view = view
        self.sound = sound
        self.beep = beep
        self.band = ReminderBand(view.banner.screen_height)
        view.grid.insertWidget(view.grid.indexOf(view.stale) + 1, self.band)
        self._seen: set[str] = set()
        self.own_driver: ReminderDriver | None = None  # a wall of its own (not beside a window)

    def first_board(self) -> None:
        """The first evaluation once the wall has its board (then: tick and changes)."""
        if self.own_driver is not None and not self.own_driver.runs:
            self.own_driver.check()

    def show_evaluation(self, evaluation: Evaluation) -> None:
        waiting = [r for r in evaluation.unacknowledged if r.kind in WALL_KINDS]
        new = [r for r in waiting if r.key not in self._seen]
        self._seen = {r.key for r in waiting}
        self.band.set_reminders(waiting, self.view.language)
        if new and self.sound and not evaluation.quiet:
            self.beep()


def attach_wall(
    view: WallView,
    controller: BoardController,
    *,
    sound: bool,
    driver: ReminderDriver | None = None,
) -> WallReminders:
    """Reminders and later visibility changes for ``view``: from ``driver`` (the workstation's,
    when the wall opens beside it), else from a read-only driver of its own."""
    wall = WallReminders(view, sound=sound)
    if driver is None:
        wall.own_driver = ReminderDriver(controller, record=False, parent=wall)
        controller.boardLoaded.connect(wall.first_board)
        driver = wall.own_driver
    elif driver.evaluation is not None:
        wall.show_evaluation(driver.evaluation)
    driver.evaluated.connect(wall.show_evaluation)

    def reload_journal(_hidden: dict[str, bool]) -> None:
        """An entry hidden (or shown again) since it was loaded: the wall's few entries are read
        again, off the GUI thread."""
        view.load_journal()

    VisibilityFollower(controller, reload_journal, parent=wall)
    return wall
