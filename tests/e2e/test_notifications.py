"""Desktop notifications through the freedesktop service (issue 12): a fake service on a
private session bus receives the reminder with its text whole, the urgency and the sound hint;
without a session bus the notifier falls back to the window alone, without a word on stderr."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_a_reminder_reaches_the_freedesktop_service() -> None:
    if not (shutil.which("dbus-run-session") and shutil.which("gdbus")):
        pytest.skip("dbus-run-session and gdbus are needed (dbus, libglib2.0-bin)")
    proc = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-m", "tests.e2e.notify_probe"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0 and lines, proc.stdout + proc.stderr
    facts = json.loads(lines[-1])
    assert facts["backend"] == "freedesktop"
    (call,) = facts["calls"]
    assert call["app"] == "Lägesbild" and call["summary"] == "Försenad åtgärd"
    assert call["body"] == "Försenad åtgärd: ”'Ring' leverantören” (senast 15:05)"
    assert call["hints"] == {"urgency": 2, "sound-name": "message-new-instant"}
    assert facts["beeps"] == 0  # the service plays the sound: no second one


def test_without_a_session_bus_the_window_alone_says_it() -> None:
    code = (
        "from PySide6.QtWidgets import QWidget\n"
        "from situation_board.ui.app import make_app\n"
        "from situation_board.ui.notifier import Notifier\n"
        "make_app('sv')\n"
        "n = Notifier(QWidget(), 'sv', sound=True, beep=lambda: print('beep'))\n"
        "print(n.backend)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["none"]
    assert "dbus" not in proc.stderr.lower()
