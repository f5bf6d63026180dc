"""Alembic glue: upgrade a database to head; know which revisions this program has.

``Migrations`` is one Alembic script folder; the local store (``LOCAL``, here) and the shared
store (``sync/migrate.py``) each have their own. Imported only when a store's revision differs
from the head the code expects (opening an up-to-date store costs no Alembic import).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection


class Migrations:
    """An Alembic script folder whose ``env.py`` takes the connection from the config."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name

    def config(self, connection: Connection | None = None) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(self.folder))
        if connection is not None:
            cfg.attributes["connection"] = connection
        return cfg

    def head(self) -> str:
        heads = ScriptDirectory.from_config(self.config()).get_heads()
        if len(heads) != 1:
            raise RuntimeError(f"{self.name} migrations have {len(heads)} heads: {heads}")
        return heads[0]

    def knows_revision(self, revision: str) -> bool:
        """True when ``revision`` is one of this program's migrations."""
        script = ScriptDirectory.from_config(self.config())
        return any(rev.revision == revision for rev in script.walk_revisions())

    def upgrade(self, connection: Connection, target: str = "head") -> None:
        """Upgrade the database on ``connection`` (inside the caller's transaction)."""
        command.upgrade(self.config(connection), target)


LOCAL = Migrations(Path(__file__).with_name("migrations"), "local")
MIGRATIONS = LOCAL.folder
config = LOCAL.config
head = LOCAL.head
knows_revision = LOCAL.knows_revision
upgrade_local = LOCAL.upgrade
