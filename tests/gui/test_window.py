"""The workstation window on the demo board: layout, quick entry, dialogs, threading, a11y."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from situation_board.domain.changes import Topic
from situation_board.domain.clock import fixed_clock
from situation_board.domain.enums import ActionStatus, SystemStatus
from situation_board.domain.patches import ActionPatch, SystemPatch
from situation_board.ui.models.journal import JournalModel

from .conftest import NOW, type_text, wait_idle


def texts(widget: QWidget) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(w.text() for w in widget.findChildren(QLabel))


def test_window_shows_level_systems_actions_and_journal_in_swedish(window) -> None:
    banner = texts(window.banner)
    assert "STABSLÄGE" in banner
    assert "sedan 22 jan. 14:05 · beslut: Sjukvårdsledare RSSL · Region Västerbotten" in banner
    assert "Stabsorientering 16:30 (om 30 min)" in banner
    assert window.systems_panel.model.rowCount() == 2
    assert window.actions_panel.proxy.rowCount() == 5
    assert window.actions_panel.count.text() == "5 öppna · 1 FÖRSENAD"
    assert window.journal_panel.model.rowCount() == 54
    assert window.menuBar().actions()[0].text() == "&Arkiv"
    assert "Lägesbild" in window.windowTitle() and "Stabsläge" in window.windowTitle()
    assert "Station V1" in window.status.station.text()
    assert window.status.clock.text().endswith("+01:00")


def test_main_layout_fits_1920x1080_without_scrolling(window) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= 1920 and hint.height() <= 1080
    assert window.width() == 1920 and window.height() == 1080
    for panel in (
        window.banner,
        window.systems_panel,
        window.actions_panel,
        window.journal_panel,
        window.quick_entry,
    ):
        assert panel.isVisible() and panel.height() > 40, panel.objectName()
        geo = panel.geometry()
        top_left = panel.mapTo(window, geo.topLeft() - geo.topLeft())
        assert top_left.x() >= 0 and top_left.x() + panel.width() <= 1920
        assert top_left.y() >= 0 and top_left.y() + panel.height() <= 1080
    # every system and every open action visible without scrolling
    assert window.systems_panel.view.verticalScrollBar().maximum() == 0
    assert window.actions_panel.view.verticalScrollBar().maximum() == 0
    assert window.journal_panel.view.height() > 300


def test_quick_entry_round_trip_with_keys(qtbot, window, service) -> None:
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    line = window.quick_entry.line
    assert line.hasFocus()
    type_text(line, "Samtal från länsstyrelsen: behov av lägesbild 17:00")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: window.journal_panel.model.rowCount() == 55)
    entry = service.journal()[-1]
    assert entry.text == "Samtal från länsstyrelsen: behov av lägesbild 17:00"
    assert entry.category.value == "information" and entry.author == "Loggist Test"
    assert line.text() == ""
    assert window.quick_entry.feedback.text() == f"Sparad som {entry.number}"
    top = window.journal_panel.proxy.index(0, JournalModel.TEXT)
    assert "länsstyrelsen" in window.journal_panel.proxy.data(top)


def test_empty_quick_entry_is_refused_inline(qtbot, window, service) -> None:
    before = len(service.journal())
    line = window.quick_entry.line
    line.setFocus()
    qtbot.keyClicks(line, "   ")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    wait_idle(qtbot, window.controller)
    assert window.quick_entry.feedback.text() == "Texten måste fyllas i."
    assert len(service.journal()) == before


def _answer_dialog(qtbot, fill) -> None:
    """Fill and accept the next modal dialog (they run their own event loop)."""

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


def test_ctrl_enter_opens_full_entry_dialog(qtbot, window, service) -> None:
    line = window.quick_entry.line
    line.setFocus()
    type_text(line, "Rakelsamtal från ambulansen")
    seen = {}

    def fill(dialog) -> None:
        seen["text"] = dialog.text.toPlainText()
        dialog.category.setCurrentIndex(dialog.category.findData("contact"))
        dialog.medium.setCurrentIndex(dialog.medium.findData("rakel"))
        dialog.from_party.setText("Ambulanssjukvården")
        dialog.occurred.setText("15:50")
        dialog.buttons.accepted.emit()

    _answer_dialog(qtbot, fill)
    qtbot.keyClick(line, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.controller)
    assert seen["text"] == "Rakelsamtal från ambulansen"
    entry = next(e for e in service.journal() if e.text == "Rakelsamtal från ambulansen")
    assert entry.category.value == "contact" and entry.medium.value == "rakel"
    assert entry.from_party == "Ambulanssjukvården"
    assert entry.occurred_at.strftime("%H:%M") == "14:50"  # UTC for 15:50 +01:00
    assert line.text() == ""


def test_entry_dialog_validates_inline(qtbot, service) -> None:
    from situation_board.ui.dialogs.entry import EntryDialog

    dialog = EntryDialog("sv", "", clock=fixed_clock(NOW))
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert dialog.result() == 0 and dialog.error.text() == "Texten måste fyllas i."
    dialog.text.setPlainText("Samtal")
    dialog.occurred.setText("kvart över tre")
    dialog.buttons.accepted.emit()
    assert "Kan inte tolka händelsetiden" in dialog.error.text()
    dialog.occurred.setText("")
    dialog.text.setPlainText("Pat 19121212-1212 ringde")
    dialog.buttons.accepted.emit()
    assert "personnummer" in dialog.error.text() and dialog.hidden.isChecked()
    assert dialog.result() == 0
    dialog.buttons.accepted.emit()  # confirmed
    assert dialog.result() == 1
    assert dialog.values()["allow_personnummer"] and dialog.values()["hidden_from_wall"]


def test_level_dialog_requires_all_fields(qtbot, service) -> None:
    from situation_board.ui.dialogs.level import LevelDialog

    board = service.board(with_journal=False)
    dialog = LevelDialog("sv", board.level, "Sjukvårdsledare", service.level_history())
    qtbot.addWidget(dialog)
    assert dialog.history.count() == 1
    dialog.level.setCurrentIndex(dialog.level.findData("reinforced"))
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == "Motiveringen måste fyllas i." and dialog.result() == 0
    dialog.reason.setPlainText("Fler system drabbade")
    dialog.decided_by.setText("  ")
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == "Beslutsfattaren måste fyllas i."
    dialog.decided_by.setText("Sjukvårdsledare")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1 and dialog.values()["level"].value == "reinforced"


def test_system_dialog_patches_only_what_changed(qtbot, service) -> None:
    from situation_board.ui.dialogs.system import SystemDialog

    system = service.board().systems[0]
    dialog = SystemDialog("sv", system, clock=fixed_clock(NOW))
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("limited"))
    dialog.comment.setText("Delvis åter")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1
    assert dialog.patch() == SystemPatch(status=SystemStatus.LIMITED)
    assert dialog.comment_text == "Delvis åter"


def test_a_status_change_without_comment_is_refused_by_the_service(qtbot, window, service):
    """The rule lives in the service: the window shows its refusal in the dialog, which comes
    back with everything typed; with a comment it saves."""
    system = service.board().systems[0]
    seen = []

    def change(dialog) -> None:
        seen.append(dialog.error.text() if dialog.error.isVisible() else "")
        if len(seen) == 1:
            dialog.status.setCurrentIndex(dialog.status.findData("limited"))
        else:
            assert dialog.status.currentData() == "limited"  # what was typed survived
            dialog.comment.setText("Delvis åter enligt leverantören")
        dialog.buttons.accepted.emit()
        if len(seen) == 1:
            _answer_dialog(qtbot, change)  # the dialog comes back with the service's reason

    _answer_dialog(qtbot, change)
    window.flows.edit_system(system)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    wait_idle(qtbot, window.controller)
    assert seen[1] == "Skriv en kommentar till journalen när statusen ändras."
    saved = next(s for s in service.board().systems if s.id == system.id)
    assert saved.status is SystemStatus.LIMITED
    assert "Delvis åter enligt leverantören" in service.journal()[-1].text


def test_action_dialog_refuses_bad_time(qtbot, service) -> None:
    from situation_board.ui.dialogs.action import ActionDialog

    dialog = ActionDialog("sv", None, ["Stabschef"], (), clock=fixed_clock(NOW))
    qtbot.addWidget(dialog)
    dialog.title.setText("Ring IMY")
    dialog.due.setText("2024-13-01 10:00")
    dialog.buttons.accepted.emit()
    assert "Kan inte tolka förfallotiden" in dialog.error.text() and dialog.result() == 0
    dialog.due.setText("18:30")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1 and dialog.title_text() == "Ring IMY"
    assert dialog.patch().owner == "" and dialog.patch().due_at is not None


def test_one_key_done_in_actions_table(qtbot, window, service) -> None:
    view = window.actions_panel.view
    view.setFocus()
    view.setCurrentIndex(window.actions_panel.proxy.index(0, 1))
    target = window.actions_panel.selected()
    qtbot.keyClick(view, Qt.Key.Key_K)
    wait_idle(qtbot, window.controller)
    done = next(a for a in service.board().actions if a.id == target.id)
    assert done.status is ActionStatus.DONE
    qtbot.waitUntil(lambda: "FÖRSENAD" not in window.actions_panel.count.text())
    assert window.actions_panel.count.text() == "4 öppna"


def test_selection_survives_the_tick_and_changes_from_elsewhere(qtbot, window, service) -> None:
    """The board reloads every 30 s and on every sync: the action a user selected to press K on
    must still be the selected one afterwards, even when rows arrive above it."""
    panel = window.actions_panel
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.proxy.index(2, 1))
    target = panel.selected()
    assert target is not None
    service.add_action("Ring leverantören igen", ActionPatch(due_at=NOW + timedelta(minutes=5)))
    window.controller.tick.emit()  # what the 30 s timer does
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 6)
    after = panel.selected()
    assert after is not None and after.id == target.id
    assert panel.view.currentIndex().row() == 3  # it moved down one row, the selection with it
    systems = window.systems_panel
    systems.view.setCurrentIndex(systems.view.model().index(1, 1))
    chosen = systems.selected()
    window.controller.tick.emit()
    wait_idle(qtbot, window.controller)
    assert systems.selected() is not None and systems.selected().id == chosen.id
    qtbot.keyClick(panel.view, Qt.Key.Key_K)
    wait_idle(qtbot, window.controller)
    done = next(a for a in service.board().actions if a.id == target.id)
    assert done.status is ActionStatus.DONE


def test_search_as_you_type(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.journal_panel.search
    assert search.hasFocus()
    qtbot.keyClicks(search, "imy")
    proxy = window.journal_panel.proxy
    assert 0 < proxy.rowCount() < 54
    assert window.journal_panel.count.text() == f"{proxy.rowCount()} av 54 poster"


def test_no_store_call_on_the_gui_thread(qtbot, window, thread_spy) -> None:
    line = window.quick_entry.line
    line.setFocus()
    type_text(line, "Trådprov")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    wait_idle(qtbot, window.controller)
    window.controller.start()
    wait_idle(qtbot, window.controller)
    assert thread_spy.gui_thread_calls == []


def test_every_control_has_an_accessible_name(window) -> None:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit)
    missing = [
        f"{type(w).__name__}#{w.objectName()}"
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisible()
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName()
        and w.parent() is not None
        and not isinstance(w.parent(), (QComboBox, QAbstractItemView))
    ]
    assert missing == []


def test_body_text_is_at_least_11_points(window) -> None:
    for view in (window.systems_panel.view, window.actions_panel.view, window.journal_panel.view):
        assert view.font().pointSizeF() >= 11


def test_identity_dialog_and_saved_identity(qtbot, tmp_path) -> None:
    from situation_board.app import config
    from situation_board.domain.enums import StaffFunction
    from situation_board.ui.dialogs.identity import IdentityDialog, ask_identity

    from .conftest import make_context

    dialog = IdentityDialog("sv", "", StaffFunction.OTHER, "V1")
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == "Användarnamnet måste fyllas i."
    dialog.name.setText("Anna Loggist")
    dialog.station.setText("V 2")
    dialog.buttons.accepted.emit()
    assert "stationskod" in dialog.error.text().lower() and dialog.result() == 0

    cfg = tmp_path / "config.toml"
    ctx = make_context(tmp_path / "board.db", config_path=cfg)

    def fill(d) -> None:
        d.name.setText("Anna Loggist")
        d.function.setCurrentIndex(d.function.findData("log_keeper"))
        d.station.setText("v2")
        d.buttons.accepted.emit()

    _answer_dialog(qtbot, fill)
    actor, code = ask_identity(ctx, None, "V1")
    assert (actor.name, actor.function, code) == ("Anna Loggist", StaffFunction.LOG_KEEPER, "V2")
    saved = config.load(cfg)
    assert (saved.user, saved.function, saved.station) == ("Anna Loggist", "log_keeper", "V2")


def test_past_due_time_asks_for_confirmation(qtbot) -> None:
    from PySide6.QtWidgets import QMessageBox

    from situation_board.ui.dialogs.action import ActionDialog

    dialog = ActionDialog("sv", None, [], (), clock=fixed_clock(NOW))
    qtbot.addWidget(dialog)
    dialog.title.setText("Ring tillbaka")
    dialog.due.setText("2024-01-29T12:00")  # four hours before "now"
    asked = []

    def answer(box) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    _answer_dialog(qtbot, answer)
    dialog.buttons.accepted.emit()
    assert asked and "har redan passerat" in asked[0]
    assert dialog.result() == 0 and "passerat" in dialog.error.text()

    def yes(box) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    _answer_dialog(qtbot, yes)
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1


@pytest.mark.qt_no_exception_capture
def test_unhandled_error_is_logged_shown_and_loses_nothing(qtbot, window, service, monkeypatch):
    import logging
    import sys
    import threading

    from situation_board.app import config, logs
    from situation_board.ui.app import install_error_reporting

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setenv("SITUATION_BOARD_NO_ERROR_DIALOG", "1")
    path = logs.setup(config.Settings())
    reporter = install_error_reporting(QApplication.instance(), "sv")
    line = window.quick_entry.line
    line.setFocus()
    type_text(line, "Post före felet")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    wait_idle(qtbot, window.controller)

    def broken_slot() -> None:
        raise RuntimeError("injicerat fel i en slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(reporter.shown), timeout=5000)
    assert "Ett oväntat fel inträffade" in reporter.shown[0] and str(path) in reporter.shown[0]
    for h in logging.getLogger().handlers:
        h.flush()
    assert "RuntimeError: injicerat fel i en slot" in path.read_text(encoding="utf-8")
    assert any(e.text == "Post före felet" for e in service.journal())  # nothing lost
    assert window.isVisible()  # and the window goes on


def test_menu_actions_without_dialogs_work(qtbot, window) -> None:
    from PySide6.QtGui import QAction

    actions = {a.objectName(): a for a in window.findChildren(QAction) if a.objectName()}
    actions["actFocusJournal"].trigger()
    assert window.journal_panel.view.hasFocus()
    actions["actFocusActions"].trigger()
    assert window.actions_panel.view.hasFocus()
    actions["actQuickEntry"].trigger()
    assert window.quick_entry.line.hasFocus()
    actions["actSearch"].trigger()
    assert window.journal_panel.search.hasFocus()
    actions["actReload"].trigger()
    wait_idle(qtbot, window.controller)


def test_close_event_from_the_menu(qtbot, window, service) -> None:
    seen = {}

    def cancel(dialog) -> None:
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    _answer_dialog(qtbot, cancel)
    next(a for a in window.findChildren(QAction) if a.objectName() == "actCloseEvent").trigger()
    assert seen["title"] == "Avsluta händelse"
    assert service.board().event is not None  # cancelled: nothing changed


def test_other_open_event_is_flagged_and_can_be_closed(qtbot, window, service) -> None:
    from situation_board.store.schema import events as events_table

    with service.store.write("sync") as tx:  # as if synced from a station that was apart
        tx.insert(
            events_table,
            {
                "name": "Startad på V2",
                "exercise": False,
                "started_at": service.now() - timedelta(days=9),
                "closed_at": None,
                "close_reason": "",
                "deleted": False,
            },
        )
    window.controller.bus.announce(frozenset({Topic.EVENTS}))
    wait_idle(qtbot, window.controller)
    bar = window.other_events
    qtbot.waitUntil(bar.isVisible)
    assert "Startad på V2" in bar.text.text() and bar.button.text() == "Avsluta ”Startad på V2”…"

    def close(dialog) -> None:
        dialog.reason.setPlainText("Dubblett")
        dialog.buttons.accepted.emit()

    _answer_dialog(qtbot, close)
    bar.button.click()
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert service.board().event.name.startswith("It-störningar")  # the main one stays


def test_a_refused_save_reopens_the_dialog_with_what_was_typed(qtbot, window, service) -> None:
    from situation_board.domain.errors import ValidationError

    calls = []

    def refuse_first(*args, **kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise ValidationError("time_in_future", field="occurred")
        return original(*args, **kwargs)

    original = service.add_entry
    service.add_entry = refuse_first
    line = window.quick_entry.line
    line.setText("Viktigt samtal från länsstyrelsen")
    seen = []

    def save(dialog) -> None:
        error = dialog.error.text() if dialog.error.isVisible() else ""
        seen.append((dialog.text.toPlainText(), error))
        if len(seen) == 1:
            dialog.category.setCurrentIndex(dialog.category.findData("contact"))
            _answer_dialog(qtbot, save)  # the dialog comes back, with the reason in it
        dialog.buttons.accepted.emit()

    _answer_dialog(qtbot, save)
    window.flows.full_entry(line.text())
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=10_000)
    wait_idle(qtbot, window.controller)
    assert seen[0][0] == seen[1][0] == "Viktigt samtal från länsstyrelsen"
    assert seen[0][1] == "" and "framtiden" in seen[1][1]
    assert calls[1]["category"].value == "contact"  # what was chosen survived too
    assert line.text() == ""  # cleared only once it was saved


def test_closing_a_dialog_before_its_load_returns_is_harmless(qtbot, window) -> None:
    from situation_board.ui.dialogs.conflicts import ConflictsDialog
    from situation_board.ui.dialogs.handover import HandoverDialog

    for make in (
        lambda: HandoverDialog(window.documents, window),
        lambda: ConflictsDialog(window.controller, window),
    ):
        dialog = make()
        dialog.deleteLater()
        QApplication.processEvents()  # deleted while its load is still running
        wait_idle(qtbot, window.controller)
    assert window.isVisible()


def test_an_unexpected_error_is_reported_in_swedish(qtbot, window) -> None:
    got = []

    def boom(_service):
        raise KeyError("intern")

    window.controller.execute(boom, on_error=got.append)
    wait_idle(qtbot, window.controller)
    assert got and got[0].startswith("Ett oväntat fel inträffade") and "KeyError" not in got[0]


def test_edit_dialogs_keep_times_in_the_repeated_hour(qtbot, service) -> None:
    from datetime import UTC, datetime

    from situation_board.ui.dialogs.action import ActionDialog

    due = datetime(2024, 10, 27, 0, 30, tzinfo=UTC)  # 02:30 +02:00, the first of two 02:30s
    action = service.add_action("Ring", ActionPatch(due_at=due)).value
    dialog = ActionDialog("sv", action, [], (), clock=fixed_clock(NOW))
    qtbot.addWidget(dialog)
    assert dialog.due.text() == "2024-10-27 02:30 +02:00"
    dialog.title.setText("Ring tillbaka")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1 and dialog.patch() == ActionPatch(title="Ring tillbaka")


def test_fits_a_1366_screen_and_a_long_event_name_does_not_widen_it(qtbot, window, service) -> None:
    """A laptop at 1366×768 (or 1920×1080 at 125 % scaling): the window fits, and the columns
    that carry the meaning (an action's title, a system's workaround) keep a readable width."""
    from situation_board.ui.models.actions import ActionsModel
    from situation_board.ui.models.systems import SystemsModel

    service.close_event("Prov klart")
    service.start_event("Övning: " + "långt namn på en händelse " * 7, exercise=True)
    window.controller.bus.announce(frozenset({Topic.EVENTS}))
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: "långt namn" in window.banner.event_label.text())
    assert window.minimumSizeHint().width() <= 1366
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    view = window.actions_panel.view
    widths = [view.columnWidth(c) for c in range(6)]
    assert widths[ActionsModel.TITLE] >= 150 and widths[ActionsModel.TITLE] == max(widths)
    assert window.systems_panel.view.columnWidth(SystemsModel.WORKAROUND) >= 200
    assert window.actions_panel.view.columnWidth(ActionsModel.PRIORITY) == 82  # small: kept


def test_the_shortcut_list_names_every_menu_shortcut(window) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMenu

    listed = dict(window.shortcut_rows())
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if key:
                assert key in listed, (key, action.text())
    for key in ("F9", "Ctrl+Shift+K", "Ctrl+Shift+W", "Ctrl+Shift+P", "Ctrl+H", "K"):
        native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        assert native in listed  # as the menus show it: "Ctrl+Skift+K" in Swedish
    assert listed["F9"] == "Synka nu"
