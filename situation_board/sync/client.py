"""One sync run of a station: check the store, push the outbox, pull by cursor (DESIGN §5).

1. Read the store's meta: a newer schema → ``UpdateRequiredError`` (push nothing, the board keeps
   working locally); another epoch → reset the cursor and re-push the whole outbox.
   **Failover.** The store may also have *lost commits* it once acknowledged: a PostgreSQL primary
   that failed over to an asynchronous standby, a point-in-time restore. Two signs tell: the
   store's timeline differs from the one this station last synced with (a promotion or a restore
   moves it on), or its change counter is below this station's pull cursor. Then the station
   pulls everything again and pushes a copy of every row it holds (as for a new epoch), so the
   store regains whatever any surviving station saw. Independently, at every run, a station whose
   acknowledged sequence is ahead of what the store holds for it (``site_progress``) sends the
   difference again: no acknowledged write is lost, whatever the store forgot.
2. Compare clocks (PostgreSQL ``now()``; a difference over 5 minutes is a warning).
3. Push the outbox after the last acknowledged sequence in batches of ≤ 500; each batch is applied
   by the store in one transaction and acknowledged; the outbox is then marked in one local
   transaction. A refused gap is healed by sending again from the sequence the store expects.
4. Pull pages after the cursor; each page and its new cursor are applied in one local transaction.

Every outcome is recorded in the local ``sync_state`` (``show --json`` reads it there).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from situation_board.domain.changes import ChangeSet, change_set
from situation_board.domain.hlc import CLOCK_WARNING_MS, Hlc, is_far_ahead
from situation_board.domain.messages import render
from situation_board.store import faults
from situation_board.store.database import LocalStore, wall_ms
from situation_board.sync import local, migrate
from situation_board.sync.backend import SharedStore, Stage
from situation_board.sync.errors import GapError, SyncError, UpdateRequiredError
from situation_board.sync.protocol import BATCH_SIZE, PAGE_SIZE, SiteInfo, StoreHistory
from situation_board.sync.shared_schema import SHARED_SCHEMA_VERSION
from situation_board.sync.status import SyncReport

log = logging.getLogger(__name__)


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
        self._timeline: int | None = None  # the store's, seen by the current run

    def _stage(self, name: str) -> None:
        faults.point(name)
        if self._stage_hook is not None:
            self._stage_hook(name)

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.wall() / 1000, UTC)

    # ------------------------------------------------------------------ one run

    def run(self) -> SyncReport:
        """One push and pull; records the outcome in ``sync_state`` and re-raises failures."""
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
        self._record_success(report)
        return report

    def _record_success(self, report: SyncReport) -> None:
        values: dict[str, object] = {
            local.STORE: self.shared.store.display,
            local.LAST_SUCCESS: self._now().isoformat(),
            local.LAST_ERROR: None,
            local.UPDATE_REQUIRED: False,
            local.CLOCK_WARNING: report.clock_warning,
        }
        if self._timeline is not None:
            values[TIMELINE] = self._timeline
        local.write_states(self.local, values)

    def _record_failure(self, exc: SyncError, *, update_required: bool = False) -> None:
        values: dict[str, object] = {
            local.STORE: self.shared.store.display,
            local.LAST_ERROR: exc.message(self.language),
        }
        if update_required:
            values[local.UPDATE_REQUIRED] = True
        try:
            local.write_states(self.local, values)
        except Exception:  # the local store is busy or gone: the status still says it
            log.exception("could not record the sync failure locally")

    def _run(self) -> SyncReport:
        meta = self.shared.meta()
        newer_revision = meta.revision is not None and not migrate.knows_revision(meta.revision)
        if newer_revision or meta.schema_version > SHARED_SCHEMA_VERSION:
            raise UpdateRequiredError("store_schema_newer", store=self.shared.store.display)
        if meta.schema_version < SHARED_SCHEMA_VERSION:
            raise SyncError("store_schema_older", store=self.shared.store.display)
        states = local.read_states(self.local)
        epoch_changed = False
        if states.get(local.EPOCH) != meta.epoch:
            epoch_changed = states.get(local.EPOCH) is not None
            copied = local.reset_for_epoch(self.local, meta.epoch, snapshot=epoch_changed)
            if epoch_changed:
                log.warning(
                    "store epoch changed: full re-pull, re-push and a copy of %d rows", copied
                )
        history_lost, forgotten = self._check_history(
            states, meta.epoch, epoch_changed=epoch_changed
        )
        self._check_restored()
        warning = self._clock_warning()
        site = local.site_info(self.local)
        pending = local.pending_count(self.local)
        owner = self.shared.station_owner(site.code) if pending else None
        if owner is not None and owner[0] != site.site_id and owner[0] not in site.previous:
            raise SyncError("station_code_taken", code=site.code, owner=owner[1] or owner[0][:8])
        push_refused: SyncError | None = None
        resent = 0
        try:
            pushed, duplicates, conflicts, healed, resent = self._push(site)
        except SyncError as exc:
            if exc.key not in PUSH_ONLY_REFUSALS:
                raise
            # The store refuses what this station sends (e.g. a wall's read-only role, where
            # someone recorded something): keep pulling, so the board stays fresh, and report it.
            push_refused = exc
            pushed = duplicates = conflicts = 0
            healed = False
        pulled, changed, new_conflicts, far, touched = self._pull()
        if far and warning is None:
            warning = render("clock_remote_ahead", self.language)
        report = SyncReport(
            store=self.shared.store.display,
            pushed=pushed,
            duplicates=duplicates,
            pulled=pulled,
            changed=changed,
            new_conflicts=max(conflicts, new_conflicts),
            pending=local.pending_count(self.local),
            epoch_changed=epoch_changed,
            gap_healed=healed,
            clock_warning=warning,
            changes=touched,
            resent=max(resent, forgotten),
            history_lost=history_lost,
        )
        if push_refused is not None:
            raise PulledButPushRefused(push_refused, report)
        return report

    def _check_history(
        self, states: dict[str, object], epoch: str, *, epoch_changed: bool
    ) -> tuple[bool, int]:
        """Did the store lose commits this station had seen (see the module docstring)? Then
        pull everything again and push a copy of every row held here. Returns whether it did,
        and how many of this station's acknowledged changes the store no longer held (they go
        again with the whole outbox). After a new epoch all that has happened already."""
        history: StoreHistory = self.shared.history()
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
        progress = self.shared.site_progress(local.site_info(self.local).site_id)
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

    def _check_restored(self) -> None:
        """A local board restored from a backup has an outbox that ends before what the store
        already took from this site (or differs at that point): continue as a new site."""
        site = local.site_info(self.local)
        progress = self.shared.site_progress(site.site_id)
        if progress is None:
            return
        last_seq, last_mutation = progress
        mine = local.outbox_after(self.local, last_seq - 1, 1)
        if mine and mine[0].seq == last_seq and mine[0].mutation_id == last_mutation:
            return
        new_site = local.rekey_site(self.local)
        log.warning("local board restored from a backup: continuing as site %s", new_site)

    def _clock_warning(self) -> str | None:
        before = self.wall()
        server = self.shared.server_time()
        after = self.wall()
        if server is not None:
            skew_ms = server.timestamp() * 1000 - (before + after) / 2
            if abs(skew_ms) > CLOCK_WARNING_MS:
                minutes = round(abs(skew_ms) / 60_000)
                direction = "behind" if skew_ms > 0 else "ahead"
                key = f"clock_skew_{direction}"
                return render(key, self.language, minutes=minutes)
        hlc = self.local.hlc()
        if is_far_ahead(Hlc(hlc.ms), self.wall()):
            return render("clock_remote_ahead", self.language)
        return None

    # ------------------------------------------------------------------ push

    def _push(self, site: SiteInfo) -> tuple[int, int, int, bool, int]:
        after = local.last_acked(self.local)
        resent = 0
        progress = self.shared.site_progress(site.site_id) if after else None
        held = progress[0] if progress is not None else 0
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
        while True:
            batch = local.outbox_after(self.local, after, self.batch_size)
            if not batch:
                break
            self._stage("before_send")
            try:
                result = self.shared.push(site, batch, now=self._now(), stage=self._stage)
            except GapError as gap:
                if gap.expected - 1 >= after:
                    raise SyncError("push_gap", expected=gap.expected) from None
                log.warning("store expects sequence %d: sending again from there", gap.expected)
                after, healed = gap.expected - 1, True
                continue
            self._stage("after_ack")
            local.mark_acked(self.local, min(result.last_seq, batch[-1].seq))
            pushed += result.applied
            duplicates += result.duplicates
            conflicts += result.conflicts
            after = batch[-1].seq
            time.sleep(0)  # let a waiting local writer in between batches
        return pushed, duplicates, conflicts, healed, resent

    # ------------------------------------------------------------------ pull

    def _pull(self) -> tuple[int, int, int, bool, ChangeSet]:
        with self.local.read() as conn:
            cursor = int(local.get_state(conn, local.CURSOR, 0))
        pulled = changed = found = 0
        far = False
        touched: set[str] = set()
        while True:
            page = self.shared.pull(cursor, self.page_size)
            if not page:
                break
            self._stage("after_pull")
            cursor = page[-1].change
            result = local.apply_page(self.local, page, cursor, self.wall)
            pulled += result.rows
            changed += result.changed
            found += result.conflicts
            far = far or result.far_ahead
            touched |= result.entities
            if len(page) < self.page_size:
                break
        if found:
            touched.add("conflicts")
        return pulled, changed, found, far, change_set(touched)
