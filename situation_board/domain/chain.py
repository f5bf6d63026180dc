"""The journal's hash chain (issue 15 item 4; DESIGN §4): pure functions, no database.

Each station (site id) chains the journal entries it writes: entry *n* of a site carries
``chain_seq`` = *n*, ``chain_prev`` = the hash of entry *n − 1* of the same site (64 zeros for
*n* = 1) and ``chain_hash`` = SHA-256 over ``canonical`` — the entry's fields, the previous hash
included, in a fixed order as a compact UTF-8 JSON array, with instants as UTC ISO 8601 in whole
seconds (the precision every document and export shows, so an archive's JSON can be checked). A
correction is a new entry, so the chain is never rewritten.

``chain_segment`` is empty on an ordinary link. The first link of a segment says why the segment
starts: ``start`` (a new board), ``migrated`` (entries written before chains existed, chained in
recorded order by the migration that introduced them) or ``restore <old site> <seq> <hash>`` (the
station was restored from a backup or rebuilt, and sync gave it a new site id: the old site's
last entry on this board was ``seq`` with ``hash``; ``chain_prev`` is that hash).

``verify_chains`` checks any set of entries (a local board, a store, an archive): every hash,
every link, no gaps; two entries at one position of a site's chain are a *branch*, reported as
a restore when the site is known to have been restored (a restore marker names it, or the place
says so), otherwise as a failure. The first failure in recorded order is named.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import Any

GENESIS = "0" * 64
"""``chain_prev`` of the first link of a site's chain."""

CHAIN_FIELDS: tuple[str, ...] = (
    "id",
    "event_id",
    "number",
    "occurred_at",
    "recorded_at",
    "author",
    "function",
    "category",
    "medium",
    "from_party",
    "to_party",
    "text",
    "corrects",
    "hidden_from_wall",
    "os_account",
    "chain_site",
    "chain_seq",
    "chain_prev",
    "chain_segment",
)
"""The fields the hash covers, a fixed list: a column added later does not change old hashes."""

INSTANTS = frozenset({"occurred_at", "recorded_at"})
SEGMENT_START = "start"
SEGMENT_MIGRATED = "migrated"
SEGMENT_RESTORE = "restore"


def _instant(value: Any) -> Any:
    """An instant as ``YYYY-MM-DDTHH:MM:SSZ`` (UTC, whole seconds). The forms the program
    writes — ``…+00:00`` ISO text (outbox, store, with or without microseconds) and SQLite's
    naive UTC text — are cut directly; anything else is parsed."""
    if value is None:
        return None
    if isinstance(value, str):
        size = len(value)
        if value.endswith("+00:00") and size in (25, 32) and value[10] == "T":
            return value[:19] + "Z"
        if size in (19, 26) and value[10] == " ":
            return f"{value[:10]}T{value[11:19]}Z"
        value = datetime.fromisoformat(value)
    moment: datetime = value
    if moment.tzinfo is None:  # SQLite's naive UTC
        moment = moment.replace(tzinfo=UTC)
    return f"{moment.astimezone(UTC):%Y-%m-%dT%H:%M:%S}Z"


_OCCURRED_AT = CHAIN_FIELDS.index("occurred_at")
_RECORDED_AT = CHAIN_FIELDS.index("recorded_at")
_HIDDEN_AT = CHAIN_FIELDS.index("hidden_from_wall")
_SEQ_AT = CHAIN_FIELDS.index("chain_seq")
_CODED_AT = tuple(CHAIN_FIELDS.index(name) for name in ("function", "category", "medium"))
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical(fields: Mapping[str, Any]) -> bytes:
    """The canonical encoding of one entry: the values of ``CHAIN_FIELDS`` (in that order) of
    ``fields`` (a mapping of field name → value: instants as aware or naive-UTC ``datetime`` or
    ISO text, cut to whole UTC seconds; function, category and medium as code names or enums;
    the wall flag as a boolean; the link number as an int; text as it is; a missing field
    counts as null) as a compact UTF-8 JSON array.

    Raises ``ValueError`` for an instant that is not ISO 8601."""
    get = fields.get
    values = [get(name) for name in CHAIN_FIELDS]
    values[_OCCURRED_AT] = _instant(values[_OCCURRED_AT])
    values[_RECORDED_AT] = _instant(values[_RECORDED_AT])
    values[_HIDDEN_AT] = bool(values[_HIDDEN_AT])
    values[_SEQ_AT] = int(values[_SEQ_AT] or 0)
    for i in _CODED_AT:
        coded = values[i]
        if isinstance(coded, Enum):
            values[i] = coded.value
    return _dumps(values).encode()


