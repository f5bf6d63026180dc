"""Alembic glue: upgrade a database to head; know which revisions this program has.

``Migrations`` is one Alembic script folder; the local store (``LOCAL``, here) and the shared
store (``sync/migrate.py``) each have their own. Imported only when a store's revision differs
from the head the code expects (opening an up-to-date store costs no Alembic import).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

_REVISION = re.compile(r'^revision = "([^"]+)"$', re.M)


class Migrations:
    """An Alembic script folder whose ``env.py`` takes the connection from the config."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name

    def config(self, connection: Connection | None = None) -> Config:
        from alembic.config import Config  # noqa: PLC0415 - Alembic only to migrate

        cfg = Config()
        cfg.set_main_option("script_location", str(self.folder))
        if connection is not None:
            cfg.attributes["connection"] = connection
        return cfg

    def head(self) -> str:
        from alembic.script import ScriptDirectory  # noqa: PLC0415 - Alembic only to migrate

        heads = ScriptDirectory.from_config(self.config()).get_heads()
        if len(heads) != 1:
            raise RuntimeError(f"{self.name} migrations have {len(heads)} heads: {heads}")
        return heads[0]

    def knows_revision(self, revision: str) -> bool:
        """True when ``revision`` is one of this program's migrations (read once from the
        scripts' ``revision = "…"`` lines: a sync round asks this every time, without Alembic)."""
        return revision in _revisions(self.folder / "versions")

    def upgrade(self, connection: Connection, target: str = "head") -> None:
        """Upgrade the database on ``connection`` (inside the caller's transaction)."""
        from alembic import command  # noqa: PLC0415 - Alembic only to migrate

        command.upgrade(self.config(connection), target)


@cache
def _revisions(folder: Path) -> frozenset[str]:
    return frozenset(
        found
        for script in folder.glob("*.py")
        for found in _REVISION.findall(script.read_text(encoding="utf-8"))
    )


LOCAL = Migrations(Path(__file__).with_name("migrations"), "local")
MIGRATIONS = LOCAL.folder
config = LOCAL.config
head = LOCAL.head
knows_revision = LOCAL.knows_revision
upgrade_local = LOCAL.upgrade
