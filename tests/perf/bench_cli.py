"""The command line and the local store: start-up, streamed output, one journal write.

* ``--version``: the installed ``situation-board --version`` process against ``python -c pass``
  (same interpreter), median of 15 each, interleaved (target ≤ 3×).
* ``show --json`` and ``log list`` on a board of 100,000 entries against the same on 1,000:
  whole processes, median of 3 (target ≤ 3×); the peak RSS of the 100,000 run is reported.
* A journal write through the service (``add_entry``: validation, HLC, outbox, one ``BEGIN
  IMMEDIATE`` … COMMIT in WAL with ``synchronous=FULL``): p99 over 300 writes against a raw
  ``sqlite3`` insert + commit of a row of the same size in the same mode (target ≤ 10×).

Run alone: ``.venv/bin/python -m tests.perf.bench_cli``
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.perf.common import (
    ROOT,
    Measure,
    build_board,
    finish,
    isolated_env,
    journal_text,
    percentile,
    size,
)

VENV_BIN = Path(sys.executable).parent


def _process(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to exit, and the process's peak RSS in MB (``wait4``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"{args}: exit {proc.returncode}: {err}")
    return elapsed, usage.ru_maxrss / 1024


def version(env: dict[str, str]) -> list[Measure]:
    runs = size(15, 5)
    program = str(VENV_BIN / "situation-board")
    ours, bare = [], []
    for _ in range(runs):
        ours.append(_process([program, "--version"], env)[0])
        bare.append(_process([sys.executable, "-c", "pass"], env)[0])
    return [
        Measure(
            "--version (process start to exit)",
            statistics.median(ours),
            "s",
            statistics.median(bare),
            "python -c pass",
            limit=3,
            target="≤ 3× python -c pass",
            note=f"median of {runs}, interleaved; neither SQLAlchemy nor Qt imported",
        )
    ]


def streamed(tmp: Path, env: dict[str, str]) -> list[Measure]:
    small, large = tmp / "board-1000.db", tmp / f"board-{size(100_000, 10_000)}.db"
    build_board(small, 1_000)
    build_board(large, size(100_000, 10_000))
    program = str(VENV_BIN / "situation-board")
    out = []
    for label, args in (("show --json", ["show", "--json"]), ("log list", ["log", "list"])):
        times: dict[Path, list[float]] = {small: [], large: []}
        peak = 0.0
        for _ in range(3):
            for board in (small, large):
                elapsed, rss = _process([program, "--db", str(board), *args], env)
                times[board].append(elapsed)
                if board is large:
                    peak = max(peak, rss)
        out.append(
            Measure(
                f"{label}, {size(100_000, 10_000):,} entries vs 1,000",
                statistics.median(times[large]),
                "s",
                statistics.median(times[small]),
                "1,000 entries",
                limit=3,
                target="≤ 3× the same at 1,000",
                note=f"whole process, median of 3; peak RSS at the large board {peak:.0f} MB",
            )
        )
        out.append(
            Measure(
                f"{label}, peak RSS at {size(100_000, 10_000):,} entries", peak, "MB", extra=True
            )
        )
    return out


def journal_write(tmp: Path) -> list[Measure]:
    from situation_board.domain.entities import Actor
    from situation_board.services import BoardService
    from situation_board.store.database import LocalStore

    writes = size(300, 60)
    rng = random.Random(17)
    store = LocalStore.open(tmp / "write.db", station="V1")
    svc = BoardService(store, Actor("Loggist"))
    svc.start_event("Skrivprov")
    texts = [journal_text(rng) for _ in range(writes)]
    ours = []
    for text in texts:
        start = time.perf_counter()
        svc.add_entry(text)
        ours.append(time.perf_counter() - start)
    store.close()
    raw = sqlite3.connect(tmp / "raw.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE t (id TEXT PRIMARY KEY, number TEXT, at TEXT, text TEXT)")
    bare = []
    for i, text in enumerate(texts):
        start = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO t VALUES (?, ?, ?, ?)", (f"id-{i}", f"V1-{i}", "now", text))
        raw.execute("COMMIT")
        bare.append(time.perf_counter() - start)
    raw.close()
    return [
        Measure(
            "journal write, call → COMMIT, p99",
            percentile(ours, 99),
            "s",
            percentile(bare, 99),
            "raw sqlite3 insert+commit",
            limit=10,
            target="p99 ≤ 10× raw insert+commit",
            note=f"{writes} writes each; WAL, synchronous=FULL; medians "
            f"{statistics.median(ours) * 1000:.1f} / {statistics.median(bare) * 1000:.1f} ms",
        )
    ]


def main(argv: list[str]) -> list[Measure]:
    with tempfile.TemporaryDirectory(prefix="sb-bench-cli-") as name:
        tmp = Path(name)
        env = isolated_env(tmp)
        measures = version(env)
        measures += streamed(tmp, env)
        measures += journal_write(tmp)
    return finish(measures)


if __name__ == "__main__":
    main(sys.argv[1:])
