"""Table model of the staff journal: pages of a journal that can hold 1,000,000 entries.

``JournalModel`` never holds the whole journal. It shows the entries that pass its filter in the
journal's order, newest or oldest first, a page at a time: the first page when the filter is set,
the next ones when the view scrolls to the end (``canFetchMore``/``fetchMore``). Pages are read
off the GUI thread by the ``loader`` (the controller's operation helper), filtered and searched
by the store (``store.journal_pages``: SQL and the FTS5 index); a stale page (the filter changed
meanwhile) is dropped. Each loaded row keeps one ``JournalRow`` and its display texts, made when
first painted. New entries (a local write, a sync) are placed where they belong among the loaded
rows; one that belongs further down than what is loaded arrives with its page.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory
from situation_board.domain.journal_view import (
    JournalFilter,
    JournalKey,
    JournalRow,
    entry_key,
    matches_words,
)
from situation_board.domain.timeutil import fmt_datetime, fmt_table, fmt_time, local
from situation_board.i18n import _
from situation_board.ui import theme
from situation_board.ui.models.base import ListModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SIGNIFICANT = frozenset({EntryCategory.DECISION, EntryCategory.SIGNIFICANT})
PAGE = 100  # about three screens of rows: what one keystroke reads
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FONT = Qt.ItemDataRole.FontRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONTS: dict[tuple[bool, bool], QFont] = {}
_BRUSHES: dict[str, QBrush] = {}

PageFetch = Callable[[JournalFilter, JournalKey | None, int, bool], list[JournalRow]]
"""Reads a page: (filter, after key, size, newest first) → rows (runs off the GUI thread)."""
Loader = Callable[[Callable[[], Any], Callable[[Any], None]], None]
"""Runs the first callable off the GUI thread and hands its result to the second on it."""


def _font(bold: bool, italic: bool) -> QFont:
    """Shared fonts (making a QFont per cell and paint is measurably slow)."""
    font = _FONTS.get((bold, italic))
    if font is None:
        font = QFont()
        font.setBold(bold)
        font.setItalic(italic)
        _FONTS[(bold, italic)] = font
    return font


def _grey(key: str = "corrected") -> QBrush:
    brush = _BRUSHES.get(key)
    if brush is None:
        colour = theme.CORRECTED_FG if key == "corrected" else theme.SYSTEM_ENTRY_FG
        brush = _BRUSHES[key] = QBrush(QColor(colour))
    return brush


def accepts(flt: JournalFilter, entry: JournalEntry) -> bool:
    """Whether ``entry`` passes ``flt`` (as the store decides: every search word begins a word
    of the number, author, parties or text; the category; the period)."""
    if flt.categories is not None and entry.category not in flt.categories:
        return False
    if flt.since is not None and entry.occurred_at < flt.since:
        return False
    if flt.until is not None and entry.occurred_at >= flt.until:
        return False
    e = entry
    return matches_words(flt.words, e.number, e.author, e.from_party, e.to_party, e.text)


def _run_here(work: Callable[[], Any], done: Callable[[Any], None]) -> None:
    done(work())


class JournalModel(ListModel):
    """The journal entries that pass the filter, a page at a time (see the module docstring)."""

    NUMBER, TIME, CATEGORY, TEXT, AUTHOR = range(5)
    loaded = Signal()  # a page arrived (the first one after a new filter, or the next one)

    def __init__(
        self,
        language: str = "sv",
        parent: Any = None,
        *,
        fetch: PageFetch | None = None,
        loader: Loader = _run_here,
        page_size: int = PAGE,
    ) -> None:
        """``fetch`` reads pages (``BoardService.journal_page``); ``loader`` runs it off the
        GUI thread (default: at once, for tests and tools)."""
        super().__init__(parent)
        self.language = language
        self.fetch = fetch
        self.loader = loader
        self.page_size = page_size
        self.filter = JournalFilter()
        self.newest_first = True
        self.now: datetime | None = None
        self.rows: list[JournalRow] = []
        self._keys: list[JournalKey] = []  # ascending sort keys of ``rows`` (for placement)
        self._by_id: dict[str, int] = {}
        self._cache: dict[str, tuple[str, ...]] = {}  # id -> display texts
        self._more = False
        self._loading = False
        self._generation = 0
        self.headers = [_("No."), _("Time"), _("Category"), _("Text"), _("Author")]

    # ------------------------------------------------------------------ loading

    @property
    def entries(self) -> list[JournalEntry]:
        """The loaded entries, in display order."""
        return [r.entry for r in self.rows]

    def set_query(self, flt: JournalFilter, newest_first: bool | None = None) -> None:
        """Show the entries passing ``flt`` (newest or oldest first): the first page is read
        now, the rest as the view scrolls."""
        self.filter = flt
        if newest_first is not None:
            self.newest_first = newest_first
        self.reload()

    def reload(self) -> None:
        """Read the first page again (the event changed, F5)."""
        self._generation += 1
        generation = self._generation
        fetch, flt, newest, size = self.fetch, self.filter, self.newest_first, self.page_size
        if fetch is None:
            return
        self._loading = True
        self.loader(
            lambda: fetch(flt, None, size, newest),
            lambda rows: self._first_page(generation, rows),
        )

    def _first_page(self, generation: int, rows: list[JournalRow]) -> None:
        if generation != self._generation:
            return  # the filter changed meanwhile: a newer page is on its way
        self.beginResetModel()
        self.rows = list(rows)
        self._reindex()
        self._cache.clear()
        self._more = len(rows) >= self.page_size
        self._loading = False
        self.endResetModel()
        self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self.fetch is None or not self.rows:
            return
        self._loading = True
        generation = self._generation
        fetch, flt, newest, size = self.fetch, self.filter, self.newest_first, self.page_size
        after = self.rows[-1].key
        self.loader(
            lambda: fetch(flt, after, size, newest),
            lambda rows: self._next_page(generation, rows),
        )

    def _next_page(self, generation: int, rows: list[JournalRow]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._more = len(rows) >= self.page_size
        fresh = [r for r in rows if r.entry.id not in self._by_id]
        if fresh:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self.rows.extend(fresh)
            self._reindex()
            self.endInsertRows()
        self.loaded.emit()

    def load_all(self) -> None:
        """Read every remaining page (tools and tests; the window pages as it scrolls)."""
        while self.canFetchMore():
            self.fetchMore()

    def _reindex(self) -> None:
        self._by_id = {r.entry.id: i for i, r in enumerate(self.rows)}
        keys = [r.key for r in self.rows]
        self._keys = keys[::-1] if self.newest_first else keys

    # ------------------------------------------------------------------ updates

    def add_entries(self, entries: Sequence[JournalEntry]) -> None:
        """New entries (a local write, a sync): each that passes the filter goes where it
        belongs among the loaded rows (one that belongs below them comes with its page); an
        entry it corrects shows the correction."""
        for entry in sorted(entries, key=entry_key):
            if entry.id in self._by_id:
                continue
            if entry.corrects:
                self._corrected(entry)
            if not accepts(self.filter, entry):
                continue
            key = entry_key(entry)
            ascending = bisect.bisect_right(self._keys, key)
            row = len(self.rows) - ascending if self.newest_first else ascending
            if row == len(self.rows) and self._more:
                continue  # further down than what is loaded: it comes with its page
            original = self._by_id.get(entry.corrects) if entry.corrects else None
            number = self.rows[original].entry.number if original is not None else None
            self.beginInsertRows(QModelIndex(), row, row)
            self.rows.insert(row, JournalRow(0, entry, (), number))
            self._reindex()
            self.endInsertRows()

    def apply_visibility(self, hidden: dict[str, bool]) -> list[str]:
        """Set ``hidden_from_wall`` of the loaded entries named in ``hidden`` (``{id: hidden}``,
        from ``wall_visibility``) in place, without a reset (the selection stays); returns the
        ids that changed."""
        changed = []
        for entry_id, want in hidden.items():
            row = self._by_id.get(entry_id)
            if row is None or self.rows[row].entry.hidden_from_wall == want:
                continue
            old = self.rows[row]
            self.rows[row] = replace(old, entry=replace(old.entry, hidden_from_wall=want))
            self._cache.pop(entry_id, None)
            changed.append(entry_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))
        return changed

    def _corrected(self, fix: JournalEntry) -> None:
        row = self._by_id.get(fix.corrects or "")
        if row is None:
            return
        old = self.rows[row]
        if fix.number in old.corrected_by:
            return
        self.rows[row] = JournalRow(
            old.rowid, old.entry, (*old.corrected_by, fix.number), old.corrects_number
        )
        self._cache.pop(old.entry.id, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.AUTHOR))

    def set_now(self, now: datetime) -> None:
        """The time column says "14:05" for today and "22 jan. 14:05" otherwise."""
        changed_day = self.now is None or local(self.now).date() != local(now).date()
        self.now = now
        if changed_day and self.rows:
            self._cache.clear()
            self.dataChanged.emit(
                self.index(0, self.TIME), self.index(len(self.rows) - 1, self.TIME)
            )

    def entry(self, entry_id: str) -> JournalEntry | None:
        """A loaded entry by id."""
        row = self._by_id.get(entry_id)
        return None if row is None else self.rows[row].entry

    def row_of(self, entry_id: str) -> int:
        """The row of a loaded entry, or -1."""
        return self._by_id.get(entry_id, -1)

    def journal_row(self, row: int) -> JournalRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # ------------------------------------------------------------------ Qt API

    def items(self) -> Sequence[Any]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.data_at(index.row(), index.column(), role)

    def data_at(self, row: int, col: int, role: int) -> Any:
        if not 0 <= row < len(self.rows):
            return None
        if role == _DISPLAY:
            return self._texts(row)[col]
        r = self.rows[row]
        e = r.entry
        if role == _FONT:
            return _font(e.category in SIGNIFICANT, bool(r.corrected_by))
        if role == _DECORATION:
            if col == self.CATEGORY:
                return theme.category_icon(e.category)
            if col == self.TEXT and e.hidden_from_wall:
                return theme.icon("hidden-from-wall")
            return None
        if role == _FOREGROUND:
            if r.corrected_by:
                return _grey()
            # what the program wrote itself steps back behind what people wrote
            return _grey("system") if e.category is EntryCategory.SYSTEM else None
        if role == ID_ROLE:
            return e.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(e)
        return None

    def _texts(self, row: int) -> tuple[str, ...]:
        r = self.rows[row]
        texts = self._cache.get(r.entry.id)
        if texts is None:
            texts = tuple(self._display(r, c) for c in range(len(self.headers)))
            self._cache[r.entry.id] = texts
        return texts

    def _display(self, r: JournalRow, col: int) -> str:
        e = r.entry
        if col == self.NUMBER:
            return e.number
        if col == self.TIME:
            now = self.now or e.recorded_at
            text = fmt_table(e.occurred_at, now, self.language)
            if e.times_differ:
                text += " (" + _("rec. {0}").format(fmt_time(e.recorded_at)) + ")"
            return text
        if col == self.CATEGORY:
            return e.category.label(self.language)
        if col == self.TEXT:
            text = e.text.replace("\n", " ")
            medium = e.medium.label(self.language) if e.medium else ""
            parties = " → ".join(p for p in (e.from_party, e.to_party) if p)
            head = " · ".join(p for p in (medium, parties) if p)
            if head:  # the message first: it is what a narrow column must still show
                text = f"{text}   [{head}]"
            if e.corrects:
                target = r.corrects_number or e.corrects[-8:]
                text = "↳ " + _("Correction of {0}:").format(target) + " " + text
            if r.corrected_by:
                numbers = ", ".join(r.corrected_by)
                text += "   [" + _("corrected by {0}").format(numbers) + "]"
            if e.hidden_from_wall:  # first, where a narrow column still shows it
                text = _("Hidden from the wall") + " · " + text
            return text
        if col == self.AUTHOR:
            return e.author
        return ""

    def _tooltip(self, e: JournalEntry) -> str:
        lines = [
            f"<b>{e.number}</b> — {e.category.label(self.language)}",
            _("Occurred {0}").format(fmt_datetime(e.occurred_at)),
            _("Recorded {0}").format(fmt_datetime(e.recorded_at)),
            f"{e.author} ({e.function.label(self.language)})",
            f"<p style='white-space:pre-wrap'>{_escape(e.text)}</p>",
        ]
        return "<br>".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
