"""Benchmark: the workstation window on a board with 100,000 journal entries.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/perf/bench_window.py [N]

Prints (1) the time from ``show()`` until the window answers input (the event loop's worst
stall after that point stays under 100 ms) and until the whole journal is loaded, and (2) the
time per search-as-you-type keystroke, from the key event until the filtered table has been
laid out and painted (p50/p95/max over 40 keystrokes).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from situation_board.domain.clock import system_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import EntryCategory, StaffFunction
from situation_board.services import BoardService
from situation_board.store.database import LocalStore
from situation_board.store.schema import journal

WORDS = (
    "leverantör",
    "utskrivning",
    "reservrutin",
    "telefon",
    "IMY",
    "ambulans",
    "lager",
    "avdelning",
    "beslut",
    "prognos",
    "Rakel",
    "länsstyrelsen",
    "material",
    "personal",
)


def build(path: Path, n: int) -> BoardService:
    store = LocalStore.open(path)
    svc = BoardService(store, Actor("Bench", StaffFunction.LOG_KEEPER))
    svc.start_event("Prestandaprov")
    start = system_clock() - timedelta(days=7)
    batch = 5000
    for first in range(0, n, batch):
        with store.write("Bench") as tx:
            event_id = svc.board(with_journal=False).event.id  # type: ignore[union-attr]
            for i in range(first, min(first + batch, n)):
                when = start + timedelta(seconds=i * 6)
                svc._log(
                    tx,
                    event_id,
                    f"Post {i}: {WORDS[i % len(WORDS)]} och "
                    f"{WORDS[(i * 7) % len(WORDS)]} — uppföljning {i % 97}",
                    category=EntryCategory.INFORMATION,
                    occurred_at=when,
                )
    with store.read() as conn:
        from sqlalchemy import func, select

        count = conn.execute(select(func.count()).select_from(journal)).scalar_one()
    print(f"board: {count} journal entries in {path}")
    return svc


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from situation_board.ui.app import make_app
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController
    from situation_board.ui.main_window import MainWindow

    cached = Path(tempfile.gettempdir()) / f"sb-bench-{n}.db"  # building 100k takes a minute
    if cached.exists():
        svc = BoardService(LocalStore.open(cached), Actor("Bench", StaffFunction.LOG_KEEPER))
        print(f"board: reusing {cached}")
    else:
        t = time.perf_counter()
        svc = build(cached, n)
        print(f"built in {time.perf_counter() - t:.1f} s")
    app = make_app("sv")
    controller = BoardController(svc, ChangeBus(), "sv")
    window = MainWindow(controller, "sv")
    window.resize(1920, 1080)

    stalls: list[tuple[float, float]] = []  # (time since show, lateness) in ms
    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setObjectName("benchHeartbeat")
    heartbeat.setInterval(10)
    last = [0.0]

    def beat() -> None:
        now = clock.nsecsElapsed() / 1e6
        stalls.append((now, now - last[0] - 10))
        last[0] = now

    heartbeat.timeout.connect(beat)
    loaded_at: list[float] = []
    controller.journalReset.connect(lambda _e: loaded_at.append(clock.nsecsElapsed() / 1e6))

    clock.start()
    window.show()
    controller.start()
    heartbeat.start()
    shown = clock.nsecsElapsed() / 1e6
    deadline = time.monotonic() + 60
    while not loaded_at and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    for _ in range(50):  # settle: paint the loaded table
        app.processEvents()
        time.sleep(0.002)
    heartbeat.stop()
    worst_after = {
        limit: max((lat for at, lat in stalls if at >= limit), default=0.0)
        for limit in (0, 500, 1000)
    }
    interactive = next(
        (at for at, _ in stalls if all(lat < 100 for at2, lat in stalls if at2 >= at)), None
    )
    print(f"show() returned after {shown:.0f} ms")
    print(
        f"journal of {window.journal_panel.model.rowCount()} entries loaded at "
        f"{loaded_at[0]:.0f} ms after show"
    )
    print(
        f"event loop: worst stall {worst_after[0]:.0f} ms overall, "
        f"{worst_after[500]:.0f} ms after 0.5 s, {worst_after[1000]:.0f} ms after 1 s"
    )
    print(f"interactive (no stall >= 100 ms from then on) at {interactive:.0f} ms after show")

    search = window.journal_panel.search
    timings = []
    for word in ("leverantör", "imy", "telefon", "ambulans"):
        search.clear()
        app.processEvents()
        for i in range(1, len(word) + 1):
            t0 = time.perf_counter()
            search.setText(word[:i])  # what a key press does (textChanged → filter)
            window.journal_panel.view.viewport().repaint()
            app.processEvents()
            timings.append((time.perf_counter() - t0) * 1000)
    timings = timings[:40]
    q = statistics.quantiles(timings, n=20)
    print(
        f"search-as-you-type over {n} entries, {len(timings)} keystrokes: "
        f"p50 {statistics.median(timings):.1f} ms, p95 {q[18]:.1f} ms, max {max(timings):.1f} ms"
    )
    controller.ops.wait()
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
