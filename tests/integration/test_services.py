"""Use cases through the service layer, on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from situation_board.domain.enums import (
    ActionStatus,
    DeadlineKind,
    DeadlineStatus,
    EntryCategory,
    Medium,
    ReadinessLevel,
    SystemStatus,
)
from situation_board.domain.errors import (
    NoActiveEventError,
    NotFoundError,
    StateError,
    ValidationError,
)
from situation_board.domain.patches import ActionPatch, SystemPatch

from .helpers import FakeClock, open_service


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def svc(db: Path, clock: FakeClock):
    service = open_service(db, clock)
    service.start_event("It-störning hos leverantörer")
    clock.advance(minutes=5)
    return service


def _system_texts(svc) -> list[str]:
    return [e.text for e in svc.journal() if e.category is EntryCategory.SYSTEM]


def test_recording_needs_an_active_event(db: Path) -> None:
    svc = open_service(db)
    with pytest.raises(NoActiveEventError) as err:
        svc.add_entry("Samtal")
    assert "ingen aktiv händelse" in err.value.message()
    assert svc.board().event is None


def test_only_one_active_event(svc) -> None:
    with pytest.raises(StateError):
        svc.start_event("En till")


def test_level_decision_needs_reason_and_decider_and_is_journaled(svc) -> None:
    with pytest.raises(ValidationError):
        svc.set_level(ReadinessLevel.STAFF, reason="  ", decided_by="SL")
    with pytest.raises(ValidationError):
        svc.set_level(ReadinessLevel.STAFF, reason="Skäl", decided_by=" ", scope="")
    outcome = svc.set_level(ReadinessLevel.STAFF, reason="Skäl", decided_by="Sjukvårdsledare")
    assert outcome.changes == {"level_decisions", "journal"}
    decision = outcome.value
    assert decision.scope == "Regionen"
    assert svc.board().current_level is ReadinessLevel.STAFF
    assert any("Normalläge → Stabsläge" in t and "Skäl" in t for t in _system_texts(svc))


def test_level_history_is_append_only_and_ordered(svc, clock) -> None:
    svc.set_level(ReadinessLevel.STAFF, reason="a", decided_by="SL")
    clock.advance(hours=1)
    svc.set_level(ReadinessLevel.REINFORCED, reason="b", decided_by="SL", scope="NUS")
    history = svc.level_history()
    assert [d.level for d in history] == [ReadinessLevel.STAFF, ReadinessLevel.REINFORCED]
    assert svc.board().level.scope == "NUS"


def test_system_changes_are_journaled_with_comment(svc, clock) -> None:
    s = svc.add_system(
        "Utskrivningssystemet",
        status=SystemStatus.DOWN,
        details=SystemPatch(reserve_routine="Papper och telefon"),
    ).value
    assert s.reserve_routine_active and s.reserve_routine_since == clock.now
    assert not s.has_prognosis
    clock.advance(hours=2)
    with pytest.raises(ValidationError) as err:  # a status change needs a comment
        svc.update_system("utskrivningssystemet", SystemPatch(status=SystemStatus.FUNCTIONAL))
    assert err.value.key == "comment_required"
    outcome = svc.update_system(
        "utskrivningssystemet", SystemPatch(status=SystemStatus.FUNCTIONAL), comment="Åter"
    )
    assert outcome.changes == {"systems", "journal"}
    s2 = outcome.value
    assert s2.status_since == clock.now
    texts = _system_texts(svc)
    assert any("Utskrivningssystemet – Ur funktion. Reservrutin aktiverad" in t for t in texts)
    assert any("status: Ur funktion → Fungerar" in t and "Kommentar: Åter" in t for t in texts)
    with pytest.raises(ValidationError):
        svc.add_system("UTSKRIVNINGSSYSTEMET", status=SystemStatus.DOWN)
    with pytest.raises(NotFoundError):
        svc.update_system("finns inte", SystemPatch(status=SystemStatus.DOWN), comment="x")
    with pytest.raises(ValidationError):
        svc.update_system(s.id, SystemPatch())  # nothing to change


def test_unchanged_update_writes_nothing(svc) -> None:
    s = svc.add_system("X", status=SystemStatus.DOWN).value
    n = len(svc.journal())
    outcome = svc.update_system(s.id, SystemPatch(status=SystemStatus.DOWN))
    assert len(svc.journal()) == n
    assert outcome.changes == frozenset()


def test_actions_status_changes_and_overdue(svc, clock) -> None:
    a = svc.add_action(
        "Begär prognos", ActionPatch(owner="Stabschef", due_at=clock.now + timedelta(hours=1))
    ).value
    assert a.status is ActionStatus.OPEN
    clock.advance(hours=2)
    board = svc.board()
    assert [x.id for x in board.overdue_actions()] == [a.id]
    done = svc.complete_action(a.id[-8:]).value  # short id
    assert done.status is ActionStatus.DONE and done.closed_at == clock.now
    assert svc.board().overdue_actions() == ()
    assert any("status: Öppen → Klar" in t for t in _system_texts(svc))
    reopened = svc.update_action(a.id, ActionPatch(status=ActionStatus.OPEN)).value
    assert reopened.closed_at is None
    with pytest.raises(NotFoundError):
        svc.update_action("zzzz", ActionPatch(status=ActionStatus.DONE))


def test_action_linked_to_system(svc) -> None:
    s = svc.add_system("Beställning", status=SystemStatus.DOWN).value
    a = svc.add_action("Säkra leveranser", ActionPatch(system_ref="Beställning")).value
    assert a.system_id == s.id


def test_journal_entry_fields_and_times(svc, clock) -> None:
    occurred = clock.now - timedelta(minutes=20)
    e = svc.add_entry(
        "Samtal från leverantören",
        category=EntryCategory.CONTACT,
        occurred_at=occurred,
        medium=Medium.PHONE,
        from_party="Leverantör",
        to_party="Stabschef",
    ).value
    assert e.number == "V1-0002" and e.occurred_at == occurred and e.recorded_at == clock.now
    assert e.times_differ and e.author == "Loggist Test"
    with pytest.raises(ValidationError):
        svc.add_entry("framtid", occurred_at=clock.now + timedelta(hours=1))
    with pytest.raises(ValidationError):
        svc.add_entry("system", category=EntryCategory.SYSTEM)


def test_correction_points_at_existing_entry_and_original_stays(svc) -> None:
    original = svc.add_entry("Leverans kl 14").value
    fix = svc.add_entry("Rättelse: leverans kl 15", corrects=original.number).value
    assert fix.corrects == original.id
    texts = [e.text for e in svc.journal()]
    assert "Leverans kl 14" in texts and "Rättelse: leverans kl 15" in texts
    n = len(texts)
    with pytest.raises(ValidationError) as err:
        svc.add_entry("Rättar inget", corrects="V1-9999")
    assert err.value.key == "correction_target_missing"
    assert len(svc.journal()) == n


def test_personnummer_is_flagged_before_save(svc) -> None:
    n = len(svc.journal())
    with pytest.raises(ValidationError) as err:
        svc.add_entry("Patient 19121212-1212 flyttad")
    assert err.value.key == "personnummer"
    assert len(svc.journal()) == n
    e = svc.add_entry("Patient 19121212-1212 flyttad", allow_personnummer=True).value
    assert e.hidden_from_wall


def test_close_event_returns_level_to_normal(svc, clock) -> None:
    svc.set_level(ReadinessLevel.STAFF, reason="a", decided_by="SL")
    clock.advance(days=7)
    closed = svc.close_event("Systemen återställda").value
    assert closed.closed_at == clock.now and closed.close_reason == "Systemen återställda"
    assert svc.board().event is None
    events = svc.events()
    assert len(events) == 1 and not events[0].is_active
    with pytest.raises(NoActiveEventError):
        svc.add_entry("efteråt")
    from situation_board.store import queries as q

    with svc.store.read() as conn:
        assert q.current_level(conn, closed.id).level is ReadinessLevel.NORMAL
    svc.start_event("Nästa")  # a new one can start


def test_deadline_clock_imy(svc, clock) -> None:
    aware = clock.now - timedelta(hours=1)
    d = svc.start_deadline(DeadlineKind.IMY_BREACH, aware_at=aware).value
    assert d.due_at == aware + timedelta(hours=72)
    assert d.status(clock.now) is DeadlineStatus.RUNNING
    with pytest.raises(ValidationError):
        svc.start_deadline(DeadlineKind.POLICE_REPORT)  # no rule: due required
    clock.advance(hours=80)
    assert svc.board().deadlines[0].status(clock.now) is DeadlineStatus.OVERDUE
    n = len(svc.journal())
    with pytest.raises(ValidationError) as err:  # late: the reasons for the delay (GDPR 33.1)
        svc.report_deadline(d.id, reference="IMY-1")
    assert err.value.key == "late_reason_required"
    assert len(svc.journal()) == n and svc.board().deadlines[0].reported_at is None
    reported = svc.report_deadline(d.id, reference="IMY-1", late_reason="Uppgifter saknades").value
    assert reported.status(clock.now) is DeadlineStatus.REPORTED_LATE
    assert any("efter fristen: Uppgifter saknades" in t for t in _system_texts(svc))
    with pytest.raises(StateError):
        svc.report_deadline(d.id)


def test_briefings_and_next_briefing(svc, clock) -> None:
    svc.add_briefing(clock.now + timedelta(hours=3), "Stabsorientering")
    svc.add_briefing(clock.now + timedelta(hours=1), "Stabsorientering")
    nb = svc.board().next_briefing()
    assert nb is not None and nb.at == clock.now + timedelta(hours=1)


def test_handover_covers_each_entry_exactly_once(svc, clock) -> None:
    svc.add_entry("före första")
    clock.advance(minutes=10)
    first = svc.sign_handover("Dagpass", "Kvällspass", note="Lugnt").value.handover
    first_ids = set(first.covered)
    assert {e.id for e in svc.journal()} == first_ids  # everything so far, incl. its own entries
    clock.advance(minutes=10)
    svc.add_entry("efter första")
    # An entry that "arrives late" (written now, occurred before the first handover):
    svc.add_entry("sen ankomst", occurred_at=first.acknowledged_at - timedelta(minutes=30))
    brief = svc.handover_brief()
    texts = [e.text for e in brief.entries]
    assert "efter första" in texts and "sen ankomst" in texts
    assert not set(brief.entry_ids) & first_ids
    clock.advance(minutes=10)
    second = svc.sign_handover("Kvällspass", "Nattpass").value.handover
    all_ids = {e.id for e in svc.journal()}
    assert set(first.covered) | set(second.covered) == all_ids
    assert not set(first.covered) & set(second.covered)
    assert "Överlämning – It-störning" in second.summary
    cats = [e.category for e in svc.journal()][-2:]
    assert cats == [EntryCategory.HANDOVER, EntryCategory.HANDOVER]
    with pytest.raises(ValidationError):
        svc.sign_handover(" ", "B")


def test_two_events_started_apart_show_the_newest_and_flag_the_other(db, clock) -> None:
    from situation_board.store.schema import events as events_table

    svc = open_service(db, clock)
    first = svc.start_event("Startad på V1").value
    # the other station's event, as sync would deliver it: started later, also open
    clock.advance(minutes=10)
    with svc.store.write("sync") as tx:
        other = tx.insert(
            events_table,
            {
                "name": "Startad på V2",
                "exercise": False,
                "started_at": clock.now,
                "closed_at": None,
                "close_reason": "",
                "deleted": False,
            },
        )
    board = svc.board()
    assert board.event.id == other and [e.id for e in board.other_open_events] == [first.id]
    svc.close_event("Dubblett, samma händelse", event_id=first.id)
    board = svc.board()
    assert board.event.id == other and board.other_open_events == ()
    with pytest.raises(NotFoundError):
        svc.close_event("x", event_id=first.id)  # already closed
