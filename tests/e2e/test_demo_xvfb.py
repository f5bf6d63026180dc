"""``make demo`` opens straight onto the board: no identity dialog, no black screen (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


def _xdotool(display: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _pixel(png: Path, x: int, y: int) -> str:
    out = subprocess.run(
        ["convert", str(png), "-format", f"%[pixel:p{{{x},{y}}}]", "info:"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return out.stdout.strip()


def test_demo_opens_on_the_board_without_asking_who_you_are(xvfb: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # no user configured anywhere
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "situation_board", "demo"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # the window's title names the level and the event once the board has loaded
        found = _xdotool(xvfb, "search", "--sync", "--onlyvisible", "--name", "Stabsläge —")
        assert found.returncode == 0, found.stderr
        asking = _xdotool(xvfb, "search", "--onlyvisible", "--name", "Vem arbetar")
        assert asking.stdout.strip() == "", "the identity dialog was shown"
        # then wait until the banner is painted in Stabsläge's yellow (the title is set first)
        shot = ARTIFACTS / "e2e-demo-opens-1920x1080.png"
        ARTIFACTS.mkdir(exist_ok=True)
        deadline = time.monotonic() + 30
        colour = ""
        while time.monotonic() < deadline:
            subprocess.run(
                ["import", "-window", "root", str(shot)],
                env={**os.environ, "DISPLAY": xvfb},
                check=True,
                timeout=30,
            )
            colour = _pixel(shot, 400, 60)
            if colour == "srgb(255,214,10)":
                break
            time.sleep(0.3)
        assert colour == "srgb(255,214,10)", f"the banner never showed Stabsläge ({colour})"
        assert app.poll() is None, app.stdout.read() if app.stdout else ""
    finally:
        app.terminate()
        try:
            out, _err = app.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            out, _err = app.communicate()
        if app.returncode not in (0, -15):
            print(out)
