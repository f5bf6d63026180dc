"""The messages of the sync protocol (DESIGN §5) as frozen dataclasses.

A station pushes ``OutboxRow`` batches (≤ ``BATCH_SIZE``) and gets a ``PushResult`` back; it pulls
``PulledRow`` pages (≤ ``PAGE_SIZE``) by cursor, where the cursor is the store-wide change counter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from situation_board.domain.entities import Conflict

BATCH_SIZE = 500
PAGE_SIZE = 500


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """The pushing station: permanent site id, station code and name."""

    site_id: str
    code: str
    name: str = ""
    previous: tuple[str, ...] = ()  # earlier site ids of this station (restored from a backup)


# A snapshot row copies a station's current state of an entity into a rebuilt store (op
# ``snapshot``): per-field last writer wins by stamp, never a conflict, each field keeping its
# own author; an immutable row carries its original site under ``ORIGIN_SITE``.
SNAPSHOT = "snapshot"
ORIGIN_SITE = "_origin_site"


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """One local change as it travels to the store (``changes`` as written by ``WriteTx``).

    ``raw``, when set, is the outbox's JSON text of the changes, and ``changes`` is then empty:
    an immutable row read for a push (``local.outbox_after(..., raw_immutable=True)``) goes to
    the store as it is, neither parsed nor encoded again (the store keeps it as pushed).
    """

    seq: int
    mutation_id: str
    entity: str
    entity_id: str
    op: str
    changes: dict[str, Any]
    stamp: str
    author: str
    schema_version: int
    raw: str | None = None


def unwrap(changes: dict[str, Any]) -> dict[str, Any]:
    """An immutable row's fields from its changes as pushed (``{"text": {"v": …}, …}``): how
    the shared store keeps immutable rows (``shared_schema.entities``)."""
    return {k: v.get("v") for k, v in changes.items() if k != ORIGIN_SITE}


@dataclass(frozen=True, slots=True)
class PushResult:
    """The store's acknowledgement: every sequence up to ``last_seq`` of this site is stored."""

    last_seq: int
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0


@dataclass(frozen=True, slots=True)
class StoreMeta:
    """What a station checks before syncing: epoch, schema version, Alembic revision."""

    epoch: str
    schema_version: int
    revision: str | None


@dataclass(frozen=True, slots=True)
class Handshake:
    """What a sync run reads from the store before it pushes (one round trip): its meta, the
    server's clock (PostgreSQL; aware UTC), this site's progress (last applied sequence, its
    mutation id), the holder of the station's code (site id, name), the store's timeline and
    change counter (failover, ``StoreHistory``) and, for a round with nothing to push, the
    first page of its pull."""

    meta: StoreMeta
    server_time: datetime | None
    progress: tuple[int, str] | None
    owner: tuple[str, str] | None
    history: StoreHistory
    page: PullPage | None = None


@dataclass(frozen=True, slots=True)
class StoreHistory:
    """What tells a station that the store lost commits it had seen (a failover to an
    asynchronous standby, a point-in-time restore): the PostgreSQL timeline (``None`` for a
    SQLite file), which a promotion or a restore moves on, and the store-wide change counter,
    which can then be below a station's pull cursor."""

    timeline: int | None
    counter: int


@dataclass(frozen=True, slots=True)
class PulledRow:
    """One row of a pull page: an entity's latest state, or a recorded conflict."""

    kind: str  # "row" or "conflict"
    change: int
    entity: str
    id: str
    fields: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, list[str]] | None = None
    site_id: str | None = None
    stamp: str | None = None
    conflict: Conflict | None = None


@dataclass(frozen=True, slots=True)
class PullPage:
    """One pull: the rows (≤ ``PAGE_SIZE``) and the cursor after them (past skipped echoes)."""

    rows: list[PulledRow]
    cursor: int
