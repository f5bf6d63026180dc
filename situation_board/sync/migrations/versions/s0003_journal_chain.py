"""The tamper-evident journal in the shared store (issue 15 items 4 and 5).

* ``entities.pushed_by``: the database role that pushed the row (PostgreSQL ``session_user``, with
  ``current_user`` after a slash when a ``SET ROLE`` made them differ; for a SQLite file, the
  operating-system account of the pushing process). NULL for rows pushed before.
* ``chain_heads``: each station's (site's) last journal link the store holds — its position and
  hash — so that a push is checked against it without reading the journal.
* The journal entries already in the store are chained the way a local board's migration
  (``0005_journal_chain``) chains them — per writing site (the site part of the entry's stamp),
  in stamp order — so a station and its store agree on every link; the immutability trigger is
  set aside for that one statement, by the store's owner running ``store init``.

Programs that know no chain would push unchained entries, which this store refuses: the
schema version goes to 3 (they say "update required" and push nothing).

Revision ID: s0003
Revises: s0002
Create Date: 2026-12-03
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from situation_board.domain.chain import GENESIS, SEGMENT_MIGRATED, next_link

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None

SQLITE_TRIGGER = (
    "CREATE TRIGGER entities_immutable_update BEFORE UPDATE ON entities "
    "WHEN OLD.immutable BEGIN SELECT RAISE(ABORT, 'immutable row'); END"
)


def upgrade() -> None:
    op.add_column("entities", sa.Column("pushed_by", sa.Text(), nullable=True))
    op.create_table(
        "chain_heads",
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_chain_heads")),
    )
    _chain_existing(op.get_bind())


def _chain_existing(conn: sa.Connection) -> None:
    rows = conn.execute(
        sa.text("SELECT id, fields, stamp FROM entities WHERE entity = 'journal' ORDER BY stamp")
    ).all()
    heads: dict[str, tuple[int, str]] = {}
    updates: list[dict[str, Any]] = []
    for entry_id, fields, stamp in rows:
        data = json.loads(fields) if isinstance(fields, str) else dict(fields)
        values = {k: v.get("v") for k, v in data.items() if isinstance(v, dict)}
        if values.get("chain_hash"):
            continue
        values.update(id=entry_id, os_account="")
        site = str(stamp).partition("/")[2]
        seq, prev = heads.get(site, (0, GENESIS))
        link = next_link(
            values, site=site, seq=seq + 1, prev=prev, segment=SEGMENT_MIGRATED if not seq else ""
        )
        heads[site] = (seq + 1, link["chain_hash"])
        data.update({k: {"v": v} for k, v in {"os_account": "", **link}.items()})
        updates.append({"id": entry_id, "f": json.dumps(data, ensure_ascii=False)})
    postgres = conn.dialect.name == "postgresql"
    if updates:
        if postgres:
            conn.execute(sa.text("ALTER TABLE entities DISABLE TRIGGER entities_immutable"))
            sql = "UPDATE entities SET fields = CAST(:f AS json) WHERE entity = 'journal' AND id = :id"
        else:
            conn.execute(sa.text("DROP TRIGGER IF EXISTS entities_immutable_update"))
            sql = "UPDATE entities SET fields = json(:f) WHERE entity = 'journal' AND id = :id"
        conn.execute(sa.text(sql), updates)
        if postgres:
            conn.execute(sa.text("ALTER TABLE entities ENABLE TRIGGER entities_immutable"))
        else:
            conn.execute(sa.text(SQLITE_TRIGGER))
    if heads:
        conn.execute(
            sa.text("INSERT INTO chain_heads (site_id, seq, hash) VALUES (:site, :seq, :hash)"),
            [{"site": s, "seq": n, "hash": h} for s, (n, h) in heads.items()],
        )


CHAIN_KEYS = ("os_account", "chain_site", "chain_seq", "chain_prev", "chain_segment", "chain_hash")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        minus = " - ".join(f"'{k}'" for k in CHAIN_KEYS)
        conn.execute(sa.text("ALTER TABLE entities DISABLE TRIGGER entities_immutable"))
        conn.execute(
            sa.text(
                f"UPDATE entities SET fields = CAST(CAST(fields AS jsonb) - {minus} AS json)"
                " WHERE entity = 'journal'"
            )
        )
        conn.execute(sa.text("ALTER TABLE entities ENABLE TRIGGER entities_immutable"))
    else:
        paths = ", ".join(f"'$.{k}'" for k in CHAIN_KEYS)
        conn.execute(sa.text("DROP TRIGGER entities_immutable_update"))
        conn.execute(
            sa.text(
                f"UPDATE entities SET fields = json_remove(fields, {paths}) WHERE entity = 'journal'"
            )
        )
        conn.execute(sa.text(SQLITE_TRIGGER))
    op.drop_table("chain_heads")
    with op.batch_alter_table("entities") as batch_op:
        batch_op.drop_column("pushed_by")
    if conn.dialect.name != "postgresql":  # SQLite rebuilt the table: its triggers went with it
        conn.execute(sa.text("DROP TRIGGER IF EXISTS entities_immutable_update"))
        conn.execute(sa.text(SQLITE_TRIGGER))
        conn.execute(sa.text("DROP TRIGGER IF EXISTS entities_immutable_delete"))
        conn.execute(
            sa.text(
                "CREATE TRIGGER entities_immutable_delete BEFORE DELETE ON entities "
                "WHEN OLD.immutable BEGIN SELECT RAISE(ABORT, 'immutable row'); END"
            )
        )
