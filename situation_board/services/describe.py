"""Swedish wording of changes for the ``system`` journal entries the app writes itself.

The journal is the event's record and is kept in Swedish whatever the UI language.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from situation_board.domain.entities import JournalEntry
from situation_board.domain.enums import EntryCategory, Labelled
from situation_board.domain.timeutil import fmt_datetime

FIELD_SV: dict[str, str] = {
    "name": "namn",
    "status": "status",
    "supplier": "leverantör",
    "processes": "berörda processer",
    "reserve_routine_active": "reservrutin aktiv",
    "reserve_routine_since": "reservrutin sedan",
    "reserve_routine": "reservrutin",
    "workaround": "alternativ lösning",
    "prognosis_at": "prognos",
    "prognosis_text": "prognos",
    "personal_data_affected": "personuppgifter kan vara berörda",
    "next_update_at": "nästa uppdatering",
    "title": "rubrik",
    "owner": "ansvarig",
    "due_at": "senast",
    "priority": "prioritet",
    "system_id": "kopplat system",
    "reported_at": "rapporterad",
    "reference": "referens",
    "late_reason": "skäl till försening",
    "at": "tid",
    "deleted": "borttagen",
}

SKIP = frozenset({"status_since", "reserve_routine_since", "deleted", "closed_at"})


def value_sv(value: Any) -> str:
    """A value as a Swedish reader expects it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime):
        return fmt_datetime(value)
    if isinstance(value, Labelled):
        return value.sv
    if isinstance(value, Enum):
        return str(value.value)
    return str(value).rstrip(".")


def changes_sv(old: dict[str, Any], new: dict[str, Any], enums: dict[str, type[Labelled]]) -> str:
    """``status: Ur funktion → Fungerar; prognos: – → 25 jan`` for the fields that changed."""
    parts = []
    for field, was in old.items():
        if field in SKIP:
            continue
        before, after = was, new[field]
        if field in enums:
            before = enums[field](before) if before else before
            after = enums[field](after) if after else after
        parts.append(f"{FIELD_SV.get(field, field)}: {value_sv(before)} → {value_sv(after)}")
    return "; ".join(parts)


# Prefixes of the system entries the services write for level and system changes; the wall shows
# those among the latest significant entries (tests pin the wording).
LEVEL_CHANGE_PREFIX = "Beredskapsläge:"
SYSTEM_CHANGE_PREFIXES = ("System ", "Berört system registrerat:")


def is_wall_significant(entry: JournalEntry) -> bool:
    """Decisions, significant events, level and system changes — never a hidden entry."""
    if entry.hidden_from_wall:
        return False
    if entry.category in (EntryCategory.DECISION, EntryCategory.SIGNIFICANT):
        return True
    return entry.category is EntryCategory.SYSTEM and entry.text.startswith(
        (LEVEL_CHANGE_PREFIX, *SYSTEM_CHANGE_PREFIXES)
    )
