"""The wall display on a journal of 100,000 entries: memory while it loads and while it runs.

The wall reads only what it shows (its latest significant entries, a page at a time), so its
memory stays flat: the peak RSS while loading and running with a change every second (an entry,
alternately a decision) must stay within 1.2× its steady RSS (the median of the second half of
the run). The growth of RSS over the run is reported too (``SB_BENCH_SOAK_S`` seconds, default
120; the old two-hour soak target was < 20 MB).

Run alone: ``.venv/bin/python -m tests.perf.bench_wall``
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from tests.perf.bench_window import DATA, drive
from tests.perf.common import Measure, cached_board, copy_board, finish, isolated_env, size


def main(argv: list[str]) -> list[Measure]:
    entries = size(100_000, 10_000)
    seconds = float(os.environ.get("SB_BENCH_SOAK_S", size(120, 20)))
    with tempfile.TemporaryDirectory(prefix="sb-bench-wall-") as name:
        tmp = Path(name)
        env = isolated_env(tmp)
        board = copy_board(cached_board(entries, DATA), tmp / "wall.db")
        data, _ = drive(env, "wall", str(board), str(seconds), timeout=seconds + 600)
    samples: list[list[float]] = data["samples"]  # type: ignore[assignment]
    steady = statistics.median(mb for t, mb in samples if t >= seconds / 2)
    warm = next((mb for t, mb in samples if t >= min(30.0, seconds / 4)), samples[0][1])
    peak = float(data["peak"])  # type: ignore[arg-type]
    return finish(
        [
            Measure(
                f"wall with {entries:,} entries, peak RSS",
                peak,
                "MB",
                steady,
                "steady RSS",
                limit=1.2,
                target="≤ 1.2× its steady RSS",
                note=f"{data['changes']} changes in {seconds:.0f} s, {data['refreshes']} repaints",
            ),
            Measure(
                f"wall RSS growth over {seconds:.0f} s (after warm-up)",
                samples[-1][1] - warm,
                "MB",
                extra=True,
                note="one change a second",
            ),
        ]
    )


if __name__ == "__main__":
    main(sys.argv[1:])
