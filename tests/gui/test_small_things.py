"""The small things that cost a tired person time (issue 12, item 5): mnemonics on every button
and none twice, Ctrl+Enter saves in every entry dialog, an error goes when the input is
corrected, *Dölj på väggskärmen* follows the text, the current language ticked — and the
window at 1366×768."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QWidget

from situation_board.domain.clock import fixed_clock
from situation_board.domain.enums import StaffFunction

from .conftest import NOW, wait_idle
from .layoutcheck import clipped_headers, journal_rows

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text)
    return found.group(1).casefold() if found else None


def mnemonics(root: QWidget, extra: list[str] = ()) -> tuple[list[str], list[str]]:
    """(letters in use, buttons without one) among what ``root`` shows: buttons, check boxes
    and labels that lead to a field."""
    letters, missing = list(extra), []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QAbstractButton) and w.text():
            letter = mnemonic(w.text())
            if letter is None:
                missing.append(w.text())
            else:
                letters.append(letter)
        elif isinstance(w, QLabel) and w.buddy() is not None and mnemonic(w.text()):
            letters.append(mnemonic(w.text()))
    return letters, missing


def _dialogs(controller):
    from situation_board.ui.dialogs.action import ActionDialog
    from situation_board.ui.dialogs.entry import EntryDialog
    from situation_board.ui.dialogs.event import CloseEventDialog, NewEventDialog
    from situation_board.ui.dialogs.identity import IdentityDialog
    from situation_board.ui.dialogs.level import LevelDialog
    from situation_board.ui.dialogs.system import SystemDialog

    board, lang, clock = controller.board, controller.language, controller.clock
    return {
        "entry": EntryDialog(lang, "Samtal från IVA", clock=clock),
        "level": LevelDialog(lang, board.level, "Sjukvårdsledare", []),
        "action": ActionDialog(lang, board.actions[0], [], board.systems, clock=clock),
        "system": SystemDialog(lang, board.systems[0], clock=clock),
        "new event": NewEventDialog(lang, clock=clock),
        "close event": CloseEventDialog(lang, board.event.name),
        "identity": IdentityDialog(lang, "Anna", StaffFunction.LOG_KEEPER, "V1"),
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_button_has_a_mnemonic_and_none_is_taken_twice(
    qtbot, window, controller, language
) -> None:
    """In the window (with the menus' letters) and in every entry dialog, in both languages."""
    from situation_board.ui.main_window import MainWindow

    from .conftest import use_language

    use_language(language)
    try:
        win = MainWindow(controller)  # its texts in ``language``
        qtbot.addWidget(win)
        board = controller.board
        other = replace(board.event, id="other", name="Startad på V2")
        win.other_events.show_board(replace(board, other_open_events=(other,)))
        win.reminder_bar.show()  # the bars that come and go count too
        win.undo_notice.show()
        menus = [mnemonic(a.text()) for a in win.menuBar().actions()]
        assert None not in menus
        letters, missing = mnemonics(win, menus)
        assert missing == []
        assert len(letters) == len(set(letters)), sorted(letters)
        from .test_languages import _dialogs as every_dialog

        problems = []
        for dialog in every_dialog(win, controller):  # every dialog of the window
            qtbot.addWidget(dialog)
            name = type(dialog).__name__
            letters, missing = mnemonics(dialog)
            if missing:
                problems.append(f"{name}: no mnemonic on {missing}")
            if len(letters) != len(set(letters)):
                problems.append(f"{name}: {sorted(letters)}")
        wait_idle(qtbot, controller)
        assert problems == [], "\n".join(problems)
    finally:
        use_language("sv")


def test_ctrl_enter_saves_in_every_entry_dialog(qtbot, window, controller) -> None:
    for name, dialog in _dialogs(controller).items():
        qtbot.addWidget(dialog)
        dialog.show()
        if name == "level":
            dialog.reason.setPlainText("Läget kvarstår")
        if name == "close event":
            dialog.reason.setPlainText("Övningen är slut")
        if name == "new event":
            dialog.name.setText("Övning")
        if name == "system":
            dialog.comment.setText("Ny uppgift")
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        field = dialog.focusWidget() or dialog
        assert field is not dialog, name  # the key goes to a field, as typing would
        qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.result() == QDialog.DialogCode.Accepted, name


def test_an_error_goes_when_the_input_is_corrected(qtbot, window) -> None:
    from situation_board.ui.dialogs.action import ActionDialog
    from situation_board.ui.dialogs.entry import EntryDialog

    entry = EntryDialog("sv", "", clock=fixed_clock(NOW))
    qtbot.addWidget(entry)
    entry.show()
    entry.buttons.accepted.emit()
    assert entry.error.isVisible()
    entry.from_party.setText("IVA")  # another field: the error still names the text
    assert entry.error.isVisible()
    entry.text.setPlainText("Samtal från IVA")
    assert not entry.error.isVisible()

    action = ActionDialog("sv", None, [], (), clock=fixed_clock(NOW))
    qtbot.addWidget(action)
    action.show()
    action.title.setText("Ring IMY")
    action.due.setText("kl 25")
    action.buttons.accepted.emit()
    assert action.error.isVisible()
    action.due.setText("17:00")
    assert not action.error.isVisible()

    quick = window.quick_entry
    quick.submit()  # empty: refused inline
    assert quick.feedback.text()
    quick.line.setText("Samtal")
    assert quick.feedback.text() == ""


def test_hide_from_the_wall_follows_the_personnummer(qtbot) -> None:
    from situation_board.ui.dialogs.entry import EntryDialog

    dialog = EntryDialog("sv", "", clock=fixed_clock(NOW))
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("Patient 19121212-1212 flyttad")
    assert dialog.hidden.isChecked()
    dialog.text.setPlainText("Patient flyttad")  # the personnummer is removed
    assert not dialog.hidden.isChecked()
    dialog.hidden.click()  # ticked by the user: stays ticked whatever the text
    dialog.text.setPlainText("Patient flyttad till IVA")
    assert dialog.hidden.isChecked()


def test_the_current_language_is_ticked(window) -> None:
    ticked = [a.objectName() for a in window.findChildren(type(window.act_undo)) if a.isChecked()]
    assert "actSv" in ticked and "actEn" not in ticked


def test_the_window_at_1366x768(qtbot, window) -> None:
    """A laptop: the compact arrangement, ten journal rows, whole headers, a usable search."""
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.board_layout.mode.value == "compact")
    wait_idle(qtbot, window.controller)
    window.board_layout.show_panel(window.journal_panel)
    qtbot.waitUntil(lambda: journal_rows(window) >= 10, timeout=5000)
    assert clipped_headers(window) == []
    search = window.journal_panel.search
    assert search.width() >= search.fontMetrics().horizontalAdvance("M" * 14)
    window.board_layout.show_panel(window.actions_panel)
    assert clipped_headers(window) == []
    window.resize(1920, 1080)  # and back: the journal beside the actions again
    qtbot.waitUntil(lambda: window.board_layout.mode.value == "wide")
    assert window.journal_panel.parent() is window.top
    assert clipped_headers(window) == []
