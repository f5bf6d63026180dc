"""Issue 12 through the services and the store: undo of every quick action (a new change, the
journal shows both), hiding a saved entry from the wall, reminders that fire once, repeat until
acknowledged and are acknowledged in the journal — and all of it across two stations."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from situation_board.domain.changes import Topic
from situation_board.domain.enums import ActionStatus, EntryCategory, SystemStatus
from situation_board.domain.errors import StateError, ValidationError
from situation_board.domain.patches import ActionPatch, SystemPatch
from situation_board.domain.reminders import ReminderKind, ReminderPolicy
from situation_board.reports.board_json import board_json
from situation_board.services import BoardService
from situation_board.services.describe import is_wall_significant
from tests.integration.helpers import FakeClock, open_service
from tests.integration.sync.helpers import Station, converge, init_store


@pytest.fixture
def svc(tmp_path: Path) -> BoardService:
    service = open_service(tmp_path / "board.db", FakeClock())
    service.start_event("It-störningar hos leverantörer")
    return service


def _texts(svc: BoardService) -> list[str]:
    return [e.text for e in svc.journal()]


def test_k_k_then_undo_twice_reopens_both_and_the_journal_shows_all_four(
    svc: BoardService,
) -> None:
    first = svc.add_action("Begär ny prognos").value
    second = svc.add_action(
        "Informera verksamheterna", ActionPatch(status=ActionStatus.IN_PROGRESS)
    ).value
    k1 = svc.complete_action(first.id)
    k2 = svc.complete_action(second.id)
    assert k1.undo is not None and k2.undo is not None
    assert k1.undo.summary.render("sv") == "”Begär ny prognos”: Öppen → Klar"
    undone2 = svc.undo(k2.undo)  # Ctrl+Z: the last change first
    undone1 = svc.undo(k1.undo)
    assert undone2.value.status is ActionStatus.IN_PROGRESS  # back to what it was, not "open"
    assert undone1.value.status is ActionStatus.OPEN
    assert {a.id: (a.status, a.closed_at) for a in svc.actions()} == {
        first.id: (ActionStatus.OPEN, None),
        second.id: (ActionStatus.IN_PROGRESS, None),
    }
    assert undone1.changes >= {Topic.ACTIONS, Topic.JOURNAL}
    texts = _texts(svc)[-4:]
    assert texts[0] == "Åtgärd Begär ny prognos: status: Öppen → Klar."
    assert texts[1] == "Åtgärd Informera verksamheterna: status: Pågår → Klar."
    assert (
        texts[2]
        == f"Ångrat {k2.undo.journal_number}: Åtgärd Informera verksamheterna: status: Klar → Pågår."
    )
    assert (
        texts[3]
        == f"Ångrat {k1.undo.journal_number}: Åtgärd Begär ny prognos: status: Klar → Öppen."
    )
    redo = svc.undo(undone1.undo) if undone1.undo else None  # the undo's undo redoes
    assert redo is not None and redo.value.status is ActionStatus.DONE


def test_undo_a_one_click_action_status_change(svc: BoardService) -> None:
    action = svc.add_action("Sammanställ lägesbild").value
    changed = svc.set_action_status(action.id, ActionStatus.CANCELLED)
    assert changed.value.closed_at is not None and changed.undo is not None
    back = svc.undo(changed.undo).value
    assert back.status is ActionStatus.OPEN and back.closed_at is None


def test_undo_a_system_status_change_restores_status_and_since(svc: BoardService) -> None:
    system = svc.add_system("Utskrivningssystemet", status=SystemStatus.DOWN).value
    svc.clock.advance(minutes=10)  # type: ignore[attr-defined]
    up = svc.update_system(
        system.id, SystemPatch(status=SystemStatus.FUNCTIONAL), comment="Leverantören åter"
    )
    assert up.value.status_since != system.status_since and up.undo is not None
    back = svc.undo(up.undo).value
    assert back.status is SystemStatus.DOWN and back.status_since == system.status_since
    assert _texts(svc)[-1] == (
        f"Ångrat {up.undo.journal_number}: System Utskrivningssystemet: status: Fungerar → "
        "Ur funktion."
    )


def test_undo_is_refused_when_someone_changed_it_since(svc: BoardService) -> None:
    action = svc.add_action("Begär ny prognos").value
    k = svc.complete_action(action.id)
    svc.update_action(action.id, ActionPatch(status=ActionStatus.IN_PROGRESS))  # someone else
    before = len(svc.journal())
    assert k.undo is not None
    with pytest.raises(StateError) as caught:
        svc.undo(k.undo)
    assert caught.value.key == "undo_stale"
    assert "Kan inte ångra (”Begär ny prognos”: Öppen → Klar)" in caught.value.message("sv")
    assert svc.actions()[0].status is ActionStatus.IN_PROGRESS and len(svc.journal()) == before


def test_no_change_has_no_undo(svc: BoardService) -> None:
    action = svc.add_action("Klar redan", ActionPatch(status=ActionStatus.DONE)).value
    again = svc.complete_action(action.id)
    assert again.undo is None


def test_hide_a_saved_entry_from_the_wall_and_undo(svc: BoardService) -> None:
    decision = svc.add_entry("Stabsläget kvarstår.", category=EntryCategory.DECISION).value
    assert is_wall_significant(decision)
    hidden = svc.set_hidden_from_wall(decision.number)
    assert hidden.value.hidden_from_wall and hidden.undo is not None
    assert hidden.changes == {Topic.ENTRY_VISIBILITY, Topic.JOURNAL}
    entry = svc.entry(decision.number)
    assert entry.hidden_from_wall and not is_wall_significant(entry)  # the wall's rule
    data = board_json(svc.board())
    row = next(e for e in data["journal"] if e["number"] == decision.number)
    assert row["hidden_from_wall"] is True  # show --json agrees with the wall
    assert svc.journal_after(0)[1][-2].hidden_from_wall  # the window's incremental path too
    assert svc.wall_visibility() == {decision.id: True}
    shown = svc.undo(hidden.undo)
    assert not shown.value.hidden_from_wall and not svc.entry(decision.id).hidden_from_wall
    assert svc.set_hidden_from_wall(decision.id, hidden=False).undo is None  # already shown
    assert _texts(svc)[-2:] == [
        f"{decision.number} döljs på väggskärmen.",
        f"Ångrat {hidden.undo.journal_number}: {decision.number} visas åter på väggskärmen.",
    ]


def test_an_entry_with_a_personnummer_stays_hidden(svc: BoardService) -> None:
    entry = svc.add_entry("Patient 19121212-1212 flyttad", allow_personnummer=True).value
    assert entry.hidden_from_wall
    with pytest.raises(ValidationError) as caught:
        svc.set_hidden_from_wall(entry.number, hidden=False)
    assert caught.value.key == "personnummer_on_wall"
    assert svc.entry(entry.id).hidden_from_wall


def test_reminders_fire_once_repeat_and_acknowledgement_is_journaled(svc: BoardService) -> None:
    clock: FakeClock = svc.clock  # type: ignore[assignment]
    policy = ReminderPolicy(repeat_every=timedelta(minutes=10))
    svc.add_action("Begär ny prognos", ActionPatch(due_at=clock.now + timedelta(minutes=5)))
    assert svc.check_reminders(policy).due == ()
    clock.advance(minutes=6)
    first = svc.check_reminders(policy)
    assert [r.kind for r in first.due] == [ReminderKind.ACTION_OVERDUE]
    assert svc.check_reminders(policy).due == ()  # fires once: recorded in the store
    clock.advance(minutes=10)
    assert len(svc.check_reminders(policy).due) == 1  # repeats until acknowledged
    ack = svc.acknowledge_reminder(first.due[0].ref, policy)
    assert ack.value.by == "Loggist Test" and Topic.REMINDERS in ack.changes
    assert _texts(svc)[-1] == (
        "Påminnelse sedd av Loggist Test (V1): Försenad åtgärd: ”Begär ny prognos” (senast 14:05)."
    )
    clock.advance(minutes=30)
    assert svc.check_reminders(policy).due == ()
    (listed,) = svc.reminders(policy).reminders
    assert listed.acknowledged and listed.shown is not None and listed.shown.times == 2


def test_acknowledging_an_unknown_reminder_says_so(svc: BoardService) -> None:
    from situation_board.domain.errors import NotFoundError

    with pytest.raises(NotFoundError) as caught:
        svc.acknowledge_reminder("deadbeef")
    assert caught.value.message("sv") == "Hittar ingen påminnelse som matchar ”deadbeef”."


def test_hiding_and_acknowledging_reach_the_other_station_and_the_wall(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared' / 'store.db'}"
    init_store(url)
    a, b = Station(tmp_path, "V1", url), Station(tmp_path, "V2", url)
    a.svc.start_event("Övning")
    a.svc.add_action("Ring leverantören", ActionPatch(due_at=a.clock.now - timedelta(minutes=1)))
    decision = a.svc.add_entry("Beslut om reservrutin.", category=EntryCategory.DECISION).value
    converge(a, b)
    news = [r for r in b.svc.check_reminders().due if r.kind is ReminderKind.DECISION_ELSEWHERE]
    assert [r.text("sv") for r in news] == ["Beslut registrerat på V1: Beslut om reservrutin."]
    assert not [r for r in a.svc.reminders().reminders if r.kind is ReminderKind.DECISION_ELSEWHERE]
    overdue = a.svc.check_reminders().due[0]
    hidden = a.svc.set_hidden_from_wall(decision.number)
    a.svc.acknowledge_reminder(overdue)
    converge(a, b)
    assert b.svc.entry(decision.id).hidden_from_wall
    seen = b.svc.reminders().reminders
    assert [r.acknowledged for r in seen if r.kind is ReminderKind.ACTION_OVERDUE] == [True]
    assert hidden.undo is not None
    a.svc.undo(hidden.undo)
    converge(a, b)
    assert not b.svc.entry(decision.id).hidden_from_wall
    assert a.conflicts() == [] and b.conflicts() == []


def test_sync_status_becomes_a_reminder_after_five_failed_intervals(svc: BoardService) -> None:
    from situation_board.services.reminders import sync_health
    from situation_board.sync.status import SyncStatus

    clock: FakeClock = svc.clock  # type: ignore[assignment]
    assert sync_health(SyncStatus(store=None)) is None
    ok = SyncStatus(store="sqlite:///s.db", last_success_at=clock.now, interval_s=15)
    failing = SyncStatus(
        store="sqlite:///s.db", last_success_at=clock.now, last_error="nere", consecutive_failures=5
    )
    assert svc.check_reminders(sync=sync_health(ok)).due == ()
    (due,) = svc.check_reminders(sync=sync_health(failing)).due
    assert due.kind is ReminderKind.SYNC_FAILING
    assert due.text("sv").startswith("Synkningen har misslyckats sedan 14:00")
    assert svc.check_reminders(sync=sync_health(failing)).due == ()
