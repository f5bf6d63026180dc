"""The real program under Xvfb, as the end-to-end tests drive it (issue 14).

Tests wait for *conditions* with a timeout — a line in the program's log, a window, a pixel —
never for a fixed time. The program runs with its own configuration (``log_level = "DEBUG"``:
the window logs when the board and the journal are shown, the wall when it has repainted) and
its own log folder; its output is collected all along. When a test fails inside ``with
Program(...)``, the program's output and the end of its log are printed, so the report says what
the program was doing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from tests.conftest import ROOT

LOG_TAIL = 150


def wait_for(
    predicate: Callable[[], bool], timeout: float, what: str, *, every: float = 0.1
) -> float:
    """Poll ``predicate`` until it is true; seconds taken. AssertionError naming ``what`` on
    timeout."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(every)
    raise AssertionError(f"{what}: not within {timeout} s")


class Program:
    """``python -m situation_board ARGS`` on ``display``, with its own config and log."""

    def __init__(self, args: list[str], *, display: str, home: Path, config: str = "") -> None:
        self.home = home
        self.config = home / "config.toml"
        home.mkdir(parents=True, exist_ok=True)
        self.config.write_text(f'log_level = "DEBUG"\n{config}', encoding="utf-8")
        self.log_file = home / "state" / "situation-board" / "log" / "situation-board.log"
        self.env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "XDG_CONFIG_HOME": str(home / "xdg-config"),
            "XDG_STATE_HOME": str(home / "state"),
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "situation_board", "--config", str(self.config), *args],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._output: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._output.append(line)

    @property
    def output(self) -> str:
        return "".join(self._output)

    def log(self) -> str:
        try:
            return self.log_file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def wait_log(self, needle: str, timeout: float = 60, *, count: int = 1) -> float:
        """Wait until ``needle`` is in the log ``count`` times (the program still running)."""

        def seen() -> bool:
            if self.proc.poll() is not None:
                raise AssertionError(f"the program exited ({self.proc.returncode})")
            return self.log().count(needle) >= count

        return wait_for(seen, timeout, f"“{needle}” in the program's log")

    def report(self) -> str:
        tail = "\n".join(self.log().splitlines()[-LOG_TAIL:])
        return (
            f"--- the program's output (exit status {self.proc.poll()}) ---\n{self.output}\n"
            f"--- the last {LOG_TAIL} lines of its log ({self.log_file}) ---\n{tail}"
        )

    def stop(self) -> str:
        """Terminate (or kill) the program; its whole output."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(10)
        return self.output

    def __enter__(self) -> Program:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        if exc is not None:
            print(self.report())  # pytest shows it with the failure
