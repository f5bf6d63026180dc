"""Store URLs and passwords: the URL lives in config without password, the password in the keyring.

* ``parse_store_url`` accepts ``sqlite:///path`` and ``postgresql[+psycopg]://user@host/db`` and
  refuses a URL that carries a password (DESIGN §7), also as a libpq query parameter
  (``?password=…``, ``?sslpassword=…``); other parameters (``sslmode``, ``sslrootcert``…) are kept
  and reach libpq.
* ``display_url`` is the URL as shown to people and used as the keyring entry name: never a password.
* ``PasswordSource`` finds the password when a connection is made: the OS keyring first (``keyring``;
  looked up again on every connect so ``store password`` takes effect without a restart), then a
  prompt hook (the CLI uses ``getpass`` when interactive; the window asks once per run), whose answer
  is kept in memory only. ``keyrings.alt`` is never a runtime dependency: with no usable backend
  (``NoKeyringError`` / ``fail.Keyring``) there is simply no keyring. A backend that fails in its
  own way (Windows' ``pywintypes.error``, a D-Bus error) counts as "no password there", so a sync
  never dies of its keyring.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from situation_board.sync.errors import SyncError, pgpass_path

KEYRING_SERVICE = "situation-board"
SECRET_QUERY_KEYS = frozenset({"password", "sslpassword"})
"""libpq connection parameters that are secrets: refused in a store URL, never displayed."""
log = logging.getLogger(__name__)

PromptHook = Callable[[str], str | None]
"""Asks a person for the password of the store named by its display URL; None if they decline."""


@dataclass(frozen=True, slots=True)
class StoreUrl:
    """A parsed shared-store URL (without password)."""

    url: URL

    @property
    def kind(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return "sqlite" if self.url.get_backend_name() == "sqlite" else "postgresql"

    @property
    def display(self) -> str:
        return display_url(self.url)

    def __repr__(self) -> str:
        return f"StoreUrl({self.display!r})"

    __str__ = __repr__


def display_url(url: URL) -> str:
    """The URL without any password (shown in the status bar, logs, messages; keyring name)."""
    secret_keys = [key for key in url.query if key.lower() in SECRET_QUERY_KEYS]
    url = url.difference_update_query(secret_keys)
    return url.set(password=None).render_as_string(hide_password=True)


def has_secret_query(url: URL) -> bool:
    """True when a libpq secret (``password``, ``sslpassword``) is in the URL's query string."""
    return any(key.lower() in SECRET_QUERY_KEYS for key in url.query)


def parse_store_url(text: str) -> StoreUrl:
    """A ``StoreUrl`` from config or the command line; a password in it is refused."""
    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError):
        raise SyncError("store_url_bad", url=_safe_text(text)) from None
    if url.password is not None or has_secret_query(url):
        raise SyncError("store_url_has_password", url=display_url(url))
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise SyncError("store_url_bad", url=display_url(url))
        return StoreUrl(url.set(drivername="sqlite"))
    if backend in ("postgresql", "postgres"):
        if url.get_driver_name() not in ("psycopg", "") and url.drivername != "postgresql":
            raise SyncError("store_url_bad", url=display_url(url))
        return StoreUrl(url.set(drivername="postgresql+psycopg"))
    raise SyncError("store_url_bad", url=display_url(url))


def _safe_text(text: str) -> str:
    from situation_board.sync.errors import scrub  # noqa: PLC0415 - keyring (and its D-Bus backends) only when a password is needed

    return scrub(text.strip())


# ---------------------------------------------------------------------- keyring


def save_password(store: StoreUrl, password: str) -> None:
    """Save the store's password in the OS keyring (``store_no_keyring`` when there is none)."""
    import keyring  # noqa: PLC0415 - keyring (and its D-Bus backends) only when a password is needed
    from keyring.errors import NoKeyringError  # noqa: PLC0415 - keyring (and its D-Bus backends) only when a password is needed

    if not password:
        raise SyncError("empty_password")
    try:
        keyring.set_password(KEYRING_SERVICE, store.display, password)
    except NoKeyringError:
        raise SyncError("store_no_keyring", store=store.display, pgpass=pgpass_path()) from None
    except Exception as exc:  # KeyringError, or a backend's own (e.g. pywintypes.error, D-Bus)
        raise SyncError("keyring_failed", reason=type(exc).__name__) from None


def keyring_password(store: StoreUrl) -> str | None:
    """The saved password, or None when there is none or no usable keyring."""
    import keyring  # noqa: PLC0415 - keyring (and its D-Bus backends) only when a password is needed
    from keyring.errors import NoKeyringError  # noqa: PLC0415 - keyring (and its D-Bus backends) only when a password is needed

    try:
        value: str | None = keyring.get_password(KEYRING_SERVICE, store.display)
    except NoKeyringError:
        return None
    except Exception as exc:  # a backend's own error (pywintypes.error, D-Bus…): no password
        log.warning("keyring lookup failed: %s", type(exc).__name__)
        return None
    return value


AUTH_ERRORS = frozenset({"store_auth_failed", "store_password_missing"})
"""Error keys after which asking a person for the password makes sense."""


class PasswordSource:
    """Where a connection gets its password: keyring, else one a person typed (memory only).

    ``get`` never prompts: a server with trust or certificate authentication needs no password, so
    the first attempt goes without one. After ``store_password_missing``/``store_auth_failed``
    the caller calls ``ask`` (the CLI's getpass, the window's dialog) and tries again.
    """

    def __init__(self, store: StoreUrl, prompt: PromptHook | None = None) -> None:
        self.store = store
        self.prompt = prompt
        self._remembered: str | None = None
        self._asked = False
        self._declined = False  # the person cancelled: don't ask again unless they ask for it
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"PasswordSource({self.store.display!r})"

    def get(self) -> str | None:
        """The password to connect with (keyring first, then a typed one), or None."""
        with self._lock:
            if self._remembered is not None:
                return self._remembered
        return keyring_password(self.store)

    def ask(self) -> bool:
        """Ask a person once (until ``forget``); True when they gave a password to try."""
        with self._lock:
            if self.prompt is None or self._asked or self._declined:
                return False
            self._asked = True
        answer = self.prompt(self.store.display) or None
        with self._lock:
            self._remembered = answer
            self._declined = answer is None
        return answer is not None

    def allow_asking(self) -> None:
        """The person asked for a sync (e.g. *Synka nu*): a cancelled prompt may come again."""
        with self._lock:
            self._declined = False
            self._asked = False

    def forget(self) -> None:
        """Forget a typed password that was refused; the next failure may ask again."""
        with self._lock:
            self._remembered = None
            self._asked = False

    def set(self, password: str | None) -> None:
        """Remember a password for this run only (e.g. typed in the window's dialog)."""
        with self._lock:
            self._remembered = password or None
            self._asked = True

    def secrets(self) -> list[str]:
        """Every password this source knows (to scrub from error text)."""
        with self._lock:
            typed = self._remembered
        found = [typed, keyring_password(self.store)]
        return [s for s in found if s]
