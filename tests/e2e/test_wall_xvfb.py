"""`situation-board wall` on the demo board in a real X server at 1920×1080 and 3840×2160:
fullscreen, and screenshots saved for people to look at."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize("xvfb", ["1920x1080", "3840x2160"], indirect=True)
def test_wall_fullscreen_screenshot(
    xvfb: str, live_demo_db: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    size = request.node.callspec.params["xvfb"]
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "situation_board", "wall", "--db", str(live_demo_db)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        out = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", "väggskärm"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.split()[0]
        time.sleep(2.0)  # loads, then the first rate-limited refresh
        geometry = subprocess.run(
            ["xdotool", "getwindowgeometry", out],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"Geometry: {size}" in geometry  # fullscreen on the whole screen
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"wall-{size}.png"
        subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=60)
        assert shot.stat().st_size > 50_000
        assert app.poll() is None  # still running: the wall stays up
    finally:
        app.terminate()
        output, _ = app.communicate(timeout=20)
    assert "Traceback" not in output, output
