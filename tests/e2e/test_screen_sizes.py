"""Every screen size (issue 12): the workstation on 1366×768, on 1920×1080 at 125 % scaling
(``QT_SCALE_FACTOR=1.25``), on 1920×1080 and on 2560×1440, with a reminder showing — whole
headers, at least ten journal rows, a search field that is not "S…" — and the real window on
an Xvfb screen of 1366×768. Screenshots go to test-artifacts/ to be looked at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


def _probe(width: int, height: int, out: Path, env: dict[str, str], *extra: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.e2e.screen_probe", str(width), str(height), str(out), *extra],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0 and lines, proc.stdout + proc.stderr
    return json.loads(lines[-1])


@pytest.mark.parametrize(
    ("width", "height", "scale", "mode"),
    [
        (1366, 768, "1", "compact"),
        (1920, 1080, "1.25", "compact"),
        (1920, 1080, "1", "wide"),
        (2560, 1440, "1", "wide"),
    ],
)
def test_the_workstation_at_each_screen_size(width, height, scale, mode) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    suffix = "" if scale == "1" else f"-{int(float(scale) * 100)}pct"
    shot = ARTIFACTS / f"workstation-reminder-{width}x{height}{suffix}.png"
    facts = _probe(width, height, shot, {"QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale})
    assert facts["loaded"] and facts["reminder"].startswith("Försenad åtgärd")
    assert facts["mode"] == mode
    assert facts["window_fits"]
    assert facts["clipped_headers"] == []  # "Nästa uppdatering" whole, at every size
    assert facts["journal_rows"] >= 10
    assert facts["search_width"] >= facts["search_needs"]  # never "S…"
    assert facts["systems_rows_visible"] >= 2  # both systems of the demo, without scrolling
    assert shot.stat().st_size > 30_000


@pytest.mark.parametrize("xvfb", ["1366x768"], indirect=True)
def test_the_real_window_on_a_1366x768_screen(xvfb: str) -> None:
    """The window maximized on an X server of 1366×768; the screen's own picture is saved."""
    shot = ARTIFACTS / "e2e-window-1366x768.png"
    ARTIFACTS.mkdir(exist_ok=True)
    env = {"DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": "1"}
    grab = ARTIFACTS / "e2e-window-1366x768-grab.png"
    facts = _probe(1366, 768, grab, env, "--maximize", "--root", str(shot))
    assert facts["size"] == [1366, 768]  # the whole screen, and no more
    assert facts["mode"] == "compact" and facts["journal_rows"] >= 10
    assert facts["clipped_headers"] == [] and facts["systems_rows_visible"] >= 2
    assert shot.stat().st_size > 30_000  # the screen shows the board, not black
