"""Soak benchmark: the wall view with a change every second; resident memory must stay flat.

Run:  .venv/bin/python tests/perf/bench_wall_soak.py [SECONDS]   (default 7200 = 2 hours)

Every second one change goes through the normal path (a service write off the GUI thread, the
change bus, the rate-limited wall refresh): alternately a journal entry, a system update and an
action update. Prints RSS every 10 minutes and the growth from the first sample after warm-up
(60 s) to the end. The target is < 20 MB over two hours.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    duration = int(sys.argv[1]) if len(sys.argv) > 1 else 7200
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from situation_board.domain.entities import Actor
    from situation_board.domain.enums import ActionStatus, EntryCategory, SystemStatus
    from situation_board.domain.patches import ActionPatch, SystemPatch
    from situation_board.services import BoardService
    from situation_board.store.database import LocalStore
    from situation_board.ui.app import make_app
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController
    from situation_board.ui.wall.view import WallView

    tmp = Path(tempfile.mkdtemp(prefix="sb-soak-"))
    db = tmp / "board.db"
    subprocess.run(
        [sys.executable, "-m", "situation_board", "demo", "--no-gui", "--db", str(db)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    app = make_app("sv")
    service = BoardService(LocalStore.open(db), Actor("Soak"))
    controller = BoardController(service, ChangeBus(), "sv")
    wall = WallView(controller, screen_height=1080, page_seconds=5)
    wall.resize(1920, 1080)
    wall.show()
    controller.start()
    board = service.board(with_journal=False)
    system = board.systems[0]
    action = board.open_actions()[0]
    step = [0]
    samples: list[tuple[float, float]] = []
    start = time.monotonic()

    def change() -> None:
        i = step[0]
        step[0] += 1
        kind = i % 3
        if kind == 0:
            fn = lambda s: s.add_entry(f"Soak {i}: beslut", category=EntryCategory.DECISION)  # noqa: E731
        elif kind == 1:
            status = SystemStatus.LIMITED if i % 2 else SystemStatus.DOWN
            patch = SystemPatch(status=status)
            fn = lambda s: s.update_system(system.id, patch, comment=f"soak {i}")  # noqa: E731
        else:
            status = ActionStatus.IN_PROGRESS if i % 2 else ActionStatus.OPEN
            fn = lambda s: s.update_action(action.id, ActionPatch(status=status))  # noqa: E731
        controller.execute(fn)

    def sample() -> None:
        elapsed = time.monotonic() - start
        samples.append((elapsed, rss_mb()))
        if int(elapsed // 600) != int(samples[-2][0] // 600 if len(samples) > 1 else -1) or (
            elapsed >= duration
        ):
            print(
                f"{elapsed / 60:6.1f} min  RSS {samples[-1][1]:7.1f} MB  changes {step[0]}  "
                f"wall refreshes {wall.refreshes}",
                flush=True,
            )
        if elapsed >= duration:
            app.quit()

    ticker = QTimer()
    ticker.setObjectName("soakChange")
    ticker.timeout.connect(change)
    ticker.start(1000)
    sampler = QTimer()
    sampler.setObjectName("soakSample")
    sampler.timeout.connect(sample)
    sampler.start(1000)
    app.exec()
    controller.ops.wait()
    base = next(mb for t, mb in samples if t >= 60)
    end = samples[-1][1]
    print(f"duration {duration} s, {step[0]} changes, {wall.refreshes} wall refreshes")
    print(f"RSS after warm-up {base:.1f} MB, at end {end:.1f} MB, growth {end - base:+.1f} MB")
    QApplication.processEvents()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
