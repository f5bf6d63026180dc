"""A hypothesis state machine: three stations and a store, the real sync code, every fault the
protocol must survive — against a SQLite file and against PostgreSQL (issue 14).

Rules: journal writes; edits of one action's fields, also the *same* field on two stations
between syncs (a conflict); a full sync, a push alone, a pull alone; a request or a reply lost
on the way (the store committed, the station never heard); an old batch sent again (duplicates)
and two batches in the wrong order (the store refuses the gap, applies nothing); a station crash
(uncommitted work lost, then a restart); the store stopped and started (PostgreSQL: the server;
SQLite: the file gone from its share); wall-clock jumps of up to ±24 h.

Invariants after every step: what a station has had acknowledged is in the store; the store
holds no journal entry twice; a station's HLC never goes backwards; nobody holds an entry that
was never written. Heal (teardown): the store comes back, everyone syncs; then every replica
equals the store — the same journal, every mutable field at the same stamp, the same conflicts —
and every entry ever committed is there exactly once.

Sizes: ``tests/reliability.py`` (a short profile in every run, ``make soak`` the long one).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.pool import NullPool

from situation_board.domain.enums import ActionStatus, EntryCategory
from situation_board.domain.patches import ActionPatch
from situation_board.store.schema import MUTABLE, REPLICATED, journal, local_station, outbox
from situation_board.sync import local
from situation_board.sync.credentials import parse_store_url
from situation_board.sync.errors import GapError, SyncError
from situation_board.sync.shared_schema import conflicts, entities
from tests.integration.sync.conftest import new_cluster
from tests.integration.sync.helpers import Station, init_store
from tests.pg import PgCluster
from tests.reliability import SOAK, record, scale

CODES = ("V1", "V2", "V3")
HOUR_MS = 3_600_000
station_index = st.integers(min_value=0, max_value=len(CODES) - 1)
STORE_DOWN_KEYS = {"store_unreachable", "store_missing", "store_error"}


class Fault(Exception):
    """A fault injected at a stage of a sync: a lost message or a crash."""


def fail_at(stage_name: str) -> Any:
    def hook(stage: str) -> None:
        if stage == stage_name:
            raise Fault(stage)

    return hook


class StoreView:
    """The store as the test reads it (its own engine, never the stations')."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(parse_store_url(url).url, poolclass=NullPool)

    def journal_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            q = select(entities.c.id).where(entities.c.entity == "journal")
            return list(conn.execute(q).scalars())

    def state(self) -> dict[tuple[str, str], Any]:
        """Every entity: the stamp of each field (mutable) or just that it exists (immutable)."""
        out: dict[tuple[str, str], Any] = {}
        with self.engine.connect() as conn:
            q = select(entities.c.entity, entities.c.id, entities.c.versions, entities.c.immutable)
            for r in conn.execute(q):
                out[(r.entity, r.id)] = (
                    True if r.immutable else {k: v[0] for k, v in (r.versions or {}).items()}
                )
        return out

    def conflict_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return sorted(conn.execute(select(conflicts.c.id)).scalars())

    def close(self) -> None:
        self.engine.dispose()


def station_state(s: Station) -> dict[tuple[str, str], Any]:
    out: dict[tuple[str, str], Any] = {}
    with s.store.read() as conn:
        for name, table in REPLICATED.items():
            if name in MUTABLE:
                for r in conn.execute(select(table.c.id, table.c.versions)):
                    out[(name, r.id)] = {k: v[0] for k, v in (r.versions or {}).items()}
            else:
                for r in conn.execute(select(table.c.id)):
                    out[(name, r.id)] = True
    return out


def acked_journal(s: Station) -> set[str]:
    with s.store.read() as conn:
        q = select(outbox.c.entity_id).where(
            outbox.c.acked.is_(True), outbox.c.entity == journal.name
        )
        return set(conn.execute(q).scalars())


def station_hlc(s: Station) -> tuple[int, int]:
    with s.store.read() as conn:
        row = conn.execute(select(local_station.c.hlc_ms, local_station.c.hlc_counter)).one()
    return int(row.hlc_ms), int(row.hlc_counter)


class SyncMachine(RuleBasedStateMachine):
    kind = "sqlite"
    cluster: PgCluster | None = None
    runs = 0  # examples run (reported as a figure)
    steps = 0
    faults: dict[str, int]

    template: tuple[Path, str, str, frozenset[str]] | None = None

    def __init__(self) -> None:
        super().__init__()
        type(self).runs += 1
        folder, template_db, self.action_id, written = self._template()
        self.tmp = Path(tempfile.mkdtemp(prefix="sb-machine-"))
        shutil.copytree(folder, self.tmp, dirs_exist_ok=True)
        if self.kind == "postgres":
            assert self.cluster is not None
            self.dbname = self.cluster.create_db(template=template_db)
            self.url = self.cluster.url(self.dbname)
        else:
            self.store_file = self.tmp / "share" / "store.db"
            self.url = f"sqlite:///{self.store_file}"
        self.view = StoreView(self.url)
        self.offsets = [0, 0, 0]  # each station's wall-clock jump, ms
        self.stations = [self._open(i) for i in range(len(CODES))]
        self.written: set[str] = set(written)
        self.store_up = True
        self.hlc = [station_hlc(s) for s in self.stations]

    @classmethod
    def _template(cls) -> tuple[Path, str, str, frozenset[str]]:
        """Where every example starts, made once: a store and three stations that have synced
        an event and a shared action (example set-up is then a copy, not a migration)."""
        if cls.template is None:
            folder = Path(tempfile.mkdtemp(prefix="sb-machine-template-"))
            dbname = ""
            if cls.kind == "postgres":
                assert cls.cluster is not None
                dbname = cls.cluster.create_db()
                url = cls.cluster.url(dbname)
            else:
                url = f"sqlite:///{folder / 'share' / 'store.db'}"
            init_store(url)
            stations = [Station(folder, code, url) for code in CODES]
            first = stations[0]
            first.svc.start_event("Slumpövning")
            action_id = first.svc.add_action("Gemensam åtgärd").value.id
            for s in stations:
                s.sync()
            written = frozenset(first.journal_ids())
            for s in stations:
                s.close()
            cls.template = (folder, dbname, action_id, written)
        return cls.template

    # ------------------------------------------------------------------ helpers

    def _open(self, i: int) -> Station:
        def wall(i: int = i) -> int:
            return time.time_ns() // 1_000_000 + self.offsets[i]

        return Station(self.tmp, CODES[i], self.url, wall=wall)

    def _fault(self, name: str) -> None:
        self.faults[name] = self.faults.get(name, 0) + 1
        type(self).steps += 1

    def _track(self, s: Station, before: set[str]) -> None:
        self.written |= set(s.journal_ids()) - before

    def _sync_may_fail(self, s: Station, **kw: Any) -> None:
        """A sync; with the store down it must fail with a plain sync error, nothing else."""
        try:
            s.sync(**kw)
        except SyncError as exc:
            assert not self.store_up, exc.message("en")
            assert exc.key in STORE_DOWN_KEYS, exc.key

    # ------------------------------------------------------------------ writes

    @rule(i=station_index, text=st.text(alphabet="abcåäö ", min_size=1, max_size=12))
    def write_entry(self, i: int, text: str) -> None:
        self._fault("write")
        if text.strip():
            self.written.add(self.stations[i].svc.add_entry(f"Post {text}").value.id)

    @rule(
        i=station_index,
        field=st.sampled_from(["owner", "title", "status"]),
        n=st.integers(min_value=0, max_value=3),
    )
    def edit_action(self, i: int, field: str, n: int) -> None:
        self._fault("edit")
        value: object = (
            [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.OPEN][n]
            if field == "status"
            else f"{field} {n} från {CODES[i]}"
        )
        s = self.stations[i]
        before = set(s.journal_ids())
        s.svc.update_action(self.action_id, ActionPatch(**{field: value}))
        self._track(s, before)

    @rule(
        i=station_index,
        j=station_index,
        field=st.sampled_from(["owner", "title"]),
    )
    def same_field_on_two_stations(self, i: int, j: int, field: str) -> None:
        """Two stations change the same field without syncing in between: a conflict."""
        if i == j:
            return
        self._fault("same_field")
        for k in (i, j):
            s = self.stations[k]
            before = set(s.journal_ids())
            s.svc.update_action(self.action_id, ActionPatch(**{field: f"{field} av {CODES[k]}"}))
            self._track(s, before)

    # ------------------------------------------------------------------ sync, whole and in parts

    @rule(i=station_index)
    def sync(self, i: int) -> None:
        self._fault("sync")
        self._sync_may_fail(self.stations[i])

    @precondition(lambda self: self.store_up)
    @rule(i=station_index)
    def push_only(self, i: int) -> None:
        self._fault("push")
        s = self.stations[i]
        s.client()._push(local.site_info(s.store))

    @precondition(lambda self: self.store_up)
    @rule(i=station_index)
    def pull_only(self, i: int) -> None:
        self._fault("pull")
        self.stations[i].client()._pull()

    @precondition(lambda self: self.store_up)
    @rule(
        i=station_index, where=st.sampled_from(["before_send", "after_store_commit", "after_pull"])
    )
    def message_lost(self, i: int, where: str) -> None:
        """The request never arrives (before_send), the store committed but its reply is lost
        (after_store_commit), or a pulled page is lost before it is applied (after_pull)."""
        self._fault(f"lost_{where}")
        s = self.stations[i]
        with contextlib.suppress(Fault):
            s.sync(stage=fail_at(where))

    @precondition(lambda self: self.store_up)
    @rule(i=station_index, back=st.integers(min_value=0, max_value=6))
    def duplicated_batch(self, i: int, back: int) -> None:
        """A batch that partly or wholly reached the store already arrives again."""
        self._fault("duplicated")
        s = self.stations[i]
        after = max(0, local.last_acked(s.store) - back)
        rows = local.outbox_after(s.store, after, 8)
        if not rows:
            return
        site = local.site_info(s.store)
        try:
            result = s.shared.push(site, rows, now=datetime.now(UTC))
        except GapError:  # the store lost nothing but this station is behind it: fine
            return
        local.mark_acked(s.store, min(result.last_seq, rows[-1].seq))

    @precondition(lambda self: self.store_up)
    @rule(i=station_index)
    def reordered_batches(self, i: int) -> None:
        """Two batches overtake each other: the later one first is refused as a gap (nothing of
        it applied), then both in order."""
        self._fault("reordered")
        s = self.stations[i]
        rows = local.outbox_after(s.store, local.last_acked(s.store), 6)
        if len(rows) < 2:
            return
        first, second = rows[: len(rows) // 2], rows[len(rows) // 2 :]
        site = local.site_info(s.store)
        before = set(self.view.journal_ids())
        try:
            result = s.shared.push(site, second, now=datetime.now(UTC))
        except GapError:
            assert set(self.view.journal_ids()) == before  # nothing of it applied
        else:  # the store already had the first part (a lost reply): duplicates, no gap
            assert result.duplicates + result.applied == len(second)
        for batch in (first, second):
            result = s.shared.push(site, batch, now=datetime.now(UTC))
            local.mark_acked(s.store, min(result.last_seq, batch[-1].seq))

    # ------------------------------------------------------------------ crashes and outages

    @rule(
        i=station_index,
        stage=st.sampled_from(
            ["none", "before_send", "after_counter", "after_store_commit", "after_ack"]
        ),
    )
    def station_crash(self, i: int, stage: str) -> None:
        """The station dies: an entry being written is lost (never committed), a sync in progress
        stops at ``stage``; then the program starts again on the same board."""
        self._fault(f"crash_{stage}")
        s = self.stations[i]
        event = s.svc.board(with_journal=False).event
        if event is not None:
            try:
                with s.store.write(s.svc.actor.name) as tx:
                    s.svc._log(
                        tx, event.id, "Skrivs när strömmen går", category=EntryCategory.INFORMATION
                    )
                    raise Fault("crash")  # uncommitted: gone with the process
            except Fault:
                pass
        if stage != "none" and self.store_up:
            with contextlib.suppress(Fault):
                s.sync(stage=fail_at(stage))
        s.close()
        self.stations[i] = self._open(i)

    @precondition(lambda self: self.store_up)
    @rule(chance=st.integers(min_value=0, max_value=2))
    def store_stops(self, chance: int) -> None:
        if chance:  # a third as often as the other rules: outages are long enough as it is
            return
        self._fault("store_stop")
        if self.kind == "postgres":
            assert self.cluster is not None
            for s in self.stations:
                s.shared.close()
            self.cluster.stop()
        else:  # the share is gone: the file is not there
            self.store_file.rename(self.store_file.with_suffix(".away"))
        self.store_up = False

    @precondition(lambda self: not self.store_up)
    @rule()
    def store_starts(self) -> None:
        self._fault("store_start")
        self._start_store()

    def _start_store(self) -> None:
        if self.kind == "postgres":
            assert self.cluster is not None
            self.cluster.start()
        else:
            self.store_file.with_suffix(".away").rename(self.store_file)
        self.store_up = True

    @rule(i=station_index, hours=st.integers(min_value=-24, max_value=24))
    def clock_jumps(self, i: int, hours: int) -> None:
        """The station's wall clock is set to up to 24 h off (either way)."""
        self._fault("clock_jump")
        self.offsets[i] = hours * HOUR_MS

    # ------------------------------------------------------------------ invariants

    @invariant()
    def acknowledged_is_in_the_store_once(self) -> None:
        if not self.store_up:
            return
        stored = self.view.journal_ids()
        assert len(stored) == len(set(stored)), "an entry is in the store twice"
        for s in self.stations:
            assert acked_journal(s) <= set(stored)

    @invariant()
    def clocks_never_go_back(self) -> None:
        for k, s in enumerate(self.stations):
            now = station_hlc(s)
            assert now >= self.hlc[k], f"{CODES[k]}'s HLC went back"
            self.hlc[k] = now

    @invariant()
    def nothing_appears_that_nobody_wrote(self) -> None:
        for s in self.stations:
            assert set(s.journal_ids()) <= self.written

    # ------------------------------------------------------------------ heal

    def teardown(self) -> None:
        try:
            if not self.store_up:
                self._start_store()
            for _ in range(3):
                for s in self.stations:
                    s.sync()
            stored = self.view.journal_ids()
            assert len(stored) == len(set(stored)), "an entry is in the store twice"
            assert set(stored) == self.written, "an entry was lost or made up"
            want = self.view.state()
            store_conflicts = self.view.conflict_ids()
            first = self.stations[0]
            for s in self.stations:
                assert s.pending() == 0, f"{s.code} still has changes to send"
                assert station_state(s) == want, f"{s.code} differs from the store"
                assert sorted(c[0] for c in s.conflicts()) == store_conflicts
                assert s.board() == first.board(), f"{s.code} differs from {first.code}"
        finally:
            for s in self.stations:
                s.close()
            self.view.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            if self.kind == "postgres" and self.cluster is not None:
                if not self.store_up:
                    self.cluster.start()
                with self.cluster.admin() as conn:  # a soak makes thousands
                    conn.execute(f'DROP DATABASE "{self.dbname}" WITH (FORCE)')


def _settings(examples: int, steps: int) -> settings:
    return settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        derandomize=not SOAK,  # CI: the same examples every run; the soak explores
        database=None,
    )


class SqliteMachine(SyncMachine):
    kind = "sqlite"
    faults: dict[str, int] = {}  # noqa: RUF012 - counts across examples


class PostgresMachine(SyncMachine):
    kind = "postgres"
    faults: dict[str, int] = {}  # noqa: RUF012 - counts across examples


SQLITE_EXAMPLES, SQLITE_STEPS = scale(12, 1200), scale(25, 100)
PG_EXAMPLES, PG_STEPS = scale(5, 800), scale(25, 100)
SqliteMachine.TestCase.settings = _settings(SQLITE_EXAMPLES, SQLITE_STEPS)
PostgresMachine.TestCase.settings = _settings(PG_EXAMPLES, PG_STEPS)


@pytest.mark.reliability
class TestSyncMachineSqlite(SqliteMachine.TestCase):  # type: ignore[name-defined,misc]
    def runTest(self) -> None:
        super().runTest()
        record(
            "state_machine_sqlite",
            examples=SqliteMachine.runs,
            steps=SqliteMachine.steps,
            faults=dict(sorted(SqliteMachine.faults.items())),
            lost=0,
            duplicates=0,
        )


@pytest.fixture(scope="class")
def machine_cluster() -> Iterator[PgCluster]:
    """The PostgreSQL machine's own cluster: it stops and starts it."""
    cluster = new_cluster()
    PostgresMachine.cluster = cluster
    try:
        yield cluster
    finally:
        PostgresMachine.cluster = None
        cluster.destroy()


@pytest.mark.reliability
@pytest.mark.postgres
@pytest.mark.usefixtures("machine_cluster")
class TestSyncMachinePostgres(PostgresMachine.TestCase):  # type: ignore[name-defined,misc]
    def runTest(self) -> None:
        super().runTest()
        record(
            "state_machine_postgres",
            examples=PostgresMachine.runs,
            steps=PostgresMachine.steps,
            faults=dict(sorted(PostgresMachine.faults.items())),
            lost=0,
            duplicates=0,
        )
