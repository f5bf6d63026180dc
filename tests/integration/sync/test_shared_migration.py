"""Upgrading a shared store of schema 1 (rows written by the row-at-a-time push) to schema 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import insert, text, update

from situation_board.sync import local, migrate
from situation_board.sync.backend import SharedStore
from situation_board.sync.credentials import parse_store_url
from situation_board.sync.shared_schema import (
    SHARED_SCHEMA_VERSION,
    entities,
    site_progress,
    store_counter,
    store_meta,
)
from tests.integration.sync.helpers import Station, assert_converged, converge

IMMUTABLE = ("journal", "level_decisions", "handovers")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared' / 'store.db'}"
    return str(request.getfixturevalue("pg_url"))


def test_a_schema_1_store_is_upgraded_and_its_rows_still_sync(tmp_path: Path, url: str) -> None:
    a = Station(tmp_path, "V1", url)
    a.svc.start_event("Avbrott hos leverantören")
    a.svc.add_entry("Reservrutin för utskrivning aktiverad på samtliga sjukhus.")
    rows = local.outbox_after(a.store, 0, 500)
    site = local.site_info(a.store)
    shared = SharedStore(parse_store_url(url))
    with shared.engine(create=True).begin() as conn:  # what schema 1 held after A's push
        migrate.upgrade(conn, "s0001")
        conn.execute(insert(store_meta).values(key="store_epoch", value="epoch-1"))
        conn.execute(insert(store_meta).values(key="schema_version", value="1"))
        for n, row in enumerate(rows, start=1):
            flat = {k: v["v"] for k, v in row.changes.items()}
            fixed = row.entity in IMMUTABLE
            versions = (
                None if fixed else {k: [v["hlc"], row.author] for k, v in row.changes.items()}
            )
            conn.execute(
                insert(entities).values(
                    entity=row.entity,
                    id=row.entity_id,
                    immutable=fixed,
                    fields=flat,
                    versions=versions,
                    site_id=site.site_id if fixed else None,
                    stamp=row.stamp if fixed else None,
                    change=n,
                )
            )
        conn.execute(
            insert(site_progress).values(
                site_id=site.site_id, last_seq=rows[-1].seq, last_mutation=rows[-1].mutation_id
            )
        )
        conn.execute(update(store_counter).values(value=len(rows)))
    local.write_states(a.store, {local.EPOCH: "epoch-1", local.CURSOR: len(rows)})
    local.mark_acked(a.store, rows[-1].seq)

    meta, created = shared.init()
    assert (meta.schema_version, created) == (SHARED_SCHEMA_VERSION, False)
    with shared.engine().connect() as conn:  # immutable rows are now kept as pushed
        stored = conn.execute(
            text("SELECT fields FROM entities WHERE entity = 'journal' ORDER BY change")
        ).scalars()
        texts = [json.loads(f) if isinstance(f, str) else f for f in stored]
    assert texts[-1]["text"] == {"v": "Reservrutin för utskrivning aktiverad på samtliga sjukhus."}
    assert texts[-1]["hidden_from_wall"] == {"v": False}

    b = Station(tmp_path, "V2", url)
    b.sync()  # a new station gets everything
    a.svc.add_entry("Leverantören lovar ny prognos kl. 15.")
    converge(a, b)
    assert_converged(a, b)
    assert [j["text"] for j in b.board()["journal"]][-2:] == [
        "Reservrutin för utskrivning aktiverad på samtliga sjukhus.",
        "Leverantören lovar ny prognos kl. 15.",
    ]
    shared.close()
    a.close()
    b.close()
