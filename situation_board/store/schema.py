"""Tables of the local store (SQLAlchemy Core, ``select()`` style).

Replicated tables come in two kinds (DESIGN §4):

* **mutable** (events, systems, actions, deadlines, briefings, entry visibility, reminder
  acknowledgements): merged per field, last writer wins by (HLC, site id). ``versions`` holds,
  per field, ``[stamp, author]`` of its last write; a delete is a tombstone (``deleted``).
* **immutable** (journal, level decisions, handovers): insert-only; ``stamp`` and ``site_id`` say who
  wrote them and when. SQLite triggers refuse UPDATE and DELETE on them.

Cross-entity references (``event_id``, ``system_id``, ``corrects``) carry no FOREIGN KEY constraint:
sync delivers rows in the order of their *last* change, so a referenced row can arrive after the row
that refers to it. The services check references when they write.

Local-only tables: ``local_station`` (this station's identity, HLC and counters), ``outbox``,
``conflicts``, ``sync_state`` and ``reminders_shown`` (which reminders this station has shown).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

from situation_board.domain.entities import Conflict
from situation_board.domain.timeutil import utc

SCHEMA_VERSION = 1  # the data shape carried in outbox rows; bump with incompatible migrations


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC instant; stored naive-UTC in SQLite, as ``timestamptz`` in PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


def _id() -> Column[str]:
    return Column("id", String(36), primary_key=True)


def _text(name: str, *, nullable: bool = False) -> Column[str]:
    return Column(name, Text, nullable=nullable, server_default="" if not nullable else None)


def _when(name: str, *, nullable: bool = True) -> Column[datetime]:
    return Column(name, UTCDateTime(), nullable=nullable)


def _mutable_tail() -> list[Column[Any]]:
    return [
        Column("deleted", Boolean, nullable=False, server_default="0"),
        Column("versions", JSON, nullable=False),
    ]


def _immutable_tail() -> list[Column[Any]]:
    return [
        Column("site_id", String(36), nullable=False),
        Column("stamp", String(60), nullable=False),
    ]


local_station = Table(
    "local_station",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", String(36), nullable=False),
    Column("code", String(6), nullable=False),
    Column("name", Text, nullable=False, server_default=""),
    Column("hlc_ms", BigInteger, nullable=False, server_default="0"),
    Column("hlc_counter", Integer, nullable=False, server_default="0"),
    Column("journal_counter", Integer, nullable=False, server_default="0"),
    Column("outbox_seq", BigInteger, nullable=False, server_default="0"),
    _when("created_at", nullable=False),
    # the head of this site's journal hash chain (migration 0005; domain.chain)
    Column("chain_seq", Integer, nullable=False, server_default="0"),
    Column("chain_head", String(64), nullable=False, server_default=""),
    Column("chain_segment", Text, nullable=False, server_default=""),  # the next link's marker
)

events = Table(
    "events",
    metadata,
    _id(),
    _text("name"),
    Column("exercise", Boolean, nullable=False, server_default="0"),
    _when("started_at", nullable=False),
    _when("closed_at"),
    _text("close_reason"),
    *_mutable_tail(),
)

level_decisions = Table(
    "level_decisions",
    metadata,
    _id(),
    Column("event_id", String(36), nullable=False, index=True),
    Column("level", String(20), nullable=False),
    _text("scope"),
    _text("decided_by"),
    _text("reason"),
    _when("decided_at", nullable=False),
    _when("recorded_at", nullable=False),
    *_immutable_tail(),
)

systems = Table(
    "systems",
    metadata,
    _id(),
    Column("event_id", String(36), nullable=False, index=True),
    _text("name"),
    Column("status", String(20), nullable=False),
    _text("supplier"),
    _text("processes"),
    Column("reserve_routine_active", Boolean, nullable=False, server_default="0"),
    _when("reserve_routine_since"),
    _text("reserve_routine"),
    _text("workaround"),
    _when("prognosis_at"),
    _text("prognosis_text"),
    Column("personal_data_affected", Boolean, nullable=False, server_default="0"),
    _when("next_update_at"),
    _when("status_since"),
    *_mutable_tail(),
)

actions = Table(
    "actions",
    metadata,
    _id(),
    Column("event_id", String(36), nullable=False, index=True),
    _text("title"),
    _text("owner"),
    _when("due_at"),
    Column("priority", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("system_id", String(36), nullable=True),
    _when("created_at"),
    _when("closed_at"),
    *_mutable_tail(),
)

journal = Table(
    "journal",
    metadata,
    _id(),
    Column("event_id", String(36), nullable=False),
    Column(
        "number", String(20), nullable=False, index=True
    ),  # a label: unique per station in practice
    _when("occurred_at", nullable=False),
    _when("recorded_at", nullable=False),
    _text("author"),
    Column("function", String(30), nullable=False),
    Column("category", String(20), nullable=False),
    Column("medium", String(20), nullable=True),
    _text("from_party"),
    _text("to_party"),
    _text("text"),
    Column("corrects", String(36), nullable=True, index=True),
    Column("hidden_from_wall", Boolean, nullable=False, server_default="0"),
    # who was logged in at the workstation, and the hash chain (migration 0005; domain.chain)
    _text("os_account"),
    Column("chain_site", String(36), nullable=False, server_default=""),
    Column("chain_seq", Integer, nullable=False, server_default="0"),
    Column("chain_prev", String(64), nullable=False, server_default=""),
    Column("chain_hash", String(64), nullable=False, server_default=""),
    _text("chain_segment"),
    *_immutable_tail(),
    # the display and export order (migration 0004): read in order, never sorted
    Index("ix_journal_chrono", "event_id", "occurred_at", "recorded_at", "number", "id"),
)

SEARCH_TABLE = "journal_search"
"""The journal's FTS5 index (migration 0004): not a SQLAlchemy table; it and its shadow tables
(``journal_search_data``, …) are left out of schema comparisons (``mapped_name``)."""


def mapped_name(name: str | None, type_: str, _parent: object = None) -> bool:
    """False for the full-text index and its shadow tables (Alembic's ``include_name``)."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE))


handovers = Table(
    "handovers",
    metadata,
    _id(),
    Column("event_id", String(36), nullable=False, index=True),
    _text("from_person"),
    _text("to_person"),
    _when("period_start"),
    _when("period_end", nullable=False),
    _text("summary"),
    _text("note"),
    _text("acknowledged_by"),
    _when("acknowledged_at", nullable=False),
    Column("covered", JSON, nullable=False),
    *_immutable_tail(),
)

deadlines = Table(
    "deadlines",
    metadata,
    _id(),
    Column("event_id", String(36), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    _text("title"),
    _when("aware_at", nullable=False),
    _when("due_at", nullable=False),
    _when("reported_at"),
    _text("reference"),
    _text("late_reason"),
    Column("follows_id", String(36), nullable=True),
    _when("not_required_at"),
    _text("not_required_reason"),
    *_mutable_tail(),
)

briefings = Table(
    "briefings",
    metadata,
    _id(),
    Column("event_id", String(36), nullable=False, index=True),
    _when("at", nullable=False),
    _text("title"),
    _text("recurrence"),  # "" single; "every 4h"; "daily 08:00,13:00" (domain.briefings)
    _when("cancelled_at"),
    *_mutable_tail(),
)

entry_visibility = Table(
    "entry_visibility",
    metadata,
    _id(),  # the journal entry's id: one record per entry, merged per field
    Column("event_id", String(36), nullable=False, index=True),
    Column("hidden_from_wall", Boolean, nullable=False),
    *_mutable_tail(),
)
"""Whether a saved journal entry is hidden from the wall. Journal entries are immutable; their
own ``hidden_from_wall`` is the value they were written with, and this record, once it exists,
overrides it (``queries`` reads the effective value)."""

reminder_acks = Table(
    "reminder_acks",
    metadata,
    _id(),  # a new id per acknowledgement: two people acknowledging at once are two records
    Column("event_id", String(36), nullable=True, index=True),
    Column("reminder_key", Text, nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    _text("acknowledged_by"),
    _when("acknowledged_at", nullable=False),
    Column("station", String(6), nullable=False, server_default=""),
    *_mutable_tail(),
)
"""Who acknowledged which reminder when (insert-only in practice; a mutable record for sync,
whose shared store treats only the journal, level decisions and handovers as immutable)."""

reminders_shown = Table(
    "reminders_shown",
    metadata,
    Column("key", Text, primary_key=True),
    Column("kind", String(30), nullable=False),
    _when("first_shown_at", nullable=False),
    _when("last_shown_at", nullable=False),
    Column("times", Integer, nullable=False, server_default="1"),
)
"""Local only: when this station first and last notified each reminder (fires once per cause,
repeats at the configured interval)."""

outbox = Table(
    "outbox",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("mutation_id", String(36), nullable=False, unique=True),
    Column("entity", String(30), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("op", String(10), nullable=False),
    Column("changes", JSON, nullable=False),
    Column("stamp", String(60), nullable=False),
    Column("author", Text, nullable=False, server_default=""),
    Column("schema_version", Integer, nullable=False),
    _when("created_at", nullable=False),
    Column("acked", Boolean, nullable=False, server_default="0", index=True),
)

CONFLICT_RECORD = (
    "id",
    "entity",
    "entity_id",
    "field",
    "kept_value",
    "lost_value",
    "kept_stamp",
    "lost_stamp",
    "kept_author",
    "lost_author",
    "detected_at",
)
"""The columns of a conflict record, the same in the local and the shared store."""


def conflict_record_columns() -> list[Column[Any]]:
    """The columns of ``CONFLICT_RECORD`` (new objects for each table that carries them)."""
    return [
        _id(),
        Column("entity", String(30), nullable=False),
        Column("entity_id", String(36), nullable=False),
        Column("field", String(40), nullable=False),
        Column("kept_value", JSON, nullable=True),
        Column("lost_value", JSON, nullable=True),
        Column("kept_stamp", String(60), nullable=False),
        Column("lost_stamp", String(60), nullable=False),
        _text("kept_author"),
        _text("lost_author"),
        _when("detected_at", nullable=False),
    ]


def conflict_values(c: Conflict) -> dict[str, Any]:
    """The ``CONFLICT_RECORD`` column values of a conflict."""
    return {name: getattr(c, name) for name in CONFLICT_RECORD}


conflicts = Table(
    "conflicts",
    metadata,
    *conflict_record_columns(),
    _when("reviewed_at"),
    _text("reviewed_by"),
)

sync_state = Table(
    "sync_state",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", JSON, nullable=True),
)

MUTABLE: dict[str, Table] = {
    t.name: t
    for t in (events, systems, actions, deadlines, briefings, entry_visibility, reminder_acks)
}
IMMUTABLE: dict[str, Table] = {t.name: t for t in (journal, level_decisions, handovers)}
REPLICATED: dict[str, Table] = {**MUTABLE, **IMMUTABLE}
BOOKKEEPING = frozenset({"id", "versions", "site_id", "stamp"})


def data_columns(table: Table) -> list[str]:
    """The columns that carry entity data (everything but id and sync bookkeeping)."""
    return [c.name for c in table.columns if c.name not in BOOKKEEPING]


def encode_value(value: Any) -> Any:
    """A column value as JSON (UTC ISO instants, enum code names)."""
    if isinstance(value, datetime):
        return utc(value).isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def decode_value(table: Table, column: str, value: Any) -> Any:
    """A JSON value back into the column's Python type."""
    if value is None:
        return None
    if isinstance(table.c[column].type, UTCDateTime):
        return datetime.fromisoformat(value).astimezone(UTC)
    return value
