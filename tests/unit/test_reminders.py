"""The reminder evaluator (domain.reminders) driven by a fake clock: each cause fires once,
the overdue and deadline kinds repeat until acknowledged, quiet hours defer, keys follow causes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest

from situation_board.domain.entities import (
    Action,
    AffectedSystem,
    Board,
    Briefing,
    DeadlineClock,
    Event,
    JournalEntry,
    Station,
)
from situation_board.domain.enums import (
    ActionStatus,
    DeadlineKind,
    EntryCategory,
    StaffFunction,
    SystemStatus,
)
from situation_board.domain.reminders import (
    Ack,
    QuietHours,
    ReminderKind,
    ReminderPolicy,
    ReminderState,
    SyncHealth,
    deadline_causes,
    evaluate,
)

T0 = datetime(2024, 1, 29, 13, 0, tzinfo=UTC)  # 14:00 in Stockholm
EVENT = Event("ev", "Tietoevry", False, T0 - timedelta(days=7))


class Room:
    """A board, a reminder state and a fake clock, moved by hand like a tired room's day."""

    def __init__(self, board: Board, policy: ReminderPolicy | None = None) -> None:
        self.board = board
        self.policy = policy or ReminderPolicy()
        self.state = ReminderState(watching_since=T0 - timedelta(days=1))
        self.now = T0
        self.sync: SyncHealth | None = None

    def tick(self, **kw: float) -> list[str]:
        """Advance the clock, evaluate, "notify" what is due; returns the due keys' kinds."""
        self.now += timedelta(**kw)
        result = evaluate(self.board, self.sync, self.now, self.state, self.policy)
        self.state = self.state.after_showing(result.due, self.now)
        return [r.kind.value for r in result.due]

    def ack(self, kind: ReminderKind) -> None:
        result = evaluate(self.board, self.sync, self.now, self.state, self.policy)
        reminder = next(r for r in result.reminders if r.kind is kind)
        self.state = self.state.acknowledged(Ack(reminder.key, "Anna", self.now, "V1"))


def board(**kw: object) -> Board:
    return Board(as_of=T0, station=Station("site-1", "V1"), event=EVENT, level=None, **kw)  # type: ignore[arg-type]


def entry(
    number: str,
    category: EntryCategory,
    *,
    text: str = "Beslut: stabsläge kvarstår",
    recorded: datetime = T0,
    hidden: bool = False,
) -> JournalEntry:
    return JournalEntry(
        id=f"id-{number}", event_id="ev", number=number, occurred_at=recorded,
        recorded_at=recorded, author="Sara", function=StaffFunction.OTHER, category=category,
        text=text, hidden_from_wall=hidden,
    )  # fmt: skip


def test_overdue_action_fires_once_then_repeats_until_acknowledged() -> None:
    action = Action(
        "a1", "ev", "Begär ny prognos", owner="Stabschef", due_at=T0 + timedelta(minutes=5)
    )
    room = Room(board(actions=(action,)), ReminderPolicy(repeat_every=timedelta(minutes=10)))
    assert room.tick() == []  # not yet due
    assert room.tick(minutes=6) == ["action_overdue"]  # fires once
    assert room.tick(minutes=1) == []
    assert room.tick(minutes=8) == []  # 9 minutes since shown
    assert room.tick(minutes=1) == ["action_overdue"]  # repeats after 10 minutes
    room.ack(ReminderKind.ACTION_OVERDUE)
    assert room.tick(minutes=30) == []  # acknowledged: no more repeats
    result = evaluate(room.board, None, room.now, room.state, room.policy)
    (reminder,) = result.reminders
    assert reminder.acknowledged and reminder.ack is not None and reminder.ack.by == "Anna"
    assert reminder.shown is not None and reminder.shown.times == 2
    assert reminder.text("sv") == "Försenad åtgärd: ”Begär ny prognos” (senast 14:05)"
    assert reminder.text("en") == "Action overdue: “Begär ny prognos” (due 14:05)"


