"""Use case: prove that a journal has not been altered (issue 15 items 4 and 5).

``verify_board``, ``verify_store`` and ``verify_archive`` read every journal entry of a local
board, a shared store or a closure archive and check each station's hash chain
(``domain.chain.verify_chains``): a changed, removed or inserted entry is named. A branch left by
a station restored from a backup is reported as a restore, never as tampering. In a store, each
row also carries the database role that pushed it: a station whose entries came with more than
one role is noted, entry by entry (the station's role is the one most of its entries came with).

Reading is read-only everywhere: a check never writes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from situation_board.domain.chain import ChainReport, Link, verify_chains
from situation_board.domain.errors import ValidationError
from situation_board.store.database import LocalStore
from situation_board.store.schema import journal, local_station
from situation_board.sync.local import PREVIOUS_SITES, get_state

ARCHIVE_CHAINS = "chains.json"
"""The archive file holding each station's chain head (``reports.archive``)."""
ARCHIVE_JOURNAL = "stabsjournal.json"
"""The archive's journal as JSON (``reports.tables.journal_table``)."""


def verify_board(store: LocalStore) -> ChainReport:
    """Check every journal chain of the local board ``store`` and this station's recorded chain
    head (``local_station``). Sites this board knows it was before a restore, and entries a
    restored station sent again under its new site, count as restored (their branch is a
    restore)."""
    with store.read() as conn:
        rows = conn.execute(select(journal)).mappings().all()
        me = conn.execute(select(local_station)).mappings().one()
        restored = set(get_state(conn, PREVIOUS_SITES, []) or [])
    links = [Link(dict(r)) for r in rows]
    restored |= {
        r["chain_site"] for r in rows if r["chain_site"] and r["site_id"] != r["chain_site"]
    }
    heads = {me["site_id"]: (me["chain_seq"], me["chain_head"])} if me["chain_seq"] else {}
    return verify_chains(links, restored=restored, heads=heads)


def store_links(rows: Any) -> tuple[list[Link], set[str]]:
    """Links from the store's journal rows ``(id, fields as pushed, site id, pushed_by)``, and the
    chain sites re-sent under another site (a restored station's)."""
    links: list[Link] = []
    restored: set[str] = set()
    for entry_id, fields, site_id, pushed_by in rows:
        data = json.loads(fields) if isinstance(fields, str) else dict(fields or {})
        values = {k: (v.get("v") if isinstance(v, dict) else v) for k, v in data.items()}
        values["id"] = entry_id
        chain_site = values.get("chain_site")
        if chain_site and site_id and chain_site != site_id:
            restored.add(str(chain_site))
        links.append(Link(values, role=pushed_by))
    return links, restored


def verify_store_rows(rows: Any) -> ChainReport:
    """``verify_chains`` over a store's journal rows (``SharedStore.journal_rows``)."""
    links, restored = store_links(rows)
    return verify_chains(links, restored=restored)


@dataclass(slots=True)
class ArchiveReport:
    """A closure archive's check: its journal's chains against the heads it records, and its
    SHA-256 manifest (``bad_files``: files whose digest differs or that are missing)."""

    chains: ChainReport
    bad_files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the chains verify and every file matches the manifest."""
        return self.chains.ok and not self.bad_files


def _manifest(root: Path) -> Iterator[tuple[str, str]]:
    for path in root.rglob("SHA256SUMS"):
        for line in path.read_text(encoding="utf-8").splitlines():
            digest, _, name = line.partition("  ")
            if digest and name:
                yield digest.strip(), str((path.parent / name.lstrip("*")).relative_to(root))


def verify_archive(root: Path) -> ArchiveReport:
    """Check the closure archive in folder ``root`` (``export archive``): every file of its
    ``SHA256SUMS`` manifest, and every journal entry's hash recomputed from the journal's JSON
    (``stabsjournal.json``) with the links, OS accounts and heads of ``chains.json`` (one
    event's entries: part of each station's chain, so only the links inside the archive are
    checked, and each head must be the last link).

    Raises ``ValidationError("not_an_archive")`` when ``root`` holds no archive."""
    found = sorted(root.rglob(ARCHIVE_CHAINS)) if root.is_dir() else []
    journals = sorted(root.rglob(ARCHIVE_JOURNAL)) if root.is_dir() else []
    if not found or not journals:
        raise ValidationError("not_an_archive", path=str(root))
    bad: list[str] = []
    for digest, name in _manifest(root):
        path = root / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            bad.append(name)
    meta = _first(json.loads(found[0].read_text(encoding="utf-8")))
    heads = {h["site"]: (int(h["seq"]), str(h["hash"])) for h in meta.get("heads", [])}
    restored = {h["site"] for h in meta.get("heads", []) if h.get("restored")}
    links_of = {str(e["id"]): e for e in meta.get("entries", [])}
    entries = json.loads(journals[0].read_text(encoding="utf-8"))
    links = [Link(_chain_fields(e, links_of.get(str(e.get("id")), {}))) for e in entries]
    report = verify_chains(links, restored=restored, heads=heads, partial=True)
    return ArchiveReport(report, bad)


def _first(data: Any) -> dict[str, Any]:
    return dict(data[0] if isinstance(data, list) and data else data or {})


def _chain_fields(entry: dict[str, Any], link: dict[str, Any]) -> dict[str, Any]:
    """An exported entry (``log list --json`` shape) with its ``chains.json`` record, as the
    fields the hash covers."""
    out = {
        "number": entry.get("number"),
        "occurred_at": entry.get("occurred_at"),
        "recorded_at": entry.get("recorded_at"),
        "author": entry.get("author"),
        "function": entry.get("function"),
        "category": entry.get("category"),
        "medium": entry.get("medium") or None,
        "from_party": entry.get("from", ""),
        "to_party": entry.get("to", ""),
        "text": entry.get("text"),
    }
    return {**link, **out, "id": entry.get("id")}
