"""Reading the journal's hash chain from the local store (``domain.chain``): what the closure
archive keeps of each entry beside its exported fields."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from situation_board.store.schema import journal

CHAIN_RECORD = (
    "id",
    "event_id",
    "corrects",
    "hidden_from_wall",
    "os_account",
    "chain_site",
    "chain_seq",
    "chain_prev",
    "chain_segment",
    "chain_hash",
)
"""What the closure archive keeps of each entry beside its exported fields (``domain.chain``)."""


def chain_records(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """The ``CHAIN_RECORD`` fields of the event's journal entries, by site and link (the
    entry's own ``hidden_from_wall``, as written: the hash covers it)."""
    cols = [journal.c[name] for name in CHAIN_RECORD]
    rows = conn.execute(
        select(*cols)
        .where(journal.c.event_id == event_id)
        .order_by(journal.c.chain_site, journal.c.chain_seq, journal.c.id)
    ).mappings()
    return [dict(r) for r in rows]
