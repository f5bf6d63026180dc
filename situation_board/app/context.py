"""The application context both faces are built on: settings, local store, clock, actor,
language and sync settings, made once per program run.

The CLI builds one per command, the window and the wall one per process; everything below them
(services, reports, sync) gets what it needs from it. Nothing here imports Qt.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from situation_board import i18n
from situation_board.app import config
from situation_board.domain.clock import Clock, system_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import StaffFunction
from situation_board.domain.errors import BoardError
from situation_board.domain.rules import MAX_NAME, require_text
from situation_board.domain.timeutil import parse_instant

if TYPE_CHECKING:  # typing only: the store (SQLAlchemy) is imported when first opened
    from situation_board.domain.reminders import ReminderPolicy
    from situation_board.services import BoardService
    from situation_board.services.templates import TemplateLibrary
    from situation_board.store.database import LocalStore


DEMO_ACTOR = Actor("Demoanvändare", StaffFunction.LOG_KEEPER)
"""Who records on the demo board: the demo opens straight onto the board, without the identity
dialog that belongs to real boards (a real name would only mislead on made-up data)."""


@dataclass(frozen=True, slots=True)
class Options:
    """What the person starting the program chose (CLI global options; all optional).

    ``db`` and ``config`` are paths; ``station`` a station code (e.g. ``V1``); ``user`` the name
    recorded on entries.
    """

    db: Path | None = None
    config: Path | None = None
    station: str | None = None
    user: str | None = None


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """Where and how often this station syncs (``store_url`` never holds a password)."""

    store_url: str
    interval_s: int


class AppContext:
    """One program run's settings, store, clock, actor and language.

    ``store()`` and ``services()`` open the local board lazily (the first call creates and
    migrates it). ``close()`` releases it.
    """

    def __init__(
        self,
        settings: config.Settings,
        *,
        options: Options = Options(),
        clock: Clock = system_clock,
        demo: bool = False,
    ) -> None:
        self.settings = settings
        self.options = options
        self.clock: Clock = clock
        self.demo = demo
        self._store: LocalStore | None = None
        self._services: BoardService | None = None
        self._actor: Actor | None = None

    # ------------------------------------------------------------------ settings

    @property
    def language(self) -> str:
        """The UI language (``sv`` or ``en``)."""
        return self.settings.language

    @property
    def config_path(self) -> Path:
        """The configuration file this run reads and the window's dialogs write."""
        return self.options.config or config.config_path()

    @property
    def db_path(self) -> Path:
        """The local store: ``--db``, else ``db`` in the configuration, else the default."""
        if self.options.db is not None:
            return self.options.db
        return Path(self.settings.db) if self.settings.db else config.default_db()

    @property
    def explicit_db(self) -> bool:
        """True when the person named the local store (``--db`` or ``db`` in the config)."""
        return self.options.db is not None or self.settings.db is not None

    @property
    def station_code(self) -> str | None:
        """The station code asked for (``--station``, else the configuration), if any."""
        return self.options.station or self.settings.station

    @property
    def has_identity(self) -> bool:
        """True when a user name is configured or given (the window then asks nobody)."""
        return bool(self.options.user or self.settings.user or self.demo)

    def sync_settings(self) -> SyncSettings | None:
        """The shared store to sync with; ``None`` without one, and always for the demo board
        (its made-up event must never reach a real store)."""
        if self.demo or not self.settings.store_url:
            return None
        return SyncSettings(self.settings.store_url, self.settings.sync_interval_s)

    def reminder_policy(self) -> ReminderPolicy:
        """How reminders repeat and when they keep quiet (``reminder_repeat_min``,
        ``quiet_hours``)."""
        from situation_board.services.reminders import policy_of  # noqa: PLC0415 - lazy: SQLAlchemy

        return policy_of(self.settings.reminder_repeat_min, self.settings.quiet_hours)

    def save_settings(self, **values: object) -> config.Settings:
        """Persist changed settings (identity, language) to the configuration file; returns the
        new settings. Raises ``BoardError("bad_config")`` for a broken file, ``OSError`` when it
        cannot be written."""
        path = self.config_path
        current = config.load(path) if path.exists() else config.Settings()
        updated = replace(current, **values)  # type: ignore[arg-type]
        config.save(updated, path)
        self.settings = replace(self.settings, **values)  # type: ignore[arg-type]
        return updated

    # ------------------------------------------------------------------ time

    def now(self) -> datetime:
        """Now, from the injected clock (aware UTC)."""
        return self.clock()

    def parse_time(self, text: str | None, field: str) -> datetime | None:
        """A time the person typed (see ``timeutil.parse_instant``) as an aware UTC instant;
        ``None`` for ``None``. Raises ``ValidationError`` naming ``field``."""
        return None if text is None else parse_instant(text, self.clock(), field)

    # ------------------------------------------------------------------ store and services

    def store(self) -> LocalStore:
        """The local store, opened (created, migrated) on first use.

        Raises ``BoardError`` (``db_unusable``, ``station_code_mismatch``) and
        ``SchemaTooNewError``.
        """
        if self._store is None:
            from situation_board.store.database import LocalStore  # noqa: PLC0415 - lazy: SQLAlchemy

            self._store = LocalStore.open(self.db_path, station=self.station_code, clock=self.clock)
        return self._store

    def actor(self) -> Actor:
        """Who records: ``--user``, else (on the demo board) the demo identity, else the
        configured user, else the login name; the function from the configuration."""
        if self._actor is None and self.demo and not self.options.user:
            self._actor = DEMO_ACTOR
        if self._actor is None:
            name = (
                self.options.user
                or self.settings.user
                or os.environ.get("USER")
                or getpass.getuser()
            )
            self._actor = Actor(
                name=_clean_name(name), function=StaffFunction.parse(self.settings.function)
            )
        return self._actor

    def set_actor(self, actor: Actor) -> None:
        """Record as ``actor`` from now on (the window's identity dialog). Raises
        ``ValidationError`` for a name the text rule refuses (``domain.rules.clean_text``)."""
        actor = replace(actor, name=_clean_name(actor.name))
        self._actor = actor
        if self._services is not None:
            self._services.actor = actor

    def services(self) -> BoardService:
        """The use cases for this context's store, actor and clock (made once)."""
        if self._services is None:
            from situation_board.services import BoardService  # noqa: PLC0415 - lazy: SQLAlchemy

            self._services = BoardService(self.store(), self.actor(), self.clock)
        return self._services

    def template_folders(self) -> list[Path]:
        """Where event templates are read from: the program's own, then the region's
        (``templates_dir``), whose templates replace the program's of the same id."""
        from situation_board.services.templates import built_in_folder  # noqa: PLC0415 - lazy: services

        folders = [built_in_folder()]
        if self.settings.templates_dir:
            folders.append(Path(self.settings.templates_dir).expanduser())
        return folders

    def templates(self) -> TemplateLibrary:
        """The event templates, read now (a broken file is a problem listed, not an error)."""
        from situation_board.services.templates import load_library  # noqa: PLC0415 - lazy: services

        return load_library(self.template_folders())

    def require_board(self) -> None:
        """Refuse a local store path with no board in it (read-only commands: a typo in
        ``--db`` must not create an empty board). Raises ``BoardError("board_missing")``."""
        if not self.db_path.exists():
            raise BoardError("board_missing", path=str(self.db_path))

    def close(self) -> None:
        """Release the local store (idempotent)."""
        if self._store is not None:
            self._store.close()
            self._store = None
            self._services = None


def _clean_name(name: str) -> str:
    """The recorded user name under the text rule (NFC, one line, no control characters)."""
    return require_text(name, "user", limit=MAX_NAME, patient_check=False)


def open_context(
    options: Options = Options(),
    *,
    clock: Clock = system_clock,
    demo: bool = False,
) -> AppContext:
    """Read the configuration (``options.config`` or the default file), set the process's UI
    language, and return the context. Raises ``BoardError("bad_config")`` for a broken
    configuration (nothing is half-applied)."""
    settings = config.load(options.config)
    i18n.set_language(settings.language)
    return AppContext(settings, options=options, clock=clock, demo=demo)
