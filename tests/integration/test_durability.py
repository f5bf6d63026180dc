"""Durability: what a write call returned is on disk, even if the process is killed right after."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

N = 1000

WRITER = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path
    from situation_board.domain.entities import Actor
    from situation_board.services import BoardService
    from situation_board.store.database import LocalStore

    store = LocalStore.open(Path(sys.argv[1]))
    svc = BoardService(store, Actor("Loggist"))
    svc.start_event("Hållbarhetsprov")
    for i in range({N}):
        svc.add_entry(f"Post {{i}}")
    sys.stdout.write("DONE\\n")
    sys.stdout.flush()
    import time
    time.sleep(60)  # killed long before this ends
    """
)


@pytest.mark.slow
def test_sigkill_right_after_the_last_write_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "durable.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    os.kill(proc.pid, signal.SIGKILL)  # right after the last call returned
    proc.wait(timeout=30)
    assert line == "DONE\n"
    assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        texts = {t for (t,) in conn.execute("SELECT text FROM journal WHERE category != 'system'")}
        assert texts == {f"Post {i}" for i in range(N)}
        outbox = conn.execute("SELECT count(*), max(seq) FROM outbox").fetchone()
        assert outbox == (N + 2, N + 2)  # event + its entry + N entries
    finally:
        conn.close()
