"""The window's link to the services: loads snapshots off-thread and runs commands.

Panels never touch the store: they call ``execute`` (a write through ``Ops``) and listen to
``boardLoaded`` (level, systems, actions, deadlines, briefings — small) and to ``journalReset`` /
``journalAppended``. The journal can hold 1,000,000 entries, so it is never loaded whole: the
journal panel reads pages through the controller (``journal_page``, ``journal_count``,
``entry_detail``, run off-thread by ``run_query``), ``journalReset`` says the active event changed
(read from the first page again) and ``journalAppended`` hands over the entries stored since
(by rowid: local writes and synced ones). A change set on the bus triggers only the loads it
concerns; loads already in flight coalesce.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from situation_board.app import logs
from situation_board.app.context import AppContext
from situation_board.domain.changes import EVERYTHING, ChangeSet, Outcome, Topic
from situation_board.domain.clock import Clock
from situation_board.domain.entities import Actor, Board, JournalEntry
from situation_board.domain.errors import BoardError, NoActiveEventError
from situation_board.domain.journal_view import JournalFilter, JournalKey, JournalRow
from situation_board.services import BoardService
from situation_board.ui.bus import ChangeBus
from situation_board.ui.ops import Ops

BOARD_TOPICS = EVERYTHING - {Topic.JOURNAL, Topic.CONFLICTS}
JOURNAL_TOPICS = frozenset({Topic.JOURNAL, Topic.EVENTS, Topic.STATION})
log = logging.getLogger(__name__)


class BoardController(QObject):
    """Owns the service, the operation helper and the latest snapshots."""

    boardLoaded = Signal(object)  # Board (without journal)
    journalReset = Signal(object)  # the active event's id (or None): read the journal anew
    journalAppended = Signal(object)  # list[JournalEntry]: stored since the last load
    failed = Signal(str)  # a message for the status bar
    tick = Signal()  # every 30 s: "now" moved (overdue, due soon, countdowns)

    def __init__(self, ctx: AppContext, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service: BoardService = ctx.services()
        self.bus = bus
        self.language = ctx.language
        self.ops = Ops(self)
        self.board: Board | None = None
        self._event_id: str | None = None
        self._rowid = 0
        self._loading = {"board": False, "journal": False}
        self._dirty = {"board": False, "journal": False}
        bus.changed.connect(self.on_changes)
        self._tick = QTimer(self)
        self._tick.setObjectName("overdueTick")
        self._tick.setInterval(30_000)
        self._tick.timeout.connect(self.tick)
        self._tick.start()

    # ------------------------------------------------------------------ identity

    def set_actor(self, actor: Actor) -> None:
        """Record as ``actor`` from now on (the identity dialog)."""
        self.ctx.set_actor(actor)

    @property
    def actor(self) -> Actor:
        """Who records on this station."""
        return self.service.actor

    @property
    def clock(self) -> Clock:
        """The injected clock (the app context's)."""
        return self.ctx.clock

    def now(self) -> datetime:
        """Now, from the injected clock (aware UTC)."""
        return self.ctx.clock()

    # ------------------------------------------------------------------ loading

    def start(self) -> None:
        """Load everything (first show, F5)."""
        self.on_changes(EVERYTHING)

    def on_changes(self, changes: ChangeSet) -> None:
        """Reload what ``changes`` concerns (loads in flight coalesce)."""
        if changes & BOARD_TOPICS:
            self._load("board")
        if changes & JOURNAL_TOPICS:
            self._load("journal")

    def _load(self, what: str) -> None:
        if self._loading[what]:
            self._dirty[what] = True
            return
        self._loading[what] = True
        self._dirty[what] = False
        if what == "board":
            self.ops.run(
                lambda: self.service.board(with_journal=False),
                on_done=self._board_done,
                on_error=lambda exc: self._load_failed("board", exc),
            )
        else:
            self.ops.run(
                self._fetch_journal,
                on_done=self._journal_done,
                on_error=lambda exc: self._load_failed("journal", exc),
            )

    def _fetch_journal(self) -> tuple[str | None, int, list[JournalEntry] | None]:
        """Worker side: the active event's entries stored after the last rowid; when the active
        event changed, only where the journal ends now (``None``: read it anew, page by page)."""
        try:
            event_id = self.service.find_event().id
        except (NoActiveEventError, BoardError):
            return None, 0, None
        if event_id != self._event_id:
            return event_id, self.service.journal_watermark(), None
        try:
            last, entries = self.service.journal_after(self._rowid)
        except NoActiveEventError:
            return None, 0, None
        return event_id, last, entries

    def _finish(self, what: str) -> None:
        self._loading[what] = False
        if self._dirty[what]:
            self._load(what)

    def _board_done(self, board: Board) -> None:
        self.board = board
        self.boardLoaded.emit(board)
        log.debug("board shown: %d systems, %d actions", len(board.systems), len(board.actions))
        self._finish("board")

    def _journal_done(self, result: tuple[str | None, int, list[JournalEntry] | None]) -> None:
        event_id, last, entries = result
        if entries is None:
            self._event_id, self._rowid = event_id, last
            self.journalReset.emit(event_id)
            log.debug("journal shown: %s", event_id)
        else:
            self._rowid = last
            if entries:
                self.journalAppended.emit(entries)
                log.debug("journal: %d entries appended", len(entries))
        self._finish("journal")

    # ------------------------------------------------------------------ journal pages

    def journal_page(
        self, flt: JournalFilter, after: JournalKey | None, size: int, newest_first: bool
    ) -> list[JournalRow]:
        """(Worker side) a page of the active event's journal (``BoardService.journal_page``)."""
        return self.service.journal_page(flt, after=after, limit=size, newest_first=newest_first)[1]

    def journal_count(self, flt: JournalFilter) -> tuple[int, int]:
        """(Worker side) entries passing ``flt`` and all entries of the active event."""
        return self.service.journal_count(flt)

    def entry_detail(
        self, entry_id: str
    ) -> tuple[JournalRow | None, JournalRow | None, list[JournalRow]]:
        """(Worker side) an entry with the entry it corrects and those correcting it."""
        return self.service.entry_detail(entry_id)

    def run_query(self, work: Callable[[], Any], done: Callable[[Any], object]) -> None:
        """Run a read off the GUI thread; ``done(result)`` on it (failures to ``failed``)."""
        self.ops.run(work, on_done=done, on_error=lambda exc: self.failed.emit(self.message(exc)))

    def _load_failed(self, what: str, exc: BaseException) -> None:
        self.failed.emit(self.message(exc))
        self._finish(what)

    def watch_external_changes(self, interval_ms: int = 2000) -> None:
        """Poll the store's fingerprint for changes by *another process* on the same local file
        (a script's ``situation-board log add``, a wall process on the same board): those have
        no other channel. This process's own writes announce their change sets, and sync pulls
        come with their report. Kept because it is cheap: one read of four aggregates, measured
        at 0.44 ms per poll with 100,000 journal entries (0.02 % of a core at 2 s)."""
        self._fingerprint: tuple[object, ...] | None = None
        self._poll = QTimer(self)
        self._poll.setObjectName("externalChangePoll")
        self._poll.setInterval(interval_ms)
        self._poll.timeout.connect(self._check_fingerprint)
        self._poll.start()

    def _check_fingerprint(self) -> None:
        if any(self._loading.values()):
            return
        self.ops.run(
            self.service.fingerprint,
            on_done=self._fingerprint_done,
            on_error=lambda exc: self.failed.emit(self.message(exc)),
        )

    def _fingerprint_done(self, value: tuple[object, ...]) -> None:
        if self._fingerprint is not None and value != self._fingerprint:
            self.on_changes(EVERYTHING)
        self._fingerprint = value

    # ------------------------------------------------------------------ commands

    def execute(
        self,
        fn: Callable[[BoardService], Any],
        *,
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[str], object] | None = None,
        owner: QObject | None = None,
        on_outcome: Callable[[Outcome[Any]], object] | None = None,
    ) -> None:
        """Run a use case off-thread. A write returns an ``Outcome``: its change set is announced
        on the bus and ``on_done`` gets the outcome's value; a read's result is passed as is.
        ``on_outcome`` gets a write's whole ``Outcome`` first (its ``undo`` step: the window's
        undo stack). Errors arrive as a translated message (``on_error``, else the ``failed``
        signal)."""

        def alive() -> bool:  # a dialog closed meanwhile gets no callback
            return owner is None or shiboken6.isValid(owner)

        def error(exc: BaseException) -> None:
            text = self.message(exc)
            if on_error is not None and alive():
                on_error(text)
            else:
                self.failed.emit(text)

        def done(result: Any) -> None:
            value = result.value if isinstance(result, Outcome) else result
            if on_outcome is not None and isinstance(result, Outcome) and alive():
                on_outcome(result)
            if on_done is not None and alive():
                on_done(value)
            if isinstance(result, Outcome):
                self.bus.announce(result.changes)

        self.ops.run(lambda: fn(self.service), on_done=done, on_error=error)

    def message(self, exc: BaseException) -> str:
        """A board error's own message in the UI language; anything else is logged with its
        traceback and reported as the "unexpected error" message with the log file's path."""
        if isinstance(exc, BoardError):
            return exc.message(self.language)
        log.error("unexpected error in an operation", exc_info=exc)
        return logs.unexpected_message(logs.log_path(), self.language)
