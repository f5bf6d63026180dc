"""Every rule holds whichever face calls: a table of cases, each run through the service API and
through the CLI, expecting the same verdict (the same message key, or success) and, on refusal,
an unchanged board."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from situation_board.domain.briefings import daily_at, every_hours
from situation_board.domain.clock import fixed_clock
from situation_board.domain.entities import Actor
from situation_board.domain.enums import DeadlineKind, EntryCategory, StaffFunction, SystemStatus
from situation_board.domain.errors import BoardError
from situation_board.domain.patches import SystemPatch
from situation_board.services import BoardService
from situation_board.store.database import LocalStore
from tests.conftest import DEMO_AS_OF, cli, show_json

NOW = datetime.fromisoformat(DEMO_AS_OF)
LATE = "2024-01-29T15:00:00+01:00"  # after the IMY clock started in `board` ran out
LONG_NAME = "S" * 201

# the IMY clock this module starts: aware 26 Jan 08:00, due 29 Jan 08:00 (72 h, GDPR art. 33)
AWARE = "2024-01-26T08:00:00+01:00"
BEFORE_AWARE = "2024-01-26T07:00:00+01:00"


@dataclass(frozen=True)
class Case:
    label: str
    service: Callable[[BoardService, str], object]  # (services, the deadline's id)
    argv: Callable[[str], list[str]]  # the deadline's id -> CLI arguments
    refused: str | None  # the message key, or None: accepted


CASES = [
    Case(
        "late report without a reason (GDPR art. 33.1)",
        lambda s, d: s.report_deadline(d, reported_at=datetime.fromisoformat(LATE)),
        lambda d: ["deadline", "report", d, "--reported", LATE],
        "late_reason_required",
    ),
    Case(
        "late report with the reasons",
        lambda s, d: s.report_deadline(
            d, reported_at=datetime.fromisoformat(LATE), late_reason="Uppgifter saknades"
        ),
        lambda d: [
            "deadline",
            "report",
            d,
            "--reported",
            LATE,
            "--late-reason",
            "Uppgifter saknades",
        ],
        None,
    ),
    Case(
        "a report before the awareness",
        lambda s, d: s.report_deadline(d, reported_at=datetime.fromisoformat(BEFORE_AWARE)),
        lambda d: ["deadline", "report", d, "--reported", BEFORE_AWARE],
        "period_reversed",
    ),
    Case(
        "not required without a reason",
        lambda s, d: s.mark_deadline_not_required(d, "  "),
        lambda d: ["deadline", "not-required", d, "--reason", "  "],
        "empty_text",
    ),
    Case(
        "not required with a reason",
        lambda s, d: s.mark_deadline_not_required(d, "Ingen risk för de registrerade"),
        lambda d: ["deadline", "not-required", d, "--reason", "Ingen risk för de registrerade"],
        None,
    ),
    Case(
        "a police report needs its due time (no statutory time)",
        lambda s, d: s.start_deadline(DeadlineKind.POLICE_REPORT),
        lambda d: ["deadline", "add", "police_report"],
        "due_required",
    ),
    Case(
        "a custom deadline needs hours or a due time",
        lambda s, d: s.start_deadline(DeadlineKind.CUSTOM, title="Rapport till länsstyrelsen"),
        lambda d: ["deadline", "add", "custom", "--title", "Rapport till länsstyrelsen"],
        "custom_needs_time",
    ),
    Case(
        "a custom deadline of 48 hours",
        lambda s, d: s.start_deadline(
            DeadlineKind.CUSTOM, title="Rapport till länsstyrelsen", hours=48
        ),
        lambda d: ["deadline", "add", "custom", "--title", "Länsstyrelsen", "--hours", "48"],
        None,
    ),
    Case(
        "the NIS2 stages start together",
        lambda s, d: s.start_deadlines(DeadlineKind.NIS_EARLY_WARNING),
        lambda d: ["deadline", "add", "nis2"],
        None,
    ),
    Case(
        "awareness in the future",
        lambda s, d: s.start_deadline(DeadlineKind.IMY_BREACH, aware_at=NOW + timedelta(hours=2)),
        lambda d: ["deadline", "add", "imy_breach", "--aware", "2024-01-29T18:00+01:00"],
        "time_in_future",
    ),
    Case(
        "a briefing every 0 hours",
        lambda s, d: s.add_briefing(NOW, recurrence=every_hours(0)),
        lambda d: ["briefing", "add", "16:30", "--every", "0"],
        "bad_every_hours",
    ),
    Case(
        "daily briefings at 08:00 and 16:00",
        lambda s, d: s.add_briefing(NOW, recurrence=daily_at("08:00,16:00")),
        lambda d: ["briefing", "add", "16:00", "--daily", "08:00,16:00"],
        None,
    ),
    Case(
        "a decision at a briefing when none is under way",
        lambda s, d: s.record_briefing_decision("Stabsläget kvarstår"),
        lambda d: ["briefing", "decision", "Stabsläget kvarstår"],
        "no_briefing_in_progress",
    ),
    Case(
        "status change without a comment",
        lambda s, d: s.update_system(
            "Utskrivningssystemet", SystemPatch(status=SystemStatus.LIMITED)
        ),
        lambda d: ["system", "set", "Utskrivningssystemet", "--status", "limited"],
        "comment_required",
    ),
    Case(
        "status change with a comment",
        lambda s, d: s.update_system(
            "Utskrivningssystemet", SystemPatch(status=SystemStatus.LIMITED), comment="Delvis"
        ),
        lambda d: [
            "system",
            "set",
            "Utskrivningssystemet",
            "--status",
            "limited",
            "--comment",
            "Delvis",
        ],
        None,
    ),
    Case(
        "a prognosis as a clock time",
        lambda s, d: s.update_system("Utskrivningssystemet", SystemPatch(prognosis="18:00")),
        lambda d: ["system", "set", "Utskrivningssystemet", "--prognosis", "18:00"],
        None,
    ),
    Case(
        "prognosis '–' means explicitly no prognosis",
        lambda s, d: s.update_system("Utskrivningssystemet", SystemPatch(prognosis="–")),
        lambda d: ["system", "set", "Utskrivningssystemet", "--prognosis", "–"],
        None,  # clears the prognosis words the fixture gave it
    ),
    Case(
        "a mistyped time is not a prognosis in words",
        lambda s, d: s.update_system("Utskrivningssystemet", SystemPatch(prognosis="2024-13-45")),
        lambda d: ["system", "set", "Utskrivningssystemet", "--prognosis", "2024-13-45"],
        "bad_time",
    ),
    Case(
        "an absurd prognosis date",
        lambda s, d: s.update_system("Utskrivningssystemet", SystemPatch(prognosis="1924-01-30")),
        lambda d: ["system", "set", "Utskrivningssystemet", "--prognosis", "1924-01-30"],
        "absurd_date",
    ),
    Case(
        "a personnummer in a journal entry needs confirmation",
        lambda s, d: s.add_entry("Patient 19121212-1212 flyttad"),
        lambda d: ["log", "add", "Patient 19121212-1212 flyttad"],
        "personnummer",
    ),
    Case(
        "a personnummer in a system field is refused",
        lambda s, d: s.update_system(
            "Utskrivningssystemet", SystemPatch(workaround="Ring 19121212-1212")
        ),
        lambda d: ["system", "set", "Utskrivningssystemet", "--workaround", "Ring 19121212-1212"],
        "personnummer_field",
    ),
    Case(
        "a name over 200 characters",
        lambda s, d: s.add_system(LONG_NAME, status=SystemStatus.DOWN),
        lambda d: ["system", "add", LONG_NAME, "--status", "down"],
        "text_too_long",
    ),
    Case(
        "an entry that occurred in the future",
        lambda s, d: s.add_entry("Framtid", occurred_at=NOW + timedelta(hours=2)),
        lambda d: ["log", "add", "Framtid", "--occurred", "2024-01-29T18:00+01:00"],
        "time_in_future",
    ),
    Case(
        "a system category entry",
        lambda s, d: s.add_entry("Systempost", category=EntryCategory.SYSTEM),
        lambda d: ["log", "add", "Systempost", "--category", "system"],
        "unknown_choice",
    ),
]


@pytest.fixture
def board(demo_db: Path, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the demo board with a running IMY clock and a prognosis in words for
    Utskrivningssystemet; (path, the clock's short id)."""
    db = tmp_path / "board.db"
    shutil.copy(demo_db, db)
    proc = cli(
        "deadline", "add", "imy_breach", "--aware", AWARE, "--db", str(db), now=NOW, check=True
    )
    short = proc.stdout.split()[0]
    cli(
        "system",
        "set",
        "Utskrivningssystemet",
        "--prognosis",
        "Några dagar",
        "--db",
        str(db),
        now=NOW,
        check=True,
    )
    return db, short


