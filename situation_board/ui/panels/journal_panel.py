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

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
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

    def __init__(self, language: str, clock: Clock, parent: QWidget | None = None) -> None:
        """``clock`` (the controller's) is what the period filters count back from."""
        super().__init__(_("Staff journal"), "journalPanel", parent)
        self.language = language
        self.clock = clock
        self.model = JournalModel(language, self)
        self.source: JournalSource | None = None
        self.view = make_table("journalView", _("Staff journal"))
        self.view.setModel(self.model)
        self._detail: tuple[str, list[str]] | None = None  # (entry id, lines about corrections)
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

        self.newest_first = QCheckBox(_("Newest first"))
        self.newest_first.setObjectName("journalNewestFirst")
        self.newest_first.setAccessibleName(_("Show newest entries first"))
        self.newest_first.setChecked(True)
        self.newest_first.toggled.connect(self._order_changed)

        self.correct = QPushButton(_("Correct…"))
        self.correct.setObjectName("correctEntry")
        self.correct.setAccessibleName(_("Write a correction of the selected entry"))
        self.correct.clicked.connect(self._correct)
        self.error = QLabel()
        self.error.setObjectName("inlineError")

        compact_combo(self.category, 14)
        compact_combo(self.period, 12)
        self.tools.addWidget(self.search, 1)
        for widget in (self.category, self.period, self.since, self.until, self.newest_first):
            self.tools.addWidget(widget)
        self.header.addWidget(self.correct)
        self.detail = QLabel()
        self.detail.setObjectName("journalDetail")
        self.detail.setAccessibleName(_("Selected journal entry"))
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(64)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.error)
        self.error.hide()
        self.body.addWidget(self.view, 1)
        self.body.addWidget(self.detail)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.model.modelReset.connect(self._show_detail)
        self.model.modelReset.connect(self._update_count)
        self.total: tuple[int, int] = (0, 0)  # (shown, all) from the store
        self._counting = self._count_again = False
        self._count_later = QTimer(self)
        self._count_later.setObjectName("journalCountLater")
        self._count_later.setSingleShot(True)
        self._count_later.setInterval(400)
        self._count_later.timeout.connect(self._count)
        self._update_count()

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

    def _show_detail(self, *_args: object) -> None:
        """The selected entry in full; its correction or original beside it once read."""
        entry = self.selected()
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
        return "<br>".join([f"<b>{_html(' · '.join(head))}</b>", _html(entry.text)])

    def _correct(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.correctRequested.emit(entry)
