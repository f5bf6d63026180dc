"""What kind of journal entry is this? Rules shared by the brief, the board print and the archive.

The program writes a ``system`` journal entry for every change (``services/*``). Two kinds matter
to a reader and are recognised here by the wording the services write:

* a **level change** — ``Beredskapsläge: Normalläge → Stabsläge (…)`` (``services/events.py``);
* a **system change** — ``Berört system registrerat: NAMN – …`` or ``System NAMN: status: … → …``
  (``services/systems.py``). A *status* change is one that touches status, reserve routine,
  prognosis, alternative solution or personal data — not only "nästa uppdatering".

A **significant** entry is a decision, a significant event, a level change or a system status
change; those come first in the handover brief and are the "latest significant entries" of the
board print. ``tests/integration/test_reports_core.py`` writes through the services and checks these
rules, so a change of wording there cannot silently break them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from situation_board.domain.entities import AffectedSystem, JournalEntry
from situation_board.domain.enums import EntryCategory

LEVEL_PREFIX = "Beredskapsläge: "
SYSTEM_ADDED_PREFIX = "Berört system registrerat: "
SYSTEM_CHANGED_PREFIX = "System "
_RENAME = re.compile(r"namn: (.+?) → (.+?)(?:; |\. |\.$)")
STATUS_WORDS = ("status:", "reservrutin", "prognos:", "alternativ lösning:", "personuppgifter")
USER_SIGNIFICANT = frozenset({EntryCategory.DECISION, EntryCategory.SIGNIFICANT})


def is_level_change(e: JournalEntry) -> bool:
    """A system entry recording a change of the readiness level."""
    return e.category is EntryCategory.SYSTEM and e.text.startswith(LEVEL_PREFIX)


def is_system_change(e: JournalEntry) -> bool:
    """Any change of an affected system the program journaled (incl. registration)."""
    if e.category is not EntryCategory.SYSTEM:
        return False
    return e.text.startswith(SYSTEM_ADDED_PREFIX) or (
        e.text.startswith(SYSTEM_CHANGED_PREFIX) and ": " in e.text[len(SYSTEM_CHANGED_PREFIX) :]
    )


def is_system_status_change(e: JournalEntry) -> bool:
    """A system change a reader must see: registration, status, reserve routine, prognosis …"""
    if not is_system_change(e):
        return False
    return e.text.startswith(SYSTEM_ADDED_PREFIX) or any(w in e.text for w in STATUS_WORDS)


def is_significant(e: JournalEntry) -> bool:
    """Decision, significant event, level change or system status change."""
    return e.category in USER_SIGNIFICANT or is_level_change(e) or is_system_status_change(e)


def significant_first(entries: Iterable[JournalEntry]) -> tuple[JournalEntry, ...]:
    """Significant entries first, then the rest; each part keeps the given (chronological) order."""
    items = list(entries)
    return tuple(
        [e for e in items if is_significant(e)] + [e for e in items if not is_significant(e)]
    )


def _system_name_in(e: JournalEntry) -> str | None:
    if e.text.startswith(SYSTEM_ADDED_PREFIX):
        rest = e.text[len(SYSTEM_ADDED_PREFIX) :]
        return rest.rsplit(" – ", 1)[0] if " – " in rest else rest
    if e.text.startswith(SYSTEM_CHANGED_PREFIX):
        return None  # needs the known names: "System A: B: c" is ambiguous on its own
    return None


def system_history(
    systems: Sequence[AffectedSystem], entries: Sequence[JournalEntry]
) -> dict[str, list[JournalEntry]]:
    """Per system id, the program's journal entries about it, chronological.

    Entries name the system as it was called *then*; walking the journal backwards from the
    current names follows renames (``System Gammal: namn: Gammal → Ny.``) back to older names.
    """
    names: dict[str, str] = {s.name: s.id for s in systems}
    found: dict[str, list[JournalEntry]] = {s.id: [] for s in systems}
    for e in reversed(entries):
        if not is_system_change(e):
            continue
        system_id: str | None = None
        added = _system_name_in(e)
        if added is not None:
            system_id = names.get(added)
        else:
            body = e.text[len(SYSTEM_CHANGED_PREFIX) :]
            rename = _RENAME.search(body)
            if rename and rename.group(2) in names:  # "System Gammal: namn: Gammal → Ny."
                system_id = names[rename.group(2)]
                names.setdefault(rename.group(1), system_id)
            else:  # the longest known name the text starts with, followed by ": "
                for name in sorted(names, key=len, reverse=True):
                    if body.startswith(name + ": "):
                        system_id = names[name]
                        break
        if system_id is not None:
            found[system_id].append(e)
    for history in found.values():
        history.reverse()
    return found
