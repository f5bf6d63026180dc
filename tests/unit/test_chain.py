"""The journal's hash chain as pure functions (``domain.chain``) and the store's check of a
pushed batch (``sync.chain_check.check_entries``): no database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from situation_board.domain.chain import (
    GENESIS,
    Link,
    canonical,
    entry_hash,
    next_link,
    restore_segment,
    verify_chains,
)
from situation_board.domain.enums import EntryCategory
from situation_board.sync.chain_check import check_entries
from situation_board.sync.errors import SyncError
from situation_board.sync.protocol import SiteInfo

SITE, OTHER = "01aaaaaa-0000-7000-8000-000000000001", "01bbbbbb-0000-7000-8000-000000000002"
WHEN = datetime(2024, 1, 22, 13, 5, 0, 250_000, tzinfo=UTC)


def chain(
    site: str,
    count: int,
    *,
    start: int = 1,
    prev: str = GENESIS,
    code: str = "V1",
    segment: str = "",
) -> list[dict[str, Any]]:
    out = []
    for seq in range(start, start + count):
        fields = {
            "id": f"{site[:4]}-{seq}",
            "event_id": "e",
            "number": f"{code}-{seq:04d}",
            "occurred_at": WHEN,
            "recorded_at": WHEN.replace(minute=seq % 60),
            "author": "Loggist",
            "function": "log_keeper",
            "category": "information",
            "text": f"Post {seq}",
            "hidden_from_wall": False,
            "os_account": "anna",
        }
        link = next_link(
            fields, site=site, seq=seq, prev=prev, segment=segment if seq == start else ""
        )
        prev = link["chain_hash"]
        out.append({**fields, **link})
    return out


def test_the_encoding_is_the_same_whatever_form_the_values_come_in() -> None:
    base = chain(SITE, 1)[0]
    as_text = {
        **base,
        "occurred_at": "2024-01-22T14:05:00+01:00",
        "category": EntryCategory.INFORMATION,
    }
    naive = {**base, "occurred_at": "2024-01-22 13:05:00.250000", "hidden_from_wall": 0}
    assert canonical(base) == canonical(as_text) == canonical(naive)
    assert entry_hash(base) == base["chain_hash"]
    assert "Post 1" in canonical(base).decode()


@pytest.mark.parametrize("field", ["text", "author", "os_account", "number", "chain_prev"])
def test_any_change_changes_the_hash(field: str) -> None:
    entry = chain(SITE, 1)[0]
    assert entry_hash({**entry, field: "annat"}) != entry["chain_hash"]


def test_a_whole_chain_verifies_and_edits_gaps_and_branches_are_named() -> None:
    entries = chain(SITE, 5) + chain(OTHER, 2, code="V2")
    report = verify_chains(Link(e) for e in entries)
    assert (
        report.ok and report.chains == 2 and report.heads[SITE][:2] == (5, entries[4]["chain_hash"])
    )
    edited = [dict(e) for e in entries]
    edited[2]["text"] = "ändrad"
    assert [(f.kind, f.number) for f in verify_chains(Link(e) for e in edited).failures] == [
        ("hash", "V1-0003")
    ]
    removed = entries[:2] + entries[3:]
    assert [(f.kind, f.number) for f in verify_chains(Link(e) for e in removed).failures] == [
        ("gap", "V1-0004")
    ]
    fork = chain(SITE, 1, start=3, prev=entries[1]["chain_hash"])
    fork[0]["id"], fork[0]["number"] = "forged", "V1-0099"
    fork[0]["chain_hash"] = entry_hash(fork[0])
    found = verify_chains(Link(e) for e in [*entries, *fork])
    assert [f.kind for f in found.failures] == ["branch"]
    restored = verify_chains((Link(e) for e in [*entries, *fork]), restored={SITE})
    assert restored.ok and [f.kind for f in restored.findings] == ["restore"]


def test_a_restored_station_starts_a_segment_that_is_a_restore() -> None:
    old = chain(SITE, 3)
    marker = restore_segment(SITE, 3, old[-1]["chain_hash"])
    new = chain(OTHER, 2, prev=old[-1]["chain_hash"], segment=marker)
    report = verify_chains(Link(e) for e in [*old, *new])
    assert report.ok and [(f.kind, f.number) for f in report.findings] == [("restore", "V1-0001")]


def test_recorded_heads_and_part_of_a_chain() -> None:
    entries = chain(SITE, 6)
    part = entries[3:]
    assert verify_chains((Link(e) for e in part), partial=True).ok
    assert not verify_chains(Link(e) for e in part).ok
    heads = {SITE: (6, entries[-1]["chain_hash"])}
    assert verify_chains((Link(e) for e in part), heads=heads, partial=True).ok
    cut = verify_chains((Link(e) for e in part[:-1]), heads=heads, partial=True)
    assert [f.kind for f in cut.failures] == ["head"]


def test_entries_pushed_by_another_role_are_noted() -> None:
    entries = chain(SITE, 4)
    roles = ["stab_v1", "stab_v1", "annan", "stab_v1"]
    report = verify_chains(Link(e, role=r) for e, r in zip(entries, roles, strict=True))
    assert report.ok
    assert [(f.kind, f.number, f.detail) for f in report.findings] == [("role", "V1-0003", "annan")]


def test_the_store_takes_a_continuing_chain_and_refuses_a_broken_one() -> None:
    site = SiteInfo(site_id=SITE, code="V1")
    entries = chain(SITE, 4)
    assert check_entries(site, entries[:2], {}) == {SITE: (2, entries[1]["chain_hash"])}
    assert check_entries(site, entries[2:], {SITE: (2, entries[1]["chain_hash"])})
    tampered = [dict(e) for e in entries[2:]]
    tampered[0]["text"] = "ändrad"
    with pytest.raises(SyncError) as err:
        check_entries(site, tampered, {SITE: (2, entries[1]["chain_hash"])})
    assert err.value.key == "chain_broken" and "V1-0003" in err.value.message("en")
    with pytest.raises(SyncError):  # a gap: an entry missing before it
        check_entries(site, entries[3:], {SITE: (2, entries[1]["chain_hash"])})
    with pytest.raises(SyncError):  # out of order within the batch
        check_entries(site, [entries[0], entries[2]], {})
    # another site's entries (a restored station's old site, a snapshot) are never refused for
    # taking a position the store holds: verify reports the branch
    other = SiteInfo(site_id=OTHER, code="V1", previous=(SITE,))
    assert check_entries(other, entries[1:3], {SITE: (4, entries[3]["chain_hash"])}) == {}
