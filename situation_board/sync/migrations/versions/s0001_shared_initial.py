"""Initial shared-store schema: meta, change counter, stations, progress, entities, conflicts.

Revision ID: s0001
Revises: (none)
Create Date: 2026-11-26

Immutable rows (journal, level decisions, handovers) are protected by triggers on both dialects:
an UPDATE or DELETE of a row with ``immutable`` set is refused by the database itself.
"""

import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None

UTC_TS = sa.DateTime(timezone=True)

PG_GUARD = """
CREATE OR REPLACE FUNCTION sb_entities_guard() RETURNS trigger AS $$
BEGIN
    IF OLD.immutable THEN
        RAISE EXCEPTION 'immutable row %/% cannot be changed', OLD.entity, OLD.id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_meta")),
    )
    op.create_table(
        "store_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_counter")),
    )
    op.execute("INSERT INTO store_counter (id, value) VALUES (1, 0)")
    op.create_table(
        "stations",
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("name", sa.Text(), server_default="", nullable=False),
        sa.Column("first_seen", UTC_TS, nullable=False),
        sa.Column("last_seen", UTC_TS, nullable=False),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_stations")),
        sa.UniqueConstraint("code", name=op.f("uq_stations_code")),
    )
    op.create_table(
        "site_progress",
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_mutation", sa.String(length=36), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_site_progress")),
    )
    op.create_table(
        "entities",
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("immutable", sa.Boolean(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=True),
        sa.Column("site_id", sa.String(length=36), nullable=True),
        sa.Column("stamp", sa.String(length=60), nullable=True),
        sa.Column("change", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "id", name="pk_entities"),
    )
    op.create_index("ix_entities_change", "entities", ["change"], unique=True)
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("kept_value", sa.JSON(), nullable=True),
        sa.Column("lost_value", sa.JSON(), nullable=True),
        sa.Column("kept_stamp", sa.String(length=60), nullable=False),
        sa.Column("lost_stamp", sa.String(length=60), nullable=False),
        sa.Column("kept_author", sa.Text(), server_default="", nullable=False),
        sa.Column("lost_author", sa.Text(), server_default="", nullable=False),
        sa.Column("detected_at", UTC_TS, nullable=False),
        sa.Column("change", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
    )
    op.create_index("ix_conflicts_change", "conflicts", ["change"], unique=True)

    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_GUARD)
        op.execute(
            "CREATE TRIGGER entities_immutable BEFORE UPDATE OR DELETE ON entities "
            "FOR EACH ROW EXECUTE FUNCTION sb_entities_guard()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER entities_immutable_{verb.lower()} BEFORE {verb} ON entities "
                "WHEN OLD.immutable BEGIN SELECT RAISE(ABORT, 'immutable row'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS entities_immutable ON entities")
        op.execute("DROP FUNCTION IF EXISTS sb_entities_guard()")
    else:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS entities_immutable_{verb}")
    op.drop_index("ix_conflicts_change", table_name="conflicts")
    op.drop_table("conflicts")
    op.drop_index("ix_entities_change", table_name="entities")
    op.drop_table("entities")
    op.drop_table("site_progress")
    op.drop_table("stations")
    op.drop_table("store_counter")
    op.drop_table("store_meta")
