"""The staff's rhythm in the window (issue 11): deadline clocks (start, report — late needs the
reasons, the service's rule shown beside the field — not required, history, urgency colours),
briefings (schedule, cancel, agenda, decisions), templates in *Ny händelse* (a broken file shown
as such), ÖVNING in the window, the IMY offer, ÖVNING in the journal CSV. The wall's clocks are
in test_wall_deadlines.py.

Screenshots to look at: test-artifacts/workstation-exercise-{1920x1080,1366x768}.png,
test-artifacts/deadlines-dialog.png,
test-artifacts/agenda-dialog.png.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from situation_board import palette
from situation_board.domain.changes import EVERYTHING
from situation_board.domain.clock import fixed_clock
from situation_board.domain.enums import DeadlineKind, EntryCategory, Urgency
from tests.conftest import ROOT

from .conftest import NOW, make_context, open_window, wait_idle

ARTIFACTS = ROOT / "test-artifacts"


def answer(qtbot, fill) -> None:
    """Fill the next modal dialog (forms run their own event loop)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, act)
            return
        try:
            fill(dialog)
        except BaseException:
            dialog.close()  # a failed check must not leave the test waiting on a modal dialog
            raise

    QTimer.singleShot(50, act)


def trigger(window, name: str) -> None:
    next(a for a in window.findChildren(QAction) if a.objectName() == name).trigger()


def reload(qtbot, controller) -> None:
    controller.bus.announce(EVERYTHING)
    wait_idle(qtbot, controller)


def save(widget, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


# ---------------------------------------------------------------------- deadline clocks


def test_the_demo_imy_clock_shows_reported_with_its_reference_and_history(qtbot, window) -> None:
    from situation_board.ui.dialogs.deadlines import DeadlinesDialog
    from situation_board.ui.models.deadlines import DeadlinesModel

    dialog = DeadlinesDialog(window.controller, window)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 720)
    dialog.show()
    model = dialog.model
    assert model.rowCount() == 1
    imy = model.deadline(0)
    index = model.index(0, DeadlinesModel.LEFT)
    assert model.data(model.index(0, DeadlinesModel.STATE)) == "Rapporterad"
    assert "referens Anmälan via IMY:s e-tjänst" in model.data(index)
    assert not dialog.report.isEnabled() and not dialog.not_required.isEnabled()
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: dialog.history.count() == 2)
    lines = [dialog.history.item(i).text() for i in range(2)]
    assert lines[0].startswith("V1-0026") and "Frist startad: " + imy.title in lines[0]
    assert "Frist rapporterad" in lines[1] and "Anmälan via IMY:s e-tjänst" in lines[1]
    save(dialog, "deadlines-dialog")


