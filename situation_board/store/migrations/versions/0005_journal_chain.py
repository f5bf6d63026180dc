"""A tamper-evident journal with checkable authorship (issue 15 items 4 and 5).

* ``journal.os_account``: the operating-system account logged in at the workstation that wrote
  the entry (beside the name the person gave); ``""`` for entries written before.
* ``journal.chain_site``, ``chain_seq``, ``chain_prev``, ``chain_hash``, ``chain_segment``: each
  station's hash chain (``domain.chain``).
* ``local_station.chain_seq``, ``chain_head``, ``chain_segment``: this site's chain head, and the
  marker of its next link (a restore).

The entries already on the board are chained **in recorded order**: per writing site (the site
part of the entry's HLC stamp, the same on every board and in the store), by stamp — the order
the site wrote them in; each site's first link says ``migrated``. The append-only trigger is set
aside for that one statement. The outbox rows of those entries get the same fields, so a push
carries them; a shared store chains its entries the same way (shared revision ``s0003``), so
both agree.

Revision ID: 0005_journal_chain
Revises: 0004_journal_search
Create Date: 2026-12-03
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from situation_board.domain.chain import GENESIS, SEGMENT_MIGRATED, next_link

revision = "0005_journal_chain"
down_revision = "0004_journal_search"
branch_labels = None
depends_on = None

JOURNAL_COLUMNS = (
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
    "stamp",
)
CHAIN_KEYS = ("os_account", "chain_site", "chain_seq", "chain_prev", "chain_segment", "chain_hash")
NO_UPDATE = (
    "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
    "BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END"
)


def upgrade() -> None:
    with op.batch_alter_table("journal", recreate="never") as batch:
        batch.add_column(sa.Column("os_account", sa.Text(), server_default="", nullable=False))
        batch.add_column(
            sa.Column("chain_site", sa.String(length=36), server_default="", nullable=False)
        )
        batch.add_column(sa.Column("chain_seq", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(
            sa.Column("chain_prev", sa.String(length=64), server_default="", nullable=False)
        )
        batch.add_column(
            sa.Column("chain_hash", sa.String(length=64), server_default="", nullable=False)
        )
        batch.add_column(sa.Column("chain_segment", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("local_station", recreate="never") as batch:
        batch.add_column(sa.Column("chain_seq", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(
            sa.Column("chain_head", sa.String(length=64), server_default="", nullable=False)
        )
        batch.add_column(sa.Column("chain_segment", sa.Text(), server_default="", nullable=False))
    chain_existing(op.get_bind())


def chain_existing(conn: sa.Connection) -> dict[str, dict[str, Any]]:
    """Chain every journal entry of ``conn``'s board in recorded order (see the module's
    docstring); returns ``{entry id: chain fields}``. The outbox rows of those entries and this
    site's chain head follow."""
    names = ", ".join(JOURNAL_COLUMNS)
    rows = conn.exec_driver_sql(f"SELECT {names} FROM journal ORDER BY stamp").all()
    heads: dict[str, tuple[int, str]] = {}
    links: dict[str, dict[str, Any]] = {}
    for row in rows:
        fields = dict(zip(JOURNAL_COLUMNS, row, strict=True))
        fields["os_account"] = ""
        site = str(fields["stamp"]).partition("/")[2]
        seq, prev = heads.get(site, (0, GENESIS))
        link = next_link(
            fields,
            site=site,
            seq=seq + 1,
            prev=prev,
            segment=SEGMENT_MIGRATED if seq == 0 else "",
        )
        heads[site] = (seq + 1, link["chain_hash"])
        links[str(fields["id"])] = {"os_account": "", **link}
    if links:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS journal_no_update")
        conn.exec_driver_sql(
            "UPDATE journal SET chain_site = ?, chain_seq = ?, chain_prev = ?, chain_segment = ?,"
            " chain_hash = ? WHERE id = ?",
            [
                (
                    x["chain_site"],
                    x["chain_seq"],
                    x["chain_prev"],
                    x["chain_segment"],
                    x["chain_hash"],
                    entry_id,
                )
                for entry_id, x in links.items()
            ],
        )
        conn.exec_driver_sql(NO_UPDATE)
        pending = conn.exec_driver_sql(
            "SELECT seq, entity_id, changes FROM outbox WHERE entity = 'journal'"
        ).all()
        updates = []
        for seq, entity_id, changes in pending:
            found = links.get(entity_id)
            if found is None:
                continue
            data = json.loads(changes)
            data.update({k: {"v": found[k]} for k in CHAIN_KEYS})
            updates.append((json.dumps(data), seq))
        if updates:
            conn.exec_driver_sql("UPDATE outbox SET changes = ? WHERE seq = ?", updates)
    site_row = conn.exec_driver_sql("SELECT site_id FROM local_station").first()
    if site_row is not None and site_row[0] in heads:
        seq, head = heads[site_row[0]]
        conn.exec_driver_sql("UPDATE local_station SET chain_seq = ?, chain_head = ?", (seq, head))
    return links


def downgrade() -> None:
    with op.batch_alter_table("local_station") as batch:
        for name in ("chain_segment", "chain_head", "chain_seq"):
            batch.drop_column(name)
    op.execute("DROP TRIGGER IF EXISTS journal_no_update")
    op.execute("DROP TRIGGER IF EXISTS journal_no_delete")
    op.execute("DROP TRIGGER IF EXISTS journal_search_insert")
    with op.batch_alter_table("journal") as batch:
        for name in (*CHAIN_KEYS,):
            batch.drop_column(name)
    op.execute(NO_UPDATE)
    op.execute(
        "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
        "BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER journal_search_insert AFTER INSERT ON journal BEGIN"
        " INSERT INTO journal_search(rowid, number, author, from_party, to_party, text) VALUES"
        " (new.rowid, new.number, new.author, new.from_party, new.to_party, new.text); END"
    )
