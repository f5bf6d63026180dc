"""The journal panel: numbered entries, search-as-you-type, category and period filters.

The filters make a ``JournalFilter`` that the store applies (SQL and its full-text index): the
model reads the matching entries a page at a time through the ``JournalSource`` it is connected
to (the controller), so a journal of 1,000,000 entries answers each keystroke with one page.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QWidget,
)

from situation_board.domain.clock import Clock
from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory
from situation_board.domain.errors import ValidationError
from situation_board.domain.journal_view import JournalFilter, JournalKey, JournalRow
from situation_board.domain.timeutil import STOCKHOLM, fmt_datetime, local, parse_instant
from situation_board.i18n import _, ngettext
from situation_board.ui.models.journal import SIGNIFICANT, JournalModel
from situation_board.ui.panels.common import ColumnFitter, Panel, compact_combo, make_table

PERIODS = ("all", "hour", "shift", "day", "today")
log = logging.getLogger(__name__)


class JournalSource(Protocol):
    """Where the panel's journal comes from (the controller): each call runs off the GUI
    thread through ``run``."""

    def journal_page(
        self, flt: JournalFilter, after: JournalKey | None, size: int, newest_first: bool
    ) -> list[JournalRow]: ...

    def journal_count(self, flt: JournalFilter) -> tuple[int, int]: ...

    def entry_detail(
        self, entry_id: str
    ) -> tuple[JournalRow | None, JournalRow | None, list[JournalRow]]: ...

    def run_query(self, work: Any, done: Any) -> None: ...


def _html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    )


class JournalPanel(Panel):
    """Table of the journal with its filters."""

    correctRequested = Signal(object)  # JournalEntry
    hideRequested = Signal(object, bool)  # JournalEntry, hidden: hide from the wall or show
    countChanged = Signal()  # the count label says something new

    def __init__(self, language: str, clock: Clock, parent: QWidget | None = None) -> None:
        """``clock`` (the controller's) is what the period filters count back from."""
        super().__init__(_("Staff journal"), "journalPanel", parent)
        self.language = language
        self.clock = clock
        self.model = JournalModel(language, self)
        self.source: JournalSource | None = None
        self.view = make_table("journalView", _("Staff journal"))
        self.view.setModel(self.model)
        widths = {
            JournalModel.NUMBER: 82,
            JournalModel.TIME: 172,
            JournalModel.CATEGORY: 190,
            JournalModel.AUTHOR: 165,
        }
        self.fitter = ColumnFitter(self.view, widths, JournalModel.TEXT, min_stretch=260, floor=0.7)

        self.search = QLineEdit()
        self.search.setObjectName("journalSearch")
        self.search.setPlaceholderText(_("Search text, author, number… (Ctrl+F)"))
        self.search.setAccessibleName(_("Search the journal"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("M" * 14))
        self.search.textChanged.connect(self._search_changed)

        self.category = QComboBox()
        self.category.setObjectName("journalCategory")
        self.category.setAccessibleName(_("Filter journal by category"))
        self.category.addItem(_("All categories"), None)
        self.category.addItem(_("Significant (decisions, significant events)"), "significant")
        self.category.addItem(_("All but system entries"), "people")
        for cat in EntryCategory:
            self.category.addItem(cat.label(language), cat.value)
        self.category.currentIndexChanged.connect(self._category_changed)

        self.period = QComboBox()
        self.period.setObjectName("journalPeriod")
        self.period.setAccessibleName(_("Filter journal by period"))
        for key, label in zip(
            PERIODS,
            (
                _("Whole event"),
                _("Last hour"),
                _("Last 12 hours"),
                _("Last 24 hours"),
                _("Today"),
            ),
            strict=True,
        ):
            self.period.addItem(label, key)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.since = QLineEdit()
        self.since.setObjectName("journalSince")
        self.since.setPlaceholderText(_("from"))
        self.since.setAccessibleName(_("Journal period from"))
        self.since.setMaximumWidth(120)
        self.until = QLineEdit()
        self.until.setObjectName("journalUntil")
        self.until.setPlaceholderText(_("until"))
        self.until.setAccessibleName(_("Journal period until"))
        self.until.setMaximumWidth(120)
        for edit in (self.since, self.until):
            edit.editingFinished.connect(self._period_changed)

        self.newest_first = QCheckBox(_("Newest on to&p"))
        self.newest_first.setObjectName("journalNewestFirst")
        self.newest_first.setAccessibleName(_("Show newest entries first"))
        self.newest_first.setChecked(True)
        self.newest_first.toggled.connect(self._order_changed)

        self.correct = QPushButton(_("Co&rrect…"))
        self.correct.setObjectName("correctEntry")
        self.correct.setAccessibleName(_("Write a correction of the selected entry"))
        self.correct.clicked.connect(self._correct)
        self.hide_button = QPushButton(_("Hide from the &wall"))
        self.hide_button.setObjectName("hideFromWall")
        self.hide_button.setAccessibleName(_("Hide the selected entry from the wall display"))
        self.hide_button.clicked.connect(self._toggle_hidden)
        self.error = QLabel()
        self.error.setObjectName("inlineError")

        compact_combo(self.category, 14)
        compact_combo(self.period, 12)
        self.tools.addWidget(self.search, 1)
        for widget in (self.category, self.period, self.since, self.until, self.newest_first):
            self.tools.addWidget(widget)
        self.header.addWidget(self.hide_button)
        self.header.addWidget(self.correct)
        self.detail = QLabel()
        self.detail.setObjectName("journalDetail")
        self.detail.setAccessibleName(_("Selected journal entry"))
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # The entry in full below the table, in a pane the user can shrink or close (drag the
        # handle, or the View menu): on a 1366×768 screen the table keeps its rows.
        self.detail_pane = QScrollArea()
        self.detail_pane.setObjectName("journalDetailPane")
        self.detail_pane.setWidgetResizable(True)
        self.detail_pane.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_pane.setWidget(self.detail)
        self.detail_pane.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 2 + 8)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("journalDetailSplitter")
        self.split.addWidget(self.view)
        self.split.addWidget(self.detail_pane)
        self.split.setCollapsible(0, False)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 0)
        self.split.setSizes([400, self.detail.fontMetrics().lineSpacing() * 4 + 8])
        self.body.addWidget(self.error)
        self.error.hide()
        self.body.addWidget(self.split, 1)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self._current_id: str | None = None
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._restore_current)
        self.model.dataChanged.connect(self._show_detail)
        self.total: tuple[int, int] = (0, 0)  # (shown, all) from the store
        self._counting = self._count_again = False
        self._count_later = QTimer(self)
        self._count_later.setObjectName("journalCountLater")
        self._count_later.setSingleShot(True)
        self._count_later.setInterval(400)
        self._count_later.timeout.connect(self._count)
        self._update_count()
        self._show_detail()

    # ------------------------------------------------------------------ data

    def connect_source(self, source: JournalSource) -> None:
        """Read the journal from ``source`` from now on (the first page with ``reload``)."""
        self.source = source
        self.model.fetch = source.journal_page
        self.model.loader = source.run_query

    def reload(self) -> None:
        """Read the first page again, and the counts (a new event, F5)."""
        self.model.reload()
        self._count()

    def add_entries(self, entries: list[JournalEntry]) -> None:
        """New entries (a local write, a sync): placed among the loaded rows; counts again."""
        self.model.add_entries(entries)
        self._count()

    def set_now(self, now: datetime) -> None:
        self.model.set_now(now)

    @property
    def filter(self) -> JournalFilter:
        """What the journal shows (text, categories, period)."""
        return self.model.filter

    def _apply(self, flt: JournalFilter) -> None:
        self.model.set_query(flt, self.newest_first.isChecked())
        self._count()

    def _count(self) -> None:
        """Count what the filter shows; one count at a time (a broad search takes a moment on a
        long journal), the latest filter counted after it — never a queue of stale counts."""
        source, flt = self.source, self.model.filter
        if source is None:
            return
        if self._counting:
            self._count_again = True
            return
        self._counting, self._count_again = True, False

        def count() -> tuple[int, int] | None:
            try:
                return source.journal_count(flt)
            except Exception:  # the store is busy or gone: the label keeps its last count
                log.exception("could not count the journal")
                return None

        source.run_query(count, lambda found: self._counted(flt, found))

    def _counted(self, flt: JournalFilter, found: tuple[int, int] | None) -> None:
        self._counting = False
        if found is not None and flt == self.model.filter:
            self.total = found
            self._update_count()
        if self._count_again or flt != self.model.filter:
            self._count()

    def _update_count(self) -> None:
        shown, total = self.total
        text = (
            ngettext("{0} entry", "{0} entries", total).format(total)
            if shown == total
            else ngettext("{0} of {1} entry", "{0} of {1} entries", total).format(shown, total)
        )
        self.count.setText(text)
        self.countChanged.emit()

    # ------------------------------------------------------------------ filters

    def _search_changed(self, text: str) -> None:
        self.model.set_query(replace(self.model.filter, text=text), self.newest_first.isChecked())
        self._count_later.start()  # counted once the typing pauses: a page per key, no counts

    def _order_changed(self, newest_first: bool) -> None:
        self.model.set_query(self.model.filter, newest_first)

    def _category_changed(self) -> None:
        key = self.category.currentData()
        categories: frozenset[EntryCategory] | None
        if key is None:
            categories = None
        elif key == "significant":
            categories = frozenset(SIGNIFICANT | {EntryCategory.SYSTEM})
        elif key == "people":  # what people wrote, without the program's own entries
            categories = frozenset(EntryCategory) - {EntryCategory.SYSTEM}
        else:
            categories = frozenset({EntryCategory(key)})
        self._apply(replace(self.model.filter, categories=categories))

    def _period_changed(self) -> None:
        now = self.clock()
        since: datetime | None = None
        until: datetime | None = None
        preset = self.period.currentData()
        if preset == "hour":
            since = now - timedelta(hours=1)
        elif preset == "shift":
            since = now - timedelta(hours=12)
        elif preset == "day":
            since = now - timedelta(hours=24)
        elif preset == "today":
            since = local(now).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=STOCKHOLM)
        try:
            if self.since.text().strip():
                since = parse_instant(self.since.text(), now, "since")
            if self.until.text().strip():
                until = parse_instant(self.until.text(), now, "until")
        except ValidationError as exc:
            self.error.setText(exc.message(self.language))
            self.error.show()
            return
        self.error.hide()
        self._apply(replace(self.model.filter, since=since, until=until))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected(self) -> JournalEntry | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        row = self.model.journal_row(index.row())
        return row.entry if row is not None else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.selected() if current.isValid() else None
        self._current_id = entry.id if entry is not None else None
        self._show_detail()

    def _restore_current(self) -> None:
        """After the model was reset (a filter, a reload): the same entry stays current."""
        if self._current_id is not None:
            self.select(self._current_id, scroll=False)
        self._show_detail()

    def select(self, entry_id: str, *, scroll: bool = True) -> None:
        """Make ``entry_id`` the current row when the filters show it and its page has been read
        (and ``scroll`` to it)."""
        row = self.model.row_of(entry_id)
        if row < 0:
            return  # not on a page read so far (or filtered out)
        index = self.model.index(row, JournalModel.TEXT)
        if index.isValid():
            self.view.setCurrentIndex(index)
            if scroll:
                self.view.scrollTo(index)

    def set_compact(self, compact: bool) -> None:
        """The compact arrangement (a tab of its own, the whole width): one row of tools with
        the buttons at its end, the detail pane beside the table, lower rows — so a 1366×768
        screen shows ten entries. The wide one: buttons in the title row, detail below."""
        buttons = (self.hide_button, self.correct)
        for button in buttons:
            (self.header if compact else self.tools).removeWidget(button)
        for button in buttons:
            (self.tools if compact else self.header).addWidget(button)
        self.title.setVisible(not compact)
        self.count.setVisible(not compact)  # the tab shows the count
        line = self.view.fontMetrics().lineSpacing()
        rows = self.view.verticalHeader()
        height = max(line + 6, 22) if compact else 30
        rows.setMinimumSectionSize(height)
        rows.setDefaultSectionSize(height)
        shown = self.split.sizes()[1] > 0
        if compact:  # the tab is about as wide as the window, which has its new size already
            self.split.setOrientation(Qt.Orientation.Horizontal)
            self.split.setStretchFactor(1, 1)
            width = self.window().width() - 40
            self.split.setSizes([width * 3 // 4, width // 4 if shown else 0])
        else:
            self.split.setOrientation(Qt.Orientation.Vertical)
            self.split.setStretchFactor(1, 0)
            height = max(self.split.height(), 400)
            detail = 4 * self.detail.fontMetrics().lineSpacing() + 8 if shown else 0
            self.split.setSizes([height - detail, detail])

    def apply_visibility(self, hidden: dict[str, bool]) -> None:
        """Entries hidden from the wall (or shown again) since they were loaded."""
        self.model.apply_visibility(hidden)
        self._show_detail()

    def _menu(self, pos: QPoint) -> None:
        entry = self.selected()
        if entry is None:
            return
        menu = QMenu(self.view)
        menu.setObjectName("journalEntryMenu")
        menu.addAction(self.hide_button.text(), self._toggle_hidden)
        menu.addAction(self.correct.text(), self._correct)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _toggle_hidden(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.hideRequested.emit(entry, not entry.hidden_from_wall)

    def _show_detail(self, *_args: object) -> None:
        """The selected entry in full; its correction or original beside it once read."""
        entry = self.selected()
        self.hide_button.setEnabled(entry is not None)
        self.hide_button.setText(
            _("Show on the &wall")
            if entry is not None and entry.hidden_from_wall
            else _("Hide from the &wall")
        )
        if entry is None:
            self.detail.setText(_("Select an entry to read it in full."))
            return
        self.detail.setText(self._detail_html(entry))
        source = self.source
        if source is None:
            return
        source.run_query(
            lambda: source.entry_detail(entry.id), lambda found: self._detail_read(entry, found)
        )

    def _detail_read(
        self,
        entry: JournalEntry,
        found: tuple[JournalRow | None, JournalRow | None, list[JournalRow]],
    ) -> None:
        if self.selected() != entry:
            return  # another entry was selected meanwhile
        _row, original, fixes = found
        lines = []
        if original is not None:
            text = _("Corrects {0}: {1}").format(original.entry.number, original.entry.text)
            lines.append("<i>" + _html(text) + "</i>")
        for fix in fixes:
            text = _("Corrected by {0}: {1}").format(fix.entry.number, fix.entry.text)
            lines.append("<i>" + _html(text) + "</i>")
        self.detail.setText("<br>".join([self._detail_html(entry), *lines]))

    def _detail_html(self, entry: JournalEntry) -> str:
        lang = self.language
        head = [
            entry.number,
            entry.category.label(lang),
            _("occurred {0}").format(fmt_datetime(entry.occurred_at)),
        ]
        if entry.times_differ:
            head.append(_("recorded {0}").format(fmt_datetime(entry.recorded_at)))
        head.append(f"{entry.author} ({entry.function.label(lang)})")
        if entry.medium:
            head.append(entry.medium.label(lang))
        parties = " → ".join(p for p in (entry.from_party, entry.to_party) if p)
        if parties:
            head.append(parties)
        lines = [f"<b>{_html(' · '.join(head))}</b>", _html(entry.text)]
        if entry.hidden_from_wall:
            lines.insert(1, "<b>⊘ " + _html(_("Hidden from the wall display")) + "</b>")
        return "<br>".join(lines)

    def _correct(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.correctRequested.emit(entry)
