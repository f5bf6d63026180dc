"""One sync run of a station: check the store, push the outbox, pull by cursor (DESIGN §5).

1. One read of the store (``handshake``): its meta — a newer schema → ``UpdateRequiredError``
   (push nothing, the board keeps working locally); another epoch → reset the cursor and re-push
   the whole outbox —, its clock (PostgreSQL ``now()``; a difference over 5 minutes is a
   warning), this site's progress (a board restored from a backup continues as a new site) and
   the holder of the station code.
   **Failover.** The store may also have *lost commits* it once acknowledged: a PostgreSQL primary
   that failed over to an asynchronous standby, a point-in-time restore. Two signs tell (read in
   the same handshake): the store's timeline differs from the one this station last synced with
   (a promotion or a restore moves it on), or its change counter is below this station's pull
   cursor. Then the station pulls everything again and pushes a copy of every row it holds (as
   for a new epoch), so the store regains whatever any surviving station saw. Independently, at
   every run, a station whose acknowledged sequence is ahead of what the store holds for it
   (``site_progress``) sends the difference again: no acknowledged write is lost, whatever the
   store forgot.
2. Push the outbox after the last acknowledged sequence in batches of ≤ 500; each batch is applied
   by the store in one transaction and acknowledged. A refused gap is healed by sending again
   from the sequence the store expects.
3. Pull pages after the cursor, without the rows this station itself has just pushed (the store
   marks them, ``echo_site``). The outbox acknowledgement, the pulled rows, the new cursor and the
   outcome go in ONE local transaction (a pull of more than ``APPLY_ROWS`` rows: one per group).

Every outcome is recorded in the local ``sync_state`` (``show --json`` reads it there).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from sqlalchemy import Connection

from situation_board.domain.changes import ChangeSet, change_set
from situation_board.domain.hlc import CLOCK_WARNING_MS, Hlc, is_far_ahead
from situation_board.domain.messages import render
from situation_board.store import faults
from situation_board.store.database import LocalStore, wall_ms
from situation_board.sync import local, migrate
from situation_board.sync.backend import SharedStore, Stage
from situation_board.sync.errors import GapError, SyncError, UpdateRequiredError
from situation_board.sync.protocol import (
    BATCH_SIZE,
    PAGE_SIZE,
    OutboxRow,
    PulledRow,
    PullPage,
    SiteInfo,
    StoreHistory,
)
from situation_board.sync.shared_schema import SHARED_SCHEMA_VERSION
from situation_board.sync.status import SyncReport

log = logging.getLogger(__name__)
APPLY_ROWS = 5_000
"""Pulled rows applied per local transaction: a new station's initial pull of 100,000 rows takes
20 commits instead of 200, while a local writer never waits long for the store's lock."""


# Refusals of what a station *sends* that still allow it to fetch (a read-only role).
PUSH_ONLY_REFUSALS = frozenset({"store_permission_denied"})
# sync_state key: the store's PostgreSQL timeline at this station's last successful run
TIMELINE = "store_timeline"


class PulledButPushRefused(Exception):
    """Internal: the pull went through, the push was refused (see ``SyncClient.run``)."""

    def __init__(self, error: SyncError, report: SyncReport) -> None:
        super().__init__(error.key)
        self.error = error
        self.report = report


@dataclass(slots=True)
class _Outcome:
    """What the round's last local transaction found: the clock warning and what is pending."""

    warning: str | None
    pending: int = 0


