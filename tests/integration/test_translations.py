"""Swedish translation: 100 % complete, and the .ts source is in step with the UI code."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import ROOT

TS = ROOT / "resources" / "i18n" / "situation_board_sv.ts"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).iter("message"))


def test_every_string_is_translated_to_swedish() -> None:
    messages = _messages(TS)
    assert len(messages) > 150
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_placeholders_survive_translation() -> None:
    for m in _messages(TS):
        source, translation = m.findtext("source") or "", m.findtext("translation") or ""
        for placeholder in ("%1", "%2", "%3"):
            assert (placeholder in source) == (placeholder in translation), source


def test_ts_source_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    """Run lupdate on a copy: a UI string missing from the committed .ts fails the test."""
    copy = tmp_path / "sv.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "situation_board" / "ui").rglob("*.py"))
    proc = subprocess.run(
        [str(LUPDATE), "-no-obsolete", *sources, "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "new" in proc.stdout or "Found" in proc.stdout
    before = {(m.findtext("source"), m.findtext("translation")) for m in _messages(TS)}
    after = {(m.findtext("source"), m.findtext("translation")) for m in _messages(copy)}
    new = sorted(s for s, t in after - before)
    assert new == [], f"run `make i18n-update` and translate: {new}"
