"""The real wall program syncing with a real PostgreSQL store: when the server is stopped, the
stale band crosses the board (amber, then red); the screenshot is kept for people to look at."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.integration.sync.conftest import new_cluster

ARTIFACTS = ROOT / "test-artifacts"
RED, AMBER = (0x8B, 0x00, 0x16), (0xFB, 0xBF, 0x24)


def pixel(display: str, x: int, y: int, path: Path) -> tuple[int, int, int]:
    subprocess.run(
        ["import", "-window", "root", str(path)],
        env={**os.environ, "DISPLAY": display},
        check=True,
        timeout=60,
    )
    out = subprocess.run(
        ["convert", str(path), "-crop", f"1x1+{x}+{y}", "-depth", "8", "txt:-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    hexcode = out.strip().splitlines()[-1].split("#")[1][:6]
    return int(hexcode[0:2], 16), int(hexcode[2:4], 16), int(hexcode[4:6], 16)


@pytest.mark.postgres
def test_stale_band_when_postgres_stops(xvfb: str, tmp_path: Path) -> None:
    cluster = new_cluster()
    try:
        url = cluster.url(cluster.create_db())
        db, cfg = tmp_path / "wall.db", tmp_path / "wall.toml"
        cfg.write_text(
            f'store_url = "{url}"\nsync_interval_s = 1\nstation = "W1"\n', encoding="utf-8"
        )
        run_cli("store", "init", url, check=True)
        run_cli(
            "event",
            "new",
            "Prov: databasen stoppas",
            "--db",
            str(db),
            "--config",
            str(cfg),
            check=True,
        )
        run_cli(
            "level",
            "set",
            "staff",
            "--reason",
            "Prov",
            "--db",
            str(db),
            "--config",
            str(cfg),
            check=True,
        )
        env = {
            **os.environ,
            "DISPLAY": xvfb,
            "QT_QPA_PLATFORM": "xcb",
            "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        }
        wall = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "situation_board",
                "wall",
                "--db",
                str(db),
                "--config",
                str(cfg),
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            subprocess.run(
                ["xdotool", "search", "--sync", "--onlyvisible", "--name", "väggskärm"],
                env=env,
                capture_output=True,
                timeout=60,
                check=True,
            )
            time.sleep(
                3
            )  # synced: no band under the banner (y 205 at 1080 p), only the dark margin
            under = pixel(xvfb, 4, 240, tmp_path / "before.png")
            assert under not in (RED, AMBER)
            cluster.stop()  # the shared store is gone
            deadline = time.monotonic() + 30
            seen = set()
            while time.monotonic() < deadline and RED not in seen:
                seen.add(pixel(xvfb, 4, 240, tmp_path / "during.png"))
                time.sleep(0.5)
            assert AMBER in seen and RED in seen  # amber after 2 intervals, red after 5
            ARTIFACTS.mkdir(exist_ok=True)
            (tmp_path / "during.png").replace(ARTIFACTS / "wall-store-stopped-1920x1080.png")
            assert wall.poll() is None  # the wall keeps running without its store
        finally:
            wall.terminate()
            out, _ = wall.communicate(timeout=20)
        assert "Traceback" not in out, out
    finally:
        cluster.destroy()
