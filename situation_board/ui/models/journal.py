"""Table model of the staff journal and its fast filtering proxy.

The journal can hold 100,000 entries. ``JournalModel`` keeps them in chronological order (occurred,
recorded, number) with a pre-folded search text per row. ``JournalProxy`` is a
``QAbstractProxyModel`` that filters and orders by recomputing one list of source rows in Python
(a list comprehension over the pre-folded texts) instead of calling ``filterAcceptsRow`` once per
row through the Python/C++ boundary, which would cost hundreds of milliseconds per keystroke.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory
from situation_board.domain.text import search_words, text_key
from situation_board.domain.timeutil import fmt_datetime, fmt_table, fmt_time, local
from situation_board.i18n import _
from situation_board.ui import theme
from situation_board.ui.models.base import ListModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SIGNIFICANT = frozenset({EntryCategory.DECISION, EntryCategory.SIGNIFICANT})
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FONT = Qt.ItemDataRole.FontRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONTS: dict[tuple[bool, bool], QFont] = {}
_BRUSHES: dict[str, QBrush] = {}


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


def _key(e: JournalEntry) -> tuple[datetime, datetime, str, str]:
    return (e.occurred_at, e.recorded_at, e.number, e.id)


def _hay(e: JournalEntry) -> str:
    # text as people see it (domain.text.text_key): case, Unicode form and spaces aside
    return text_key(" ".join((e.number, e.author, e.from_party, e.to_party, e.text)))


class JournalBatch:
    """Entries made ready for the model off the GUI thread: sorted, keyed, search-folded,
    with the correction index built (100,000 entries cost ~0.3 s of pure Python)."""

    def __init__(self, entries: Iterable[JournalEntry]) -> None:
        self.entries = sorted(entries, key=_key)
        self.keys = [_key(e) for e in self.entries]
        self.haystack = [_hay(e) for e in self.entries]
        self.by_id = {e.id: e for e in self.entries}
        self.corrected_by: dict[str, list[JournalEntry]] = {}
        for e in self.entries:
            if e.corrects:
                self.corrected_by.setdefault(e.corrects, []).append(e)


class JournalModel(ListModel):
    """All journal entries of the active event, chronological."""

    NUMBER, TIME, CATEGORY, TEXT, AUTHOR = range(5)

    def __init__(
        self,
        language: str = "sv",
        parent: Any = None,
        *,
        accept: Callable[[JournalEntry], bool] | None = None,
        keep_last: int | None = None,
    ) -> None:
        """``accept`` and ``keep_last`` make a bounded model (the wall keeps only the latest
        significant entries, so its memory stays flat however long the event runs)."""
        super().__init__(parent)
        self.language = language
        self.accept = accept
        self.keep_last = keep_last
        self.now: datetime | None = None
        self.entries: list[JournalEntry] = []
        self.keys: list[tuple[datetime, datetime, str, str]] = []
        self.haystack: list[str] = []
        self._cache: dict[str, tuple[str, ...]] = {}  # id -> display texts
        self._by_id: dict[str, JournalEntry] = {}
        self._corrected_by: dict[str, list[JournalEntry]] = {}  # id -> its corrections
        self.headers = [
            _("No."),
            _("Time"),
            _("Category"),
            _("Text"),
            _("Author"),
        ]

    # ------------------------------------------------------------------ updates

    def reset_entries(self, entries: Iterable[JournalEntry] | JournalBatch) -> None:
        batch = entries if isinstance(entries, JournalBatch) else JournalBatch(entries)
        if self.accept is not None or self.keep_last is not None:
            kept = [e for e in batch.entries if self.accept is None or self.accept(e)]
            batch = JournalBatch(kept[-self.keep_last :] if self.keep_last else kept)
        self.beginResetModel()
        self.entries, self.keys, self.haystack = batch.entries, batch.keys, batch.haystack
        self._by_id, self._corrected_by = batch.by_id, batch.corrected_by
        self._cache.clear()
        self.endResetModel()

    def append_entries(self, entries: list[JournalEntry]) -> None:
        """Add entries (local writes, or synced ones with any occurred time)."""
        known = self._by_id
        accept = self.accept
        fresh = sorted(
            (e for e in entries if e.id not in known and (accept is None or accept(e))), key=_key
        )
        if not fresh:
            return
        if not self.keys or _key(fresh[0]) >= self.keys[-1]:
            first = len(self.entries)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self.entries.extend(fresh)
            self.keys.extend(_key(e) for e in fresh)
            self.haystack.extend(_hay(e) for e in fresh)
            self._index_corrections(fresh)
            self.endInsertRows()
        else:  # an entry that happened earlier arrived late: keep the order exact
            for e in fresh:
                pos = bisect.bisect_right(self.keys, _key(e))
                self.beginInsertRows(QModelIndex(), pos, pos)
                self.entries.insert(pos, e)
                self.keys.insert(pos, _key(e))
                self.haystack.insert(pos, _hay(e))
                self.endInsertRows()
            self._index_corrections(fresh)
        if self.keep_last is not None and len(self.entries) > self.keep_last:
            self._trim(len(self.entries) - self.keep_last)
        corrected = {e.corrects for e in fresh if e.corrects}
        for entry_id in corrected:
            self._cache.pop(entry_id, None)
        if corrected:
            rows = [i for i, e in enumerate(self.entries) if e.id in corrected]
            for row in rows:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.TEXT))

    def _trim(self, count: int) -> None:
        """Drop the ``count`` oldest entries (bounded models only)."""
        self.beginRemoveRows(QModelIndex(), 0, count - 1)
        for e in self.entries[:count]:
            self._by_id.pop(e.id, None)
            self._cache.pop(e.id, None)
            self._corrected_by.pop(e.id, None)
        del self.entries[:count], self.keys[:count], self.haystack[:count]
        self.endRemoveRows()

    def set_now(self, now: datetime) -> None:
        """The time column says "14:05" for today and "22 jan. 14:05" otherwise."""
        changed_day = self.now is None or local(self.now).date() != local(now).date()
        self.now = now
        if changed_day and self.entries:
            self._cache.clear()
            self.dataChanged.emit(
                self.index(0, self.TIME), self.index(len(self.entries) - 1, self.TIME)
            )

    def _index_corrections(self, entries: Iterable[JournalEntry]) -> None:
        for e in entries:
            self._by_id[e.id] = e
            if e.corrects:
                self._corrected_by.setdefault(e.corrects, []).append(e)

    def entry(self, entry_id: str) -> JournalEntry | None:
        return self._by_id.get(entry_id)

    def corrections_of(self, entry_id: str) -> list[JournalEntry]:
        return list(self._corrected_by.get(entry_id, ()))

    def row_of(self, entry_id: str) -> int:
        for i, e in enumerate(self.entries):
            if e.id == entry_id:
                return i
        return -1

    # ------------------------------------------------------------------ Qt API

    def items(self) -> Sequence[Any]:
        return self.entries

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.data_at(index.row(), index.column(), role)

    def data_at(self, row: int, col: int, role: int) -> Any:
        """``data`` by row and column: the proxy's fast path (no QModelIndex round trip)."""
        if not 0 <= row < len(self.entries):
            return None
        if role == _DISPLAY:
            return self._texts(row)[col]
        e = self.entries[row]
        if role == _FONT:
            return _font(e.category in SIGNIFICANT, e.id in self._corrected_by)
        if role == _DECORATION:
            return theme.category_icon(e.category) if col == self.CATEGORY else None
        if role == _FOREGROUND:
            if e.id in self._corrected_by:
                return _grey()
            # what the program wrote itself steps back behind what people wrote
            return _grey("system") if e.category is EntryCategory.SYSTEM else None
        if role == ID_ROLE:
            return e.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(e)
        return None

    def _texts(self, row: int) -> tuple[str, ...]:
        e = self.entries[row]
        texts = self._cache.get(e.id)
        if texts is None:
            texts = tuple(self._display(e, c) for c in range(len(self.headers)))
            self._cache[e.id] = texts
        return texts

    def _display(self, e: JournalEntry, col: int) -> str:
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
                original = self._by_id.get(e.corrects)
                target = original.number if original else e.corrects[-8:]
                text = "↳ " + _("Correction of {0}:").format(target) + " " + text
            if e.id in self._corrected_by:
                numbers = ", ".join(c.number for c in self._corrected_by[e.id])
                text += "   [" + _("corrected by {0}").format(numbers) + "]"
            if e.hidden_from_wall:
                text += "   [" + _("hidden from wall") + "]"
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


