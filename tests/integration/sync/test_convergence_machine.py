"""A hypothesis state machine: stations write and sync in random order against a SQLite file.

Invariants: whatever a station has had acknowledged is in the store (nothing acknowledged is lost),
and after everyone syncs twice all boards, journals and conflict lists are identical and hold
every entry ever written.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import select

from situation_board.domain.enums import ActionStatus
from situation_board.domain.patches import ActionPatch
from situation_board.store.schema import journal, outbox
from tests.integration.sync.helpers import Station, assert_converged, init_store, store_journal_ids

CODES = ("V1", "V2", "V3")
station_index = st.integers(min_value=0, max_value=len(CODES) - 1)


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="sb-machine-"))
        self.url = f"sqlite:///{self.tmp / 'store.db'}"
        init_store(self.url)
        self.stations = [Station(self.tmp, code, self.url) for code in CODES]
        first = self.stations[0]
        first.svc.start_event("Slumpövning")
        self.action_id = first.svc.add_action("Gemensam åtgärd").value.id
        for s in self.stations:
            s.sync()
        self.written: set[str] = set(first.journal_ids())

    @rule(i=station_index, text=st.text(alphabet="abcåäö ", min_size=1, max_size=12))
    def write_entry(self, i: int, text: str) -> None:
        if text.strip():
            self.written.add(self.stations[i].svc.add_entry(f"Post {text}").value.id)

    @rule(
        i=station_index,
        field=st.sampled_from(["owner", "title", "status"]),
        n=st.integers(min_value=0, max_value=3),
    )
    def edit_action(self, i: int, field: str, n: int) -> None:
        value: object = (
            [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.OPEN][n]
            if field == "status"
            else f"{field} {n} från {CODES[i]}"
        )
        s = self.stations[i]
        before = set(s.journal_ids())
        s.svc.update_action(self.action_id, ActionPatch(**{field: value}))
        self.written |= set(s.journal_ids()) - before

    @rule(i=station_index)
    def sync(self, i: int) -> None:
        self.stations[i].sync()

    @invariant()
    def acknowledged_is_in_the_store(self) -> None:
        stored = set(store_journal_ids(self.url))
        for s in self.stations:
            with s.store.read() as conn:
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
            assert_converged(*self.stations)
            for s in self.stations:
                assert set(s.journal_ids()) == self.written
            ids = store_journal_ids(self.url)
            assert len(ids) == len(set(ids)) and set(ids) == self.written
        finally:
            for s in self.stations:
                s.close()
            shutil.rmtree(self.tmp, ignore_errors=True)


SyncMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestSyncMachine = SyncMachine.TestCase
