"""``make bench``: every benchmark in ``tests/perf``, one table, and the table as JSON.

    .venv/bin/python -m tests.perf [NAME ...] [--out FILE]

Runs each ``bench_*.py`` (or the NAMEs given, e.g. ``sync cli``) in a process of its own, with
its own XDG folders (never the developer's board or configuration) and Qt's offscreen platform;
each module makes its own data and measures its value and its baseline in the same run. Prints
one table — measure, value, baseline measured in the same run, ratio, target — and writes it to
``test-artifacts/bench.json``. The exit status is 0 even when a target is missed (the table says
MISSED): benchmarks are measurements, not tests, and are never collected by pytest.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.perf.common import OUT_ENV, ROOT, Measure, isolated_env, print_table

HERE = Path(__file__).resolve().parent
ORDER = ("cli", "sync", "window", "wall", "propagation", "region")


def modules(names: list[str]) -> list[str]:
    found = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    wanted = names or [n for n in ORDER if n in found] + [n for n in found if n not in ORDER]
    unknown = [n for n in wanted if n not in found]
    if unknown:
        raise SystemExit(f"no such benchmark: {', '.join(unknown)} (have: {', '.join(found)})")
    return wanted


def run(name: str, tmp: Path) -> tuple[list[Measure], float, int]:
    out = tmp / f"{name}.json"
    env = isolated_env(tmp / name)
    env[OUT_ENV] = str(out)
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", f"tests.perf.bench_{name}"], cwd=ROOT, env=env, check=False
    )
    elapsed = time.monotonic() - start
    if not out.exists():
        return [], elapsed, proc.returncode or 1
    fields = set(Measure.__dataclass_fields__)
    measures = [
        Measure(**{k: v for k, v in m.items() if k in fields})
        for m in json.loads(out.read_text(encoding="utf-8"))
    ]
    return measures, elapsed, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.perf", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "bench.json")
    args = parser.parse_args()
    names = modules(args.names)
    # the program's modules compiled once, as an installation has them (see isolated_env)
    compileall.compile_dir(ROOT / "situation_board", quiet=1)
    measures: list[Measure] = []
    runs = []
    with tempfile.TemporaryDirectory(prefix="sb-bench-") as name:
        tmp = Path(name)
        for bench in names:
            print(f"== bench_{bench}", flush=True)
            found, elapsed, status = run(bench, tmp)
            measures += found
            runs.append({"benchmark": bench, "seconds": round(elapsed, 1), "status": status})
            print(f"   {len(found)} measures in {elapsed:.0f} s (exit {status})", flush=True)
    print()
    print_table(measures)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, "-m", "tests.perf", *args.names]),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        },
        "runs": runs,
        "measures": [m.as_dict() for m in measures],
    }
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"\n{len(measures)} measures; the table as JSON: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
