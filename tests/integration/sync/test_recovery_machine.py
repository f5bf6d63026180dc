"""A hypothesis state machine for recovery: besides writing, editing and syncing, stations are
backed up and restored from those backups, and the shared store is thrown away and rebuilt.

Invariants: what a station has had acknowledged by the *current* store is in it; after everyone
syncs twice, all boards and journals are identical and hold every entry that still exists
somewhere. The only entries allowed to vanish are those no copy survives of: written after a
backup and held by nothing but the restored disk (or, when the store is thrown away too, by
nothing but that store). The machine accounts for exactly those.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select

from situation_board.store.schema import journal, outbox, sync_state
from situation_board.sync.backend import SharedStore
from situation_board.sync.credentials import parse_store_url
from tests.integration.sync.helpers import Station, init_store, store_journal_ids

CODES = ("V1", "V2", "V3")
station_index = st.integers(min_value=0, max_value=len(CODES) - 1)


def _store_epoch(url: str) -> str:
    shared = SharedStore(parse_store_url(url))
    try:
        return shared.meta().epoch
    finally:
        shared.close()


class RecoveryMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="sb-recovery-"))
        self.store_file = self.tmp / "store.db"
        self.url = f"sqlite:///{self.store_file}"
        init_store(self.url)
        self.stations = [Station(self.tmp, code, self.url) for code in CODES]
        self.stations[0].svc.start_event("Återställningsövning")
        for s in self.stations:
            s.sync()
        self.written: set[str] = set(self.stations[0].journal_ids())
        self.backups: dict[int, Path] = {}

    def _db(self, i: int) -> Path:
        return self.tmp / f"{CODES[i]}.db"

    @rule(i=station_index, n=st.integers(min_value=0, max_value=99))
    def write_entry(self, i: int, n: int) -> None:
        self.written.add(self.stations[i].svc.add_entry(f"Post {n} från {CODES[i]}").value.id)

    @rule(i=station_index)
    def sync(self, i: int) -> None:
        self.stations[i].sync()

    @rule(i=station_index)
    def back_up(self, i: int) -> None:
        target = self.tmp / f"backup-{CODES[i]}.db"
        target.unlink(missing_ok=True)
        src, dst = sqlite3.connect(self._db(i)), sqlite3.connect(target)
        src.backup(dst)
        src.close()
        dst.close()
        self.backups[i] = target

    @precondition(lambda self: bool(self.backups))
    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        i = data.draw(st.sampled_from(sorted(self.backups)))
        station = self.stations[i]
        backup = sqlite3.connect(self.backups[i])
        in_backup = {r[0] for r in backup.execute("SELECT id FROM journal")}
        backup.close()
        elsewhere = set(store_journal_ids(self.url)).union(
            *(set(s.journal_ids()) for j, s in enumerate(self.stations) if j != i)
        )
        self.written -= set(station.journal_ids()) - in_backup - elsewhere  # no copy survives
        station.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self._db(i)}{suffix}").unlink(missing_ok=True)
        shutil.copy(self.backups[i], self._db(i))
        self.stations[i] = Station(self.tmp, CODES[i], self.url)

    @rule()
    def rebuild_store(self) -> None:
        on_stations = set().union(*(set(s.journal_ids()) for s in self.stations))
        self.written -= set(store_journal_ids(self.url)) - on_stations  # only the store had them
        self.store_file.unlink()
        init_store(self.url)

    @invariant()
    def acknowledged_is_in_the_store(self) -> None:
        stored = set(store_journal_ids(self.url))
        epoch = _store_epoch(self.url)
        for s in self.stations:
            with s.store.read() as conn:
                mine = conn.execute(
                    select(sync_state.c.value).where(sync_state.c.key == "store_epoch")
                ).scalar()
                if mine != epoch:
                    continue  # not synced with this store yet
                acked = set(
                    conn.execute(
                        select(outbox.c.entity_id).where(
                            outbox.c.acked.is_(True), outbox.c.entity == journal.name
                        )
                    ).scalars()
                )
            assert acked <= stored

    def teardown(self) -> None:
        try:
            for _ in range(2):
                for s in self.stations:
                    s.sync()
            first = self.stations[0]
            for other in self.stations[1:]:
                assert other.board() == first.board(), f"{other.code} differs"
                assert other.journal_ids() == first.journal_ids()
            for s in self.stations:
                assert s.pending() == 0
                assert set(s.journal_ids()) == self.written
            ids = store_journal_ids(self.url)
            assert len(ids) == len(set(ids)) and set(ids) == self.written
        finally:
            for s in self.stations:
                s.close()
            shutil.rmtree(self.tmp, ignore_errors=True)


RecoveryMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestRecoveryMachine = RecoveryMachine.TestCase
