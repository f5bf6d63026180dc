"""The write side of the local store: one ``WriteTx`` per user action.

Inside one ``BEGIN IMMEDIATE`` transaction a ``WriteTx`` stamps each change with the next value of
the station's hybrid logical clock, writes the row (with per-field versions for mutable entities),
and appends an outbox row with a contiguous per-site sequence (DESIGN §4). ``finish`` persists the
clock and the counters in the same transaction, so a crash loses either all of it or none.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from situation_board.domain.chain import GENESIS, SEGMENT_START, next_link
from situation_board.domain.changes import ChangeSet, change_set
from situation_board.domain.entities import Station
from situation_board.domain.hlc import Hlc, tick
from situation_board.domain.ids import uuid7
from situation_board.store.schema import (
    IMMUTABLE,
    MUTABLE,
    SCHEMA_VERSION,
    data_columns,
    encode_value,
    journal,
    local_station,
    outbox,
)


def os_account() -> str:
    """The operating-system account logged in at this workstation (``getpass.getuser``: the
    ``LOGNAME``/``USER``/``USERNAME`` environment, else the password database); ``""`` when
    none can be found. Recorded beside the name the person gave (issue 15 item 5)."""
    try:
        return getpass.getuser()
    except Exception:  # no user name anywhere (a bare container): record none
        return ""


class WriteTx:
    """The station's clock, counters and outbox inside one write transaction."""

    def __init__(
        self, conn: Connection, *, author: str, now: datetime, wall_ms: Callable[[], int]
    ) -> None:
        self.conn = conn
        self.author = author
        self.now = now
        self._wall_ms = wall_ms
        row = conn.execute(select(local_station)).mappings().one()
        self.station = Station(site_id=row["site_id"], code=row["code"], name=row["name"])
        self._hlc = Hlc(row["hlc_ms"], row["hlc_counter"])
        self._journal_counter: int = row["journal_counter"]
        self._outbox_seq: int = row["outbox_seq"]
        self._chain_seq: int = row["chain_seq"]
        self._chain_head: str = row["chain_head"] or GENESIS
        self._chain_segment: str = row["chain_segment"]
        self._chained = False
        self._touched: set[str] = set()  # table names written in this transaction

    @property
    def changes(self) -> ChangeSet:
        """The topics this transaction has written so far (what the services return)."""
        return change_set(self._touched)

    # ------------------------------------------------------------------ clock and counters

    def stamp(self) -> str:
        """The next HLC stamp of this station (strictly increasing, persisted at ``finish``)."""
        self._hlc = tick(self._hlc, self._wall_ms())
        return self._hlc.stamp(self.station.site_id)

    def next_journal_number(self) -> str:
        """``V1-0042``: station code plus a per-station counter, stable from the moment of writing."""
        self._journal_counter += 1
        return f"{self.station.code}-{self._journal_counter:04d}"

    def finish(self) -> None:
        self.conn.execute(
            update(local_station).values(
                hlc_ms=self._hlc.ms,
                hlc_counter=self._hlc.counter,
                journal_counter=self._journal_counter,
                outbox_seq=self._outbox_seq,
                **(
                    {
                        "chain_seq": self._chain_seq,
                        "chain_head": self._chain_head,
                        "chain_segment": self._chain_segment,
                    }
                    if self._chained
                    else {}
                ),
            )
        )

    def _link(self, row: dict[str, Any]) -> dict[str, Any]:
        """The OS account and chain fields of a new journal entry ``row`` (the next link of
        this site's chain, ``domain.chain``); the head moves on, persisted at ``finish``."""
        values = {**row, "os_account": row.get("os_account") or os_account()}
        self._chain_seq += 1
        segment = self._chain_segment or (SEGMENT_START if self._chain_seq == 1 else "")
        link = next_link(
            values,
            site=self.station.site_id,
            seq=self._chain_seq,
            prev=self._chain_head,
            segment=segment,
        )
        self._chain_head, self._chain_segment, self._chained = link["chain_hash"], "", True
        return {**values, **link}

    # ------------------------------------------------------------------ rows

    def insert(self, table: Table, values: dict[str, Any]) -> str:
        """Insert a new entity row (id made here unless given) and its outbox row; returns the id."""
        entity_id = values.get("id") or uuid7()
        stamp = self.stamp()
        row = {**values, "id": entity_id}
        if table is journal:
            row = self._link(row)
        columns = data_columns(table)
        if table.name in MUTABLE:
            row["versions"] = {c: [stamp, self.author] for c in columns}
            changes = {
                c: {"v": encode_value(row.get(c)), "hlc": stamp, "base": None}
                for c in columns
                if c in row
            }
        elif table.name in IMMUTABLE:
            row["site_id"] = self.station.site_id
            row["stamp"] = stamp
            changes = {c: {"v": encode_value(row.get(c))} for c in columns if c in row}
        else:
            raise ValueError(f"{table.name} is not replicated")
        self.conn.execute(insert(table).values(**row))
        self._append_outbox(table.name, entity_id, "insert", changes, stamp)
        return entity_id

    def update(self, table: Table, entity_id: str, values: dict[str, Any]) -> dict[str, Any]:
        """Change fields of a mutable entity; returns ``{field: old value}`` of what changed.

        Fields whose value is unchanged are left alone (no version bump, no outbox entry). Each
        changed field records its new HLC stamp and the *base* stamp this station had seen.
        """
        if table.name not in MUTABLE:
            raise ValueError(f"{table.name} is immutable: write a new row instead")
        current = self.conn.execute(select(table).where(table.c.id == entity_id)).mappings().one()
        changed = {k: v for k, v in values.items() if current[k] != v}
        if not changed:
            return {}
        stamp = self.stamp()
        versions: dict[str, list[str]] = dict(current["versions"])
        changes: dict[str, dict[str, Any]] = {}
        for field, value in changed.items():
            base = versions.get(field, [None])[0]
            versions[field] = [stamp, self.author]
            changes[field] = {"v": encode_value(value), "hlc": stamp, "base": base}
        self.conn.execute(
            update(table).where(table.c.id == entity_id).values(**changed, versions=versions)
        )
        self._append_outbox(table.name, entity_id, "update", changes, stamp)
        return {k: current[k] for k in changed}

    def _append_outbox(
        self, entity: str, entity_id: str, op: str, changes: dict[str, Any], stamp: str
    ) -> None:
        self._outbox_seq += 1
        self.conn.execute(
            insert(outbox).values(
                seq=self._outbox_seq,
                mutation_id=uuid7(),
                entity=entity,
                entity_id=entity_id,
                op=op,
                changes=changes,
                stamp=stamp,
                author=self.author,
                schema_version=SCHEMA_VERSION,
                created_at=self.now,
            )
        )
        self._touched.add(entity)


def journal_suffix(number: str, code: str) -> int | None:
    """The counter part of ``number`` when it belongs to station code ``code`` (``V1-0042`` → 42)."""
    head, sep, tail = number.rpartition("-")
    return int(tail) if sep and head == code and tail.isdigit() else None


def bump_journal_counter(conn: Connection, numbers: Iterable[str]) -> None:
    """Keep this station's journal counter past every number carrying its code — pulled from a
    station that had the code before, or left by a restored backup — so no number is reused."""
    row = conn.execute(select(local_station.c.code, local_station.c.journal_counter)).one()
    top = max(
        (n for n in (journal_suffix(x, row.code) for x in numbers) if n is not None), default=0
    )
    if top > row.journal_counter:
        conn.execute(update(local_station).values(journal_counter=top))