def entry_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 (64 lowercase hex digits) of ``canonical(fields)`` — ``chain_prev`` included,
    ``chain_hash`` itself left out. Raises ``ValueError`` as ``canonical``."""
    return hashlib.sha256(canonical(fields)).hexdigest()


def restore_segment(old_site: str, seq: int, head: str) -> str:
    """The ``chain_segment`` of the first link after a restore (see the module's docstring)."""
    return f"{SEGMENT_RESTORE} {old_site} {seq} {head}"


def parse_restore(segment: str) -> tuple[str, int, str] | None:
    """(old site, seq, hash) of a restore marker; None for any other segment."""
    parts = segment.split()
    if len(parts) == 4 and parts[0] == SEGMENT_RESTORE and parts[2].isdigit():
        return parts[1], int(parts[2]), parts[3]
    return None


@dataclass(frozen=True, slots=True)
class Link:
    """One journal entry as the chain sees it: its fields (``CHAIN_FIELDS`` and ``chain_hash``)
    and ``role``, the database role that pushed it (a store's rows; None elsewhere)."""

    fields: Mapping[str, Any]
    role: str | None = None

    @property
    def site(self) -> str:
        """The site id whose chain the entry belongs to (``""``: unchained)."""
        return str(self.fields.get("chain_site") or "")

    @property
    def seq(self) -> int:
        """The entry's position in its site's chain (1-based; 0: unchained)."""
        return int(self.fields.get("chain_seq") or 0)

    @property
    def number(self) -> str:
        """The journal number (``V1-0042``), or the id when there is none: how it is named."""
        return str(self.fields.get("number") or self.fields.get("id") or "")

    @property
    def stored_hash(self) -> str:
        """The hash the entry carries (64 hex digits)."""
        return str(self.fields.get("chain_hash") or "")

    @property
    def prev(self) -> str:
        """The previous link's hash the entry carries."""
        return str(self.fields.get("chain_prev") or "")

    @property
    def segment(self) -> str:
        """Why a segment starts here (``""`` on an ordinary link)."""
        return str(self.fields.get("chain_segment") or "")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing ``verify_chains`` found. ``kind``: ``hash`` (the entry does not match its
    hash: edited), ``link`` (its previous hash is no entry's), ``gap`` (entries missing before
    it), ``unchained`` (no chain fields), ``branch`` (a second entry at a taken position, not
    explained by a restore), ``head`` (the recorded chain head does not match), and the notes
    ``restore`` (a segment or branch left by a restore) and ``role`` (pushed by another
    database role than the station's other entries)."""

    kind: str
    number: str
    site: str
    seq: int
    detail: str = ""

    @property
    def failure(self) -> bool:
        """True for what fails a check; False for the notes ``restore`` and ``role``."""
        return self.kind not in ("restore", "role")


@dataclass(slots=True)
class ChainReport:
    """The outcome of ``verify_chains``: the entries and chains checked, and the findings
    (failures first in recorded order, then the notes)."""

    entries: int = 0
    chains: int = 0
    findings: list[Finding] = field(default_factory=list)
    heads: dict[str, tuple[int, str, int]] = field(default_factory=dict)

    @property
    def failures(self) -> list[Finding]:
        """The findings that fail the check, in recorded order."""
        return [f for f in self.findings if f.failure]

    @property
    def ok(self) -> bool:
        """True when every chain verifies (notes aside)."""
        return not self.failures


def _order(link: Link) -> tuple[str, str, str]:
    f = link.fields
    return (str(_instant(f.get("recorded_at")) or ""), str(f.get("number") or ""), link.site)


def verify_chains(
    links: Iterable[Link],
    *,
    restored: Iterable[str] = (),
    heads: Mapping[str, tuple[int, str]] | None = None,
    partial: bool = False,
) -> ChainReport:
    """Check the chains of ``links`` (any set of entries, any order).

    * each entry's ``chain_hash`` is recomputed (``hash`` when it differs);
    * each entry after the first of its site links to an entry of that site one position
      before (``gap`` when there is none, ``link`` when none has its ``chain_prev``); the first
      link's previous hash is ``GENESIS``, or a restore marker's recorded head;
    * a second entry at a taken position is a ``branch`` — a ``restore`` note when the site is
      in ``restored`` (site ids the place knows were restored) or a restore marker names it;
    * ``heads`` (site → (seq, hash), e.g. an archive's metadata) must be the last links;
    * ``partial``: the entries are part of each chain (one event's, in an archive): links whose
      entry before is absent are not checked (no ``gap``), every hash still is;
    * ``role`` notes: a station's entries (``Link.role`` known) pushed by more than one role:
      the role most of its entries came with is the station's; the others are named.

    Returns a ``ChainReport`` whose ``heads`` are site → (last seq, its hash, segments)."""
    report = ChainReport()
    by_site: dict[str, list[Link]] = {}
    restored_sites = set(restored)
    found: list[tuple[tuple[str, str, str], Finding]] = []
    for link in links:
        report.entries += 1
        by_site.setdefault(link.site, []).append(link)
        marker = parse_restore(link.segment)
        if marker is not None:
            restored_sites.add(marker[0])
    for site, chain in by_site.items():
        if not site:
            for link in chain:
                found.append((_order(link), Finding("unchained", link.number, "", 0)))
            continue
        report.chains += 1
        _verify_site(site, chain, site in restored_sites, found, partial)
        last = max(chain, key=lambda x: (x.seq, _order(x)))
        segments = sum(1 for x in chain if x.segment)
        report.heads[site] = (last.seq, last.stored_hash, segments)
        _roles(chain, found)
    for site, (seq, digest) in (heads or {}).items():
        have = report.heads.get(site)
        if have is None or have[0] != seq or have[1] != digest:
            got = f"{have[0]} {have[1][:12]}" if have else "–"
            found.append((("~", "", site), Finding("head", str(seq), site, seq, got)))
    found.sort(key=lambda x: (not x[1].failure, x[0]))
    report.findings = [f for _, f in found]
    return report


def _verify_site(
    site: str,
    chain: list[Link],
    restored: bool,
    found: list[tuple[Any, Finding]],
    partial: bool = False,
) -> None:
    at: dict[int, list[Link]] = {}
    for link in chain:
        at.setdefault(link.seq, []).append(link)
    for link in sorted(chain, key=lambda x: (x.seq, _order(x))):
        key = _order(link)
        if link.seq < 1 or not link.stored_hash:
            found.append((key, Finding("unchained", link.number, site, link.seq)))
            continue
        if entry_hash(link.fields) != link.stored_hash:
            found.append((key, Finding("hash", link.number, site, link.seq)))
            continue
        if link.seq == 1:
            marker = parse_restore(link.segment)
            if marker is not None:
                found.append((key, Finding("restore", link.number, site, 1, marker[0])))
            elif link.prev != GENESIS:
                found.append((key, Finding("link", link.number, site, 1)))
        else:
            before = at.get(link.seq - 1, [])
            if not before:
                if not partial:
                    found.append((key, Finding("gap", link.number, site, link.seq)))
            elif link.prev not in {b.stored_hash for b in before}:
                found.append((key, Finding("link", link.number, site, link.seq)))
        same = at[link.seq]
        if len(same) > 1 and link is not min(same, key=_order):
            kind = "restore" if restored else "branch"
            found.append((key, Finding(kind, link.number, site, link.seq)))


def _roles(chain: list[Link], found: list[tuple[Any, Finding]]) -> None:
    counts: dict[str, int] = {}
    for link in chain:
        if link.role:
            counts[link.role] = counts.get(link.role, 0) + 1
    if len(counts) < 2:
        return
    usual = max(counts, key=lambda r: counts[r])
    for link in chain:
        if link.role and link.role != usual:
            found.append(
                (_order(link), Finding("role", link.number, link.site, link.seq, link.role))
            )


def next_link(
    fields: Mapping[str, Any], *, site: str, seq: int, prev: str, segment: str = ""
) -> dict[str, Any]:
    """The chain fields of a new entry with ``fields`` (its other values) as link ``seq`` of
    ``site`` after ``prev``: ``chain_site``, ``chain_seq``, ``chain_prev``, ``chain_segment``
    and ``chain_hash``. Raises ``ValueError`` as ``canonical``."""
    chained = {
        **fields,
        "chain_site": site,
        "chain_seq": seq,
        "chain_prev": prev,
        "chain_segment": segment,
    }
    return {
        "chain_site": site,
        "chain_seq": seq,
        "chain_prev": prev,
        "chain_segment": segment,
        "chain_hash": entry_hash(chained),
    }
