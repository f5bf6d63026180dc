"""The journal panel: numbered entries, search-as-you-type, category and period filters."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
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
from situation_board.domain.timeutil import STOCKHOLM, fmt_datetime, local, parse_instant
from situation_board.i18n import _, ngettext
from situation_board.ui.models.journal import (
    SIGNIFICANT,
    JournalBatch,
    JournalModel,
    JournalProxy,
)
from situation_board.ui.panels.common import ColumnFitter, Panel, compact_combo, make_table

PERIODS = ("all", "hour", "shift", "day", "today")


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
        self.proxy = JournalProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = make_table("journalView", _("Staff journal"))
        self.view.setModel(self.proxy)
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
        self.search.textChanged.connect(self.proxy.set_search)

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
        self.newest_first.toggled.connect(self.proxy.set_newest_first)

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
        self.proxy.modelReset.connect(self._show_detail)
        self.proxy.modelReset.connect(self._update_count)
        self._update_count()

    # ------------------------------------------------------------------ data

    def reset(self, entries: JournalBatch | list[JournalEntry]) -> None:
        self.model.reset_entries(entries)

    def append(self, entries: list[JournalEntry]) -> None:
        self.model.append_entries(entries)

    def set_now(self, now: datetime) -> None:
        self.model.set_now(now)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = (
            ngettext("{0} entry", "{0} entries", total).format(total)
            if shown == total
            else ngettext("{0} of {1} entry", "{0} of {1} entries", total).format(shown, total)
        )
        self.count.setText(text)

    # ------------------------------------------------------------------ filters

    def _category_changed(self) -> None:
        key = self.category.currentData()
        if key is None:
            self.proxy.set_categories(None)
        elif key == "significant":
            self.proxy.set_categories(frozenset(SIGNIFICANT | {EntryCategory.SYSTEM}))
        elif key == "people":  # what people wrote, without the program's own entries
            self.proxy.set_categories(frozenset(EntryCategory) - {EntryCategory.SYSTEM})
        else:
            self.proxy.set_categories(frozenset({EntryCategory(key)}))

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
        self.proxy.set_period(since, until)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected(self) -> JournalEntry | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.entries[self.proxy.source_row(index.row())]

    def _show_detail(self, *_args: object) -> None:
        """The selected entry in full, with its correction or original beside it."""
        entry = self.selected()
        if entry is None:
            self.detail.setText(_("Select an entry to read it in full."))
            return
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
        if entry.corrects:
            original = self.model.entry(entry.corrects)
            if original is not None:
                lines.append(
                    "<i>"
                    + _html(_("Corrects {0}: {1}").format(original.number, original.text))
                    + "</i>"
                )
        for fix in self.model.corrections_of(entry.id):
            lines.append(
                "<i>" + _html(_("Corrected by {0}: {1}").format(fix.number, fix.text)) + "</i>"
            )
        self.detail.setText("<br>".join(lines))

    def _correct(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.correctRequested.emit(entry)
