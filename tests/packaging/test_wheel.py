"""A plain ``pip install`` of the wheel (no source tree beside it) is a working program: the
resources travel as data files, and the Swedish catalogue (``.mo``) is compiled from the installed
``.po`` on first start (it is a build output, not in the wheel)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = work.glob("situation_board-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    data = "situation_board-0.1.0.data/data/share/situation-board/resources/"
    assert data + "demo/tietoevry-2024.json" in names
    assert data + "i18n/sv.po" in names
    for part in ("fonts/DejaVuSansCondensed.ttf", "color/sRGB.icc", "schemas/mets.xsd"):
        assert data + part in names  # every PDF embeds the fonts; each archive copies the schemas
    assert not any(n.endswith(".mo") for n in names)  # a build output, never shipped as source
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # the dependencies come from pip's cache, filled when this suite's own venv was made
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return venv


def test_the_installed_wheel_builds_the_demo_and_opens_in_swedish(installed: Path, tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "SITUATION_BOARD_EXIT_AFTER_LOAD": "1",
    }
    env.pop("SITUATION_BOARD_RESOURCES", None)
    exe = installed / "bin" / "situation-board"
    db = tmp_path / "demo.db"
    demo = subprocess.run(
        [str(exe), "demo", "--no-gui", "--db", str(db)],
        cwd=tmp_path,  # not the source tree: nothing may be found there
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.startswith("Demotavla skapad")
    window = subprocess.run(
        [str(exe), "--db", str(db), "--user", "Prov", "--station", "V1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert window.returncode == 0, window.stderr
    assert "translation" not in window.stderr and "Traceback" not in window.stderr
    compiled = tmp_path / "cache" / "situation-board" / "i18n" / "sv.mo"
    assert compiled.stat().st_size > 1000