def test_urgency_colours_icons_and_words(qtbot, service) -> None:
    from situation_board.ui.models.deadlines import DeadlinesModel

    # a 10-hour custom clock seen at 0, 5, 8 and 11 hours: calm, 50 %, 80 %, overdue
    clock = service.start_deadline(
        DeadlineKind.CUSTOM, aware_at=NOW - timedelta(hours=10), hours=10, title="Test"
    ).value
    model = DeadlinesModel("sv")
    seen = {}
    for hours, urgency in ((1, Urgency.CALM), (5, Urgency.WARNING), (8, Urgency.URGENT)):
        at = clock.aware_at + timedelta(hours=hours)
        model.set_deadlines([clock], at)
        state = model.index(0, DeadlinesModel.STATE)
        seen[urgency] = (
            model.data(state),
            model.data(state, Qt.ItemDataRole.BackgroundRole),
            model.data(state, Qt.ItemDataRole.DecorationRole),
        )
    model.set_deadlines([clock], clock.due_at + timedelta(minutes=5))
    state = model.index(0, DeadlinesModel.STATE)
    left = model.index(0, DeadlinesModel.LEFT)
    assert model.data(state) == "Försenad" and model.data(left) == "FÖRSENAD 5 min"
    assert model.data(state, Qt.ItemDataRole.BackgroundRole).color() == QColor(
        palette.URGENCY[Urgency.OVERDUE][1]
    )
    assert seen[Urgency.CALM][0] == "Inom tid" and seen[Urgency.CALM][1] is None
    assert seen[Urgency.WARNING][0] == "50 procent av tiden har gått"
    assert seen[Urgency.URGENT][0] == "80 procent av tiden har gått"
    for urgency in (Urgency.WARNING, Urgency.URGENT):
        assert seen[urgency][1].color() == QColor(palette.URGENCY[urgency][1])
        assert not seen[urgency][2].isNull()  # an icon of its own beside the words


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, service) -> None:
    from situation_board.domain.briefings import daily_at
    from situation_board.ui.models.briefings import BriefingsModel
    from situation_board.ui.models.deadlines import DeadlinesModel

    service.start_deadlines(DeadlineKind.NIS_EARLY_WARNING, aware_at=NOW - timedelta(hours=20))
    service.add_briefing(NOW, "Morgonmöte", recurrence=daily_at("08:00"))
    board = service.board(with_journal=False)
    deadlines = DeadlinesModel("sv")
    deadlines.set_deadlines(board.deadlines, NOW)
    qtmodeltester.check(deadlines)
    assert deadlines.rowCount() == 4
    briefings = BriefingsModel("sv")
    briefings.set_briefings(board.briefings, NOW)
    qtmodeltester.check(briefings)
    assert briefings.data(briefings.index(0, BriefingsModel.NEXT)).startswith("16:30")


def test_start_then_report_late_asks_for_the_reasons_beside_the_field(
    qtbot, window, service
) -> None:
    seen = {}

    def start(dialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData(DeadlineKind.POLICE_REPORT.value))
        assert dialog.due.isVisible() and not dialog.hours.isVisible()
        assert dialog.aware.text() == "2024-01-29 16:00"  # default now, editable
        dialog.aware.setText("13:00")
        dialog.due.setText("15:00")
        seen["preview"] = dialog.preview.text()
        dialog.buttons.accepted.emit()

    answer(qtbot, start)
    trigger(window, "actStartDeadline")
    wait_idle(qtbot, window.controller)
    assert seen["preview"] == "Senast: 2024-01-29 15:00 +01:00"
    police = next(d for d in service.deadlines() if d.kind is DeadlineKind.POLICE_REPORT)
    assert police.title == "Polisanmälan" and police.status(NOW).value == "overdue"
    reload(qtbot, window.controller)

    attempts = []

    def report(dialog) -> None:
        attempts.append(dialog.late_error.text() if dialog.late_error.isVisible() else "")
        dialog.reference.setText("Polisen K-2024-123")
        if len(attempts) == 1:  # first without the reasons: the service refuses
            answer(qtbot, report)
        else:
            dialog.late_reason.setPlainText("Väntade på underlag från leverantören")
        dialog.buttons.accepted.emit()

    answer(qtbot, report)
    window.rhythm.report(police)
    qtbot.waitUntil(lambda: len(attempts) == 2, timeout=10_000)
    wait_idle(qtbot, window.controller)
    assert attempts[0] == ""
    assert "efter sin frist" in attempts[1] or "skälen" in attempts[1]
    assert "GDPR art. 33.1" in attempts[1]  # the service's message, beside the field
    done = next(d for d in service.deadlines() if d.id == police.id)
    assert done.reference == "Polisen K-2024-123"
    assert done.late_reason == "Väntade på underlag från leverantören"
    texts = [e.text for e in service.journal()]
    assert any("efter fristen: Väntade på underlag" in t for t in texts)


