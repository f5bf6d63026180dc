"""Shared test setup: an isolated home for config and data, markers by folder, helpers.

The process environment is pointed at a temporary XDG home before anything else runs, so no test
(and no subprocess a test starts) reads or writes the developer's real configuration or board.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

_HOME = Path(tempfile.mkdtemp(prefix="sb-test-home-"))
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(_HOME / var.lower())
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


def cli(
    *args: str, now: str | datetime | None = None, stdin: str = "", check: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run the CLI in this process with an injected clock (``now``: ISO text or an aware
    datetime; default the system clock), capturing its output like ``run_cli``."""
    from situation_board import i18n
    from situation_board.cli import main
    from situation_board.domain.clock import fixed_clock, system_clock

    if isinstance(now, str):
        now = datetime.fromisoformat(now)
    clock = fixed_clock(now) if now is not None else system_clock
    out, err = io.StringIO(), io.StringIO()
    language = i18n.current_language()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args), clock=clock)
    finally:
        sys.stdin = old_stdin
        i18n.set_language(language)
    proc = subprocess.CompletedProcess(
        ["situation-board", *args], code, out.getvalue(), err.getvalue()
    )
    if check and code != 0:
        raise AssertionError(f"{args} failed ({code}): {proc.stderr}")
    return proc


def show_json(db: Path, now: str | datetime | None = None) -> dict[str, Any]:
    """``show --json`` of the board at ``db`` as of ``now`` (in-process)."""
    proc = cli("show", "--json", "--db", str(db), now=now, check=True)
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "board.db"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo board replayed on its real dates (built once per session; copy before writing)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    cli("demo", "--no-gui", "--as-of", DEMO_AS_OF, "--db", str(path), now=DEMO_AS_OF, check=True)
    return path


@pytest.fixture(scope="session")
def live_demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo board shifted to now, as ``make demo`` builds it (for programs that run on the
    system clock: the wall under Xvfb)."""
    path = tmp_path_factory.mktemp("live-demo") / "demo.db"
    cli("demo", "--no-gui", "--db", str(path), check=True)
    return path
