"""The real program in a real X window: type a journal entry with xdotool, read it back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, run_cli

ARTIFACTS = ROOT / "test-artifacts"
TEXT = "Samtal från länsstyrelsen: lägesbild önskas 17:00"


def _xdotool(display: str, *args: str, timeout: float = 20) -> str:
    proc = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return proc.stdout.strip()


def test_quick_entry_round_trip_under_xvfb(xvfb: str, demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "board.db"
    shutil.copy(demo_db, db)
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "situation_board", "--db", str(db), "--user", "Loggist E2E"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        window = _xdotool(
            xvfb, "search", "--sync", "--onlyvisible", "--name", "Lägesbild", timeout=60
        ).splitlines()[0]
        time.sleep(1.5)  # let the board and journal load
        _xdotool(xvfb, "windowfocus", "--sync", window)
        _xdotool(xvfb, "key", "ctrl+l")
        _xdotool(xvfb, "type", "--delay", "15", TEXT)
        _xdotool(xvfb, "key", "Return")
        deadline = time.monotonic() + 20
        found = None
        while time.monotonic() < deadline and found is None:
            out = run_cli("log", "list", "--json", "--db", str(db))
            entries = json.loads(out.stdout) if out.returncode == 0 else []
            found = next((e for e in entries if e["text"] == TEXT), None)
            if found is None:
                time.sleep(0.3)
        assert found is not None, "the typed entry never reached the store"
        assert found["author"] == "Loggist E2E" and found["category"] == "information"
        assert found["number"] == "V1-0055"
        time.sleep(0.8)  # the window shows it
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "e2e-workstation-xvfb-1920x1080.png"
        subprocess.run(
            ["import", "-window", "root", str(shot)],
            env={**os.environ, "DISPLAY": xvfb},
            check=True,
            timeout=30,
        )
        assert shot.stat().st_size > 50_000
    finally:
        app.terminate()
        try:
            out, _ = app.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            out, _ = app.communicate()
    assert "Traceback" not in out, out
