"""The store's batch merge (``sync.batch``) decides exactly as applying the rows one at a time.

``reference`` is the row-at-a-time apply the store used before the set-based push (a ``SELECT``
and an ``INSERT``/``UPDATE`` per row), transcribed onto dicts. For random batches against random
store states both give the same rows, versions and conflicts.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from situation_board.domain.entities import Conflict
from situation_board.sync.batch import StoredRow, fresh_rows, plan_batch
from situation_board.sync.errors import GapError
from situation_board.sync.merge import FieldDecision, decide, make_conflict
from situation_board.sync.protocol import ORIGIN_SITE, SNAPSHOT, OutboxRow, unwrap

NOW = datetime(2024, 1, 22, 13, 5, tzinfo=UTC)
SITE = "site-a"
FIELDS = ("title", "owner", "status")
IDS = ("x1", "x2", "x3")


def stamp(n: int, site: str = "s") -> str:
    return f"{n:016x}/{site}"


def reference(
    fresh: list[OutboxRow], store: dict[tuple[str, str], dict[str, Any]]
) -> tuple[dict[tuple[str, str], dict[str, Any]], list[Conflict]]:
    """The old row-at-a-time apply (``SharedStore._apply_mutable`` / ``_apply_immutable``)."""
    store = {
        k: {**v, "fields": dict(v["fields"]), "versions": v["versions"]} for k, v in store.items()
    }
    found: list[Conflict] = []
    recorded: set[str] = set()
    for row in fresh:
        key = (row.entity, row.entity_id)
        if row.entity == "journal":
            if key not in store:
                origin = row.changes.get(ORIGIN_SITE, {}).get("v") or SITE
                store[key] = {
                    "fields": {k: v.get("v") for k, v in row.changes.items() if k != ORIGIN_SITE},
                    "versions": None,
                    "site_id": origin,
                }
            continue
        current = store.get(key)
        fields = dict(current["fields"]) if current else {}
        versions = dict(current["versions"] or {}) if current else {}
        changed = False
        for name, change in row.changes.items():
            pushed = change["hlc"]
            mine = versions.get(name)
            decision = decide(pushed, change.get("base"), mine[0] if mine else None)
            if row.op == SNAPSHOT:
                decision = FieldDecision(apply=mine is None or pushed > mine[0], conflict=False)
            if decision.conflict and mine is not None:
                theirs = (fields.get(name), mine[0], mine[1] if len(mine) > 1 else "")
                ours = (change.get("v"), pushed, row.author)
                kept, lost = (ours, theirs) if decision.apply else (theirs, ours)
                c = make_conflict(
                    row.entity, row.entity_id, name, kept=kept, lost=lost, detected_at=NOW
                )
                if c.id not in recorded:
                    recorded.add(c.id)
                    found.append(c)
            if decision.apply:
                fields[name] = change.get("v")
                versions[name] = [pushed, change.get("author", row.author)]
                changed = True
        if changed:
            store[key] = {"fields": fields, "versions": versions, "site_id": None}
    return store, found


@st.composite
def scenario(draw: st.DrawFn) -> tuple[dict[tuple[str, str], dict[str, Any]], list[OutboxRow]]:
    store: dict[tuple[str, str], dict[str, Any]] = {}
    for entity_id in draw(st.sets(st.sampled_from(IDS))):
        names = draw(st.sets(st.sampled_from(FIELDS), min_size=1))
        versions = {
            n: [stamp(draw(st.integers(1, 9)), draw(st.sampled_from("bc"))), "Stab B"]
            for n in names
        }
        store[("actions", entity_id)] = {
            "fields": {n: f"{n} i lagret" for n in names},
            "versions": versions,
            "site_id": None,
        }
    if draw(st.booleans()):
        store[("journal", "j1")] = {"fields": {"text": "finns"}, "versions": None, "site_id": "b"}
    rows = []
    for seq in range(1, draw(st.integers(1, 8)) + 1):
        if draw(st.integers(0, 4)) == 0:
            entity_id = draw(st.sampled_from(("j1", "j2")))
            changes: dict[str, Any] = {"text": {"v": f"post {seq}"}}
            if draw(st.booleans()):
                changes[ORIGIN_SITE] = {"v": "site-z"}
            rows.append(
                OutboxRow(
                    seq, f"m{seq}", "journal", entity_id, "insert", changes, stamp(seq), "A", 1
                )
            )
            continue
        names = draw(st.sets(st.sampled_from(FIELDS), min_size=1))
        changes = {
            n: {
                "v": f"{n} {seq}",
                "hlc": stamp(draw(st.integers(1, 12)), draw(st.sampled_from("ab"))),
                "base": draw(st.one_of(st.none(), st.builds(stamp, st.integers(1, 9)))),
                "author": f"Stab {seq}",
            }
            for n in sorted(names)
        }
        op = draw(st.sampled_from(("update", "insert", SNAPSHOT)))
        entity_id = draw(st.sampled_from(IDS))
        rows.append(OutboxRow(seq, f"m{seq}", "actions", entity_id, op, changes, "", "A", 1))
    return store, rows


def as_current(store: dict[tuple[str, str], dict[str, Any]]) -> dict[tuple[str, str], StoredRow]:
    return {
        (e, i): StoredRow(
            entity=e,
            id=i,
            immutable=e == "journal",
            fields=dict(v["fields"]),
            versions=dict(v["versions"]) if v["versions"] is not None else None,
        )
        for (e, i), v in store.items()
    }


@settings(max_examples=200, deadline=None)
@given(scenario())
def test_the_batch_merge_decides_like_one_row_at_a_time(
    data: tuple[dict[tuple[str, str], dict[str, Any]], list[OutboxRow]],
) -> None:
    store, rows = data
    expected, expected_conflicts = reference(rows, store)
    numbers = itertools.count(101)
    plan = plan_batch(SITE, rows, as_current(store), lambda: next(numbers), NOW)
    after = {k: {"fields": v["fields"], "versions": v["versions"]} for k, v in store.items()}
    for r in plan.rows:  # an immutable row is kept as pushed: its fields are unwrapped on pull
        fields = unwrap(r.fields) if r.immutable else r.fields
        after[r.key] = {"fields": fields, "versions": r.versions}
    assert after == {
        k: {"fields": v["fields"], "versions": v["versions"]} for k, v in expected.items()
    }
    first: dict[str, Conflict] = {}
    for c in plan.conflicts:  # the store records a conflict found twice once (the first)
        first.setdefault(c.id, c)
    assert first == {c.id: c for c in expected_conflicts}
    for r in plan.rows:  # only what the pushing site already has is marked
        if r.immutable:
            assert r.echo_site == SITE
            assert r.site_id == expected[r.key]["site_id"]
        else:
            mine = all(
                any(
                    row.entity_id == r.id and row.changes.get(n, {}).get("hlc") == v[0]
                    for row in rows
                )
                for n, v in (r.versions or {}).items()
            )
            assert r.echo_site is None or (r.echo_site == SITE and mine)
    changes = [r.change for r in plan.rows]
    assert len(set(changes)) == len(changes)


def row(seq: int) -> OutboxRow:
    return OutboxRow(seq, f"m{seq}", "journal", f"j{seq}", "insert", {}, stamp(seq), "A", 1)


def test_duplicates_are_skipped_in_any_order_and_a_gap_is_refused() -> None:
    fresh, duplicates = fresh_rows([row(4), row(2), row(5), row(3)], last=3)
    assert [r.seq for r in fresh] == [4, 5] and duplicates == 2
    with pytest.raises(GapError) as gap:
        fresh_rows([row(3), row(5)], last=3)
    assert gap.value.expected == 4
    with pytest.raises(GapError):
        fresh_rows([row(5), row(4)], last=3)
