"""Configuration is validated as a whole; every message key the core raises is in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from situation_board.app import config
from situation_board.domain.errors import BoardError
from situation_board.domain.messages import AMBIGUOUS, FIELDS, MESSAGES, NOT_FOUND, render
from situation_board.i18n import translations

PACKAGE = Path(__file__).resolve().parents[2] / "situation_board"


def test_defaults_when_no_file(tmp_path: Path) -> None:
    settings = config.load(None)
    assert settings.sync_interval_s == 15 and settings.language == "sv"


def test_valid_file(tmp_path: Path) -> None:
    f = tmp_path / "c.toml"
    f.write_text('station = "V2"\nlanguage = "en"\nsync_interval_s = 30\n', encoding="utf-8")
    s = config.load(f)
    assert (s.station, s.language, s.sync_interval_s) == ("V2", "en", 30)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("stationn = 'V1'", "okänd nyckel: stationn"),
        ("sync_interval_s = 'fast'", "heltal"),
        ("sync_interval_s = 0", "mellan 1 och 3600"),
        ("language = 'de'", "sv eller en"),
        ("station = 'V 1'", "stationskod"),
        ("store_url = 'postgresql+psycopg://u:hemligt@host/db'", "lösenord"),
        (
            "store_url = 'postgresql+psycopg://u@host/db?sslmode=require&password=hemligt'",
            "lösenord",
        ),
        ("store_url = 'postgresql+psycopg://u@host/db?sslpassword=hemligt'", "lösenord"),
        ("this is = not toml", "Fel i konfigurationsfilen"),
    ],
)
def test_broken_config_is_refused(tmp_path: Path, content: str, fragment: str) -> None:
    f = tmp_path / "c.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(BoardError) as err:
        config.load(f)
    assert fragment in err.value.message()
    assert "hemligt" not in err.value.message()
    english = err.value.message("en")
    assert "Error in the configuration file" in english
    assert not any(word in english for word in ("okänd", "heltal", "lösenord", "mellan"))


def test_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BoardError):
        config.load(tmp_path / "nope.toml")


def test_save_round_trips(tmp_path: Path) -> None:
    f = tmp_path / "c.toml"
    config.save(config.Settings(station="V3", user='Anna "A"', sync_interval_s=20), f)
    s = config.load(f)
    assert (s.station, s.user, s.sync_interval_s) == ("V3", 'Anna "A"', 20)


def test_every_raised_message_key_exists_in_both_languages() -> None:
    pattern = re.compile(r'(?:Error|BoardError)\(\s*"([a-z_]+)"')
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used.update(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the scan found nothing: the pattern is broken"
    missing = sorted(used - set(MESSAGES))
    assert missing == []
    sv = translations("sv")
    for template in [*MESSAGES.values(), *NOT_FOUND.values(), *AMBIGUOUS.values()]:
        assert sv.gettext(template) != template, template


def test_render_translates_field_names() -> None:
    assert render("empty_text", "sv", field="reason") == "Motiveringen måste fyllas i."
    assert render("empty_text", "en", field="reason") == "The reason must not be empty."
    assert render("empty_text", "sv", field="name") == "Namnet måste fyllas i."
    sv = translations("sv")
    assert all(sv.gettext(label) != label for label in FIELDS.values())


def test_not_found_agrees_with_the_swedish_noun() -> None:
    assert (
        render("not_found", "sv", what="system", ref="X") == "Hittar inget system som matchar ”X”."
    )
    assert (
        render("not_found", "sv", what="action", ref="X") == "Hittar ingen åtgärd som matchar ”X”."
    )
    assert render("not_found", "en", what="action", ref="X") == "No action matches “X”."
