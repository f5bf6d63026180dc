"""``SyncEngine``: background sync for the window and for ``situation-board sync`` (Qt-free).

* APScheduler 3 ``BackgroundScheduler`` (not ``QtScheduler``: DESIGN §9) runs one job every
  ``interval_s`` with ``coalesce=True`` and ``max_instances=1``; the job only wakes the sync worker
  thread, which runs push + pull. A request that arrives during a run (a write, a NOTIFY) is
  remembered and served right after it — never dropped as "max instances reached".
* A failed run is retried after an exponential backoff with jitter, capped at 60 s; meanwhile
  interval ticks and local writes wait, while ``sync_now`` and a NOTIFY (or a LISTEN reconnect:
  the store is back) cut the wait short. A success returns to the interval.
* A local write (``LocalStore.on_write``) asks for a run shortly after (debounced by 0.25 s).
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

from situation_board.domain.errors import StoreIOError
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
        self._wake = threading.Event()
        self._force = threading.Event()
        self._stopping = threading.Event()
        self._worker: threading.Thread | None = None
        self._debounce = False
        self._in_run = False
        self._started = False
        self._failures = 0
        self._last_error: str | None = None
        self._error_key: str | None = None
        self._last_attempt: datetime | None = None
        self._next_attempt: datetime | None = None
        self._update_required = False
        self._clock_warning: str | None = None
        self._scheduler: BackgroundScheduler | None = None
        self._notify: NotifyListener | None = None
        self._run_report: SyncReport | None = None  # of the latest run; None after a failure
        self._listen = listen and self.url.kind == "postgresql"
        local_store.on_write(self._on_local_write)

    # ------------------------------------------------------------------ public API

    def add_listener(self, listener: StatusListener) -> None:
        """Call ``listener(status)`` after every run (from the worker thread)."""
        self._listeners.append(listener)

    def start(self) -> None:
        """Start the worker, the schedule (first run at once) and, on PostgreSQL, LISTEN."""
        if self._started:
            return
        self._started = True
        self._stopping.clear()
        self._worker = threading.Thread(target=self._work, name="sync-worker", daemon=True)
        self._worker.start()
        scheduler = BackgroundScheduler(timezone=UTC)
        scheduler.add_job(
            self._tick,
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
        """Stop the schedule, the LISTEN connection and the worker (a running sync finishes)."""
        if not self._started:
            return
        self._started = False
        if self._notify is not None:
            self._notify.stop()
            self._notify = None
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        self._stopping.set()
        self._wake.set()
        self._force.set()
        if self._worker is not None:
            self._worker.join(timeout=60)
            self._worker = None
        self.shared.close()

    def sync_now(self) -> None:
        """Run as soon as possible (the "Synka nu" button), even during a backoff; a password
        prompt the person cancelled earlier may be shown again."""
        self.password.allow_asking()
        self._request(force=True)

    def run_once(self) -> SyncReport:
        """One synchronous push + pull (``sync --once``); raises ``SyncError`` on failure."""
        try:
            return self._run()
        finally:
            self._publish()

    def status(self, report: SyncReport | None = None) -> SyncStatus:
        """The current status (reads counts from the local store); ``report`` is the run it
        follows, if any (what that run's pull changed)."""
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
            error_key=self._error_key if self._last_error else None,
            pending=pending,
            conflicts=open_conflicts,
            consecutive_failures=self._failures,
            clock_warning=self._clock_warning,
            update_required=self._update_required or bool(states.get(local.UPDATE_REQUIRED)),
            running=self._in_run,
            next_attempt_at=self._next_attempt,
            report=report,
        )

    # ------------------------------------------------------------------ running

    def _run(self) -> SyncReport:
        self._last_attempt = datetime.now(UTC)
        self._run_report = None
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
            self._run_report = exc.report  # a pull that went through before the push was refused
            self._failed(exc)
            raise
        except StoreIOError as exc:  # the *local* disk (full, read-only…): say so, not the store's
            error = SyncError(exc.key, **exc.params)
            self._failed(error)
            raise error from None
        except Exception as exc:  # a bug or an unexpected driver error: keep the schedule alive
            error = self.shared.error(exc)
            log.error("sync failed unexpectedly: %s", error.message("en"))
            self._failed(error)
            raise error from None
        self._failures = 0
        self._last_error = None
        self._error_key = None
        self._update_required = False
        self._clock_warning = report.clock_warning
        self._run_report = report
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
        self._error_key = "update_required" if update_required else exc.key
        self._update_required = update_required
        if exc.key in AUTH_ERRORS:
            self.password.forget()
        log.warning("sync failed (%d in a row): %s", self._failures, exc.message("en"))

    def _tick(self) -> None:
        """The APScheduler job: it only wakes the worker (DESIGN §9), so it never overlaps."""
        self._wake.set()

    def _work(self) -> None:
        """The worker thread: one run per wake-up; after a failure, a backoff that only a
        forced request (``sync_now``, a NOTIFY, a LISTEN reconnect) cuts short."""
        while True:
            self._wake.wait()
            if self._stopping.is_set():
                return
            if self._debounce:  # a burst of local writes: one run shortly after
                self._stopping.wait(WRITE_DEBOUNCE_S)
                self._debounce = False
            self._wake.clear()
            self._force.clear()
            self._in_run = True
            failed = False
            try:
                self._run()
            except SyncError:
                failed = True
            except Exception:  # never let the worker die
                failed = True
                log.exception("sync run crashed")
            finally:
                self._in_run = False
            if not failed:
                self._next_attempt = self._next_tick()
                self._publish()
                continue
            delay = backoff_delay(self._failures, self.interval_s)
            self._next_attempt = datetime.now(UTC) + timedelta(seconds=delay)
            self._publish()
            if self._force.wait(delay) and self._stopping.is_set():
                return
            self._wake.set()  # retry after the backoff (or at once when forced)

    def _next_tick(self) -> datetime | None:
        scheduler = self._scheduler
        job = scheduler.get_job(JOB_ID) if scheduler is not None else None
        when: datetime | None = getattr(job, "next_run_time", None)
        return when

    def _request(self, *, force: bool = False, debounce: bool = False) -> None:
        if not self._started:
            return
        if debounce:
            self._debounce = True
        self._wake.set()
        if force:
            self._force.set()

    def _on_local_write(self) -> None:
        self._request(debounce=True)  # during a backoff it waits for the next attempt

    def _on_ring(self) -> None:
        self._request(force=True)  # the store is reachable: no reason to wait

    def _publish(self) -> None:
        if not self._listeners:
            return
        try:
            status = self.status(self._run_report)
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