class SyncClient:
    """Push and pull between one local store and one shared store."""

    def __init__(
        self,
        local_store: LocalStore,
        shared: SharedStore,
        *,
        language: str = "sv",
        stage: Stage | None = None,
        wall: Callable[[], int] = wall_ms,
        batch_size: int = BATCH_SIZE,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.local = local_store
        self.shared = shared
        self.language = language
        self._stage_hook = stage
        self.wall = wall
        self.batch_size = batch_size
        self.page_size = page_size
        self._unmarked: int | None = None  # acknowledged by the store, not yet marked locally
        self._timeline: int | None = None  # the store's, seen by the current run

    def _stage(self, name: str) -> None:
        faults.point(name)
        if self._stage_hook is not None:
            self._stage_hook(name)

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.wall() / 1000, UTC)

    # ------------------------------------------------------------------ one run

    def run(self) -> SyncReport:
        """One push and pull; records the outcome in ``sync_state`` and re-raises failures.

        A round writes the local store once where it can: the acknowledgement of what was
        pushed, the pulled rows with the new cursor, and the outcome go in one local transaction
        (a pull of more than ``APPLY_ROWS`` rows takes one more per such group).
        """
        try:
            report = self._run()
        except PulledButPushRefused as partial:
            # the pull succeeded (the board is fresh) but what this station sent was refused
            self._record_success(partial.report)
            self._record_failure(partial.error)
            partial.error.report = partial.report
            raise partial.error from None
        except UpdateRequiredError as exc:
            self._record_failure(exc, update_required=True)
            raise
        except SyncError as exc:
            self._record_failure(exc)
            raise
        return report

    def _success_states(self, clock_warning: str | None) -> dict[str, object]:
        return {
            local.STORE: self.shared.store.display,
            local.LAST_SUCCESS: self._now().isoformat(),
            local.LAST_ERROR: None,
            local.UPDATE_REQUIRED: False,
            local.CLOCK_WARNING: clock_warning,
        } | ({TIMELINE: self._timeline} if self._timeline is not None else {})

    def _record_success(self, report: SyncReport) -> None:
        local.write_states(self.local, self._success_states(report.clock_warning))

    def _record_failure(self, exc: SyncError, *, update_required: bool = False) -> None:
        values: dict[str, object] = {
            local.STORE: self.shared.store.display,
            local.LAST_ERROR: exc.message(self.language),
        }
        if update_required:
            values[local.UPDATE_REQUIRED] = True
        try:
            local.write_states(
                self.local, values, acked_up_to=self._unmarked
            )  # what the store took is acknowledged, whatever failed after it
        except Exception:  # the local store is busy or gone: the status still says it
            log.exception("could not record the sync failure locally")

    def _run(self) -> SyncReport:
        self._unmarked = None
        mine = local.local_state(self.local)  # one local read: site, states, outbox, clock
        site = mine.site
        # nothing to push: the first page of the pull comes with the handshake (one round trip)
        together = (mine.cursor, self.page_size) if mine.pending == 0 else None
        before = self.wall()
        hello = self.shared.handshake(site.site_id, site.code, pull=together)
        after = self.wall()
        first_page = hello.page
        meta = hello.meta
        newer_revision = meta.revision is not None and not migrate.knows_revision(meta.revision)
        if newer_revision or meta.schema_version > SHARED_SCHEMA_VERSION:
            raise UpdateRequiredError("store_schema_newer", store=self.shared.store.display)
        if meta.schema_version < SHARED_SCHEMA_VERSION:
            raise SyncError("store_schema_older", store=self.shared.store.display)
        epoch_changed = False
        reset = False  # the outbox or the site changed under the round: read them again
        if mine.states.get(local.EPOCH) != meta.epoch:
            epoch_changed = mine.states.get(local.EPOCH) is not None
            copied = local.reset_for_epoch(self.local, meta.epoch, snapshot=epoch_changed)
            if epoch_changed:
                log.warning(
                    "store epoch changed: full re-pull, re-push and a copy of %d rows", copied
                )
            reset = True  # from the start again
        history_lost, forgotten = self._check_history(
            mine.states, meta.epoch, hello.history, hello.progress, epoch_changed=epoch_changed
        )
        reset = reset or history_lost
        progress = hello.progress if not history_lost else None
        known = progress is None or progress == mine.last_acked
        if not known and self._check_restored(site, progress):
            site = local.site_info(self.local)
            reset = True
        if reset:
            first_page, pending = None, local.pending_count(self.local)
            acked = local.last_acked(self.local)
        else:
            pending = mine.pending
            acked = mine.last_acked[0] if mine.last_acked is not None else 0
        warning = self._clock_warning(hello.server_time, (before + after) / 2, mine.hlc)
        # acknowledged here, but no longer held by the store (it failed over): sent again
        held = min(acked, progress[0]) if progress is not None else 0
        owner = hello.owner if pending or held < acked else None
        if owner is not None and owner[0] != site.site_id and owner[0] not in site.previous:
            raise SyncError("station_code_taken", code=site.code, owner=owner[1] or owner[0][:8])
        push_refused: SyncError | None = None
        resent = 0
        try:
            pushed, duplicates, conflicts, healed, resent = (
                self._push(site, held) if pending or held < acked else (0, 0, 0, False, 0)
            )
        except SyncError as exc:
            if exc.key not in PUSH_ONLY_REFUSALS:
                raise
            # The store refuses what this station sends (e.g. a wall's read-only role, where
            # someone recorded something): keep pulling, so the board stays fresh, and report it.
            push_refused = exc
            pushed = duplicates = conflicts = 0
            healed = False
        outcome = _Outcome(warning)

        def finish(conn: Connection, result: local.PageResult) -> None:
            # the last local transaction of the round: the outcome goes in with the pulled rows
            if result.far_ahead and outcome.warning is None:
                outcome.warning = render("clock_remote_ahead", self.language)
            outcome.pending = result.pending
            if push_refused is None:
                local.set_states(conn, self._success_states(outcome.warning))

        first = first_page if pushed == 0 and duplicates == 0 and not healed else None
        pulled, changed, new_conflicts, _far, touched = self._pull(
            site.site_id, finish=finish, first=first
        )
        report = SyncReport(
            store=self.shared.store.display,
            pushed=pushed,
            duplicates=duplicates,
            pulled=pulled,
            changed=changed,
            new_conflicts=max(conflicts, new_conflicts),
            pending=outcome.pending,
            epoch_changed=epoch_changed,
            gap_healed=healed,
            clock_warning=outcome.warning,
            changes=touched,
            resent=max(resent, forgotten),
            history_lost=history_lost,
        )
        if push_refused is not None:
            raise PulledButPushRefused(push_refused, report)
        return report

    def _check_history(
        self,
        states: dict[str, object],
        epoch: str,
        history: StoreHistory,
        progress: tuple[int, str] | None,
        *,
        epoch_changed: bool,
    ) -> tuple[bool, int]:
        """Did the store lose commits this station had seen (see the module docstring)? Then
        pull everything again and push a copy of every row held here. ``history`` and
        ``progress`` (this site's last sequence and mutation id in the store) come from the
        handshake. Returns whether it did, and how many of this station's acknowledged changes
        the store no longer held (they go again with the whole outbox). After a new epoch all
        that has happened already."""
        self._timeline = history.timeline
        if epoch_changed:
            return False, 0
        seen = states.get(TIMELINE)
        cursor = int(str(states.get(local.CURSOR) or 0))
        moved = seen is not None and history.timeline is not None and seen != history.timeline
        behind = history.counter < cursor
        if not moved and not behind:
            return False, 0
        acked = local.last_acked(self.local)
        forgotten = max(0, acked - (progress[0] if progress is not None else 0))
        copied = local.reset_for_epoch(self.local, epoch, snapshot=True)
        if history.timeline is not None:  # recorded at once: a failed run must not copy twice
            local.write_states(self.local, {TIMELINE: history.timeline})
        log.warning(
            "the store lost commits (timeline %s → %s, counter %d, cursor %d; %d of this "
            "station's acknowledged changes gone): full re-pull, re-push and a copy of %d rows",
            seen,
            history.timeline,
            history.counter,
            cursor,
            forgotten,
            copied,
        )
        return True, forgotten

    def _check_restored(self, site: SiteInfo, progress: tuple[int, str] | None) -> bool:
        """A local board restored from a backup has an outbox that ends before what the store
        already took from this site (or differs at that point): continue as a new site.
        ``progress`` is the store's (last sequence, its mutation id) for ``site``; True when the
        site was renewed."""
        if progress is None:
            return False
        last_seq, last_mutation = progress
        mine = local.outbox_after(self.local, last_seq - 1, 1)
        if mine and mine[0].seq == last_seq and mine[0].mutation_id == last_mutation:
            return False
        new_site = local.rekey_site(self.local)
        log.warning("local board restored from a backup: continuing as site %s", new_site)
        return True

    def _clock_warning(
        self, server: datetime | None, local_ms: float, hlc: Hlc | None = None
    ) -> str | None:
        """A warning when the server's clock (read at ``local_ms`` of ours) differs by more than
        5 minutes, or when this station's HLC (``hlc``, else read now) has run far ahead of its
        wall clock."""
        if server is not None:
            skew_ms = server.timestamp() * 1000 - local_ms
            if abs(skew_ms) > CLOCK_WARNING_MS:
                minutes = round(abs(skew_ms) / 60_000)
                direction = "behind" if skew_ms > 0 else "ahead"
                key = f"clock_skew_{direction}"
                return render(key, self.language, minutes=minutes)
        hlc = hlc or self.local.hlc()
        if is_far_ahead(Hlc(hlc.ms), self.wall()):
            return render("clock_remote_ahead", self.language)
        return None

    # ------------------------------------------------------------------ push

    def _push(self, site: SiteInfo, held: int | None = None) -> tuple[int, int, int, bool, int]:
        """Push the outbox in batches. The store's acknowledgements are marked in the outbox by
        the round's local transaction (``_pull``): a crash before it only means the next round
        sends those rows again, and the store skips them as duplicates. ``held``: the last
        sequence of this site the store holds (from the handshake; ``None``: read it now);
        acknowledged rows after it are sent again. Returns pushed, duplicates, conflicts, gap
        healed, resent."""
        after = local.last_acked(self.local)
        resent = 0
        if held is None:
            progress = self.shared.site_progress(site.site_id) if after else None
            held = min(after, progress[0]) if progress is not None else 0
        if held < after:
            # acknowledged, but the store no longer has them (it failed over to a standby that
            # had not received them): send them again, from what the store holds
            resent = after - held
            log.warning(
                "the store holds this station's changes up to %d of %d acknowledged: sending "
                "%d again",
                held,
                after,
                resent,
            )
            after = held
        pushed = duplicates = conflicts = 0
        healed = False
        read = partial(local.outbox_after, self.local, limit=self.batch_size, raw_immutable=True)
        with ThreadPoolExecutor(1, thread_name_prefix="outbox-read") as reader:
            # the next batch is read while the store applies this one
            ahead: Future[list[OutboxRow]] = reader.submit(read, after)
            while True:
                batch = ahead.result()
                if not batch:
                    break
                ahead = reader.submit(read, batch[-1].seq)
                self._stage("before_send")
                try:
                    result = self.shared.push(site, batch, now=self._now(), stage=self._stage)
                except GapError as gap:
                    if gap.expected - 1 >= after:
                        raise SyncError("push_gap", expected=gap.expected) from None
                    log.warning("store expects sequence %d: sending again from there", gap.expected)
                    after, healed = gap.expected - 1, True
                    ahead = reader.submit(read, after)
                    continue
                self._stage("after_ack")
                self._unmarked = min(result.last_seq, batch[-1].seq)
                pushed += result.applied
                duplicates += result.duplicates
                conflicts += result.conflicts
                after = batch[-1].seq
        return pushed, duplicates, conflicts, healed, resent

    # ------------------------------------------------------------------ pull

    def _pull(
        self,
        site_id: str | None = None,
        *,
        finish: local.Finish | None = None,
        first: PullPage | None = None,
    ) -> tuple[int, int, int, bool, ChangeSet]:
        """Pull pages after the cursor (skipping what ``site_id`` itself pushed) and apply them
        with their new cursor: up to ``APPLY_ROWS`` rows per local transaction, the last one
        together with the outbox acknowledgement and ``finish``. ``first``: the first page,
        already read (with the handshake)."""
        with self.local.read() as conn:
            cursor = int(local.get_state(conn, local.CURSOR, 0))
        pulled = changed = found = 0
        far = False
        touched: set[str] = set()
        more = True
        while more:
            pages: list[list[PulledRow]] = []
            rows = 0
            start = cursor
            while more and rows < APPLY_ROWS:
                if first is not None:
                    page, first = first, None
                else:
                    page = self.shared.pull_page(cursor, self.page_size, site_id)
                    self._stage("after_pull")
                more = len(page.rows) >= self.page_size
                cursor = page.cursor
                if page.rows:
                    pages.append(page.rows)
                    rows += len(page.rows)
            result = local.apply_round(
                self.local,
                pages,
                cursor if cursor != start else None,
                self.wall,
                acked_up_to=self._unmarked,
                finish=None if more else finish,
            )
            self._unmarked = None
            pulled += result.rows
            changed += result.changed
            found += result.conflicts
            far = far or result.far_ahead
            touched |= result.entities
        if found:
            touched.add("conflicts")
        return pulled, changed, found, far, change_set(touched)
