"""Alembic glue for the shared store: its own script folder (see ``store.migrate.Migrations``)."""

from __future__ import annotations

from pathlib import Path

from situation_board.store.migrate import Migrations

SHARED = Migrations(Path(__file__).with_name("migrations"), "shared")
MIGRATIONS = SHARED.folder
VERSION_TABLE = "alembic_version"
config = SHARED.config
head = SHARED.head
knows_revision = SHARED.knows_revision
upgrade = SHARED.upgrade
