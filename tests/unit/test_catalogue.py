"""The one message catalogue is complete: every string the code marks is in ``sv.po`` with a
Swedish translation, nothing is fuzzy, and the compiled catalogue is what the program loads."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from situation_board import i18n

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "i18n"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
    "NC_": ((1, "c"), 2),
}


def _extracted() -> set[tuple[str | None, str]]:
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "situation_board"), keywords=KEYWORDS, comment_tags=()
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.add((context, msgid))
    return found


def _catalog(language: str):
    with (PO / f"{language}.po").open("rb") as fp:
        return read_po(fp, locale=language)


def test_every_marked_string_is_in_the_swedish_catalogue() -> None:
    catalog = _catalog("sv")
    known = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog if m.id}
    missing = sorted(str(x) for x in _extracted() - known)
    assert missing == [], "run `make i18n-update` and translate the new entries in sv.po"


def test_every_swedish_entry_is_translated_and_none_is_fuzzy() -> None:
    catalog = _catalog("sv")
    untranslated = [
        m.id
        for m in catalog
        if m.id and not all(m.string if isinstance(m.string, tuple) else (m.string,))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_msgfmt_statistics_has_nothing_untranslated_or_fuzzy() -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    out = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(PO / "sv.po")],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert re.fullmatch(r"\d+ translated messages\.\s*", out), out


def test_placeholders_survive_translation() -> None:
    """A Swedish text uses only placeholders its English message id has (an extra one would
    fail at run time; leaving one out is the translator's choice)."""
    field = re.compile(r"\{[a-z_0-9]*(?:![rs])?\}|%\(?[a-z_]*\)?[sdr]")
    bad = []
    for m in _catalog("sv"):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        allowed = set(field.findall(ids[-1])) | set(field.findall(ids[0]))
        bad += [(ids[0], s) for s in strings if not set(field.findall(s)) <= allowed]
    assert bad == []


def test_the_program_loads_the_swedish_catalogue() -> None:
    assert i18n.translations("sv").gettext("Sync stopped.") == "Synk stoppad."
    assert i18n.translations("en").gettext("Sync stopped.") == "Sync stopped."
