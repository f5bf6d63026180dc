"""Privacy of outgoing documents (``reports.privacy``), with generated personal identity numbers
(valid check digits, birth years nobody has yet) — never real ones."""

from __future__ import annotations

from datetime import datetime, timedelta

from situation_board.domain.entities import Board, Event, JournalEntry, Station
from situation_board.domain.enums import EntryCategory, StaffFunction
from situation_board.reports.privacy import (
    HIDDEN,
    PERSONAL_ID,
    Withheld,
    outgoing_board,
    outgoing_entries,
    outgoing_lines,
    privacy_marks,
    withheld_note,
)
from tests.pnr import personnummer

T0 = datetime.fromisoformat("2024-01-29T10:00+01:00")


def _entry(n: int, text: str, *, hidden: bool = False, to: str = "") -> JournalEntry:
    at = T0 + timedelta(minutes=n)
    return JournalEntry(
        id=f"e{n}",
        event_id="ev",
        number=f"V1-{n:04d}",
        occurred_at=at,
        recorded_at=at,
        author="Loggist",
        function=StaffFunction.LOG_KEEPER,
        category=EntryCategory.DECISION,
        text=text,
        to_party=to,
        hidden_from_wall=hidden,
    )


ENTRIES = (
    _entry(1, "Reservrutiner aktiverade"),
    _entry(2, f"Patient {personnummer()} flyttad", hidden=True),  # saved with --force
    _entry(3, "Internt: samtal med facket", hidden=True),
    _entry(4, "Samordningsnummer i mottagare", to=personnummer(2091, 2, 3, 45, samordning=True)),
    _entry(5, f"Kort form {personnummer(2098, 11, 30, 9, long=False)}"),
    _entry(6, "Nummer 20950615-1234 har fel kontrollsiffra"),  # not a valid number: kept
)


def test_entries_hidden_or_with_a_personal_identity_number_stay_inside() -> None:
    kept, withheld = outgoing_entries(ENTRIES)
    assert [e.id for e in kept] == ["e1", "e6"]
    assert withheld == Withheld(hidden=1, personal_id=3)
    assert withheld.total == 4
    assert privacy_marks(ENTRIES[1]) == (PERSONAL_ID, HIDDEN)
    assert privacy_marks(ENTRIES[2]) == (HIDDEN,)
    assert privacy_marks(ENTRIES[0]) == ()


def test_lines_and_the_board() -> None:
    lines, withheld = outgoing_lines(["Läget", f"Ring {personnummer(2093)}", "Slut"])
    assert lines == ("Läget", "Slut") and withheld == Withheld(personal_id=1)
    event = Event("ev", "Händelse", False, T0)
    board = Board(T0, Station("s", "V1"), event, None, journal=ENTRIES)
    clean, withheld = outgoing_board(board)
    assert [e.id for e in clean.journal] == ["e1", "e6"] and withheld.total == 4
    assert clean.event == event and board.journal == ENTRIES  # the board itself is untouched


def test_the_note_says_how_many_and_why() -> None:
    assert withheld_note(Withheld()) == ""
    assert withheld_note(Withheld(hidden=1, personal_id=3), "sv") == (
        "Utelämnat i detta dokument: 1 journalpost dold på väggskärmen och 3 poster som ser ut "
        "att innehålla personnummer."
    )
    assert withheld_note(Withheld(hidden=2), "en") == (
        "Left out of this document: 2 journal entries hidden from the wall."
    )