def test_not_required_with_a_reason_and_the_history_follows(qtbot, window, service) -> None:
    from situation_board.ui.dialogs.deadlines import DeadlinesDialog

    imy = service.start_deadline(DeadlineKind.IMY_BREACH, aware_at=NOW - timedelta(hours=2))
    reload(qtbot, window.controller)
    dialog = DeadlinesDialog(window.controller, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.deadline(0).id == imy.value.id  # open clocks first
    dialog.view.selectRow(0)
    assert dialog.report.isEnabled() and dialog.not_required.isEnabled()

    def reason(form) -> None:
        assert "risk" in form.reason.placeholderText()
        form.reason.setPlainText("Ingen risk för de registrerade: krypterad säkerhetskopia")
        form.buttons.accepted.emit()

    dialog.notRequiredRequested.connect(window.rhythm.not_required)
    answer(qtbot, reason)
    dialog.not_required.click()
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: not dialog.model.deadline(0).is_open or dialog.model.rowCount() > 1)
    wait_idle(qtbot, window.controller)
    clock = next(d for d in service.deadlines() if d.id == imy.value.id)
    assert clock.status(NOW).value == "not_required"
    dialog.select(clock.id)
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: dialog.history.count() == 2)
    assert "Frist krävs inte" in dialog.history.item(1).text()
    assert not dialog.report.isEnabled()


# ---------------------------------------------------------------------- briefings


def test_schedule_a_daily_rhythm_and_cancel_it(qtbot, window, service) -> None:
    def schedule(dialog) -> None:
        dialog.title.setText("Morgonorientering")
        dialog.repeat.setCurrentIndex(dialog.repeat.findData("daily"))
        assert dialog.daily.isVisible() and not dialog.every.isVisible()
        dialog.daily.setText("08:00, 13:00")
        dialog.at.setText("2024-01-30 00:00")
        assert "30 jan. 08:00" in dialog.preview.text() and "31 jan. 13:00" in dialog.preview.text()
        dialog.buttons.accepted.emit()

    answer(qtbot, schedule)
    window.rhythm.schedule()
    wait_idle(qtbot, window.controller)
    made = next(b for b in service.briefings() if b.title == "Morgonorientering")
    assert made.recurrence is not None and made.recurrence.code == "daily 08:00,13:00"

    def yes(box) -> None:
        assert "Morgonorientering" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    answer(qtbot, yes)
    window.rhythm.cancel(made)
    wait_idle(qtbot, window.controller)
    assert next(b for b in service.briefings() if b.id == made.id).cancelled_at == NOW


def test_every_n_hours_and_a_refused_time_keeps_what_was_typed(qtbot, window, service) -> None:
    seen = []

    def schedule(dialog) -> None:
        dialog.repeat.setCurrentIndex(dialog.repeat.findData("every"))
        dialog.every.setValue(6)
        dialog.at.setText("kl sjutton")  # unreadable: refused inline, nothing saved
        dialog.buttons.accepted.emit()
        seen.append(dialog.error.text())
        dialog.at.setText("18:00")
        dialog.buttons.accepted.emit()

    answer(qtbot, schedule)
    window.rhythm.schedule()
    wait_idle(qtbot, window.controller)
    assert "kl sjutton" in seen[0]
    made = [b for b in service.briefings() if b.recurrence and b.recurrence.every_hours == 6]
    assert len(made) == 1 and made[0].at == NOW + timedelta(hours=2)


@pytest.fixture
def at_briefing(qtbot, demo_db: Path, tmp_path: Path):
    """The demo board at 16:35, five minutes into the 16:30 briefing."""
    from situation_board.ui.bus import ChangeBus
    from situation_board.ui.controller import BoardController

    db = tmp_path / "board.db"
    shutil.copy(demo_db, db)
    ctx = make_context(db, clock=fixed_clock(NOW + timedelta(minutes=35)))
    controller = BoardController(ctx, ChangeBus())
    window = open_window(qtbot, controller)
    yield window
    controller.ops.wait()
    ctx.close()


