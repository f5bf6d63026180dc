"""What the window asks of a long journal: a filter, pages in chronological order, search terms.

The window never holds a whole journal of 1,000,000 entries: it shows pages of ``JournalRow``
read in the journal's order (occurred, recorded, number, id), newest or oldest first, after the
``JournalKey`` of the last row it has (keyset paging), with the filter applied by the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory

JournalKey = tuple[datetime, datetime, str, str]
"""An entry's place in the journal's order: (occurred at, recorded at, number, id)."""

_WORD = re.compile(r"[^\W_]+")


def entry_key(entry: JournalEntry) -> JournalKey:
    """``entry``'s place in the journal's order."""
    return (entry.occurred_at, entry.recorded_at, entry.number, entry.id)


def search_words(text: str) -> tuple[str, ...]:
    """The words of a text, in lower case: letters and digits, everything else separates
    (``V1-0042`` is ``v1`` and ``0042``); å, ä and ö are letters of their own — as the store's
    full-text index (FTS5 ``unicode61``, diacritics kept) sees them. The query is put in
    Unicode NFC first, as every stored text is (``domain.text``): an "ä" typed as "a" and a
    combining diaeresis finds the stored "ä"."""
    return tuple(_WORD.findall(unicodedata.normalize("NFC", text).lower()))


def begins_word(text: str, word: str) -> bool:
    """True when ``word`` begins a word of ``text`` (both lower case): found where the character
    before it is no letter or digit (``str.find``: the store's fast path, thousands per key)."""
    i = text.find(word)
    while i != -1:
        if i == 0 or not text[i - 1].isalnum():
            return True
        i = text.find(word, i + 1)
    return False


def word_matcher(words: tuple[str, ...]) -> Callable[[str], bool]:
    """A test of a lower-case text: does every one of ``words`` begin a word of it (as
    ``matches_words``)."""
    return lambda text: all(begins_word(text, w) for w in words)


def matches_words(words: tuple[str, ...], *fields: str) -> bool:
    """True when every one of ``words`` begins a word of one of ``fields``."""
    if not words:
        return True
    have = [w for f in fields if f for w in _WORD.findall(f.lower())]
    return all(any(h.startswith(w) for h in have) for w in words)


@dataclass(frozen=True, slots=True)
class JournalFilter:
    """Which entries the journal panel shows.

    ``text``: every word must begin a word of the entry's number, author, parties or text
    (search as you type: "lever" finds "leverantören"); ``categories``: ``None`` for all;
    ``since``/``until``: occurred times, ``since ≤ occurred < until`` (aware UTC).
    """

    text: str = ""
    categories: frozenset[EntryCategory] | None = None
    since: datetime | None = None
    until: datetime | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return search_words(self.text)

    @property
    def everything(self) -> bool:
        """True when nothing is filtered out."""
        return not self.words and self.categories is None and not self.since and not self.until


@dataclass(frozen=True, slots=True)
class JournalRow:
    """One shown entry with what its row says about corrections: the numbers of the entries
    that correct it, and the number of the entry it corrects (when that entry is there)."""

    rowid: int
    entry: JournalEntry
    corrected_by: tuple[str, ...] = ()
    corrects_number: str | None = None

    @property
    def key(self) -> JournalKey:
        return entry_key(self.entry)
