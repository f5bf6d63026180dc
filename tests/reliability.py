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
