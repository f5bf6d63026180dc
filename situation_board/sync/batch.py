"""A pushed batch against the store's current state: what to write, decided for the whole batch.

The store applies a batch (DESIGN §5.1) as: read the current state of every row the batch touches
(one ``SELECT``), decide here — in memory, in sequence order, with the per-field rules of
``sync.merge`` — and write the result with a few set-based statements (``backend.SharedStore.push``).
Nothing here touches a database, so the decisions are exactly those of the rules, whatever the
dialect:

* an immutable row (journal entry, level decision, handover) is inserted when the store does not
  have it yet, else skipped; it is kept as pushed (its changes, ``protocol.unwrap`` gives its
  fields), its site the pusher's or, for a snapshot row, the original one;
* a mutable row merges per field, last writer wins by (HLC, site id); a concurrent edit (the store's
  stamp is not the one the station had seen) keeps the newer value and records the other as a
  ``Conflict``; a snapshot row (``op == SNAPSHOT``) is a copy of state: newer stamp wins, no conflict;
* each written row takes the next value of the store's change counter (``next_number``), as many
  times as the batch writes it (the last one stays), exactly as a row-at-a-time apply would;
* ``echo_site``: a row the batch leaves exactly as the pushing station has it (an immutable row it
  inserted, a mutable row every field of which it set) is marked with the pusher's site, so the
  pusher's pull skips it (it has it); any other written row is unmarked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from situation_board.domain.entities import Conflict
from situation_board.sync.errors import GapError
from situation_board.sync.merge import FieldDecision, decide, make_conflict
from situation_board.sync.protocol import ORIGIN_SITE, SNAPSHOT, OutboxRow

IMMUTABLE_ENTITIES = frozenset({"journal", "level_decisions", "handovers"})
Key = tuple[str, str]  # (entity, id)


@dataclass(slots=True)
class StoredRow:
    """One row of the store's ``entities`` as the batch sees and changes it."""

    entity: str
    id: str
    immutable: bool
    fields: dict[str, Any]
    versions: dict[str, list[str]] | None
    site_id: str | None = None
    stamp: str | None = None
    change: int = 0
    echo_site: str | None = None
    new: bool = False  # not in the store before this batch
    dirty: bool = False  # written by this batch
    mine: set[str] = field(default_factory=set)  # fields whose version this batch set
    pushed: str | None = None  # an immutable row: its changes as pushed, JSON text
    pushed_by: str | None = None  # the database role that pushes it (shared revision s0003)

    def fields_json(self) -> str:
        """``fields`` as the store keeps them: an immutable row's changes as pushed."""
        return self.pushed if self.pushed is not None else json.dumps(self.fields)

    @property
    def key(self) -> Key:
        return (self.entity, self.id)


@dataclass(slots=True)
class BatchPlan:
    """What one batch does: the rows to write (in order of first write) and the conflicts."""

    rows: list[StoredRow]
    conflicts: list[Conflict]
    applied: int
    duplicates: int
    last_seq: int
    last_mutation: str


def fresh_rows(rows: Iterable[OutboxRow], last: int) -> tuple[list[OutboxRow], int]:
    """The rows after sequence ``last`` (in the order sent) and the number of duplicates.

    Sequences already applied are duplicates (skipped, in any order); the first new one must
    follow ``last`` and each further one the previous: otherwise ``GapError`` (nothing applies).
    """
    fresh: list[OutboxRow] = []
    duplicates = 0
    for row in rows:
        if row.seq <= last:
            duplicates += 1
            continue
        if row.seq != last + 1:
            raise GapError(last + 1)
        fresh.append(row)
        last = row.seq
    return fresh, duplicates


def keys_of(rows: Iterable[OutboxRow]) -> dict[str, set[str]]:
    """The ids each entity of ``rows`` touches (what the store must read first)."""
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row.entity, set()).add(row.entity_id)
    return found


def plan_batch(
    site_id: str,
    fresh: list[OutboxRow],
    current: dict[Key, StoredRow],
    next_number: Callable[[], int],
    now: datetime,
    *,
    duplicates: int = 0,
) -> BatchPlan:
    """Decide ``fresh`` (already gap-checked, in sequence order) against ``current``, the store's
    rows that the batch touches. ``next_number`` gives change-counter values; ``now`` (aware UTC)
    stamps the conflicts found."""
    state = dict(current)
    written: dict[Key, StoredRow] = {}
    found: list[Conflict] = []
    for row in fresh:
        key = (row.entity, row.entity_id)
        if row.entity in IMMUTABLE_ENTITIES:
            if key in state:
                continue
            changes = row.changes
            if row.raw is not None and ORIGIN_SITE in row.raw:  # a snapshot row: parse it
                changes = json.loads(row.raw)
            stored = StoredRow(
                entity=row.entity,
                id=row.entity_id,
                immutable=True,
                fields=changes,
                versions=None,
                site_id=changes.get(ORIGIN_SITE, {}).get("v") or site_id,
                stamp=row.stamp,
                change=next_number(),
                echo_site=site_id,
                new=True,
                dirty=True,
                pushed=row.raw,
            )
            state[key] = written[key] = stored
            continue
        stored_or_none = state.get(key)
        if _merge_mutable(row, stored_or_none, state, found, now):
            stored = state[key]
            stored.change = next_number()
            stored.dirty = True
            stored.echo_site = site_id if set(stored.versions or {}) <= stored.mine else None
            written.setdefault(key, stored)
    return BatchPlan(
        rows=list(written.values()),
        conflicts=found,
        applied=len(fresh),
        duplicates=duplicates,
        last_seq=fresh[-1].seq if fresh else 0,
        last_mutation=fresh[-1].mutation_id if fresh else "",
    )


def _merge_mutable(
    row: OutboxRow,
    current: StoredRow | None,
    state: dict[Key, StoredRow],
    found: list[Conflict],
    now: datetime,
) -> bool:
    """Merge one mutable row into ``state``; True when the stored row changed."""
    fields: dict[str, Any] = dict(current.fields) if current else {}
    versions: dict[str, list[str]] = dict(current.versions or {}) if current else {}
    mine = set(current.mine) if current else set()
    changed = False
    snapshot = row.op == SNAPSHOT
    for name, change in row.changes.items():
        pushed: str = change["hlc"]
        have = versions.get(name)
        decision = decide(pushed, change.get("base"), have[0] if have else None)
        if snapshot:  # a copy of state, not an edit: the newer stamp wins, no conflict
            decision = FieldDecision(apply=have is None or pushed > have[0], conflict=False)
        if decision.conflict and have is not None:
            theirs = (fields.get(name), have[0], have[1] if len(have) > 1 else "")
            ours = (change.get("v"), pushed, row.author)
            kept, lost = (ours, theirs) if decision.apply else (theirs, ours)
            found.append(
                make_conflict(
                    row.entity, row.entity_id, name, kept=kept, lost=lost, detected_at=now
                )
            )
        if decision.apply:
            fields[name] = change.get("v")
            versions[name] = [pushed, change.get("author", row.author)]
            mine.add(name)
            changed = True
    if not changed:
        return False
    if current is None:
        current = StoredRow(
            entity=row.entity, id=row.entity_id, immutable=False, fields={}, versions={}, new=True
        )
        state[current.key] = current
    current.fields, current.versions, current.mine = fields, versions, mine
    return True
