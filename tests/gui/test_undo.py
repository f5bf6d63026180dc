"""Undo of the window's quick changes (issue 12): K, a status from the row menu, hide from the
wall — each undone with Ctrl+Z or *Ångra*, the selection on the changed row, and the journal
showing both the change and its undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from situation_board.domain.enums import ActionStatus, EntryCategory

from .conftest import wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _shot(window, name: str) -> None:
    """The window as the person sees it, for the closing note (test-artifacts/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / f"{name}-1920x1080.png"))


def _status(service, action_id: str) -> ActionStatus:
    return next(a for a in service.board().actions if a.id == action_id).status


def _undo(qtbot, window) -> None:
    qtbot.keyClick(window.actions_panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _settle(qtbot, window) -> None:
    """Every change and undo answered, and the reloads they caused."""
    stack = window.undo_stack
    qtbot.waitUntil(
        lambda: window.controller.ops.pending == 0 and not stack._in_flight and not stack._undoing,
        timeout=10_000,
    )
    wait_idle(qtbot, window.controller)


def test_k_k_then_ctrl_z_twice_reopens_both_actions(qtbot, window, service) -> None:
    panel = window.actions_panel
    view = panel.view
    view.setFocus()
    view.setCurrentIndex(panel.proxy.index(0, 1))
    first = panel.selected()
    qtbot.keyClick(view, Qt.Key.Key_K)
    _settle(qtbot, window)
    # the closed action stays under the selection, marked done: a second K changes nothing
    assert panel.selected().id == first.id and panel.selected().status is ActionStatus.DONE
    qtbot.keyClick(view, Qt.Key.Key_K)
    _settle(qtbot, window)
    assert "redan klar" in window.undo_notice.text.text()
    assert len(window.undo_stack.steps) == 1
    qtbot.keyClick(view, Qt.Key.Key_Down)  # on to the next action: the first leaves the list
    second = panel.selected()
    assert second.id != first.id
    qtbot.keyClick(view, Qt.Key.Key_K)
    _settle(qtbot, window)
    assert _status(service, first.id) is _status(service, second.id) is ActionStatus.DONE
    assert window.undo_notice.isVisible() and window.undo_notice.button.isVisible()
    assert "Klar" in window.undo_notice.text.text()
    _shot(window, "undo-k-down-k")

    _undo(qtbot, window)
    _undo(qtbot, window)  # pressed before the first undo is answered: queued, in order
    _settle(qtbot, window)
    assert _status(service, first.id) is ActionStatus.OPEN
    assert _status(service, second.id) is ActionStatus.IN_PROGRESS
    assert window.undo_stack.steps == []
    assert panel.selected().id == first.id  # the selection follows the last undo
    journal = [e.text for e in service.journal() if e.category is EntryCategory.SYSTEM][-4:]
    assert journal[0].startswith(f"Åtgärd {first.title}: status: Öppen → Klar")
    assert journal[1].startswith(f"Åtgärd {second.title}: status: Pågår → Klar")
    assert journal[2].startswith("Ångrat V1-") and "Klar → Pågår" in journal[2]
    assert journal[3].startswith("Ångrat V1-") and "Klar → Öppen" in journal[3]
    qtbot.waitUntil(lambda: window.journal_panel.model.rowCount() == len(service.journal()))
    _shot(window, "undo-after-two-ctrl-z")
    _undo(qtbot, window)
    assert window.undo_notice.text.text() == "Inget att ångra"


def test_a_status_from_the_row_menu_and_the_undo_button(qtbot, window, service) -> None:
    panel = window.actions_panel
    panel.view.setCurrentIndex(panel.proxy.index(1, 1))
    action = panel.selected()
    panel._set_status(action, ActionStatus.CANCELLED)  # what the row's menu item does
    _settle(qtbot, window)
    assert _status(service, action.id) is ActionStatus.CANCELLED
    assert panel.selected().id == action.id  # still the row under the selection
    assert "Avbruten" in window.undo_notice.text.text()
    window.undo_notice.button.click()
    _settle(qtbot, window)
    assert _status(service, action.id) is action.status
    assert window.undo_stack.steps == [] and not window.undo_notice.button.isVisible()


def test_hide_from_the_wall_and_undo_keep_the_selection(qtbot, window, service) -> None:
    journal = window.journal_panel
    journal.view.setFocus()
    journal.view.setCurrentIndex(journal.model.index(3, 1))
    entry = journal.selected()
    assert not entry.hidden_from_wall and journal.hide_button.text() == "Dölj på vä&ggskärmen"
    journal.hide_button.click()
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: journal.selected() is not None and journal.selected().hidden_from_wall)
    assert journal.selected().id == entry.id  # the new system entry did not move the selection
    row = journal.view.currentIndex().row()
    text = journal.model.index(row, 3).data()
    assert text.startswith("Dold på väggskärmen · ")
    assert "Dold på väggskärmen" in journal.detail.text()
    assert journal.hide_button.text() == "Visa på vä&ggskärmen"
    assert service.entry(entry.id).hidden_from_wall
    qtbot.keyClick(journal.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: not journal.selected().hidden_from_wall)
    assert journal.selected().id == entry.id
    assert not service.entry(entry.id).hidden_from_wall
    assert "Dold på väggskärmen" not in journal.detail.text()


def test_visibility_changed_elsewhere_reaches_the_loaded_journal(qtbot, window, service) -> None:
    """Another station hides an entry (a sync pull announces ENTRY_VISIBILITY): the window's
    journal shows it without a reload, and the selection stays."""
    from situation_board.domain.changes import Topic

    journal = window.journal_panel
    journal.view.setCurrentIndex(journal.model.index(5, 1))
    entry = journal.selected()
    service.set_hidden_from_wall(entry.id)
    window.controller.bus.announce(frozenset({Topic.ENTRY_VISIBILITY}))
    qtbot.waitUntil(lambda: journal.selected().hidden_from_wall, timeout=5000)
    assert journal.selected().id == entry.id
    assert QApplication.focusWidget() is not None
