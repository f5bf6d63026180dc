"""The real wall program syncing with a real PostgreSQL store: when the server is stopped, the
stale band crosses the board (amber, then red); the screenshot is kept for people to look at."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.e2e.program import Program, wait_for
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
        db = tmp_path / "wall.db"
        settings = f'store_url = "{url}"\nsync_interval_s = 1\nstation = "W1"\n'
        cfg = tmp_path / "wall.toml"
        cfg.write_text(settings, encoding="utf-8")
        run_cli("store", "init", url, check=True)
        for args in (
            ("event", "new", "Prov: databasen stoppas"),
            ("level", "set", "staff", "--reason", "Prov"),
        ):
            run_cli(*args, "--db", str(db), "--config", str(cfg), check=True)
        with Program(
            ["wall", "--db", str(db)], display=xvfb, home=tmp_path / "program", config=settings
        ) as wall:
            subprocess.run(
                ["xdotool", "search", "--sync", "--onlyvisible", "--name", "väggskärm"],
                env=wall.env,
                capture_output=True,
                timeout=60,
                check=True,
            )
            wall.wait_log("sync with")  # synced...
            wall.wait_log("wall repainted with the board")  # ...and shown: then no band
            wait_for(  # under the banner (y 205 at 1080 p) only the dark margin
                lambda: pixel(xvfb, 4, 240, tmp_path / "before.png") not in (RED, AMBER),
                20,
                "the synced wall without a stale band",
                every=0.5,
            )
            cluster.stop()  # the shared store is gone
            seen: set[tuple[int, int, int]] = set()

            def red() -> bool:
                seen.add(pixel(xvfb, 4, 240, tmp_path / "during.png"))
                return RED in seen

            wait_for(red, 30, "the red band", every=0.5)
            assert AMBER in seen  # amber after 2 intervals, red after 5
            ARTIFACTS.mkdir(exist_ok=True)
            (tmp_path / "during.png").replace(ARTIFACTS / "wall-store-stopped-1920x1080.png")
            assert wall.proc.poll() is None  # the wall keeps running without its store
        assert "Traceback" not in wall.output, wall.report()
    finally:
        cluster.destroy()
