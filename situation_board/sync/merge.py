"""Per-field merge rules (pure functions): last writer wins by (HLC, site id), losers kept.

A stamp string sorts by (HLC, site id) (``domain/hlc``), so "newer" is plain string comparison.

On the store, a pushed field change carries its stamp ``P`` and the *base* stamp ``B`` the station
had seen for that field; the store's current stamp is ``C``:

* no ``C``: apply;
* ``P == C``: the same write again (a replay): nothing to do;
* ``C`` newer than ``B`` (or no ``B``): another station changed the field without this station
  seeing it — a **conflict**; the newer of ``P`` and ``C`` wins and the other is recorded;
* otherwise (``C`` is what the station saw, or older after a restore): ``P`` wins, no conflict.

On a station, a pulled field is taken when its stamp is newer than the local one, so an unpushed
local edit with a newer stamp survives until it is pushed (where the store records the conflict).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from situation_board.domain.entities import Conflict

CONFLICT_NAMESPACE = uuid.UUID("6d1c3c39-2b55-4d2e-9a0f-5b7cbb8a4e11")


@dataclass(frozen=True, slots=True)
class FieldDecision:
    """What the store does with one pushed field change."""

    apply: bool
    conflict: bool


def decide(pushed: str, base: str | None, current: str | None) -> FieldDecision:
    """The store's decision for a pushed stamp ``pushed`` seen-from ``base`` over ``current``."""
    if current is None:
        return FieldDecision(apply=True, conflict=False)
    if pushed == current:
        return FieldDecision(apply=False, conflict=False)
    concurrent = base is None or current > base
    return FieldDecision(apply=pushed > current, conflict=concurrent)


def remote_wins(remote: str, local: str | None) -> bool:
    """On a station: take the pulled field when its stamp is newer than the local one."""
    return local is None or remote > local


def conflict_id(entity: str, entity_id: str, field: str, kept: str, lost: str) -> str:
    """A deterministic id, so the same conflict found twice (e.g. after a re-push) is one row."""
    return str(uuid.uuid5(CONFLICT_NAMESPACE, f"{entity}/{entity_id}/{field}/{kept}/{lost}"))


def make_conflict(
    entity: str,
    entity_id: str,
    field: str,
    *,
    kept: tuple[Any, str, str],
    lost: tuple[Any, str, str],
    detected_at: datetime,
) -> Conflict:
    """The conflict record; ``kept``/``lost`` are (JSON value, HLC stamp, author),
    ``detected_at`` an aware UTC instant."""
    return Conflict(
        id=conflict_id(entity, entity_id, field, kept[1], lost[1]),
        entity=entity,
        entity_id=entity_id,
        field=field,
        kept_value=kept[0],
        lost_value=lost[0],
        kept_stamp=kept[1],
        lost_stamp=lost[1],
        kept_author=kept[2],
        lost_author=lost[2],
        detected_at=detected_at,
    )
