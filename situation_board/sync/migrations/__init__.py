"""Alembic script directory of the shared store (separate from the local store's)."""
