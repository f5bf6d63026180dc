"""The pushing station does not pull back what it just pushed: ``entities.echo_site``.

A push that leaves a row exactly as the pushing station has it (an immutable row it inserted, or a
mutable row every field of which it has just set) records that station's site id in
``echo_site``; any other write clears it or sets it to its own pusher. A pull skips the rows whose
``echo_site`` is the puller's own site: the station already has them, so a station that drains
10,000 changes after an outage does not fetch the same 10,000 rows back.

Programs that do not know this column would update rows without clearing it, so the store's
schema version goes to 2 (such programs say "update required" and push nothing).

Revision ID: s0002
Revises: s0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entities", sa.Column("echo_site", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("entities") as batch_op:
        batch_op.drop_column("echo_site")
