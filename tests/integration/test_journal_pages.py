"""The window's journal pages (``store.journal_pages``): the journal's order, filters, search."""

from __future__ import annotations

from datetime import timedelta

import pytest

from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory, Medium
from situation_board.domain.journal_view import JournalFilter, JournalKey, search_words
from situation_board.services import BoardService
from situation_board.store import journal_pages
from tests.integration.helpers import T0, FakeClock, open_service

TEXTS = [
    "Leverantören lovar ny prognos kl. 15",
    "Möte med länsstyrelsen om läget",
    "Året började lugnt, nu är det ärenden i kö",
    "Rakelsamtal från SOS Alarm: ambulans försenad",
    "Beslut: reservrutin för utskrivning gäller över helgen",
    "Telefon till IT-avdelningen, ingen prognos",
    "Leveransen av förbrukningsmaterial kom fram",
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> BoardService:
    """One board for the module (the tests only read it)."""
    clock = FakeClock(T0 + timedelta(days=2))
    service = open_service(tmp_path_factory.mktemp("pages") / "board.db", clock)
    service.start_event("Avbrott", started_at=T0)
    categories = [EntryCategory.INFORMATION, EntryCategory.CONTACT, EntryCategory.DECISION]
    for i in range(42):
        text = TEXTS[i % len(TEXTS)] + f" ({i})"
        # occurred times out of order (late entries), some sharing a time
        when = T0 + timedelta(minutes=(i * 37) % 300)
        service.add_entry(
            text,
            category=categories[i % 3],
            occurred_at=when,
            medium=Medium.PHONE if i % 5 == 0 else None,
            from_party="Skellefteå lasarett" if i % 4 == 0 else "",
        )
    first = service.journal()[3]
    service.add_entry("Rättelse: fel sjukhus", corrects=first.number)
    service.add_entry("Andra rättelsen", corrects=first.number)
    return service


def _all_pages(
    svc: BoardService, flt: JournalFilter, *, newest_first: bool, limit: int = 5
) -> list[JournalEntry]:
    out: list[JournalEntry] = []
    after: JournalKey | None = None
    while True:
        _event, rows = svc.journal_page(flt, after=after, limit=limit, newest_first=newest_first)
        out += [r.entry for r in rows]
        if len(rows) < limit:
            return out
        after = rows[-1].key


def _matches(entry: JournalEntry, words: tuple[str, ...]) -> bool:
    fields = (entry.number, entry.author, entry.from_party, entry.to_party, entry.text)
    have = [w for f in fields for w in search_words(f)]
    return all(any(h.startswith(w) for h in have) for w in words)


def test_pages_follow_the_journal_order_both_ways(svc: BoardService) -> None:
    journal = svc.journal()
    assert _all_pages(svc, JournalFilter(), newest_first=False) == journal
    assert _all_pages(svc, JournalFilter(), newest_first=True) == journal[::-1]
    assert svc.journal_count(JournalFilter()) == (len(journal), len(journal))


@pytest.mark.parametrize(
    "text", ["lever", "LEVERANTÖREN", "år", "är", "ärenden kö", "prognos", "skellefteå", "v1-00"]
)
@pytest.mark.parametrize("mode", ["walk", "index", "mixed"])
def test_search_finds_word_beginnings_with_swedish_letters_distinct(
    svc: BoardService, text: str, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if mode == "index":  # the walk gives up at once: the index answers
        monkeypatch.setattr(journal_pages, "SCAN", 0)
    elif mode == "mixed":  # a short walk, many times: pages across the walk and the index
        monkeypatch.setattr(journal_pages, "SCAN", 3)
    journal = svc.journal()
    words = search_words(text)
    expected = [e for e in journal if _matches(e, words)]
    assert expected, text
    flt = JournalFilter(text=text)
    assert _all_pages(svc, flt, newest_first=True, limit=4) == expected[::-1]
    assert _all_pages(svc, flt, newest_first=False, limit=4) == expected
    assert svc.journal_count(flt)[0] == len(expected)


def test_a_ring_a_umlaut_and_o_umlaut_are_letters_of_their_own(svc: BoardService) -> None:
    texts = {e.text for e in _all_pages(svc, JournalFilter(text="år"), newest_first=True)}
    assert texts and all(t.startswith("Året") for t in texts)
    assert not _all_pages(svc, JournalFilter(text="aret"), newest_first=True)


def test_filters_combine(svc: BoardService) -> None:
    journal = svc.journal()
    since, until = T0 + timedelta(hours=1), T0 + timedelta(hours=3)
    cats = frozenset({EntryCategory.DECISION, EntryCategory.CONTACT})
    flt = JournalFilter(text="prognos", categories=cats, since=since, until=until)
    expected = [
        e
        for e in journal
        if e.category in cats and since <= e.occurred_at < until and _matches(e, flt.words)
    ]
    assert _all_pages(svc, flt, newest_first=True, limit=2) == expected[::-1]
    assert svc.journal_count(flt) == (len(expected), len(journal))
    assert _all_pages(svc, JournalFilter(categories=frozenset()), newest_first=True) == []


def test_rows_say_what_corrects_what(svc: BoardService) -> None:
    _event, rows = svc.journal_page(JournalFilter(), limit=500, newest_first=False)
    by_text = {r.entry.text: r for r in rows}
    first = by_text["Rättelse: fel sjukhus"].entry.corrects
    original = next(r for r in rows if r.entry.id == first)
    fixes = [by_text["Rättelse: fel sjukhus"].entry.number, by_text["Andra rättelsen"].entry.number]
    assert original.corrected_by == tuple(fixes)
    assert by_text["Andra rättelsen"].corrects_number == original.entry.number
    row, was, corrections = svc.entry_detail(original.entry.id)
    assert row is not None and was is None and [c.entry.number for c in corrections] == fixes


def test_latest_entries_read_only_what_is_shown(svc: BoardService) -> None:
    journal = svc.journal()
    decisions = [e for e in journal if e.category is EntryCategory.DECISION]
    got = svc.latest_entries(lambda e: e.category is EntryCategory.DECISION, 4)
    assert got == decisions[-4:]
    cats = frozenset({EntryCategory.DECISION})
    assert svc.latest_entries(lambda e: True, 4, cats) == decisions[-4:]
