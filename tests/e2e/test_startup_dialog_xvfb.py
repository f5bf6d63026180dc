"""Start-up errors in a window: with a display, a broken configuration or a station-code clash
shows a Swedish dialog (not a black screen); closing it ends the program with status 2."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

ARTIFACTS = ROOT / "test-artifacts"
TITLE = "Lägesbilden kan inte starta"


def _xdotool(display: str, *args: str, timeout: float = 30) -> str:
    proc = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return proc.stdout.strip()


def _start(display: str, tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "situation_board", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _dialog_then_close(display: str, app: subprocess.Popen[str], shot: str) -> tuple[int, str]:
    try:
        window = _xdotool(display, "search", "--sync", "--onlyvisible", "--name", TITLE)
        window = window.splitlines()[0]
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(
            ["import", "-window", "root", str(ARTIFACTS / shot)],
            env={**os.environ, "DISPLAY": display},
            check=True,
            timeout=30,
        )
        _xdotool(display, "windowfocus", "--sync", window)
        _xdotool(display, "key", "Escape")
        _out, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=10)
    return app.returncode, err


@pytest.mark.parametrize("xvfb", ["1366x768"], indirect=True)
def test_broken_config_shows_a_dialog(xvfb: str, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "sv"\nsync_interval_s = "ofta"\n', encoding="utf-8")
    app = _start(xvfb, tmp_path, "--config", str(config), "--db", str(tmp_path / "b.db"))
    started = time.monotonic()
    status, err = _dialog_then_close(xvfb, app, "e2e-startup-error-config.png")
    assert status == 2, err
    assert err.strip().startswith(f"situation-board: Fel i konfigurationsfilen {config}"), err
    assert time.monotonic() - started < 60


def test_station_code_clash_shows_a_dialog(xvfb: str, tmp_path: Path) -> None:
    db = tmp_path / "board.db"
    run_cli("event", "new", "Övning", "--db", str(db), check=True)
    app = _start(xvfb, tmp_path, "--db", str(db), "--station", "W1")
    status, err = _dialog_then_close(xvfb, app, "e2e-startup-error-station.png")
    assert status == 2, err
    assert "Den här lokala tavlan är station V1" in err
