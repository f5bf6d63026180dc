"""Event templates: the program's own load and say what they seed; a broken file is reported with
its file and line while the others still load; the region's folder replaces by id."""

from __future__ import annotations

from pathlib import Path

import pytest

from situation_board.domain.enums import DeadlineKind, Priority, SystemStatus
from situation_board.domain.errors import NotFoundError
from situation_board.domain.templates import TemplateError, parse_template
from situation_board.services.templates import built_in_folder, load_library
from tests.pnr import personnummer

GOOD = """name = "Egen mall"
description = "En mall för test"

[[systems]]
name = "Journalsystem"
status = "down"

[[actions]]
title = "Ring leverantören"
owner = "Stabschef"
due_hours = 1.5
system = "Journalsystem"

[briefings]
every_hours = 3
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_programs_templates_load_without_problems() -> None:
    library = load_library([built_in_folder()])
    assert library.problems == ()
    ids = {t.id for t in library.templates}
    assert ids == {"it-avbrott-leverantor", "cyberangrepp", "vardplatsbrist", "cbrn"}
    names = {t.name for t in library.templates}
    assert {"IT-avbrott hos leverantör", "Cyberangrepp", "Vårdplatsbrist", "CBRN"} == names
    for t in library.templates:
        assert t.systems and t.actions and t.briefing is not None, t.id
        assert all(a.owner and a.due_hours is not None for a in t.actions), t.id


def test_the_it_template_follows_the_january_2024_case() -> None:
    t = load_library([built_in_folder()]).get("IT-avbrott hos leverantör")  # by name too
    assert t.id == "it-avbrott-leverantor"
    discharge = next(s for s in t.systems if s.name == "Utskrivningssystem")
    assert discharge.personal_data and discharge.status is SystemStatus.UNKNOWN
    assert any("reservrutiner" in a.title.casefold() for a in t.actions)
    assert any("alternativ lösning" in a.title.casefold() for a in t.actions)
    kinds = {d.kind: d for d in t.deadlines}
    assert not kinds[DeadlineKind.IMY_BREACH].start  # to consider, not started blindly
    assert DeadlineKind.NIS_EARLY_WARNING in kinds  # "nis2" in the file
    assert t.briefing is not None and t.briefing.recurrence.code == "daily 08:30,15:00"
    cyber = load_library([built_in_folder()]).get("cyberangrepp")
    assert any(d.start and d.kind is DeadlineKind.NIS_EARLY_WARNING for d in cyber.deadlines)


def test_a_template_is_parsed_with_its_values() -> None:
    t = parse_template(GOOD, "egen.toml", "egen")
    assert t.name == "Egen mall" and t.systems[0].status is SystemStatus.DOWN
    assert t.actions[0].due_hours == 1.5 and t.actions[0].priority is Priority.NORMAL
    assert t.briefing is not None and t.briefing.recurrence.every_hours == 3


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('name = "X"\n[[systems]\nname = "A"\n', 2, "TOML"),  # syntax: tomllib's position
        ('name = "X"\n\n[[systems]]\nname = "A"\nstatus = "trasig"\n', 5, "trasig"),
        (
            'name = "X"\n[[actions]]\ntitle = "A"\n\n[[actions]]\ntitle = "B"\nowner = 3\n',
            7,
            "owner",
        ),
        ('name = "X"\n[[actions]]\ntitle = "A"\nsystem = "Finns inte"\n', 4, "Finns inte"),
        ('name = "X"\ncolour = "red"\n', 2, "colour"),
        ('name = "X"\n[[deadlines]]\nkind = "imy"\n', 3, "imy"),
        ('name = "X"\n[briefings]\ndaily = ["8"]\n', 3, "8"),
        ('description = "utan namn"\n', None, "name"),
    ],
)
def test_a_broken_template_names_the_file_and_the_line(
    text: str, line: int | None, words: str
) -> None:
    with pytest.raises(TemplateError) as err:
        parse_template(text, "/mallar/trasig.toml", "trasig")
    assert err.value.line == line
    for language in ("sv", "en"):
        message = err.value.message(language)
        assert "/mallar/trasig.toml" in message and words in message, message
        if line is not None:
            assert f" {line}:" in message
    assert "rad" in err.value.message("sv") or line is None


def test_a_template_holds_no_patient_data() -> None:
    text = GOOD.replace("Ring leverantören", f"Ring om {personnummer()}")
    with pytest.raises(TemplateError) as err:
        parse_template(text, "p.toml", "p")
    assert err.value.line == 9
    assert "personnummer" in err.value.message("sv")


def test_a_broken_file_is_reported_and_the_others_still_load(tmp_path: Path) -> None:
    region = tmp_path / "region"
    _write(region, "egen.toml", GOOD)
    broken = _write(region, "trasig.toml", 'name = "Trasig"\n[[actions]\n')
    library = load_library([built_in_folder(), region])
    assert {t.id for t in library.templates} >= {"egen", "cbrn", "it-avbrott-leverantor"}
    assert [p.path for p in library.problems] == [str(broken)]
    assert library.problems[0].line == 2
    with pytest.raises(TemplateError) as err:
        library.get("trasig")
    assert str(broken) in err.value.message("sv")
    with pytest.raises(NotFoundError):
        library.get("finns-inte")


def test_the_regions_folder_replaces_the_programs_template_of_the_same_id(tmp_path: Path) -> None:
    region = tmp_path / "region"
    _write(region, "cbrn.toml", GOOD.replace("Egen mall", "CBRN (regionens)"))
    library = load_library([built_in_folder(), region, tmp_path / "saknas"])
    assert library.get("cbrn").name == "CBRN (regionens)"
    assert len([t for t in library.templates if t.id == "cbrn"]) == 1
    # a folder that cannot be read (a share that is down) is a problem, not a failure
    assert [p.key for p in library.problems] == ["template_folder_unreadable"]
    assert str(tmp_path / "saknas") in library.problems[0].message("en")
