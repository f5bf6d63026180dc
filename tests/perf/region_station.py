"""One station of the region benchmark (``bench_region``), as its own process.

    python -m tests.perf.region_station URL CODE BOARD START DURATION OUT

Runs the real ``SyncEngine`` (default 15 s interval, ``NOTIFY`` on) on its own local board,
waits for the event to arrive, then from wall-clock time START writes a journal entry every 2 s
for DURATION seconds. After every sync run it notes, for each entry of another station that
arrived, how long after it was written (its recorded time) it was on this board; every 5 s it
notes its outbox backlog. After the writing it keeps syncing until everything written by the
others has arrived (or 30 s passed), then writes its notes to OUT as JSON.
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text


def main() -> None:
    from situation_board.domain.entities import Actor
    from situation_board.domain.errors import NoActiveEventError
    from situation_board.services import BoardService
    from situation_board.store.database import LocalStore
    from situation_board.sync import local
    from situation_board.sync.engine import SyncEngine
    from tests.perf.common import journal_text

    url, code, board, start, duration, out = sys.argv[1:7]
    start_at, seconds = float(start), float(duration)
    store = LocalStore.open(Path(board), station=code)
    svc = BoardService(store, Actor(f"Loggist {code}"))
    engine = SyncEngine(store, url, interval_s=15)
    site = local.site_info(store).site_id
    lock = threading.Lock()
    seen = {"rowid": 0}
    arrivals: list[float] = []
    runs = [0]

    def on_status(_status: object) -> None:
        now = datetime.now(UTC)
        with lock, store.read() as conn:
            rows = conn.execute(
                text(
                    "SELECT rowid, recorded_at, site_id, text FROM journal WHERE rowid > :r"
                    " ORDER BY rowid"
                ),
                {"r": seen["rowid"]},
            ).all()
            runs[0] += 1
            for rowid, recorded, origin, body in rows:
                seen["rowid"] = max(seen["rowid"], rowid)
                if origin != site and body.startswith("Region "):
                    written_at = datetime.fromisoformat(recorded).replace(tzinfo=UTC)
                    arrivals.append((now - written_at).total_seconds())

    engine.add_listener(on_status)
    engine.start()
    while True:  # the event first (started by the seeding station)
        try:
            svc.find_event()
            break
        except NoActiveEventError:
            time.sleep(0.2)
            engine.sync_now()
    on_status(None)
    arrivals.clear()  # what came before the writing is not measured
    rng = random.Random(code)
    backlog: list[tuple[float, int]] = []
    written = 0
    time.sleep(max(0.0, start_at - time.time()))
    t0 = time.time()
    next_write, next_sample = t0 + rng.random() * 2, t0
    while time.time() - t0 < seconds:
        now = time.time()
        if now >= next_write:
            svc.add_entry(f"Region {code} {written}: {journal_text(rng)}")
            written += 1
            next_write += 2.0
        if now >= next_sample:
            backlog.append((now - t0, local.pending_count(store)))
            next_sample += 5.0
        time.sleep(max(0.0, min(next_write, next_sample) - time.time()))
    expected = int(sys.argv[7]) if len(sys.argv) > 7 else 0
    drain_until = time.time() + 30
    while time.time() < drain_until and len(arrivals) < expected:
        time.sleep(0.2)
    backlog.append((time.time() - t0, local.pending_count(store)))
    engine.stop()
    Path(out).write_text(
        json.dumps(
            {
                "code": code,
                "written": written,
                "arrivals": arrivals,
                "backlog": backlog,
                "runs": runs[0],
            }
        )
    )
    store.close()


if __name__ == "__main__":
    main()
