"""The wall view: the board fullscreen, read-only, readable from across the room.

A separate view class fed by the same models as the workstation (systems, actions, journal)
through the same controller. It has no editing control and takes no focus; it repaints on
change at most twice a second, and always says how fresh its data is.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QPalette, QResizeEvent, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from situation_board.domain.changes import Topic
from situation_board.domain.entities import Board, JournalEntry
from situation_board.domain.enums import EntryCategory, SystemStatus
from situation_board.domain.freshness import Freshness, FreshnessState
from situation_board.domain.timeutil import (
    countdown,
    fmt_cldr,
    fmt_short,
    fmt_time,
    late_by,
    local,
    offset_text,
)
from situation_board.i18n import _, ngettext
from situation_board.services.describe import is_wall_significant
from situation_board.sync.status import SyncStatus
from situation_board.ui import theme as ws_theme
from situation_board.ui.controller import BoardController
from situation_board.ui.models.actions import ActionsModel, ActionsProxy
from situation_board.ui.models.systems import SystemsModel
from situation_board.ui.wall import theme
from situation_board.ui.wall.deadlines import fill_deadlines
from situation_board.ui.wall.widgets import (
    Banner,
    FreshnessLine,
    Painted,
    Segment,
    StaleBand,
    WallList,
    WallRow,
    Watermark,
    now_text,
)

MIN_REFRESH_MS = 500  # at most two repaints of the data per second
WALL_CATEGORIES = frozenset(
    {EntryCategory.DECISION, EntryCategory.SIGNIFICANT, EntryCategory.SYSTEM}
)  # what ``is_wall_significant`` can take
JOURNAL_ROWS = 12  # the latest significant entries shown (paged if they do not fit): the
# room reads the newest; older ones are in the journal on the workstations

log = logging.getLogger(__name__)


class WallView(QWidget):
    """Top-level wall window."""

    def __init__(
        self,
        controller: BoardController,
        *,
        language: str | None = None,
        page_seconds: int = 12,
        screen_height: int = 1080,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wallView")
        self.setWindowTitle(_("Situation board — wall display"))
        self.setWindowIcon(ws_theme.icon("app"))
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(theme.PAGE))
        self.setPalette(palette)
        self.controller = controller
        self.language = language or controller.language
        language = self.language
        self.board: Board | None = None
        self.freshness = FreshnessState(last_update=None, interval_s=15)
        # the same models as the workstation
        self.systems_model = SystemsModel(language, self)
        self.actions_model = ActionsModel(language, self)
        self.actions_proxy = ActionsProxy(self)
        self.actions_proxy.setSourceModel(self.actions_model)
        # the latest significant entries only: the wall reads what it shows, never the journal
        self.journal_entries: list[JournalEntry] = []
        self._journal_loading = False
        self._journal_again = False

        h = screen_height
        self.banner = Banner(h)
        self.systems_list = WallList(_("Affected systems"), page_seconds, h)
        self.actions_list = WallList(_("Open actions"), page_seconds, h)
        self.journal_list = WallList(_("Latest significant entries"), page_seconds, h)
        self.deadlines_list = WallList(_("Statutory deadlines"), page_seconds, h)
        self.deadlines_list.setObjectName("wallDeadlines")
        self.deadlines_list.hide()  # shown while a clock runs or one has been reported
        self.fresh_line = FreshnessLine(h)
        self.stale = StaleBand(h)
        self.watermark = Watermark(_("EXERCISE"), self)
        self.watermark.hide()

        top = QHBoxLayout()
        top.setSpacing(theme.px(0.01, h))
        top.addWidget(self.systems_list, 45)
        top.addWidget(self.actions_list, 55)
        self.grid = QVBoxLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(theme.px(0.01, h))
        self.grid.addWidget(self.banner)
        self.grid.addWidget(self.stale)  # under the banner: it pushes the board down, hides nothing
        inner = QVBoxLayout()
        inner.setContentsMargins(theme.px(0.01, h), 0, theme.px(0.01, h), 0)
        inner.setSpacing(theme.px(0.01, h))
        inner.addLayout(top, 64)
        bottom = QHBoxLayout()
        bottom.setSpacing(theme.px(0.01, h))
        bottom.addWidget(self.journal_list, 50)
        bottom.addWidget(self.deadlines_list, 50)
        self.bottom = bottom
        inner.addLayout(bottom, 36)
        self.grid.addLayout(inner, 1)
        self.grid.addWidget(self.fresh_line)

        self._since_refresh = QElapsedTimer()
        self._since_refresh.start()
        self.refreshes = 0
        self._limiter = QTimer(self)
        self._limiter.setObjectName("wallRefreshLimiter")
        self._limiter.setSingleShot(True)
        self._limiter.timeout.connect(self._refresh)
        self._clock = QTimer(self)
        self._clock.setObjectName("wallClock")
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.tick)
        self._clock.start()
        close = QShortcut(QKeySequence.StandardKey.Quit, self)
        close.activated.connect(self.close)
        controller.tick.connect(self._time_moved)
        controller.boardLoaded.connect(self._board_loaded)
        controller.journalReset.connect(lambda _event: self.load_journal())
        controller.journalAppended.connect(lambda _entries: self.load_journal())
        self.tick()

    # ------------------------------------------------------------------ data in

    def _board_loaded(self, board: Board) -> None:
        self.board = board
        if not self.freshness.syncing:  # a standalone board: its store is the source
            self.freshness = FreshnessState(board.as_of, self.freshness.interval_s)
        self.systems_model.set_systems(board.systems, board.as_of)
        self.actions_model.set_actions(board.actions, board.as_of)
        self._schedule()

    def load_journal(self) -> None:
        """Read the latest significant entries (off the GUI thread; one read at a time, a
        request meanwhile is served after it)."""
        if self._journal_loading:
            self._journal_again = True
            return
        self._journal_loading, self._journal_again = True, False
        service = self.controller.service
        self.controller.run_query(
            lambda: service.latest_entries(is_wall_significant, JOURNAL_ROWS, WALL_CATEGORIES),
            self._journal_loaded,
        )

    def _journal_loaded(self, entries: list[JournalEntry]) -> None:
        self._journal_loading = False
        self.journal_entries = entries
        self._schedule()
        if self._journal_again:
            self.load_journal()

    def _time_moved(self) -> None:
        """Every 30 s (the controller's tick): reload, so "overdue" and "due soon" follow the
        clock even when nothing changes — a standalone wall, or a wall during an outage."""
        self.controller.on_changes(frozenset({Topic.ACTIONS}))

    def on_sync_status(self, status: SyncStatus) -> None:
        """The sync engine's status (on the GUI thread): the data is as fresh as the last pull.
        The band gives a short reason the room understands, not the technical message."""
        if status.store is None:
            return
        self.set_freshness(replace(status.freshness(), error=self.short_reason(status)))

    def short_reason(self, status: SyncStatus) -> str | None:
        if not status.last_error:
            return None
        key = status.error_key or ""
        if key in (
            "store_unreachable",
            "store_missing",
            "store_busy",
            "store_error",
            "store_corrupt",
            "store_not_initialised",
        ):
            text = _("The shared database cannot be reached.")
        elif key in ("store_auth_failed", "store_password_missing"):
            text = _("The wall display cannot log in to the shared database.")
        elif key == "store_permission_denied":
            text = _("The wall display lacks permission in the shared database.")
        elif key in ("update_required", "store_schema_newer"):
            text = _("The program on the wall display needs to be updated.")
        else:
            text = _("Updates from the shared database fail.")
        return text + " " + _("Contact the log keeper or IT.")

    def set_freshness(self, state: FreshnessState) -> None:
        """From the sync engine: last success, interval and last error."""
        self.freshness = state
        self.tick()

    # ------------------------------------------------------------------ refresh

    def _schedule(self) -> None:
        if self._limiter.isActive():
            return
        wait = 0 if self.refreshes == 0 else max(0, MIN_REFRESH_MS - self._since_refresh.elapsed())
        self._limiter.start(wait)

    def _refresh(self) -> None:
        self._since_refresh.restart()
        self.refreshes += 1
        board = self.board
        self._fill_banner(board)
        self._fill_systems()
        self._fill_actions(board)
        self._fill_journal()
        self.watermark.setVisible(bool(board and board.event and board.event.exercise))
        self.watermark.raise_()
        self.tick()
        log.debug(
            "wall repainted %s (refresh %d)",
            "with the board" if board else "without a board",
            self.refreshes,
        )

    def tick(self) -> None:
        """Every second: the clock, the countdown and the freshness line/band."""
        now = self.controller.now()
        self.banner.clock_text = f"{local(now):%H:%M:%S}"
        # "mån 29 jan. 2024" / "Mon 29 Jan 2024": CLDR names in the UI language
        self.banner.date_text = (
            f"{fmt_cldr(now, 'EEE d MMM y', self.language)} · UTC{offset_text(now)}"
        )
        board = self.board
        if board is not None and board.event is not None:
            nb = board.next_briefing(now)  # the next occurrence, of a single briefing or a rhythm
            self.banner.next_text = (
                _("Next: {0} {1} ({2})").format(
                    nb.title, fmt_time(nb.at), countdown(nb.at - now, self.language)
                )
                if nb is not None
                else ""
            )
        self.banner.update()
        running = fill_deadlines(self.deadlines_list, board, now, self.language)  # each second
        share = 50 if running else 40  # reported clocks alone: a narrower column
        if self.bottom.stretch(1) != share:
            self.bottom.setStretch(1, share)
        self._show_freshness(now)

    def _show_freshness(self, now: datetime) -> None:
        state = self.freshness
        stamp = now_text(state.last_update) if state.last_update else "–"
        self.fresh_line.text = _("Last updated {0}").format(stamp)
        self.fresh_line.update()
        level = state.level(now)
        if level is Freshness.FRESH:
            self.stale.hide()
            return
        self.stale.pair = "stale_red" if level is Freshness.RED else "stale_amber"
        self.stale.headline = (
            _("DATA MAY BE OLD — the board shows the situation at {0} ({1})").format(
                stamp, countdown(state.last_update - now, self.language)
            )
            if state.last_update
            else _("DATA MAY BE OLD — no update received yet")
        )
        self.stale.reason = state.error or _("No successful sync. Contact the log keeper or IT.")
        self.stale.show()
        self.stale.update()

    # ------------------------------------------------------------------ rows

    def _fill_banner(self, board: Board | None) -> None:
        b = self.banner
        level = board.current_level if board else None
        if board is None or board.event is None or level is None:
            b.pair, b.icon = "level_normal", None
            b.level_text = _("NO ACTIVE EVENT")
            b.event_text = b.detail_text = b.exercise_text = ""
            b.update()
            return
        b.pair = theme.level_pair(level)
        b.icon = ws_theme.level_icon(level)
        b.level_text = level.label(self.language).upper()
        b.exercise_text = _("EXERCISE") if board.event.exercise else ""
        b.event_text = board.event.name
        d = board.level
        b.detail_text = (
            _("since {0} · decision: {1} · {2}").format(
                fmt_short(d.decided_at, self.language), d.decided_by, d.scope
            )
            if d
            else ""
        )
        b.update()

    def _fill_systems(self) -> None:
        m = self.systems_model
        now = self.board.as_of if self.board else self.controller.now()
        rows = []
        for r in range(m.rowCount()):
            s = m.system(r)
            pair = theme.status_pair(s.status)
            facts = []
            if s.reserve_routine_active:
                facts.append(_("Reserve routine active"))
            if s.prognosis_at:
                facts.append(_("Prognosis: {0}").format(fmt_short(s.prognosis_at, self.language)))
            elif s.prognosis_text:
                facts.append(_("Prognosis: {0}").format(s.prognosis_text))
            else:
                facts.append(_("No prognosis"))
            lines = [
                (
                    Segment(s.status.label(self.language).upper() + "  ", pair, True),
                    Segment(s.name, "body", True, lines=3),
                ),
                (Segment(" · ".join(facts), "muted"),),
            ]
            if s.next_update_overdue(now):
                lines.append(
                    (
                        Segment(
                            _("Promised update at {0} did not come").format(
                                fmt_time(s.next_update_at)
                            ),
                            "status_down",
                            True,
                            lines=2,
                        ),
                    )
                )
            if s.workaround:
                lines.append(
                    (
                        Segment(
                            _("Workaround: {0}").format(s.workaround),
                            "muted",
                            lines=2,
                        ),
                    )
                )
            rows.append(WallRow(lines=tuple(lines), icon=ws_theme.status_icon(s.status), key=s.id))
        down = sum(1 for r in range(m.rowCount()) if m.system(r).status is SystemStatus.DOWN)
        unknown = sum(1 for r in range(m.rowCount()) if m.system(r).status is SystemStatus.UNKNOWN)
        summary = []
        if down:
            summary.append(Segment(_("{0} down").format(down), "status_down", True))
        if unknown:
            summary.append(
                Segment(
                    ("  " if down else "") + _("{0} unknown").format(unknown),
                    "status_unknown",
                    True,
                )
            )
        self.systems_list.set_rows(rows, summary, _("No affected systems"))

    def _fill_actions(self, board: Board | None) -> None:
        """Line 1: when (and how late) and who; line 2: the whole title, in body size."""
        proxy, model = self.actions_proxy, self.actions_model
        now = board.as_of if board else self.controller.now()
        rows = []
        overdue_n = 0
        for r in range(proxy.rowCount()):
            a = model.action(proxy.mapToSource(proxy.index(r, 0)).row())
            overdue, soon = a.is_overdue(now), a.is_due_soon(now)
            overdue_n += overdue
            due = fmt_short(a.due_at, self.language) if a.due_at else "–"
            if a.due_at and local(a.due_at).date() == local(now).date():
                due = fmt_time(a.due_at)
            if overdue and a.due_at:
                when = _("OVERDUE {0} · due {1}").format(
                    late_by(now - a.due_at, self.language), due
                )
            elif soon and a.due_at:
                when = f"{due} ({countdown(a.due_at - now, self.language)})"
            else:
                when = due
            icon = (
                ws_theme.icon("overdue") if overdue else ws_theme.icon("due-soon") if soon else None
            )
            rows.append(
                WallRow(
                    lines=(
                        (Segment(f"{when}  ", "body", True), Segment(a.owner or "–", "muted")),
                        (Segment(a.title, "body", overdue, size=theme.BODY, lines=2),),
                    ),
                    icon=icon,
                    pair="overdue" if overdue else "due_soon" if soon else None,
                    key=a.id,
                )
            )
        open_text = ngettext("{0} open", "{0} open", len(rows)).format(len(rows))
        summary = [Segment(open_text, "muted", True)]
        if overdue_n:
            text = ngettext("{0} OVERDUE", "{0} OVERDUE", overdue_n).format(overdue_n)
            summary.append(Segment(" · " + text, "status_down", True))
        self.actions_list.set_rows(rows, summary, _("No open actions"))

    def _fill_journal(self) -> None:
        rows = []
        today = local(self.board.as_of if self.board else self.controller.now()).date()
        for e in reversed(self.journal_entries):
            when = fmt_short(e.occurred_at, self.language)
            if local(e.occurred_at).date() == today:
                when = fmt_time(e.occurred_at)
            rows.append(
                WallRow(
                    lines=(
                        (
                            Segment(f"{when}  ", "body", True),
                            Segment(e.text.replace("\n", " "), "body", lines=2),
                        ),
                    ),
                    icon=ws_theme.category_icon(e.category),
                    key=e.id,
                )
            )
        self.journal_list.set_rows(rows, [], _("No significant entries yet"))

    # ------------------------------------------------------------------ geometry

    def resizeEvent(self, event: QResizeEvent) -> None:
        h = max(event.size().height(), 1)
        for painted in self.findChildren(Painted):
            painted.screen_height = h
        self.banner.setFixedHeight(theme.px(0.19, h))
        self.fresh_line.setFixedHeight(
            int(theme.px(theme.META, h) * theme.LINE) + theme.px(0.01, h)
        )
        self.stale.setFixedHeight(self.stale.preferred_height())
        self.watermark.setGeometry(0, 0, event.size().width(), h)
        super().resizeEvent(event)
