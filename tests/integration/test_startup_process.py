"""Start-up errors of the window programs as a person meets them, in a real process with no
display: one clear Swedish line on stderr and exit status 2 — never Qt's abort (SIGABRT) with its
misleading "xcb-cursor0 is needed" text, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


def _headless(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The program with no display at all (no DISPLAY, no WAYLAND_DISPLAY, no platform asked)."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")
    }
    return subprocess.run(
        [sys.executable, "-m", "situation_board", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        timeout=120,
        check=False,
        cwd=ROOT,
    )


def _one_line(proc: subprocess.CompletedProcess[str], start: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"situation-board: {start}"), lines[0]
    assert "xcb-cursor" not in lines[0] and "Traceback" not in proc.stderr
    return lines[0]


def test_window_without_a_display(tmp_path: Path) -> None:
    db = tmp_path / "board.db"
    _one_line(_headless("--db", str(db)), "Det finns ingen skärm att öppna fönstret på")


def test_wall_without_a_display(tmp_path: Path) -> None:
    proc = _headless("wall", "--db", str(tmp_path / "board.db"))
    _one_line(proc, "Det finns ingen skärm")


def test_window_with_a_display_that_is_not_there(tmp_path: Path) -> None:
    proc = _headless("--db", str(tmp_path / "board.db"), env={"DISPLAY": ":97"})
    line = _one_line(proc, "Kan inte ansluta till skärmen :97")
    assert "situation-board show" in line


def test_demo_without_a_display_builds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    _one_line(_headless("demo", "--db", str(db)), "Demotavlan kan inte öppnas: Det finns ingen")
    assert not db.exists()


def test_broken_config_without_a_display(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('station = "V1"\nsync_interval_s = "ofta"\n', encoding="utf-8")
    proc = _headless("--config", str(config), "--db", str(tmp_path / "b.db"))
    line = _one_line(proc, f"Fel i konfigurationsfilen {config}")
    assert "sync_interval_s" in line


def test_station_code_clash_without_a_display(tmp_path: Path) -> None:
    db = tmp_path / "board.db"
    run_cli("event", "new", "Övning", "--db", str(db), check=True)
    config = tmp_path / "config.toml"
    config.write_text('station = "W1"\n', encoding="utf-8")
    proc = _headless("--config", str(config), "--db", str(db))
    line = _one_line(proc, "Den här lokala tavlan är station V1")
    assert "W1" in line


def test_newer_local_schema_without_a_display(tmp_path: Path) -> None:
    db = tmp_path / "board.db"
    run_cli("event", "new", "Övning", "--db", str(db), check=True)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    line = _one_line(_headless("--db", str(db)), f"Databasen {db} har skapats av en nyare version")
    assert "9999_future" in line


def test_unreadable_database_without_a_display(tmp_path: Path) -> None:
    db = tmp_path / "board.db"
    db.write_bytes(b"this is not a database, it is a shopping list" * 100)
    line = _one_line(_headless("--db", str(db)), f"Kan inte öppna databasen {db}")
    assert "ingen lägesbildsdatabas" in line


@pytest.mark.slow
def test_locked_database_without_a_display(tmp_path: Path) -> None:
    db = tmp_path / "board.db"
    run_cli("event", "new", "Övning", "--db", str(db), check=True)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        line = _one_line(_headless("--db", str(db)), f"Kan inte öppna databasen {db}")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "ett annat program använder den (databasen är låst)" in line


def test_cli_commands_are_unchanged_by_a_broken_config(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("nonsense = 1\n", encoding="utf-8")
    proc = _headless("--config", str(config), "show")
    _one_line(proc, f"Fel i konfigurationsfilen {config}")
