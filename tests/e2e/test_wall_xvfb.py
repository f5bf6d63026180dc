"""`situation-board wall` on the demo board in a real X server at 1920×1080 and 3840×2160:
fullscreen, and screenshots saved for people to look at."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.program import Program, wait_for

ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize("xvfb", ["1920x1080", "3840x2160"], indirect=True)
def test_wall_fullscreen_screenshot(
    xvfb: str, live_demo_db: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    size = request.node.callspec.params["xvfb"]
    args = ["wall", "--db", str(live_demo_db)]
    with Program(args, display=xvfb, home=tmp_path / "program") as app:
        out = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", "väggskärm"],
            env=app.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.split()[0]
        app.wait_log("wall repainted with the board")  # loaded, then the (rate-limited) repaint

        def fullscreen() -> bool:
            geometry = subprocess.run(
                ["xdotool", "getwindowgeometry", out],
                env=app.env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            return f"Geometry: {size}" in geometry

        wait_for(fullscreen, 20, f"the wall fullscreen at {size}")
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"wall-{size}.png"
        subprocess.run(
            ["import", "-window", "root", str(shot)], env=app.env, check=True, timeout=60
        )
        assert shot.stat().st_size > 50_000
        assert app.proc.poll() is None  # still running: the wall stays up
    assert "Traceback" not in app.output, app.report()
