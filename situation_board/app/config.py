"""Settings: declared once (name, type, default, meaning), read from a TOML file.

The file lives in the platform's config directory (``config_path()``) unless ``--config`` names
another. Unknown keys, wrong types and a ``store_url`` with a password in it are refused with a clear
message: a broken config must not be half-applied. Window geometry and the like are *state*, kept
apart in Qt's ``QSettings`` by the UI.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import platformdirs

from situation_board import APP_NAME
from situation_board.domain.enums import StaffFunction
from situation_board.domain.errors import BoardError, ValidationError
from situation_board.domain.messages import Text
from situation_board.domain.reminders import QuietHours
from situation_board.domain.rules import station_code
from situation_board.i18n import LANGUAGES, N_

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting with its default. The README's configuration table mirrors this."""

    station: str | None = None
    """Station code, e.g. ``V1`` (journal numbers start with it)."""
    user: str | None = None
    """Name recorded on entries made from this station (the window asks on first start)."""
    function: str = "other"
    """Staff function: medical_commander, chief_of_staff, log_keeper, information_officer, other."""
    store_url: str | None = None
    """Shared store, without password: ``postgresql+psycopg://user@host/db`` or ``sqlite:///…``."""
    sync_interval_s: int = 15
    """Seconds between scheduled syncs."""
    language: str = "sv"
    """``sv`` or ``en``."""
    log_level: str = "INFO"
    """DEBUG, INFO, WARNING or ERROR."""
    wall_page_s: int = 12
    """Seconds each page of an overflowing wall panel stays up."""
    db: str | None = None
    """Path of the local store (default: in the platform's user data directory)."""
    templates_dir: str | None = None
    """The region's folder of event templates (``*.toml``), listed with the program's own; one
    with the same file name replaces the program's."""
    reminder_repeat_min: int = 10
    """Minutes between repeats of an unacknowledged overdue or deadline reminder (1–1440)."""
    quiet_hours: str = ""
    """Local times without reminder pop-ups or sound, e.g. ``22:00-06:00`` (empty: none)."""
    reminder_sound: bool = True
    """Play a sound with a reminder's notification at the workstation."""
    wall_reminder_sound: bool = False
    """Play a sound when a reminder appears on the wall display (off unless configured)."""


_TYPES: dict[str, type] = {
    "sync_interval_s": int,
    "wall_page_s": int,
    "reminder_repeat_min": int,
    "reminder_sound": bool,
    "wall_reminder_sound": bool,
}


def config_dir() -> Path:
    """The platform's configuration folder of the program."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The default configuration file (``config.toml`` in ``config_dir``)."""
    return config_dir() / "config.toml"


def data_dir() -> Path:
    """The platform's user data folder of the program (the local boards)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db() -> Path:
    """The default local store (``board.db`` in ``data_dir``)."""
    return data_dir() / "board.db"


def demo_db() -> Path:
    """The demo board's store (``demo.db`` in ``data_dir``), rebuilt by every ``demo``."""
    return data_dir() / "demo.db"


def log_dir() -> Path:
    """The platform's log folder of the program."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


SECRET_QUERY_KEYS = ("password", "sslpassword")
"""libpq parameters that are secrets: refused in ``store_url`` like a ``user:password@``."""


def url_has_password(url: str) -> bool:
    """True when ``url`` carries a password: ``user:pw@host`` or ``?password=`` (libpq)."""
    try:
        parts = urlsplit(url)
        if parts.password is not None:
            return True
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return False
    return any(key.lower() in SECRET_QUERY_KEYS for key, _value in query)


def _check(name: str, value: Any, path: Path) -> Any:
    def bad(reason: str, **params: Any) -> BoardError:
        return BoardError(
            "bad_config", path=str(path), reason=Text(reason, {"name": name, **params})
        )

    wanted = _TYPES.get(name, str)
    if wanted is bool and not isinstance(value, bool):
        raise bad(N_("{name} must be true or false"))
    if wanted is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise bad(N_("{name} must be a whole number"))
    if wanted is str and not isinstance(value, str):
        raise bad(N_("{name} must be a text"))
    if name in ("sync_interval_s", "wall_page_s") and not 1 <= value <= 3600:
        raise bad(N_("{name} must be between 1 and 3600 seconds"))
    if name == "reminder_repeat_min" and not 1 <= value <= 1440:
        raise bad(N_("{name} must be between 1 and 1440 minutes"))
    if name == "quiet_hours":
        try:
            QuietHours.parse(value)
        except ValueError:
            raise bad(
                N_("quiet_hours must look like 22:00-06:00, not {value!r}"), value=value
            ) from None
    if name == "language" and value not in LANGUAGES:
        raise bad(N_("language must be sv or en, not {value!r}"), value=value)
    if name == "log_level" and value.upper() not in LOG_LEVELS:
        raise bad(N_("log_level must be one of {choices}"), choices=", ".join(LOG_LEVELS))
    if name == "function":
        try:
            StaffFunction.parse(value)
        except ValueError:
            raise bad(N_("unknown function {value!r}"), value=value) from None
    if name == "station":
        try:
            station_code(value)
        except ValidationError:
            raise bad(N_("invalid station code {value!r} (e.g. V1)"), value=value) from None
    if name == "store_url" and url_has_password(value):
        raise bad(
            N_(
                "store_url must not contain a password; save it with "
                "'situation-board store password'"
            )
        )
    return value.upper() if name == "log_level" else value


def load(path: Path | None = None) -> Settings:
    """Settings from ``path`` (or the default file); defaults when the default file is absent.

    Raises ``BoardError("bad_config")`` naming the file and the problem: an explicit path that
    does not exist, unreadable or undecodable TOML, an unknown key, a wrong type or value.
    Nothing is half-applied.
    """
    explicit = path is not None
    path = path or config_path()
    try:
        exists = path.exists()
    except OSError as exc:  # a folder this account may not look into
        raise BoardError("bad_config", path=str(path), reason=str(exc)) from None
    if not exists:
        if explicit:
            raise BoardError(
                "bad_config", path=str(path), reason=Text(N_("the file does not exist"))
            )
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise BoardError("bad_config", path=str(path), reason=str(exc)) from None
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(raw) - known)
    if unknown:
        reason = Text(N_("unknown key: {keys}"), {"keys": ", ".join(unknown)})
        raise BoardError("bad_config", path=str(path), reason=reason)
    values = {k: _check(k, v, path) for k, v in raw.items()}
    return replace(Settings(), **values)


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write the non-default settings as TOML to ``path`` (default file), atomically; returns
    the path. Raises ``OSError`` when it cannot be written."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if value is None or value == f.default:
            continue
        if isinstance(value, bool):
            lines.append(f"{f.name} = {'true' if value else 'false'}")
        elif isinstance(value, int):
            lines.append(f"{f.name} = {value}")
        else:
            escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{f.name} = "{escaped}"')
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
