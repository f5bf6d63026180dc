"""The journal for the window, a page at a time: filtered, searched, in the journal's order.

A journal of 1,000,000 entries is never read whole. A page is the next ``limit`` entries after a
``JournalKey`` (keyset paging) newest or oldest first, read along ``ix_journal_chrono``
(migration 0004) with the filter applied by SQLite. Search uses the FTS5 index
``journal_search``: every word of the search text must begin a word of the entry.

* Few matches (at most ``NARROW``): they are read from the index and the page is sorted from
  them (a few thousand rowid look-ups).
* Many matches: the page walks the journal's order and asks the index about each entry it
  passes (``rowid = ?`` and ``MATCH``), stopping when the page is full — no set of 200,000
  matches is ever built.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory, Medium, StaffFunction
from situation_board.domain.journal_view import JournalFilter, JournalKey, JournalRow
from situation_board.domain.timeutil import utc

NARROW = 5_000
"""Searches with at most this many matches read them all and sort them."""

_COLUMNS = (
    "j.rowid, j.id, j.event_id, j.number, j.occurred_at, j.recorded_at, j.author, j.function,"
    " j.category, j.text, j.medium, j.from_party, j.to_party, j.corrects,"
    " coalesce(v.hidden_from_wall, j.hidden_from_wall),"
    " (SELECT group_concat(number, ', ') FROM (SELECT c.number FROM journal c"
    " WHERE c.corrects = j.id ORDER BY c.occurred_at, c.recorded_at, c.number)),"
    " (SELECT o.number FROM journal o WHERE o.id = j.corrects)"
)
_VISIBILITY = " LEFT JOIN entry_visibility v ON v.id = j.id AND v.deleted = 0"
_ORDER = ("j.occurred_at", "j.recorded_at", "j.number", "j.id")
_CATEGORIES = {m.value: m for m in EntryCategory}
_FUNCTIONS = {m.value: m for m in StaffFunction}
_MEDIA = {m.value: m for m in Medium}


def stored(when: datetime) -> str:
    """An aware instant as the local store keeps it (naive UTC text, as ``UTCDateTime``)."""
    return f"{utc(when).replace(tzinfo=None):%Y-%m-%d %H:%M:%S.%f}"


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def match_expression(words: tuple[str, ...]) -> str:
    """An FTS5 query: each word as a quoted prefix term, all of them required."""
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _conditions(event_id: str, flt: JournalFilter, params: dict[str, Any]) -> list[str]:
    where = ["j.event_id = :event"]
    params["event"] = event_id
    if flt.categories is not None:
        names = sorted(c.value for c in flt.categories) or [""]
        marks = []
        for i, name in enumerate(names):
            params[f"cat{i}"] = name
            marks.append(f":cat{i}")
        where.append(f"j.category IN ({', '.join(marks)})")
    if flt.since is not None:
        where.append("j.occurred_at >= :since")
        params["since"] = stored(flt.since)
    if flt.until is not None:
        where.append("j.occurred_at < :until")
        params["until"] = stored(flt.until)
    return where


def matches(conn: Connection, words: tuple[str, ...], limit: int) -> list[int] | None:
    """The rowids of the entries matching ``words`` when there are at most ``limit``; else
    ``None`` (too many to read: the page walks the journal instead)."""
    found = conn.execute(
        text("SELECT rowid FROM journal_search WHERE journal_search MATCH :q LIMIT :n"),
        {"q": match_expression(words), "n": limit + 1},
    ).scalars()
    rows = list(found)
    return rows if len(rows) <= limit else None


def journal_page(
    conn: Connection,
    event_id: str,
    flt: JournalFilter,
    *,
    after: JournalKey | None = None,
    limit: int = 200,
    newest_first: bool = True,
) -> list[JournalRow]:
    """The next ``limit`` entries of the event that pass ``flt``, after ``after`` (the key of
    the last row the caller has) in the journal's order, newest first or oldest first."""
    params: dict[str, Any] = {"limit": limit}
    where = _conditions(event_id, flt, params)
    source = " FROM journal j INDEXED BY ix_journal_chrono"
    words = flt.words
    if words:
        found = matches(conn, words, NARROW)
        if found is None:  # many: ask the index about each entry the page passes
            where.append(
                "EXISTS (SELECT 1 FROM journal_search s WHERE s.rowid = j.rowid"
                " AND journal_search MATCH :q)"
            )
            params["q"] = match_expression(words)
        elif not found:
            return []
        else:  # few: read them, sort them
            source = " FROM json_each(:ids) m CROSS JOIN journal j ON j.rowid = m.value"
            params["ids"] = json.dumps(found)
    if after is not None:
        sign = "<" if newest_first else ">"
        where.append(f"({', '.join(_ORDER)}) {sign} (:k0, :k1, :k2, :k3)")
        params.update(k0=stored(after[0]), k1=stored(after[1]), k2=after[2], k3=after[3])
    direction = " DESC" if newest_first else ""
    sql = (
        f"SELECT {_COLUMNS}{source}{_VISIBILITY} WHERE {' AND '.join(where)}"
        f" ORDER BY {', '.join(c + direction for c in _ORDER)} LIMIT :limit"
    )
    return [_row(r) for r in conn.execute(text(sql), params)]


def journal_count(conn: Connection, event_id: str, flt: JournalFilter) -> int:
    """How many entries of the event pass ``flt``."""
    params: dict[str, Any] = {}
    where = _conditions(event_id, flt, params)
    source = " FROM journal j"
    if flt.words:
        source = " FROM journal_search s JOIN journal j ON j.rowid = s.rowid"
        where.append("journal_search MATCH :q")
        params["q"] = match_expression(flt.words)
    sql = f"SELECT count(*){source} WHERE {' AND '.join(where)}"
    return int(conn.execute(text(sql), params).scalar_one())


def entry_with_corrections(
    conn: Connection, entry_id: str
) -> tuple[JournalRow | None, JournalRow | None, list[JournalRow]]:
    """An entry, the entry it corrects, and the entries that correct it (oldest first)."""
    sql = f"SELECT {_COLUMNS} FROM journal j{_VISIBILITY} WHERE j.id = :id"
    found = [_row(r) for r in conn.execute(text(sql), {"id": entry_id})]
    if not found:
        return None, None, []
    row = found[0]
    original = None
    if row.entry.corrects:
        hit = [_row(r) for r in conn.execute(text(sql), {"id": row.entry.corrects})]
        original = hit[0] if hit else None
    fixes = conn.execute(
        text(
            f"SELECT {_COLUMNS} FROM journal j{_VISIBILITY} WHERE j.corrects = :id"
            f" ORDER BY {', '.join(_ORDER)}"
        ),
        {"id": entry_id},
    )
    return row, original, [_row(r) for r in fixes]


def _row(r: Any) -> JournalRow:
    entry = JournalEntry(
        r[1],
        r[2],
        r[3],
        _instant(r[4]),
        _instant(r[5]),
        r[6],
        _FUNCTIONS[r[7]],
        _CATEGORIES[r[8]],
        r[9],
        _MEDIA[r[10]] if r[10] else None,
        r[11],
        r[12],
        r[13],
        bool(r[14]),
    )
    corrected = tuple(r[15].split(", ")) if r[15] else ()
    return JournalRow(int(r[0]), entry, corrected, r[16])