def test_a_postponed_due_time_is_a_new_cause_and_a_closed_action_none() -> None:
    action = Action("a1", "ev", "Informera", due_at=T0 - timedelta(minutes=1))
    room = Room(board(actions=(action,)))
    assert room.tick() == ["action_overdue"]
    room.ack(ReminderKind.ACTION_OVERDUE)
    later = replace(action, due_at=T0 + timedelta(minutes=30))
    room.board = board(actions=(later,))
    assert room.tick(minutes=20) == []
    assert room.tick(minutes=11) == ["action_overdue"]  # the new due time passed: fires again
    room.board = board(actions=(replace(later, status=ActionStatus.DONE),))
    result = evaluate(room.board, None, room.now, room.state, room.policy)
    assert result.reminders == ()


def test_deadline_warns_at_80_percent_then_at_due_and_both_repeat() -> None:
    imy = DeadlineClock(
        "d1", "ev", DeadlineKind.IMY_BREACH, "Personuppgiftsincident till IMY",
        aware_at=T0, due_at=T0 + timedelta(hours=72),
    )  # fmt: skip
    assert deadline_causes(imy, T0 + timedelta(hours=57)) == []
    room = Room(board(deadlines=(imy,)), ReminderPolicy(repeat_every=timedelta(minutes=30)))
    assert room.tick(hours=57) == []
    assert room.tick(minutes=36) == ["deadline_warning"]  # 57.6 h = 80 % of 72 h
    assert room.tick(minutes=30) == ["deadline_warning"]
    room.ack(ReminderKind.DEADLINE_WARNING)
    assert room.tick(minutes=30) == []
    assert room.tick(hours=15) == ["deadline_due"]  # a new cause: fires although 80 % was seen
    assert room.tick(minutes=30) == ["deadline_due"]
    text = evaluate(room.board, None, room.now, room.state, room.policy).reminders[0].text("sv")
    assert text.startswith("Fristen har gått ut: ”Personuppgiftsincident till IMY”")
    room.board = board(deadlines=(replace(imy, reported_at=room.now),))
    assert room.tick(minutes=30) == []


def test_missed_supplier_update_and_briefing_fire_once_without_repeat() -> None:
    system = AffectedSystem(
        "s1", "ev", "Utskrivningssystemet", SystemStatus.DOWN, supplier="Tietoevry",
        next_update_at=T0 + timedelta(minutes=1),
    )  # fmt: skip
    briefing = Briefing("b1", "ev", T0 + timedelta(minutes=30), "Stabsorientering")
    room = Room(
        board(systems=(system,), briefings=(briefing,)),
        ReminderPolicy(repeat_every=timedelta(minutes=1)),
    )
    assert room.tick() == []
    assert room.tick(minutes=2) == ["update_missed"]
    assert room.tick(minutes=5) == []  # not a repeating kind
    assert room.tick(minutes=12) == []  # 19 min: the briefing is 11 minutes away
    assert room.tick(minutes=1) == ["briefing_soon"]  # 10 minutes away
    assert room.tick(minutes=5) == []
    result = evaluate(room.board, None, room.now, room.state, room.policy)
    texts = {r.kind: r.text("sv") for r in result.reminders}
    assert texts[ReminderKind.BRIEFING_SOON] == "Stabsorientering kl. 14:30"
    assert "Utskrivningssystemet (Tietoevry)" in texts[ReminderKind.UPDATE_MISSED]
    assert room.tick(minutes=6) == []  # the briefing has begun: no longer a reminder
    after = evaluate(room.board, None, room.now, room.state, room.policy)
    assert ReminderKind.BRIEFING_SOON not in {r.kind for r in after.reminders}