def _service(db: Path) -> BoardService:
    store = LocalStore.open(db, clock=fixed_clock(NOW))
    return BoardService(store, Actor("Loggist Test", StaffFunction.LOG_KEEPER), fixed_clock(NOW))


def _without_sync(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "sync"}


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_the_service_and_the_cli_agree(case: Case, board: tuple[Path, str], tmp_path: Path) -> None:
    db, deadline = board
    twin = tmp_path / "twin.db"
    shutil.copy(db, twin)

    svc = _service(db)
    before = _without_sync(show_json(db, now=NOW))
    service_verdict = service_message = None
    try:
        case.service(svc, deadline)
    except BoardError as exc:
        service_verdict, service_message = exc.key, exc.message("sv")
    finally:
        svc.store.close()

    before_cli = _without_sync(show_json(twin, now=NOW))
    proc = cli(*case.argv(deadline), "--db", str(twin), now=NOW)
    assert service_verdict == case.refused, case.label
    if case.refused is None:
        assert proc.returncode == 0, proc.stderr
        assert _without_sync(show_json(db, now=NOW)) != before
        return
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stderr.strip().splitlines() == [f"situation-board: {service_message}"]
    assert _without_sync(show_json(db, now=NOW)) == before
    assert _without_sync(show_json(twin, now=NOW)) == before_cli
