"""The staff's rhythm (issue 11): deadline clocks that follow another stage or are judged not
required, and recurring or cancelled briefings.

New columns only (SQLite ADD COLUMN: no table rebuild, the append-only triggers are untouched).
The old deadline kind ``other`` stays stored as it is — it is replicated data, and stations of
the older version still read it — and this version reads it as ``custom``.

Revision ID: 0003_rhythm
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_rhythm"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("deadlines", sa.Column("follows_id", sa.String(length=36), nullable=True))
    op.add_column(
        "deadlines", sa.Column("not_required_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "deadlines",
        sa.Column("not_required_reason", sa.Text(), server_default="", nullable=False),
    )
    op.add_column(
        "briefings", sa.Column("recurrence", sa.Text(), server_default="", nullable=False)
    )
    op.add_column("briefings", sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("briefings", schema=None) as batch_op:
        batch_op.drop_column("cancelled_at")
        batch_op.drop_column("recurrence")
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_column("not_required_reason")
        batch_op.drop_column("not_required_at")
        batch_op.drop_column("follows_id")
