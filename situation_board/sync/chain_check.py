"""The store's check of the journal chains in a pushed batch (issue 15 item 4; DESIGN §4).

Run inside the push's one transaction, on the rows the batch inserts, with the stored heads of
the sites those entries belong to (``chain_heads``, one read):

* every new entry must match its own hash (``domain.chain.entry_hash``);
* an entry of the pushing site that extends the stored chain must be the link right after the
  stored head, with the head's hash as its previous hash (a gap or another previous hash refuses
  the batch); link 1 starts with ``GENESIS`` or records a restore; within the batch each entry
  follows the one before. An entry at a position the store already holds (a store refilled
  from another station's snapshot) is stored and left to ``verify``;
* an entry of another site (a snapshot that rebuilds a store, or a restored station sending the
  entries its old site wrote after the backup) must match its hash and follow the batch's entry
  before it when that is in the batch; it moves that site's head only forwards. A restored
  station's branch is therefore stored, never refused: ``verify`` reports it as a restore.

Returns the new heads; raises ``SyncError("chain_broken")`` naming the first entry that does not
match.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from situation_board.domain.chain import CHAIN_FIELDS, GENESIS, entry_hash, parse_restore
from situation_board.domain.messages import Text
from situation_board.i18n import N_
from situation_board.sync.batch import BatchPlan, StoredRow
from situation_board.sync.errors import SyncError
from situation_board.sync.protocol import SiteInfo
from situation_board.sync.store_sql import HEADS_SQL

Links = dict[str, tuple[int, str]]
"""site id → (last link's position, its hash)."""


@dataclass(frozen=True, slots=True)
class Heads:
    """Chain heads read ahead (with the push's first reads): ``sites`` asked for, ``found``
    the heads the store has among them."""

    sites: frozenset[str]
    found: Links


def entry_fields(row: StoredRow) -> dict[str, Any]:
    """A pushed journal row's chain fields (``CHAIN_FIELDS`` and ``chain_hash``, from its
    changes as pushed) with its id."""
    data = json.loads(row.pushed) if row.pushed is not None else row.fields
    out = {name: change.get("v") for name, change in data.items() if name in _WANTED}
    out["id"] = row.id
    return out


_WANTED = frozenset({*CHAIN_FIELDS, "chain_hash"})


def chain_sites(entries: Iterable[dict[str, Any]]) -> set[str]:
    """The chain sites of ``entries`` (what ``chain_heads`` must be read for)."""
    return {str(e.get("chain_site") or "") for e in entries}


def check_entries(site: SiteInfo, entries: list[dict[str, Any]], heads: Links) -> Links:
    """Check ``entries`` (new journal rows of one batch, in push order) against ``heads`` (site →
    (seq, hash) stored); returns the heads that move. Raises ``SyncError("chain_broken")``."""
    moved: Links = {}
    current = dict(heads)
    batch: Links = {}  # each site's last link in this batch
    for fields in entries:
        number = str(fields.get("number") or fields.get("id"))
        chain_site = str(fields.get("chain_site") or "")
        seq = int(fields.get("chain_seq") or 0)
        stored_hash = str(fields.get("chain_hash") or "")
        prev = str(fields.get("chain_prev") or "")

        def broken(reason: str, number: str = number) -> SyncError:
            return SyncError("chain_broken", station=site.code, number=number, reason=Text(reason))

        if not chain_site or seq < 1 or not stored_hash:
            raise broken(N_("it carries no hash chain"))
        if entry_hash(fields) != stored_hash:
            raise broken(N_("it does not match its hash"))
        before = batch.get(chain_site)
        if before is not None and seq == before[0] + 1 and prev != before[1]:
            raise broken(N_("it does not follow the entry before it"))
        have = current.get(chain_site)
        if chain_site == site.site_id:
            if (
                seq == 1
                and prev != GENESIS
                and parse_restore(str(fields.get("chain_segment") or "")) is None
            ):
                raise broken(N_("it does not start the station's chain"))
            if have is not None and seq == have[0] + 1 and prev != have[1]:
                raise broken(N_("it does not follow the station's last entry in the store"))
            if have is not None and seq > have[0] + 1:
                raise broken(N_("entries before it are missing in the store"))
        batch[chain_site] = (seq, stored_hash)
        if have is None or seq > have[0]:
            current[chain_site] = moved[chain_site] = (seq, stored_hash)
    return moved


def check_push(
    conn: Connection, site: SiteInfo, plan: BatchPlan, known: Heads | None = None
) -> Links:
    """Check the journal chains of the entries ``plan`` inserts against the stored heads,
    inside the push's transaction; returns the heads that move. ``known``: heads already read
    (PostgreSQL reads the pushing site's with the push's first reads); any other site's are
    read here in one statement, only when the batch has entries of such a site. Raises
    ``SyncError("chain_broken")``: nothing of the batch is saved."""
    entries = [entry_fields(r) for r in plan.rows if r.new and r.entity == "journal"]
    if not entries:
        return {}
    heads = dict(known.found) if known is not None else {}
    missing = chain_sites(entries) - (known.sites if known is not None else frozenset())
    if missing:
        sites = json.dumps(sorted(missing))
        found = conn.execute(text(HEADS_SQL[conn.dialect.name]), {"sites": sites}).all()
        heads.update({str(r[0]): (int(r[1]), str(r[2])) for r in found})
    return check_entries(site, entries, heads)
