"""Journal numbers are labels, not keys: drop their uniqueness.

Two sites can carry the same number (a station code reused after a rename, a local board restored
from a backup). A unique constraint then refused a local write or a whole pulled page, and sync
stopped for good. Ids identify entries; numbers keep a plain index for lookups.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

IMMUTABLE = "journal"


def _triggers() -> None:
    # batch mode rebuilds the table on SQLite, which drops its triggers: make them again
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS {IMMUTABLE}_no_{verb.lower()}")
        op.execute(
            f"CREATE TRIGGER {IMMUTABLE}_no_{verb.lower()} BEFORE {verb} ON {IMMUTABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{IMMUTABLE} is append-only'); END"
        )


def upgrade() -> None:
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.drop_constraint("uq_journal_number", type_="unique")
        batch_op.create_index(batch_op.f("ix_journal_number"), ["number"], unique=False)
    _triggers()


def downgrade() -> None:
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_number"))
        batch_op.create_unique_constraint("uq_journal_number", ["number"])
    _triggers()
