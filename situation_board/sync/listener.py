"""The PostgreSQL ``LISTEN`` connection: a doorbell for pulls (DESIGN §5).

A daemon thread keeps one psycopg connection in autocommit mode listening on the store's channel.
Every notification from another station rings (``on_ring``); so does every successful (re)connect,
because notifications sent while the connection was down are lost — after a reconnect, pull. A lost
connection is retried with a short backoff (at most ``max_wait_s``), so a store that comes back is
noticed quickly even while the sync job itself is backing off.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

from situation_board.sync.shared_schema import NOTIFY_CHANNEL

if TYPE_CHECKING:
    from situation_board.sync.backend import SharedStore

log = logging.getLogger(__name__)
PING_EVERY_S = 10.0


class NotifyListener:
    """One LISTEN connection on its own thread."""

    def __init__(
        self,
        shared: SharedStore,
        *,
        site_id: str,
        on_ring: Callable[[], None],
        max_wait_s: float = 5.0,
    ) -> None:
        self.shared = shared
        self.site_id = site_id
        self.on_ring = on_ring
        self.max_wait_s = max(0.2, max_wait_s)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="sync-listen", daemon=True)
        self.connected = threading.Event()
        self.reconnects = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _connect_params(self) -> dict[str, Any]:
        url = self.shared.store.url
        _args, params = self.shared.engine().dialect.create_connect_args(url)
        params = dict(params)
        params.pop("password", None)
        secret = self.shared.password.get()
        if secret is not None:
            params["password"] = secret
        params.setdefault("connect_timeout", 5)
        params["autocommit"] = True
        return params

    def _loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                import psycopg  # noqa: PLC0415 - the driver only when a PostgreSQL store listens

                with psycopg.connect(**self._connect_params()) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    failures = 0
                    self.reconnects += 1
                    self.connected.set()
                    log.debug("listening for store notifications")
                    self.on_ring()  # whatever was sent while we were away
                    self._listen(conn)
            except Exception as exc:  # psycopg, OS, a prompt hook: retry with a short backoff
                failures += 1
                error = self.shared.error(exc)
                log.debug("LISTEN connection lost: %s", error.message("en"))
            finally:
                self.connected.clear()
            wait = min(self.max_wait_s, 0.25 * 2 ** min(failures, 8))
            self._stop.wait(wait)

    def _listen(self, conn: psycopg.Connection[Any]) -> None:
        last_ping = time.monotonic()
        while not self._stop.is_set():
            for note in conn.notifies(timeout=0.5):
                if note.payload != self.site_id:
                    self.on_ring()
            if time.monotonic() - last_ping > PING_EVERY_S:
                conn.execute("SELECT 1")
                last_ping = time.monotonic()