class JournalProxy(QAbstractProxyModel):
    """Filters (words in text/author/number, categories, period) and orders the journal."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._map: list[int] = []
        self._reverse: dict[int, int] | None = None
        self.words: tuple[str, ...] = ()
        self.categories: frozenset[EntryCategory] | None = None
        self.since: datetime | None = None
        self.until: datetime | None = None
        self.newest_first = True

    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            for sig in (old.modelReset, old.rowsInserted, old.rowsRemoved, old.layoutChanged):
                sig.disconnect(self.rebuild)
            old.dataChanged.disconnect(self._source_data_changed)
        super().setSourceModel(model)
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            sig.connect(self.rebuild)
        model.dataChanged.connect(self._source_data_changed)
        self.rebuild()

    # ------------------------------------------------------------------ filters

    def set_search(self, text: str) -> None:
        self.words = search_words(text)
        self.rebuild()

    def set_categories(self, categories: frozenset[EntryCategory] | None) -> None:
        self.categories = categories
        self.rebuild()

    def set_period(self, since: datetime | None, until: datetime | None) -> None:
        self.since, self.until = since, until
        self.rebuild()

    def set_newest_first(self, newest_first: bool) -> None:
        self.newest_first = newest_first
        self.rebuild()

    def rebuild(self, *_: Any) -> None:
        model = self.sourceModel()
        if not isinstance(model, JournalModel):
            return
        rows: Iterable[int] = range(len(model.entries))
        if self.words:
            hay = model.haystack
            words = self.words
            if len(words) == 1:
                w = words[0]
                rows = [i for i, h in enumerate(hay) if w in h]
            else:
                rows = [i for i, h in enumerate(hay) if all(w in h for w in words)]
        if self.categories is not None or self.since or self.until:
            entries, cats, since, until = model.entries, self.categories, self.since, self.until
            rows = [
                i
                for i in rows
                if (cats is None or entries[i].category in cats)
                and (since is None or entries[i].occurred_at >= since)
                and (until is None or entries[i].occurred_at < until)
            ]
        mapped = list(rows)
        if self.newest_first:
            mapped.reverse()
        self.beginResetModel()
        self._map = mapped
        self._reverse = None
        self.endResetModel()

    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = ()) -> None:
        if self._map:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._map) - 1, self.columnCount() - 1)
            )

    # ------------------------------------------------------------------ Qt API

    def source_row(self, proxy_row: int) -> int:
        return self._map[proxy_row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._map):
            return None
        model = self.sourceModel()
        assert isinstance(model, JournalModel)
        return model.data_at(self._map[row], index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def mapToSource(self, proxy: Index) -> QModelIndex:
        model = self.sourceModel()
        if not proxy.isValid() or model is None or not 0 <= proxy.row() < len(self._map):
            return QModelIndex()
        return model.index(self._map[proxy.row()], proxy.column())

    def mapFromSource(self, source: Index) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        if self._reverse is None:
            self._reverse = {src: i for i, src in enumerate(self._map)}
        row = self._reverse.get(source.row())
        return QModelIndex() if row is None else self.index(row, source.column())

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if (
            parent.isValid()
            or not (0 <= row < len(self._map))
            or not (0 <= column < self.columnCount())
        ):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._map)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        model = self.sourceModel()
        if orientation == Qt.Orientation.Horizontal and model is not None:
            return model.headerData(section, orientation, role)
        return None
