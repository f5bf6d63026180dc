"""Attention (issue 12): hide a saved journal entry from the wall, acknowledge reminders.

* ``entry_visibility`` (replicated, mutable): whether a saved journal entry is hidden from the
  wall; overrides the entry's own ``hidden_from_wall`` (journal entries are immutable).
* ``reminder_acks`` (replicated): who acknowledged which reminder when.
* ``reminders_shown`` (local only): which reminders this station has notified, and when.

Revision ID: 0003_attention
Revises: 0003_rhythm
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_attention"
down_revision = "0003_rhythm"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entry_visibility",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("hidden_from_wall", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_visibility")),
    )
    with op.batch_alter_table("entry_visibility", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entry_visibility_event_id"), ["event_id"], unique=False
        )

    op.create_table(
        "reminder_acks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        sa.Column("reminder_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("acknowledged_by", sa.Text(), server_default="", nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("station", sa.String(length=6), server_default="", nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_acks")),
    )
    with op.batch_alter_table("reminder_acks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_acks_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reminder_acks_reminder_key"), ["reminder_key"], unique=False
        )

    op.create_table(
        "reminders_shown",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("first_shown_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_shown_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("times", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_reminders_shown")),
    )


def downgrade() -> None:
    op.drop_table("reminders_shown")
    with op.batch_alter_table("reminder_acks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_acks_reminder_key"))
        batch_op.drop_index(batch_op.f("ix_reminder_acks_event_id"))
    op.drop_table("reminder_acks")
    with op.batch_alter_table("entry_visibility", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_visibility_event_id"))
    op.drop_table("entry_visibility")
