"""The one message catalogue: Swedish complete and in step with the code, placeholders and
mnemonics kept, and no second translation mechanism (or clock) left in the Qt face."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from tests.conftest import ROOT

I18N = ROOT / "resources" / "i18n"
# what `make i18n-update` extracts: Babel's keywords and N_, NC_
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "NC_": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _catalog(language: str):
    with (I18N / f"{language}.po").open("rb") as fp:
        return read_po(fp, locale=language)


def _pairs(message) -> list[tuple[str, str]]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return [(ids[min(i, len(ids) - 1)], s) for i, s in enumerate(strings)]


def test_every_message_has_a_swedish_translation() -> None:
    catalog = _catalog("sv")
    messages = [m for m in catalog if m.id]
    assert len(messages) > 600
    untranslated = [m.id for m in messages if not all(s.strip() for _, s in _pairs(m))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [] and fuzzy == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_msgfmt_reports_nothing_untranslated_or_fuzzy() -> None:
    proc = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(I18N / "sv.po")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in proc.stderr and "fuzzy" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("language", ["sv", "en"])
def test_placeholders_and_mnemonics_survive_translation(language: str) -> None:
    for message in _catalog(language):
        for source, translation in _pairs(message):
            if not message.id or not translation:
                continue
            assert sorted(PLACEHOLDER.findall(source)) == sorted(
                PLACEHOLDER.findall(translation)
            ), source
            assert source.count("&") == translation.count("&"), source
            assert not re.search(r"%\d", source), f"a Qt placeholder in {source!r}"


def test_the_catalogue_is_in_step_with_the_code() -> None:
    """Every string the code marks is in sv.po and en.po, and neither holds a stale one: run
    `make i18n-update` and translate when this fails."""
    found = {
        (context, msgid if isinstance(msgid, str) else msgid[0])
        for _file, _line, msgid, _comments, context in extract_from_dir(
            str(ROOT / "situation_board"), keywords=KEYWORDS, comment_tags=()
        )
    }
    for language in ("sv", "en"):
        listed = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0])
            for m in _catalog(language)
            if m.id
        }
        assert sorted(found - listed, key=str) == [], f"missing from {language}.po"
        assert sorted(listed - found, key=str) == [], f"stale in {language}.po"


def _ui_sources() -> list[Path]:
    return sorted((ROOT / "situation_board" / "ui").rglob("*.py"))


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bself\.tr\(",
        r"\.translate\(\s*\"",
        r"\.replace\(\s*\"%\d",
        r"\bsystem_clock\b",
        r"datetime\.now\(",
        r"language\s*[!=]=\s*\"(sv|en)\"",
    ],
)
def test_the_qt_face_has_one_catalogue_and_an_injected_clock(pattern: str) -> None:
    """No Qt tr(), no %1 placeholders, no hand-picked text by language, no clock of its own."""
    hits = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in _ui_sources()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(pattern, line)
        and not line.lstrip().startswith("#")
        and "_QT_LOCALES" not in line
        and 'if language == "en":' not in line  # Qt's translator: English is Qt's own
    ]
    assert hits == []


def test_the_program_loads_the_swedish_catalogue() -> None:
    from situation_board import i18n

    assert i18n.translations("sv").gettext("Sync stopped.") == "Synk stoppad."
    assert i18n.translations("en").gettext("Sync stopped.") == "Sync stopped."