def test_agenda_and_a_decision_with_the_briefing_reference(qtbot, at_briefing) -> None:
    window = at_briefing
    controller = window.controller
    seen = {}

    def decide(form) -> None:
        seen["briefing"] = form.briefing.currentText()
        form.text.setPlainText("Reservrutinerna fortsätter över natten")
        form.buttons.accepted.emit()

    def in_agenda(dialog) -> None:
        dialog.resize(900, 1000)
        qtbot.waitUntil(lambda: dialog.agenda is not None)
        seen["agenda"] = dialog.browser.toPlainText()
        seen["title"] = dialog.windowTitle()
        save(dialog, "agenda-dialog")
        answer(qtbot, decide)
        dialog.decision.click()  # the form opens over the agenda
        wait_idle(qtbot, controller)
        qtbot.waitUntil(lambda: "Reservrutinerna fortsätter" in dialog.browser.toPlainText())
        seen["after"] = dialog.browser.toPlainText()
        dialog.reject()

    answer(qtbot, in_agenda)
    trigger(window, "actAgenda")
    wait_idle(qtbot, controller)
    shown = seen["agenda"]
    assert shown.startswith("DAGORDNING – Stabsorientering 2024-01-29 16:30")
    assert "(SO 2024-01-29 16:30)" in shown and "1. Beredskapsläge" in shown
    assert "5. Lagstadgade frister" in shown and seen["title"].endswith("SO 2024-01-29 16:30")
    assert seen["briefing"] == "Stabsorientering SO 2024-01-29 16:30"  # the one under way
    entry = next(e for e in controller.service.journal() if "över natten" in e.text)
    assert entry.category is EntryCategory.DECISION
    assert entry.text == (
        "Beslut (Stabsorientering SO 2024-01-29 16:30): Reservrutinerna fortsätter över natten"
    )
    assert "Reservrutinerna fortsätter över natten" in seen["after"]  # the agenda was redone


def test_a_decision_with_no_briefing_held_says_so(qtbot, window, service) -> None:
    from situation_board.store.schema import briefings

    with service.store.write("test") as tx:  # no briefings at all
        for b in service.briefings():
            tx.update(briefings, b.id, {"deleted": True})
    reload(qtbot, window.controller)
    seen = []

    def ok(box) -> None:
        seen.append(box.text())
        box.accept()

    answer(qtbot, ok)
    window.rhythm.decision()
    assert seen == ["Ingen stabsorientering pågår eller har hållits än: planera en först."]


