"""Tables of the shared store (SQLite file or PostgreSQL), separate from the local schema.

The shared store keeps the *latest state* of every replicated row in one generic table,
``entities``, keyed by (entity, id): ``fields`` holds a mutable row's JSON-encoded values and
``versions`` its per-field ``[stamp, author]``; an immutable row (NULL ``versions``, with
``site_id`` and ``stamp`` instead) keeps its changes as pushed, ``{"text": {"v": …}, …}``
(``protocol.unwrap`` gives the values: a push passes the outbox's text through untouched).
``echo_site`` names the station that already has the row as stored (it pushed exactly this; its
pull skips the row). Every row and every recorded conflict carries ``change``: a value of the
store-wide change counter (``store_counter``), taken under a lock held until COMMIT, so counter
order equals commit order and a pull by cursor never skips a late commit (DESIGN §5).

* ``store_meta``: ``store_epoch`` (UUID, new when a store is rebuilt) and ``schema_version``.
* ``stations``: which site owns which station code (codes are unique per store).
* ``site_progress``: the last applied outbox sequence per site (duplicates skipped, gaps refused).
* ``conflicts``: the losing side of every concurrent per-field edit; nothing is silently dropped.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from situation_board.store.schema import NAMING, UTCDateTime, conflict_record_columns

SHARED_SCHEMA_VERSION = 3
"""The shared store's schema version this program reads and writes (``store_meta``).

2: ``entities.echo_site`` (a pull skips the rows the puller itself has just pushed).
3: the journal's hash chains (``chain_heads``, checked on push) and ``entities.pushed_by``."""

NOTIFY_CHANNEL = "situation_board_changes"
"""PostgreSQL channel the store notifies after each push commit (payload: the pusher's site id)."""

shared_metadata = MetaData(naming_convention=NAMING)

store_meta = Table(
    "store_meta",
    shared_metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

store_counter = Table(
    "store_counter",
    shared_metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False),
)

stations = Table(
    "stations",
    shared_metadata,
    Column("site_id", String(36), primary_key=True),
    Column("code", String(6), nullable=False, unique=True),
    Column("name", Text, nullable=False, server_default=""),
    Column("first_seen", UTCDateTime(), nullable=False),
    Column("last_seen", UTCDateTime(), nullable=False),
)

site_progress = Table(
    "site_progress",
    shared_metadata,
    Column("site_id", String(36), primary_key=True),
    Column("last_seq", BigInteger, nullable=False),
    Column("last_mutation", String(36), nullable=False, server_default=""),
)

entities = Table(
    "entities",
    shared_metadata,
    Column("entity", String(30), nullable=False),
    Column("id", String(36), nullable=False),
    Column("immutable", Boolean, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("versions", JSON, nullable=True),
    Column("site_id", String(36), nullable=True),
    Column("stamp", String(60), nullable=True),
    Column("change", BigInteger, nullable=False),
    # the site whose own push left this row exactly as that site has it: its pull skips the row
    Column("echo_site", String(36), nullable=True),
    # the database role that pushed the row (shared revision s0003)
    Column("pushed_by", Text, nullable=True),
    PrimaryKeyConstraint("entity", "id", name="pk_entities"),
    Index("ix_entities_change", "change", unique=True),
)

chain_heads = Table(
    "chain_heads",
    shared_metadata,
    Column("site_id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)
"""Each site's last journal link in the store (``domain.chain``): a push continues it."""

conflicts = Table(
    "conflicts",
    shared_metadata,
    *conflict_record_columns(),
    Column("change", BigInteger, nullable=False),
    Index("ix_conflicts_change", "change", unique=True),
)
