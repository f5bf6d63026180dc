"""The reliability profiles (issue 14): a short one in CI, a long one under ``make soak``.

Tests marked ``reliability`` take their sizes from ``scale(short, soak)``; ``make soak`` sets
``SB_SOAK=1``. Each test reports its figures (examples, kills, outages, rows, failovers, losses
and duplicates found) with ``record``: printed, and appended as one JSON line to
``test-artifacts/reliability-figures.jsonl`` (or ``SB_FIGURES``), which ``make soak`` sums up.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
SOAK = os.environ.get("SB_SOAK") == "1"
T = TypeVar("T")


def scale(short: T, soak: T) -> T:
    """``short`` in CI and ordinary runs, ``soak`` under ``make soak`` (``SB_SOAK=1``)."""
    return soak if SOAK else short


def figures_path() -> Path:
    return Path(os.environ.get("SB_FIGURES", ROOT / "test-artifacts" / "reliability-figures.jsonl"))


def record(test: str, **figures: object) -> None:
    """Report one test's figures (printed with ``-s``; always appended to the figures file)."""
    line = {"test": test, "profile": "soak" if SOAK else "short", "at": time.time(), **figures}
    print(f"\n[reliability] {json.dumps(line, ensure_ascii=False)}")
    path = figures_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")


def summary(path: Path) -> dict[str, object]:
    """The figures of one run (the latest line of each test) summed up."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if any(d["profile"] == "soak" for d in lines):  # a soak's figures, not a short run's beside it
        lines = [d for d in lines if d["profile"] == "soak"]
    latest: dict[str, dict[str, object]] = {}
    for data in lines:
        latest[str(data["test"])] = data

    def total(prefix: str, key: str) -> int:
        return sum(
            int(v.get(key, 0))  # type: ignore[call-overload]
            for k, v in latest.items()
            if k.startswith(prefix)
        )

    return {
        "profile": sorted({str(v["profile"]) for v in latest.values()}),
        "state_machine_examples": total("state_machine", "examples"),
        "state_machine_steps": total("state_machine", "steps"),
        "sigkills": total("sigkill", "kills"),
        "outages": total("outages", "outages"),
        "late_commit_rows": total("late_commits", "rows"),
        "failovers": total("failover", "failovers"),
        "acknowledged_not_replicated_recovered": total("failover", "acknowledged_not_replicated"),
        "lost": total("", "lost") + total("", "missed"),
        "duplicates": total("", "duplicates"),
        "tests": sorted(latest),
    }


if __name__ == "__main__":  # python -m tests.reliability [FILE]: the figures of the last run
    import sys

    figures = summary(Path(sys.argv[1]) if len(sys.argv) > 1 else figures_path())
    for key, value in figures.items():
        print(f"{key:40} {value}")