def test_the_briefings_dialog_lists_the_rhythm_and_asks_for_commands(qtbot, window) -> None:
    from situation_board.ui.dialogs.briefings import BriefingsDialog

    dialog = BriefingsDialog(window.controller, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert (
        dialog.next_label.text()
        == "<b>Nästa: Stabsorientering 2024-01-29 16:30 +01:00 (om 30 min)</b>"
    )
    assert dialog.model.rowCount() == 4 and not dialog.cancel.isEnabled()
    dialog.view.selectRow(0)
    assert dialog.cancel.isEnabled()
    asked = []
    dialog.agendaRequested.connect(asked.append)
    dialog.agenda.click()
    assert asked == [dialog.model.briefing(0)]


# ---------------------------------------------------------------------- templates and ÖVNING


def test_new_exercise_from_a_template_with_a_broken_file_beside_it(
    qtbot, window, service, tmp_path: Path
) -> None:
    region = tmp_path / "mallar"
    region.mkdir()
    (region / "trasig.toml").write_text('name = "Trasig"\n[[actions]]\ntitle = \n', "utf-8")
    window.ctx.settings = replace(window.ctx.settings, templates_dir=str(region))  # the region's
    service.close_event("Övningen börjar")
    reload(qtbot, window.controller)
    seen = {}

    def fill(dialog) -> None:
        combo = dialog.template
        items = [combo.itemText(i) for i in range(combo.count())]
        seen["items"] = items
        broken = next(i for i, t in enumerate(items) if "trasig.toml" in t)
        seen["broken_enabled"] = combo.model().item(broken).isEnabled()
        seen["problems"] = dialog.problems.text()
        combo.setCurrentIndex(combo.findData("it-avbrott-leverantor"))
        seen["name"] = dialog.name.text()
        dialog.exercise.setChecked(True)
        dialog.buttons.accepted.emit()

    answer(qtbot, fill)
    trigger(window, "actNewEvent")
    wait_idle(qtbot, window.controller)
    reload(qtbot, window.controller)
    assert seen["items"][0] == "Ingen mall (en tom lägesbild)"
    assert any(t.startswith("IT-avbrott hos leverantör – 4 system") for t in seen["items"])
    assert len([t for t in seen["items"] if " – " in t]) == 4  # the program's four still offered
    assert seen["items"][-1] == "⚠ trasig.toml: går inte att använda"
    assert seen["broken_enabled"] is False
    assert "trasig.toml" in seen["problems"] and "rad 3" in seen["problems"]
    assert seen["name"] == "IT-avbrott hos leverantör"
    board = service.board(with_journal=False)
    assert board.event.exercise and board.event.name == "IT-avbrott hos leverantör"
    # the template's eight actions, and one action per clock to decide on (not started)
    assert len(board.actions) == 10 and len(board.systems) == 4
    assert sum(a.title.startswith("Ta ställning till frist") for a in board.actions) == 2
    qtbot.waitUntil(window.banner.exercise_tag.isVisible)
    assert window.banner.exercise_tag.text() == "ÖVNING"
    assert window.windowTitle().startswith("ÖVNING — ")
    overlay = window.exercise_overlay
    assert overlay.isVisible() and overlay.text == "ÖVNING"
    assert len(overlay.panel_rects()) == 3  # systems, actions, journal: each has its watermark
    assert overlay.geometry() == window.centralWidget().rect()
    assert window.actions_panel.model.rowCount() == 10  # the seeded actions show
    save(window, "workstation-exercise-1920x1080")
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    QApplication.processEvents()
    assert overlay.geometry() == window.centralWidget().rect()
    assert len(overlay.panel_rects()) == 3
    save(window, "workstation-exercise-1366x768")


def test_a_real_event_has_no_exercise_marks(window) -> None:
    assert not window.banner.exercise_tag.isVisible()
    assert not window.exercise_overlay.isVisible()
    assert not window.windowTitle().startswith("ÖVNING")


def test_marking_personal_data_offers_the_imy_clock(qtbot, window, service) -> None:
    seen = {}

    def offer(dialog) -> None:
        seen["context"] = dialog.findChild(type(dialog.rule), "deadlineContext").text()
        seen["kind"] = dialog.kind.currentData()
        seen["ok"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text()
        seen["aware"] = dialog.aware.text()
        dialog.aware.setText("15:40")  # editable: when the staff became aware
        dialog.buttons.accepted.emit()

    def system(dialog) -> None:
        dialog.name.setText("Journalsystemet")
        dialog.personal.setChecked(True)
        answer(qtbot, offer)  # the offer comes once the system is saved
        dialog.buttons.accepted.emit()

    answer(qtbot, system)
    window.flows.add_system()
    qtbot.waitUntil(lambda: "kind" in seen, timeout=10_000)
    wait_idle(qtbot, window.controller)
    assert "”Journalsystemet”" in seen["context"] and "72 timmar" in seen["context"]
    assert seen["kind"] == "imy_breach" and seen["ok"] == "Starta fristen"
    assert seen["aware"] == "2024-01-29 16:00"  # defaults to now
    clock = next(d for d in service.deadlines() if d.is_open)
    assert clock.kind is DeadlineKind.IMY_BREACH
    assert clock.aware_at == NOW - timedelta(minutes=20)
    assert clock.due_at == clock.aware_at + timedelta(hours=72)


def test_an_unchanged_personal_data_flag_offers_nothing(qtbot, window, service) -> None:
    offered = []
    window.flows.personalDataMarked.connect(offered.append)
    system = next(s for s in window.controller.board.systems if s.personal_data_affected)

    def edit(dialog) -> None:
        dialog.supplier.setText("Tietoevry")
        dialog.buttons.accepted.emit()

    answer(qtbot, edit)
    window.flows.edit_system(system)
    wait_idle(qtbot, window.controller)
    assert offered == []
    assert next(s for s in service.board().systems if s.id == system.id).supplier == "Tietoevry"


def test_journal_csv_of_an_exercise_says_ovning(qtbot, window, service, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    service.close_event("Slut")
    service.start_event("Övning Vinterstorm", exercise=True)
    service.add_entry("Övningsledningen startar spelet")
    reload(qtbot, window.controller)
    target = tmp_path / "ovning.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.documents.journal_csv()
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(target.exists)
    rows = [r.split(";") for r in target.read_text(encoding="utf-8-sig").strip().splitlines()]
    assert rows[0][-1] == "Övning"
    assert len(rows) > 1 and all(r[-1] == "ÖVNING" for r in rows[1:])
    assert window.statusBar().currentMessage().startswith("ÖVNING: ")


def test_journal_csv_of_a_real_event_has_an_empty_exercise_column(
    qtbot, window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "skarpt.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.documents.journal_csv()
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(target.exists)
    rows = [r.split(";") for r in target.read_text(encoding="utf-8-sig").strip().splitlines()]
    assert rows[0][-1] == "Övning" and all(r[-1] == "" for r in rows[1:])


def test_the_stab_menu_and_its_shortcuts_are_listed_in_f1(window) -> None:
    from PySide6.QtGui import QKeySequence

    menu = next(a for a in window.menuBar().actions() if a.text() == "&Stab")
    names = [a.objectName() for a in menu.menu().actions() if a.objectName()]
    assert names == [
        "actDeadlines",
        "actStartDeadline",
        "actBriefings",
        "actAgenda",
        "actBriefingDecision",
    ]
    listed = dict(window.shortcut_rows())
    for key, text in (
        ("Ctrl+Shift+D", "Frister"),
        ("Ctrl+Shift+B", "Stabsorienteringar"),
        ("Ctrl+Shift+G", "Dagordning för stabsorienteringen"),
        ("Ctrl+Shift+E", "Beslut på stabsorienteringen"),
    ):
        assert listed[QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)] == text


def test_frister_from_the_menu_starts_a_clock_over_the_list_and_selects_it(
    qtbot, window, service, thread_spy
) -> None:
    seen = {}

    def start(form) -> None:
        form.kind.setCurrentIndex(form.kind.findData(DeadlineKind.CUSTOM.value))
        assert form.hours.isVisible() and form.due.isVisible()
        form.title.setText("Rapport till Socialstyrelsen")
        form.hours.setText("48")
        seen["preview"] = form.preview.text()
        form.buttons.accepted.emit()

    def in_list(dialog) -> None:
        seen["title"] = dialog.windowTitle()
        answer(qtbot, start)
        dialog.start.click()  # the form opens over the list
        wait_idle(qtbot, window.controller)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
        qtbot.waitUntil(lambda: dialog.selected() is not None and dialog.selected().is_open)
        seen["selected"] = dialog.selected().title
        seen["left"] = dialog.model.data(dialog.model.index(0, 4))
        dialog.reject()

    answer(qtbot, in_list)
    trigger(window, "actDeadlines")
    wait_idle(qtbot, window.controller)
    assert seen["title"] == "Lagstadgade frister"
    assert seen["preview"] == "Senast: 2024-01-31 16:00 +01:00"
    assert seen["selected"] == "Rapport till Socialstyrelsen" and seen["left"] == "om 2 d 0 h"
    assert thread_spy.gui_thread_calls == []  # every read and write ran off the GUI thread
    message = window.statusBar().currentMessage()
    assert message.startswith("Frist startad: Rapport till Socialstyrelsen, senast 2024-01-31")
