"""Shared test setup: an isolated home for config and data, markers by folder, helpers.

The process environment is pointed at a temporary XDG home before anything else runs, so no test
(and no subprocess a test starts) reads or writes the developer's real configuration or board.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

_HOME = Path(tempfile.mkdtemp(prefix="sb-test-home-"))
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(_HOME / var.lower())
os.environ.pop("SITUATION_BOARD_NOW", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DEMO_AS_OF = "2024-01-29T16:00:00+01:00"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        if parts[0] == "gui":
            item.add_marker(pytest.mark.gui)
        elif parts[0] == "e2e":
            item.add_marker(pytest.mark.e2e)


def run_cli(
    *args: str, env: dict[str, str] | None = None, check: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m situation_board ARGS`` as a real process."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "situation_board", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
        cwd=ROOT,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"{args} failed ({proc.returncode}): {proc.stderr}")
    return proc


def show_json(db: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    proc = run_cli("show", "--json", "--db", str(db), env=env, check=True)
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "board.db"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo board replayed on its real dates (built once per session; copy before writing)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    run_cli("demo", "--no-gui", "--as-of", DEMO_AS_OF, "--db", str(path), check=True)
    return path
