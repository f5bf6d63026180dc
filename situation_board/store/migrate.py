"""Alembic glue: upgrade the local store to head; know which revisions this program has.

Imported only when the store's revision differs from ``HEAD_REVISION`` (opening an up-to-date
store costs no Alembic import).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    heads = ScriptDirectory.from_config(config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads: {heads}")
    return heads[0]


def knows_revision(revision: str) -> bool:
    """True when ``revision`` is one of this program's migrations."""
    script = ScriptDirectory.from_config(config())
    return any(rev.revision == revision for rev in script.walk_revisions())


def upgrade_local(connection: Connection, target: str = "head") -> None:
    """Upgrade the local store on ``connection`` to ``target`` in one transaction."""
    command.upgrade(config(connection), target)
