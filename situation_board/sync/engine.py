"""``SyncEngine``: background sync for the window and for ``situation-board sync`` (Qt-free).

* APScheduler 3 ``BackgroundScheduler`` (not ``QtScheduler``: DESIGN §9) runs one job every
  ``interval_s`` with ``coalesce=True`` and ``max_instances=1``. A failed run moves the next one
  out by an exponential backoff with jitter, capped at 60 s; a success returns to the interval.
* A local write (``LocalStore.on_write``) asks for a run shortly after; a request that arrives while
  a run is going is remembered and served right after it (never dropped as "max instances").
* On PostgreSQL a dedicated ``LISTEN`` connection (psycopg, autocommit) asks for a run on every
  ``NOTIFY`` from another station and after every (re)connect: NOTIFY is a doorbell, not a mailbox.
* Listeners get a ``SyncStatus`` after every run, **on the worker thread**: the window marshals it
  to the GUI thread itself (a queued signal), the CLI just prints.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from situation_board.store import queries
from situation_board.store.database import LocalStore, wall_ms
from situation_board.sync import local
from situation_board.sync.backend import SharedStore, Stage
from situation_board.sync.client import SyncClient
from situation_board.sync.credentials import (
    AUTH_ERRORS,
    PasswordSource,
    PromptHook,
    StoreUrl,
    parse_store_url,
)
from situation_board.sync.errors import SyncError, UpdateRequiredError
from situation_board.sync.listener import NotifyListener
from situation_board.sync.status import SyncReport, SyncStatus

log = logging.getLogger(__name__)
BACKOFF_CAP_S = 60.0
WRITE_DEBOUNCE_S = 0.25
JOB_ID = "sync"
StatusListener = Callable[[SyncStatus], None]


def backoff_delay(
    failures: int, interval_s: float, rand: Callable[[], float] = random.random
) -> float:
    """Seconds to wait after ``failures`` failed runs: exponential, jittered, at most 60 s."""
    base = min(BACKOFF_CAP_S, float(interval_s) * 2.0 ** max(0, failures - 1))
    return base / 2 + rand() * base / 2


class SyncEngine:
    """Background push/pull between one local store and one shared store."""

    def __init__(
        self,
        local_store: LocalStore,
        store_url: str | StoreUrl,
        *,
        interval_s: int = 15,
        language: str = "sv",
        prompt: PromptHook | None = None,
        password: PasswordSource | None = None,
        listen: bool = True,
        stage: Stage | None = None,
        wall: Callable[[], int] = wall_ms,
    ) -> None:
        self.local = local_store
        self.url = parse_store_url(store_url) if isinstance(store_url, str) else store_url
        self.interval_s = interval_s
        self.language = language
        self.password = password or PasswordSource(self.url, prompt)
        self.shared = SharedStore(self.url, self.password)
        self.client = SyncClient(
            local_store, self.shared, language=language, stage=stage, wall=wall
        )
        self._listeners: list[StatusListener] = []
        self._lock = threading.Lock()
        self._in_run = False
        self._rerun = False
        self._started = False
        self._failures = 0
        self._last_error: str | None = None
        self._last_attempt: datetime | None = None
        self._next_attempt: datetime | None = None
        self._update_required = False
        self._clock_warning: str | None = None
        self._scheduler: BackgroundScheduler | None = None
        self._notify: NotifyListener | None = None
        self.last_report: SyncReport | None = None
        self._listen = listen and self.url.kind == "postgresql"
        local_store.on_write(self._on_local_write)

    # ------------------------------------------------------------------ public API

    def add_listener(self, listener: StatusListener) -> None:
        """Call ``listener(status)`` after every run (from the worker thread)."""
        self._listeners.append(listener)

    def start(self) -> None:
        """Start the schedule (first run at once) and, on PostgreSQL, the LISTEN connection."""
        if self._started:
            return
        self._started = True
        scheduler = BackgroundScheduler(timezone=UTC)
        scheduler.add_job(
            self._job,
            IntervalTrigger(seconds=self.interval_s, timezone=UTC),
            id=JOB_ID,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),
        )
        scheduler.start()
        self._scheduler = scheduler
        if self._listen:
            site = local.site_info(self.local).site_id
            self._notify = NotifyListener(
                self.shared, site_id=site, on_ring=self._on_ring, max_wait_s=self.interval_s / 2
            )
            self._notify.start()

    def stop(self) -> None:
        """Stop the schedule and the LISTEN connection; waits for a running sync to end."""
        if not self._started:
            return
        self._started = False
        if self._notify is not None:
            self._notify.stop()
            self._notify = None
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        self.shared.close()

    def sync_now(self) -> None:
        """Run as soon as possible (the "Synka nu" button), even during a backoff."""
        self._request(0.0)

    def run_once(self) -> SyncReport:
        """One synchronous push + pull (``sync --once``); raises ``SyncError`` on failure."""
        try:
            return self._run()
        finally:
            self._publish()

    def status(self) -> SyncStatus:
        """The current status (reads counts from the local store)."""
        states = local.read_states(self.local)
        with self.local.read() as conn:
            pending = queries.pending_outbox(conn)
            open_conflicts = queries.open_conflicts(conn)
        last = states.get(local.LAST_SUCCESS)
        return SyncStatus(
            store=self.url.display,
            interval_s=self.interval_s,
            last_success_at=datetime.fromisoformat(last) if last else None,
            last_attempt_at=self._last_attempt,
            last_error=self._last_error,
            pending=pending,
            conflicts=open_conflicts,
            consecutive_failures=self._failures,
            clock_warning=self._clock_warning,
            update_required=self._update_required or bool(states.get(local.UPDATE_REQUIRED)),
            running=self._in_run,
            next_attempt_at=self._next_attempt,
        )

    # ------------------------------------------------------------------ running

    def _run(self) -> SyncReport:
        self._last_attempt = datetime.now(UTC)
        try:
            try:
                report = self.client.run()
            except SyncError as exc:
                if exc.key not in AUTH_ERRORS or not self.password.ask():
                    raise
                report = self.client.run()  # once more with the password a person typed
        except UpdateRequiredError as exc:
            self._failed(exc, update_required=True)
            raise
        except SyncError as exc:
            self._failed(exc)
            raise
        except Exception as exc:  # a bug or an unexpected driver error: keep the schedule alive
            error = self.shared.error(exc)
            log.error("sync failed unexpectedly: %s", error.message("en"))
            self._failed(error)
            raise error from None
        self._failures = 0
        self._last_error = None
        self._update_required = False
        self._clock_warning = report.clock_warning
        self.last_report = report
        log.info(
            "sync with %s: pushed %d, pulled %d, conflicts %d, pending %d",
            report.store,
            report.pushed,
            report.pulled,
            report.new_conflicts,
            report.pending,
        )
        return report

    def _failed(self, exc: SyncError, *, update_required: bool = False) -> None:
        self._failures += 1
        self._last_error = exc.message(self.language)
        self._update_required = update_required
        if exc.key in AUTH_ERRORS:
            self.password.forget()
        log.warning("sync failed (%d in a row): %s", self._failures, exc.message("en"))

    def _job(self) -> None:
        with self._lock:
            self._in_run = True
            self._rerun = False
        failed = False
        try:
            self._run()
        except SyncError:
            failed = True
        except Exception:
            failed = True
            log.exception("sync job crashed")
        finally:
            with self._lock:
                self._in_run = False
                rerun = self._rerun and not failed
                self._rerun = False
            if failed:
                self._reschedule(backoff_delay(self._failures, self.interval_s))
            elif rerun:
                self._reschedule(0.0)
            else:
                self._reschedule(float(self.interval_s))
            self._publish()

    def _reschedule(self, delay: float) -> None:
        scheduler = self._scheduler
        if scheduler is None or not self._started:
            return
        when = datetime.now(UTC) + timedelta(seconds=delay)
        self._next_attempt = when
        try:
            scheduler.modify_job(JOB_ID, next_run_time=when)
        except Exception:  # shutting down
            log.debug("could not reschedule the sync job", exc_info=True)

    def _request(self, delay: float) -> None:
        with self._lock:
            if not self._started:
                return
            if self._in_run:
                self._rerun = True
                return
        self._reschedule(delay)

    def _on_local_write(self) -> None:
        if self._failures == 0:  # during a backoff the write waits for the next attempt
            self._request(WRITE_DEBOUNCE_S)

    def _on_ring(self) -> None:
        self._request(0.0)

    def _publish(self) -> None:
        if not self._listeners:
            return
        try:
            status = self.status()
        except Exception:
            log.exception("could not read the sync status")
            return
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:
                log.exception("sync status listener failed")

    def __enter__(self) -> SyncEngine:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()
