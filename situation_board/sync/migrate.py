"""Alembic glue for the shared store: upgrade to head, and know which revisions exist."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    heads = ScriptDirectory.from_config(config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"shared migrations have {len(heads)} heads: {heads}")
    return heads[0]


def knows_revision(revision: str) -> bool:
    """True when ``revision`` is one of this program's shared-store migrations."""
    script = ScriptDirectory.from_config(config())
    return any(rev.revision == revision for rev in script.walk_revisions())


def upgrade(connection: Connection, target: str = "head") -> None:
    """Upgrade the shared store on ``connection`` (inside the caller's transaction)."""
    command.upgrade(config(connection), target)
