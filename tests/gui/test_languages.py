"""The window, its dialogs and the wall speak one language: with ``language = "en"`` no Swedish
text appears apart from the board's own data (event, systems, actions, journal texts, names),
and with ``sv`` no English. Also saves the screenshots in both languages to look at:
test-artifacts/{workstation,wall}-{sv,en}-1920x1080.png."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from situation_board import i18n
from situation_board.domain.freshness import FreshnessState
from situation_board.sync.status import SyncStatus
from tests.conftest import ROOT

from .conftest import NOW, make_context, open_window, use_language, wait_idle
from .textscan import board_data, offenders, wall_texts, widget_texts

ARTIFACTS = ROOT / "test-artifacts"
AUTONYMS = ("Svenska", "English")  # the Language menu names each language in itself


@pytest.fixture(params=["sv", "en"])
def language(request) -> str:
    """Each test runs in Swedish and in English (Swedish again afterwards)."""
    use_language(request.param)
    yield request.param
    use_language("sv")


@pytest.fixture
def lang_controller(qtbot, language: str, demo_db: Path, tmp_path: Path):
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController

    db = tmp_path / "board.db"
    shutil.copy(demo_db, db)
    ctx = make_context(db, language=language)
    assert ctx.language == i18n.current_language() == language
    controller = BoardController(ctx, ChangeBus())
    yield controller
    controller.ops.wait()
    ctx.close()


def _data(controller) -> list[str]:
    return board_data(controller.service.board())


def _save(widget, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-1920x1080.png"
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 50_000
    return path


def test_the_window_speaks_one_language(qtbot, lang_controller, language: str) -> None:
    window = open_window(qtbot, lang_controller)
    board = lang_controller.board
    # show what is usually hidden or empty: a selected entry, a sync state, another open event
    journal = window.journal_panel
    journal.view.setCurrentIndex(journal.proxy.index(0, 0))
    window.status.show_sync(
        SyncStatus(
            store="postgresql+psycopg://sb@db/board",
            interval_s=15,
            last_success_at=NOW - timedelta(seconds=40),
            pending=2,
            conflicts=1,
            next_attempt_at=NOW + timedelta(seconds=15),
            consecutive_failures=1,
        )
    )
    other = replace(
        board.event, id="other", name="Startad på V2", started_at=NOW - timedelta(days=2)
    )
    window.other_events.show_board(replace(board, other_open_events=(other,)))
    qtbot.wait(50)
    _save(window, f"workstation-{language}")
    data = [*_data(lang_controller), other.name]
    texts = list(widget_texts(window))
    assert len(texts) > 1000  # menus, panels, every table cell and tooltip
    assert offenders(texts, data, language, AUTONYMS) == []
    if language == "en":  # the check sees Swedish: the board's data is all that shows of it
        assert offenders(texts, [], language, AUTONYMS)
    assert window.menuBar().actions()[0].text() == ("&Arkiv" if language == "sv" else "&File")
    assert journal.detail.text()  # the selected entry was scanned too


def _settle(qtbot, view, controller) -> None:
    wait_idle(qtbot, controller)
    qtbot.waitUntil(
        lambda: (
            view.board is not None and bool(view.journal_list.rows) and not view._limiter.isActive()
        ),
        timeout=5000,
    )


def test_the_wall_speaks_one_language(qtbot, lang_controller, language: str) -> None:
    from situation_board.ui.wall.view import WallView

    view = WallView(lang_controller, screen_height=1080)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    lang_controller.start()
    _settle(qtbot, view, lang_controller)
    _save(view, f"wall-{language}")
    data = _data(lang_controller)
    assert offenders(wall_texts(view), data, language) == []
    assert view.banner.date_text == (
        "mån 29 jan. 2024 · UTC+01:00" if language == "sv" else "Mon 29 Jan 2024 · UTC+01:00"
    )
    # the states a calm board does not show: data gone stale, no event, an exercise, pages
    view.set_freshness(FreshnessState(NOW - timedelta(minutes=3), 15, syncing=True))
    view.actions_list.pages = [[], []]
    status = SyncStatus(store="x", interval_s=15, last_error="x", error_key="store_unreachable")
    extra = [
        ("stale", view.stale.text),
        ("page", view.actions_list.page_label),
        ("reason", view.short_reason(status) or ""),
        ("watermark", view.watermark.text),
    ]
    view._fill_banner(None)
    extra.append(("no event", view.banner.level_text))
    assert offenders(extra, data, language) == []
    assert view.watermark.text == ("ÖVNING" if language == "sv" else "EXERCISE")


def _dialogs(window, controller):
    """Every dialog of the window, filled from the demo board."""
    from situation_board.domain.enums import StaffFunction
    from situation_board.ui.dialogs.action import ActionDialog
    from situation_board.ui.dialogs.briefing_forms import (
        BriefingDecisionDialog,
        ScheduleBriefingDialog,
        decision_choices,
    )
    from situation_board.ui.dialogs.briefings import AgendaDialog, BriefingsDialog
    from situation_board.ui.dialogs.conflicts import ConflictsDialog
    from situation_board.ui.dialogs.deadline_forms import (
        NotRequiredDialog,
        ReportDeadlineDialog,
        StartDeadlineDialog,
    )
    from situation_board.ui.dialogs.deadlines import DeadlinesDialog
    from situation_board.ui.dialogs.entry import EntryDialog
    from situation_board.ui.dialogs.event import CloseEventDialog, NewEventDialog
    from situation_board.ui.dialogs.handover import HandoverDialog
    from situation_board.ui.dialogs.identity import IdentityDialog
    from situation_board.ui.dialogs.level import LevelDialog
    from situation_board.ui.dialogs.situation_report import SituationReportDialog
    from situation_board.ui.dialogs.system import SystemDialog

    board, lang, clock = controller.board, controller.language, controller.clock
    service = controller.service
    entry = service.journal()[-1]
    owners = sorted({a.owner for a in board.actions if a.owner})
    return [
        ActionDialog(lang, board.actions[0], owners, board.systems, clock=clock),
        ActionDialog(lang, None, owners, board.systems, clock=clock),
        SystemDialog(lang, board.systems[0], clock=clock),
        SystemDialog(lang, None, clock=clock),
        EntryDialog(lang, "", clock=clock),
        EntryDialog(lang, "", entry, clock=clock),
        NewEventDialog(lang, clock=clock, library=controller.ctx.templates()),
        CloseEventDialog(lang, board.event.name),
        LevelDialog(lang, board.level, "Sjukvårdsledare", service.level_history()),
        LevelDialog(lang, None, "Sjukvårdsledare", []),
        IdentityDialog(lang, "Anna", StaffFunction.LOG_KEEPER, "V1"),
        ConflictsDialog(controller),
        DeadlinesDialog(controller),
        StartDeadlineDialog(lang, clock=clock),
        StartDeadlineDialog(lang, clock=clock, context="Utskrivningssystemet"),
        ReportDeadlineDialog(lang, board.deadlines[0], clock=clock),
        NotRequiredDialog(lang, board.deadlines[0]),
        BriefingsDialog(controller),
        ScheduleBriefingDialog(lang, clock=clock),
        BriefingDecisionDialog(lang, decision_choices(board, board.as_of), clock=clock),
        AgendaDialog(controller),
        HandoverDialog(window.documents, window),
        SituationReportDialog(window.documents, window),
    ]


def test_every_dialog_speaks_one_language(qtbot, lang_controller, language: str) -> None:
    window = open_window(qtbot, lang_controller)
    templates = lang_controller.ctx.templates().templates  # the templates' own texts are data
    data = [
        *_data(lang_controller),
        *(t.name for t in templates),
        *(t.description for t in templates),
    ]
    dialogs = _dialogs(window, lang_controller)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    wait_idle(qtbot, lang_controller)
    report = dialogs[-1]
    qtbot.waitUntil(lambda: report.report is not None and dialogs[-2].brief is not None)
    deadlines = next(d for d in dialogs if d.objectName() == "deadlinesDialog")
    qtbot.waitUntil(lambda: deadlines.history.count() == 2)  # the journal's lines are data
    # The lägesbild's MSB sections and the handover brief are documents (reports/): their text
    # is the document's, checked with the documents, not here.
    sections = [
        t
        for s in report.report.sections
        for t in (s.title, s.guidance, *s.facts, f"<b>{s.title}</b> — <i>{s.guidance}</i>")
    ]
    sections.append("<br>".join(f"• {f}" for s in report.report.sections for f in s.facts))
    found = []
    for dialog in dialogs:
        dialog.show()
        found += offenders(widget_texts(dialog), [*data, *sections], language)
        dialog.close()
    assert found == []


def test_qt_standard_buttons_follow_the_language(qtbot, language: str) -> None:
    """Qt's own strings come from the translations Qt ships (qtbase_sv)."""
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    yes = box.button(QMessageBox.StandardButton.Yes).text().replace("&", "")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    close = buttons.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "")
    assert (yes, close) == (("Ja", "Stäng") if language == "sv" else ("Yes", "Close"))
