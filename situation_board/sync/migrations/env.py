"""Alembic environment for the shared store; the connection is handed in by ``sync.migrate``."""

from alembic import context

from situation_board.sync.shared_schema import shared_metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run shared-store migrations through situation_board.sync.migrate")

context.configure(
    connection=connection,
    target_metadata=shared_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
