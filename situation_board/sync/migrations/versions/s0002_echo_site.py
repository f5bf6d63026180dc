"""Set-based sync: ``entities.echo_site``, and immutable rows kept as pushed.

**The pushing station does not pull back what it just pushed**: ``entities.echo_site``.

A push that leaves a row exactly as the pushing station has it (an immutable row it inserted, or a
mutable row every field of which it has just set) records that station's site id in
``echo_site``; any other write clears it or sets it to its own pusher. A pull skips the rows whose
``echo_site`` is the puller's own site: the station already has them, so a station that drains
10,000 changes after an outage does not fetch the same 10,000 rows back.

**An immutable row keeps its changes as pushed** (``{"text": {"v": "…"}, …}``, the outbox's own
text): a push hands a batch of journal entries to the store without parsing or encoding them
again. The rows already in the store are converted (the immutability triggers are set aside for
that one statement, by the store's owner running ``store init``).

Programs that know neither would misread immutable rows and update rows without clearing
``echo_site``, so the store's schema version goes to 2 (such programs say "update required" and
push nothing).

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


PG_WRAP = (
    "UPDATE entities SET fields = (SELECT coalesce(json_object_agg(f.key,"
    " json_build_object('v', f.value)), CAST('{}' AS json)) FROM json_each(entities.fields) f)"
    " WHERE immutable"
)
PG_UNWRAP = (
    "UPDATE entities SET fields = (SELECT coalesce(json_object_agg(f.key, f.value -> 'v'),"
    " CAST('{}' AS json)) FROM json_each(entities.fields) f WHERE f.key <> '_origin_site')"
    " WHERE immutable"
)
SQLITE_VALUE = (
    "CASE {t} WHEN 'true' THEN json('true') WHEN 'false' THEN json('false')"
    " WHEN 'array' THEN json({v}) WHEN 'object' THEN json({v}) ELSE {v} END"
)
SQLITE_WRAP = (
    "UPDATE entities SET fields = (SELECT json_group_object(f.key, json_object('v', "
    + SQLITE_VALUE.format(t="f.type", v="f.value")
    + ")) FROM json_each(entities.fields) f) WHERE immutable"
)
SQLITE_UNWRAP = (
    "UPDATE entities SET fields = (SELECT json_group_object(f.key, "
    + SQLITE_VALUE.format(t="json_type(f.value, '$.v')", v="json_extract(f.value, '$.v')")
    + ") FROM json_each(entities.fields) f WHERE f.key <> '_origin_site') WHERE immutable"
)
SQLITE_TRIGGER = (
    "CREATE TRIGGER entities_immutable_update BEFORE UPDATE ON entities "
    "WHEN OLD.immutable BEGIN SELECT RAISE(ABORT, 'immutable row'); END"
)


def _convert(pg_sql: str, sqlite_sql: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE entities DISABLE TRIGGER entities_immutable")
        op.execute(pg_sql)
        op.execute("ALTER TABLE entities ENABLE TRIGGER entities_immutable")
    else:
        op.execute("DROP TRIGGER entities_immutable_update")
        op.execute(sqlite_sql)
        op.execute(SQLITE_TRIGGER)


def upgrade() -> None:
    op.add_column("entities", sa.Column("echo_site", sa.String(length=36), nullable=True))
    _convert(PG_WRAP, SQLITE_WRAP)


def downgrade() -> None:
    _convert(PG_UNWRAP, SQLITE_UNWRAP)
    with op.batch_alter_table("entities") as batch_op:
        batch_op.drop_column("echo_site")
