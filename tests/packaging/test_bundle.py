"""Smoke test of the PyInstaller bundle: it builds, and the bundled program runs —
``--version``, ``demo --no-gui`` on a temporary database, and an offscreen start that exits
after the board and the journal are shown. Plus the Linux desktop files validate."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.packaging
BUNDLE = ROOT / "dist" / "situation-board"
EXE = BUNDLE / "situation-board"
LINUX = ROOT / "packaging" / "linux"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} missing (make deps-test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def bundle() -> Path:
    started = time.monotonic()
    proc = subprocess.run(
        ["bash", "packaging/build.sh"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env={**os.environ, "PYTHON": sys.executable},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    print(f"\n{proc.stdout.strip().splitlines()[-1]} (measured {time.monotonic() - started:.0f} s)")
    assert EXE.is_file()
    return EXE


def _run(exe: Path, *args: str, tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp / "cfg"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "XDG_STATE_HOME": str(tmp / "state"),
        **env,
    }
    full.pop("SITUATION_BOARD_RESOURCES", None)
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=full,
        cwd=tmp,
        check=False,
    )


def test_bundle_runs(bundle: Path, tmp_path: Path) -> None:
    version = _run(bundle, "--version", tmp=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("situation-board 0.")

    db = tmp_path / "demo.db"
    demo = _run(bundle, "demo", "--no-gui", "--db", str(db), tmp=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "Demotavla skapad" in demo.stdout  # Swedish, from the bundled resources
    shown = json.loads(_run(bundle, "show", "--json", "--db", str(db), tmp=tmp_path).stdout)
    assert shown["level"]["label"] == "Stabsläge" and len(shown["journal"]) > 40

    shot = tmp_path / "bundle.png"
    start = _run(
        bundle,
        "--db",
        str(db),
        "--user",
        "Röktest",
        tmp=tmp_path,
        QT_QPA_PLATFORM="offscreen",
        SITUATION_BOARD_SCREENSHOT=str(shot),
    )
    assert start.returncode == 0, start.stderr
    assert shot.stat().st_size > 30_000  # painted, with the bundled translations and icons
    assert "Traceback" not in start.stderr

    store = tmp_path / "shared.db"
    init = _run(bundle, "store", "init", f"sqlite:///{store}", tmp=tmp_path)
    assert init.returncode == 0, init.stderr  # the sync migrations are bundled too
    bad = _run(bundle, "log", "add", "  ", "--db", str(db), tmp=tmp_path)
    assert bad.returncode == 2 and bad.stderr.strip() == "situation-board: Texten måste fyllas i."


def test_desktop_file_validates() -> None:
    tool = _tool("desktop-file-validate")
    proc = subprocess.run(
        [tool, str(LINUX / "se.rssl.SituationBoard.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_metainfo_validates() -> None:
    tool = _tool("appstreamcli")
    proc = subprocess.run(
        [tool, "validate", "--no-net", str(LINUX / "se.rssl.SituationBoard.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_windows_icon_is_rendered_from_the_svg(tmp_path: Path) -> None:
    """The .ico the Windows build embeds: a valid ICONDIR with every size, PNG images."""
    import struct

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from icon import SIZES, render_ico
    finally:
        sys.path.pop(0)
    ico = render_ico(ROOT / "resources" / "icons" / "app.svg", tmp_path / "app.ico")
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(SIZES))
    for i, size in enumerate(SIZES):
        width, height, *_rest, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert width == height == (0 if size == 256 else size)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and length > 60
