"""The workstation window: a cold start, and journals of 100,000 and 1,000,000 entries.

Each measurement runs in a fresh process (``tests.perf.window_driver``, offscreen Qt):

* cold start → first painted window: ``situation-board --db demo.db`` until the level banner's
  first paint, against a bare ``QMainWindow`` process until its first paint (median of 5,
  interleaved; target ≤ 3×);
* RSS of the window with 100,000 entries once loaded, against a bare ``QMainWindow`` (≤ 2.5×);
* 1,000,000 entries: interactive (no event-loop stall ≥ 100 ms from then on) within 1 s of
  ``show()``; search as you type, each keystroke until its first page is painted, p95 ≤ 50 ms;
  RSS ≤ 3× a bare window.

The boards are built once into ``test-artifacts/bench-data`` (a million entries take minutes)
and reused by later runs of the same schema.

Run alone: ``.venv/bin/python -m tests.perf.bench_window``
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.perf.common import (
    ROOT,
    SEARCH_WORDS,
    Measure,
    cached_board,
    finish,
    isolated_env,
    percentile,
    size,
)

DATA = ROOT / "test-artifacts" / "bench-data"


def drive(env: dict[str, str], *args: str, timeout: float = 900) -> tuple[dict[str, object], float]:
    """Run the driver; its RESULT and the wall-clock time it was spawned at."""
    spawned = time.time()
    proc = subprocess.run(
        [sys.executable, "-m", "tests.perf.window_driver", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            data: dict[str, object] = json.loads(line[7:])
            return data, spawned
    raise RuntimeError(f"{args}: no result (exit {proc.returncode}): {proc.stderr[-2000:]}")


def cold_start(tmp: Path, env: dict[str, str]) -> list[Measure]:
    demo = tmp / "demo.db"
    subprocess.run(
        [sys.executable, "-m", "situation_board", "demo", "--no-gui", "--db", str(demo)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    ours, bare = [], []
    for _ in range(size(5, 2)):
        data, spawned = drive(env, "app-paint", str(demo))
        ours.append(float(data["first_paint"]) - spawned)  # type: ignore[arg-type]
        data, spawned = drive(env, "bare-paint")
        bare.append(float(data["first_paint"]) - spawned)  # type: ignore[arg-type]
    return [
        Measure(
            "cold start → first painted window (demo board)",
            statistics.median(ours),
            "s",
            statistics.median(bare),
            "bare QMainWindow process",
            limit=3,
            target="≤ 3× a bare QMainWindow process",
            note="spawn to the level banner's first paint; median of 5, interleaved",
        )
    ]


def journals(env: dict[str, str]) -> list[Measure]:
    bare = statistics.median(float(drive(env, "bare-rss")[0]["rss"]) for _ in range(3))  # type: ignore[arg-type]
    words = ",".join(SEARCH_WORDS[:4])
    out = []
    medium = size(100_000, 10_000)
    data, _ = drive(env, "window", str(cached_board(medium, DATA)), words)
    out.append(
        Measure(
            f"RSS, window with {medium:,} entries",
            float(data["rss"]),  # type: ignore[arg-type]
            "MB",
            bare,
            "bare QMainWindow",
            limit=2.5,
            target="≤ 2.5× a bare QMainWindow process",
            note=f"after loading and {len(data['search_s'])} searches; peak {data['peak']:.0f} MB",  # type: ignore[arg-type]
        )
    )
    large = size(1_000_000, 50_000)
    data, _ = drive(env, "window", str(cached_board(large, DATA)), words)
    searches: list[float] = data["search_s"]  # type: ignore[assignment]
    interactive = data["interactive_ms"]
    out += [
        Measure(
            f"journal of {large:,}: window interactive after show()",
            float(interactive) / 1000 if interactive is not None else float("inf"),  # type: ignore[arg-type]
            "s",
            limit=1.0,
            target="≤ 1 s",
            note=f"first page at {data['first_page_ms']:.0f} ms; worst stall {data['worst_stall_ms']:.0f} ms",  # type: ignore[str-format]
        ),
        Measure(
            f"journal of {large:,}: search p95 per keystroke",
            percentile(searches, 95),
            "s",
            limit=0.050,
            target="≤ 50 ms",
            note=f"{len(searches)} keystrokes ({words}); p50 {statistics.median(searches) * 1000:.1f} ms, "
            f"max {max(searches) * 1000:.1f} ms; until the first page of matches is painted",
        ),
        Measure(
            f"journal of {large:,}: RSS",
            float(data["rss"]),  # type: ignore[arg-type]
            "MB",
            bare,
            "bare QMainWindow",
            limit=3,
            target="≤ 3× a bare window",
            note=f"peak {data['peak']:.0f} MB",  # type: ignore[str-format]
        ),
    ]
    return out


def main(argv: list[str]) -> list[Measure]:
    with tempfile.TemporaryDirectory(prefix="sb-bench-window-") as name:
        tmp = Path(name)
        env = isolated_env(tmp)
        measures = cold_start(tmp, env)
        measures += journals(env)
    return finish(measures)


if __name__ == "__main__":
    main(sys.argv[1:])
