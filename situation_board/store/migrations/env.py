"""Alembic environment for the local store; the connection is handed in by ``store.migrate``."""

from alembic import context

from situation_board.store.schema import mapped_name, metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through situation_board.store.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    include_name=mapped_name,
)
with context.begin_transaction():
    context.run_migrations()
