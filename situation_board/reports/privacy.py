"""Privacy of documents that leave the command room; pure functions, no Qt.

Documents meant for outside the room — the lägesbild (text and PDF) for WIS and länsstyrelsen,
the one-page board print posted on the wall, the briefing agenda — leave out:

* journal entries **hidden from the wall** (the staff decided they are not for every eye; an
  entry saved despite a personnummer is always hidden);
* anything whose text looks like a **personal identity number** (``domain.rules.
  looks_like_personnummer``: personnummer or samordningsnummer with a valid check digit) —
  patient data does not belong on the board, and never in a document that leaves it;

and say how many they left out (``withheld_note``), so a reader knows the document is not the
whole journal. The closure archive is the internal record: it keeps every entry and marks the
ones these rules would leave out (``privacy_marks``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from situation_board.domain.entities import Board, JournalEntry
from situation_board.domain.rules import looks_like_personnummer
from situation_board.i18n import N_, translations

HIDDEN = "hidden_from_wall"
PERSONAL_ID = "personal_id"
MARK_LABELS: dict[str, str] = {
    HIDDEN: N_("hidden from the wall"),
    PERSONAL_ID: N_("looks like a personal identity number"),
}
"""Why an entry stays inside the room (archive marks), by code."""


@dataclass(frozen=True, slots=True)
class Withheld:
    """How much an outgoing document left out: journal entries hidden from the wall, and
    entries or lines whose text looks like a personal identity number."""

    hidden: int = 0
    personal_id: int = 0

    @property
    def total(self) -> int:
        return self.hidden + self.personal_id

    def __add__(self, other: Withheld) -> Withheld:
        return Withheld(self.hidden + other.hidden, self.personal_id + other.personal_id)


def has_personal_id(*texts: str) -> bool:
    """True when any of ``texts`` looks like it holds a personal identity number."""
    return any(looks_like_personnummer(t) for t in texts if t)


def privacy_marks(entry: JournalEntry) -> tuple[str, ...]:
    """Why ``entry`` must not leave the room (``PERSONAL_ID``, ``HIDDEN``), or ``()``."""
    marks = []
    if has_personal_id(entry.text, entry.from_party, entry.to_party):
        marks.append(PERSONAL_ID)
    if entry.hidden_from_wall:
        marks.append(HIDDEN)
    return tuple(marks)


def outgoing_entries(
    entries: Iterable[JournalEntry],
) -> tuple[tuple[JournalEntry, ...], Withheld]:
    """The entries that may leave the room, and what was left out (an entry with a personal
    identity number counts under ``personal_id`` even when it is also hidden)."""
    kept: list[JournalEntry] = []
    hidden = personal = 0
    for entry in entries:
        marks = privacy_marks(entry)
        if PERSONAL_ID in marks:
            personal += 1
        elif HIDDEN in marks:
            hidden += 1
        else:
            kept.append(entry)
    return tuple(kept), Withheld(hidden, personal)


def outgoing_lines(lines: Iterable[str]) -> tuple[tuple[str, ...], Withheld]:
    """The lines without a personal identity number, and how many were left out."""
    given = list(lines)
    kept = tuple(line for line in given if not has_personal_id(line))
    return kept, Withheld(personal_id=len(given) - len(kept))


def outgoing_board(board: Board) -> tuple[Board, Withheld]:
    """``board`` with only the journal entries that may leave the room (``outgoing_entries``).

    Other records cannot hold a personal identity number (the services refuse it in every field
    but the journal's confirmed text); a document still filters its lines (``outgoing_lines``)
    in case an older version let one through.
    """
    journal, withheld = outgoing_entries(board.journal)
    return replace(board, journal=journal), withheld


def withheld_note(withheld: Withheld, language: str = "sv") -> str:
    """One sentence saying what was left out and why, or ``""`` when nothing was."""
    if not withheld.total:
        return ""
    t = translations(language)
    parts = []
    if withheld.hidden:
        parts.append(
            t.ngettext(
                "{n} journal entry hidden from the wall",
                "{n} journal entries hidden from the wall",
                withheld.hidden,
            ).format(n=withheld.hidden)
        )
    if withheld.personal_id:
        parts.append(
            t.ngettext(
                "{n} entry that looks like it holds a personal identity number",
                "{n} entries that look like they hold a personal identity number",
                withheld.personal_id,
            ).format(n=withheld.personal_id)
        )
    return t.gettext("Left out of this document: {0}.").format(t.gettext(" and ").join(parts))
