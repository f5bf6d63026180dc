"""The journal for the window, a page at a time: filtered, searched, in the journal's order.

A journal of 1,000,000 entries is never read whole. A page is the next ``limit`` entries after a
``JournalKey`` (keyset paging) newest or oldest first, read along ``ix_journal_chrono``
(migration 0004) with the filter applied by SQLite.

Search: every word of the search text must begin a word of the entry's number, author, parties
or text (``journal_view.matches_words``: the words of the FTS5 index ``journal_search``). What the
person types first ("l", "le", "lev") matches a large part of a long journal, and an FTS5 prefix
query merges every matching term's document list before it answers (≈ 200 ms for "leve" at
1,000,000 entries). So a page first walks the journal's order from where it is (at most ``SCAN``
entries, the searched columns only) and keeps what matches; only when that walk finds too few — a
word rare among the entries passed — does the index answer for the rest, from where it stopped.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory, Medium, StaffFunction
from situation_board.domain.journal_view import (
    JournalFilter,
    JournalKey,
    JournalRow,
    word_matcher,
)
from situation_board.domain.timeutil import utc

SCAN = 2_000
"""Entries a search page walks in the journal's order before it asks the full-text index."""

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
    words = flt.words
    query = (event_id, flt, newest_first)
    if not words:
        return _page(conn, query, after, limit)
    found: list[int] = []
    match = word_matcher(words)
    scanned, last = 0, None
    cursor = _scan(conn, query, after, SCAN)
    try:
        while rows := cursor.fetchmany(256):
            scanned += len(rows)
            last = rows[-1][0]
            for rowid, hay in rows:
                if match(hay.lower()):
                    found.append(rowid)
                    if len(found) == limit:
                        return _rows_by_id(conn, found, newest_first)
    finally:
        cursor.close()
    rows_found = _rows_by_id(conn, found, newest_first)
    if scanned < SCAN:  # the whole journal (after ``after``) was walked
        return rows_found
    position = _key_of(conn, last) if last is not None else after
    return rows_found + _indexed_page(conn, query, position, limit - len(found))


def _key_of(conn: Connection, rowid: int) -> JournalKey:
    r = conn.execute(
        text("SELECT occurred_at, recorded_at, number, id FROM journal WHERE rowid = :r"),
        {"r": rowid},
    ).one()
    return (_instant(r[0]), _instant(r[1]), r[2], r[3])


def _where(
    event_id: str, flt: JournalFilter, after: JournalKey | None, newest_first: bool
) -> tuple[list[str], dict[str, Any]]:
    params: dict[str, Any] = {}
    where = _conditions(event_id, flt, params)
    if after is not None:
        sign = "<" if newest_first else ">"
        where.append(f"({', '.join(_ORDER)}) {sign} (:k0, :k1, :k2, :k3)")
        params.update(k0=stored(after[0]), k1=stored(after[1]), k2=after[2], k3=after[3])
    return where, params


def _order(newest_first: bool) -> str:
    direction = " DESC" if newest_first else ""
    return ", ".join(c + direction for c in _ORDER)


def _page(
    conn: Connection, query: tuple[str, JournalFilter, bool], after: JournalKey | None, limit: int
) -> list[JournalRow]:
    event_id, flt, newest_first = query
    where, params = _where(event_id, flt, after, newest_first)
    params["limit"] = limit
    sql = (
        f"SELECT {_COLUMNS} FROM journal j INDEXED BY ix_journal_chrono{_VISIBILITY}"
        f" WHERE {' AND '.join(where)} ORDER BY {_order(newest_first)} LIMIT :limit"
    )
    return [_row(r) for r in conn.execute(text(sql), params)]


def _scan(
    conn: Connection, query: tuple[str, JournalFilter, bool], after: JournalKey | None, limit: int
) -> Any:
    """A cursor over the next ``limit`` entries passing the filter but its words: rowid and the
    searched columns as one text (read on the driver, stopped when the page is full)."""
    event_id, flt, newest_first = query
    where, params = _where(event_id, flt, after, newest_first)
    params["limit"] = limit
    sql = (
        "SELECT j.rowid,"
        " j.number || ' ' || j.author || ' ' || j.from_party || ' ' || j.to_party || ' ' || j.text"
        " FROM journal j INDEXED BY ix_journal_chrono"
        f" WHERE {' AND '.join(where)} ORDER BY {_order(newest_first)} LIMIT :limit"
    )
    return conn.connection.driver_connection.execute(sql, params)  # type: ignore[union-attr]


def _rows_by_id(conn: Connection, rowids: list[int], newest_first: bool) -> list[JournalRow]:
    if not rowids:
        return []
    sql = (
        f"SELECT {_COLUMNS} FROM json_each(:ids) m CROSS JOIN journal j ON j.rowid = m.value"
        f"{_VISIBILITY} ORDER BY {_order(newest_first)}"
    )
    return [_row(r) for r in conn.execute(text(sql), {"ids": json.dumps(rowids)})]


def _indexed_page(
    conn: Connection, query: tuple[str, JournalFilter, bool], after: JournalKey | None, limit: int
) -> list[JournalRow]:
    """The rest of a search page from the full-text index: its matches after ``after``, read
    from the index's matches (it drives: the journal is never walked past the page)."""
    event_id, flt, newest_first = query
    where, params = _where(event_id, flt, after, newest_first)
    where.append("journal_search MATCH :q")
    params.update(q=match_expression(flt.words), limit=limit)
    sql = (
        f"SELECT {_COLUMNS} FROM journal_search s CROSS JOIN journal j ON j.rowid = s.rowid"
        f"{_VISIBILITY} WHERE {' AND '.join(where)} ORDER BY {_order(newest_first)} LIMIT :limit"
    )
    return [_row(r) for r in conn.execute(text(sql), params)]


def journal_count(conn: Connection, event_id: str, flt: JournalFilter) -> int:
    """How many entries of the event pass ``flt``."""
    params: dict[str, Any] = {}
    where = _conditions(event_id, flt, params)
    source = " FROM journal j"
    if flt.words:  # the index's matches drive (never an index query per journal row)
        source = " FROM journal_search s CROSS JOIN journal j ON j.rowid = s.rowid"
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