def test_decisions_and_significant_events_of_other_stations_only() -> None:
    entries = (
        entry("V2-0007", EntryCategory.DECISION, recorded=T0 + timedelta(minutes=1)),
        entry("V1-0040", EntryCategory.DECISION, recorded=T0 + timedelta(minutes=1)),  # mine
        entry("V3-0002", EntryCategory.SIGNIFICANT, recorded=T0 + timedelta(minutes=2),
              text="Patient 19121212-1212", hidden=True),
        entry("V2-0008", EntryCategory.INFORMATION, recorded=T0 + timedelta(minutes=1)),
        entry("V2-0001", EntryCategory.DECISION, recorded=T0 - timedelta(days=2)),  # history
        entry("V2-0009", EntryCategory.SYSTEM, recorded=T0 + timedelta(minutes=1),
              text="Beredskapsläge: Stabsläge → Normalläge (Regionen)."),
    )  # fmt: skip
    policy = ReminderPolicy(decision_prefixes=("Beredskapsläge:",))
    room = Room(board(journal=entries), policy)
    assert sorted(room.tick(minutes=3)) == [
        "decision_elsewhere", "decision_elsewhere", "significant_elsewhere",
    ]  # fmt: skip
    assert room.tick(minutes=30) == []  # never repeats
    result = evaluate(room.board, None, room.now, room.state, policy)
    texts = sorted(r.text("sv") for r in result.reminders)
    assert "Beslut registrerat på V2: Beslut: stabsläge kvarstår" in texts
    # a hidden entry's text (patient data) never reaches a notification or the wall
    assert "Väsentlig händelse registrerad på V3: V3-0002" in texts


def test_sync_failing_for_five_intervals() -> None:
    room = Room(board())
    room.sync = SyncHealth(interval_s=15, last_success_at=T0, failing=True, consecutive_failures=2)
    assert room.tick(seconds=60) == []
    assert room.tick(seconds=15) == ["sync_failing"]  # 75 s = 5 intervals
    assert room.tick(minutes=10) == []  # not repeated
    room.sync = replace(room.sync, failing=False, last_success_at=room.now)
    assert evaluate(room.board, room.sync, room.now, room.state, room.policy).reminders == ()
    room.sync = replace(room.sync, failing=True, consecutive_failures=5)
    assert room.tick(seconds=1) == ["sync_failing"]  # a new outage is a new cause


def test_quiet_hours_defer_notifications_but_keep_the_list() -> None:
    quiet = QuietHours.parse("22:00-06:00")
    assert quiet is not None and str(quiet) == "22:00-06:00"
    night = datetime(2024, 1, 29, 22, 30, tzinfo=UTC)  # 23:30 in Stockholm
    action = Action("a1", "ev", "Informera", due_at=night - timedelta(minutes=1))
    room = Room(board(actions=(action,)), ReminderPolicy(quiet=quiet))
    room.now = night
    result = evaluate(room.board, None, room.now, room.state, room.policy)
    assert result.quiet and result.due == () and len(result.reminders) == 1
    room.now = datetime(2024, 1, 30, 5, 0, tzinfo=UTC)  # 06:00: quiet hours end
    assert room.tick() == ["action_overdue"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("22:00-06:00", time(22), time(6)), ("07.30 – 08:00", time(7, 30), time(8)), ("", None, None)],
)
def test_quiet_hours_parse(text: str, start: time | None, end: time | None) -> None:
    parsed = QuietHours.parse(text)
    assert (parsed.start, parsed.end) == (start, end) if parsed else start is None


@pytest.mark.parametrize("text", ["22", "22:00", "25:00-06:00", "08:00-08:00", "kväll"])
def test_quiet_hours_refuse_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        QuietHours.parse(text)


def test_keys_are_stable_and_refs_short() -> None:
    action = Action("a1", "ev", "X", due_at=T0 - timedelta(minutes=1))
    one = evaluate(board(actions=(action,)), None, T0, ReminderState())
    two = evaluate(board(actions=(action,)), None, T0 + timedelta(hours=1), ReminderState())
    assert one.reminders[0].key == two.reminders[0].key
    ref = one.reminders[0].ref
    assert len(ref) == 8 and one.find(ref) == one.reminders[0]
    assert ReminderKind.ACTION_OVERDUE.repeats and not ReminderKind.BRIEFING_SOON.repeats
    assert ReminderKind.ACTION_OVERDUE.label("sv") == "Försenad åtgärd"
