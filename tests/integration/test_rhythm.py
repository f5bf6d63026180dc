"""The staff's rhythm through the services and the CLI (issue 11): deadline clocks, briefings and
their agenda, event templates, ÖVNING in the data exports, privacy of the lägesbild."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from situation_board.domain.enums import DeadlineKind, DeadlineStatus, EntryCategory, Urgency
from situation_board.domain.errors import StateError, ValidationError
from situation_board.domain.timeutil import add_months, iso
from situation_board.store import migrate
from situation_board.store.database import LocalStore
from tests.conftest import DEMO_AS_OF, cli, show_json
from tests.pnr import personnummer

from .helpers import FakeClock, open_service

NOW = datetime.fromisoformat(DEMO_AS_OF)  # Monday 29 January 2024 16:00, the demo's end


@pytest.fixture
def board(demo_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "board.db"
    shutil.copy(demo_db, db)
    return db


def ok(db: Path, *args: str, now: datetime | str = NOW) -> str:
    proc = cli(*args, "--db", str(db), now=now)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def refused(db: Path, *args: str, now: datetime | str = NOW) -> str:
    proc = cli(*args, "--db", str(db), now=now)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert len(proc.stderr.strip().splitlines()) == 1
    return proc.stderr


# ---------------------------------------------------------------------- deadline clocks


@pytest.fixture
def svc(db: Path):
    clock = FakeClock(datetime.fromisoformat("2024-03-01T09:00+01:00"))
    service = open_service(db, clock)
    service.start_event("Cyberangrepp")
    service.clock_ = clock  # type: ignore[attr-defined]
    return service


def _texts(svc) -> list[str]:
    return [e.text for e in svc.journal() if e.category is EntryCategory.SYSTEM]


def test_the_nis2_stages_start_together_and_the_final_report_follows_the_notification(
    svc,
) -> None:
    clock: FakeClock = svc.clock_
    aware = clock.now - timedelta(hours=1)
    started = svc.start_deadlines(DeadlineKind.NIS_EARLY_WARNING, aware_at=aware).value
    warning, notification, final = started
    assert [c.kind for c in started] == [
        DeadlineKind.NIS_EARLY_WARNING,
        DeadlineKind.NIS_NOTIFICATION,
        DeadlineKind.NIS_FINAL_REPORT,
    ]
    assert warning.due_at == aware + timedelta(hours=24)
    assert notification.due_at == aware + timedelta(hours=72)
    assert final.follows_id == notification.id
    assert final.due_at == add_months(notification.due_at, 1)  # provisional
    assert sum(t.startswith("Frist startad:") for t in _texts(svc)) == 3

    clock.advance(hours=30)
    reported = svc.report_deadline(notification.id, reference="MCF-2024-17").value
    assert reported.status(clock.now) is DeadlineStatus.REPORTED
    moved = next(c for c in svc.deadlines() if c.id == final.id)
    assert moved.due_at == add_months(clock.now, 1)  # one month after the notification
    assert iso(moved.due_at) == "2024-04-02T15:00:00+02:00"  # 2 March 15:00 +01:00, a month on
    assert any(t.startswith("Frist flyttad: ") and "en månad" in t for t in _texts(svc))
    # the early warning was not sent in time: its report needs the reasons
    with pytest.raises(ValidationError) as err:
        svc.report_deadline(warning.id, reference="MCF-1")
    assert err.value.key == "late_reason_required"


def test_not_required_needs_a_reason_closes_once_and_takes_the_final_report_along(svc) -> None:
    _warning, notification, final = svc.start_deadlines(DeadlineKind.NIS_NOTIFICATION).value
    with pytest.raises(ValidationError):
        svc.mark_deadline_not_required(notification.id, "  ")
    closed = svc.mark_deadline_not_required(notification.id, "Inte en betydande incident").value
    assert closed.status(svc.now()) is DeadlineStatus.NOT_REQUIRED
    assert closed.urgency(svc.now()) is Urgency.CLOSED
    after = next(c for c in svc.deadlines() if c.id == final.id)
    assert after.not_required_reason.endswith("krävs inte")
    with pytest.raises(StateError) as err:
        svc.report_deadline(notification.id)
    assert err.value.key == "deadline_closed"
    with pytest.raises(StateError):
        svc.mark_deadline_not_required(notification.id, "igen")
    assert any(
        t == "Frist krävs inte: NIS-incident, incidentanmälan. Skäl: Inte en betydande incident"
        for t in _texts(svc)
    )


def test_each_clock_keeps_its_own_history_in_the_journal(svc) -> None:
    """What the journal says about a clock (the window's history): its own start, move, report
    or closing — even beside a clock of the same title — and entries quoting its reference."""
    clock: FakeClock = svc.clock_
    first = svc.start_deadline(DeadlineKind.IMY_BREACH, aware_at=clock.now - timedelta(hours=2))
    clock.advance(minutes=10)
    second = svc.start_deadline(DeadlineKind.IMY_BREACH, aware_at=clock.now - timedelta(hours=1))
    _w, notification, final = svc.start_deadlines(DeadlineKind.NIS_EARLY_WARNING).value
    clock.advance(hours=1)
    svc.report_deadline(first.value.id, reference="IMY-DI-2024-42")
    svc.add_entry("IMY ringde om IMY-DI-2024-42: kompletteringen kan vänta")
    svc.mark_deadline_not_required(second.value.id, "Samma incident som den första")
    svc.report_deadline(notification.id, reference="MCF-9")

    def history(ref: str) -> list[str]:
        return [e.text for e in svc.deadline_history(ref)]

    assert [t.split(":")[0] for t in history(first.value.id)] == [
        "Frist startad",
        "Frist rapporterad",
        "IMY ringde om IMY-DI-2024-42",
    ]
    assert [t.split(":")[0] for t in history(second.value.id)] == [
        "Frist startad",
        "Frist krävs inte",
    ]
    assert "Kännedom 2024-03-01 08:10" in history(second.value.id)[0]
    moved = history(final.id)
    assert [t.split(":")[0] for t in moved] == ["Frist startad", "Frist flyttad"]


def test_kinds_without_a_statutory_time_and_supplements(svc) -> None:
    for kind, key in (
        (DeadlineKind.POLICE_REPORT, "due_required"),
        (DeadlineKind.CUSTOM, "empty_text"),
    ):
        with pytest.raises(ValidationError) as err:
            svc.start_deadline(kind)
        assert err.value.key == key
    with pytest.raises(ValidationError) as err:
        svc.start_deadline(DeadlineKind.CUSTOM, title="Rapport till Socialstyrelsen")
    assert err.value.key == "custom_needs_time"
    custom = svc.start_deadline(
        DeadlineKind.CUSTOM, title="Rapport till Socialstyrelsen", hours=48
    ).value
    assert custom.due_at - custom.aware_at == timedelta(hours=48) and custom.source == ""
    imy = svc.start_deadline(DeadlineKind.IMY_BREACH).value
    supplement = svc.start_deadline(
        DeadlineKind.IMY_SUPPLEMENT, due_at=svc.now() + timedelta(days=7)
    ).value
    assert supplement.follows_id == imy.id and supplement.source == "GDPR art. 33.4"
    with pytest.raises(ValidationError) as err:
        svc.report_deadline(imy.id, reported_at=imy.aware_at - timedelta(hours=1))
    assert err.value.key == "period_reversed"


def test_deadline_list_shows_the_demos_imy_clock_reported_with_its_reference(board: Path) -> None:
    lines = ok(board, "deadline", "list").splitlines()
    assert len(lines) == 1
    assert "Rapporterad" in lines[0] and "Anmälan via IMY:s e-tjänst" in lines[0]
    assert "GDPR art. 33.1" in lines[0]
    (clock,) = json.loads(ok(board, "deadline", "list", "--json"))
    assert clock["kind"] == "imy_breach" and clock["status"] == "reported"
    assert clock["reference"] == "Anmälan via IMY:s e-tjänst" and clock["urgency"] == "closed"
    assert clock["reported_at"] == "2024-01-25T15:45:00+01:00"
    assert clock["due_at"] == "2024-01-28T08:50:00+01:00"


def test_nis2_from_the_cli_and_a_running_clocks_warning_state(board: Path) -> None:
    out = ok(board, "deadline", "add", "nis2", "--aware", "2024-01-29T08:00")
    assert len(out.splitlines()) == 3
    assert "senast 2024-01-30 08:00 +01:00" in out.splitlines()[0]
    listed = json.loads(ok(board, "deadline", "list", "--json"))
    warning = next(c for c in listed if c["kind"] == "nis_early_warning")
    # 8 of 24 hours gone at 16:00: calm; at 20:00, half; at 03:12 the next day, 80 %
    assert (warning["urgency"], warning["elapsed_percent"]) == ("calm", 33)
    at = {
        "2024-01-29T20:00+01:00": "warning",
        "2024-01-30T03:12+01:00": "urgent",
        "2024-01-30T08:01+01:00": "overdue",
    }
    for when, urgency in at.items():
        data = json.loads(ok(board, "deadline", "list", "--json", now=when))
        assert next(c for c in data if c["kind"] == "nis_early_warning")["urgency"] == urgency
    # `show --json` carries the same shape
    shown = show_json(board, now=NOW)["deadlines"]
    assert {c["kind"] for c in shown} >= {"nis_notification", "nis_final_report"}


def test_the_old_kind_other_is_read_as_custom_after_the_migration(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    clock = FakeClock()
    svc = open_service(db, clock)
    svc.start_event("Gammal tavla")
    svc.store.close()
    store = LocalStore(db)
    with store.engine.connect() as conn:
        migrate.LOCAL.config(conn)
        from alembic import command

        command.downgrade(migrate.LOCAL.config(conn), "0002")
        conn.execute(
            text(
                "INSERT INTO deadlines (id, event_id, kind, title, aware_at, due_at, reference,"
                " late_reason, deleted, versions) SELECT '0190a0a0-0000-7000-8000-000000000001',"
                " id, 'other', 'Rapport till länsstyrelsen', started_at, started_at, '', '',"
                " 0, '{}' FROM events"
            )
        )
        conn.commit()
    store.close()
    svc = open_service(db, clock)  # upgrades to 0003_rhythm
    (old,) = svc.deadlines()
    assert old.kind is DeadlineKind.CUSTOM and old.title == "Rapport till länsstyrelsen"
    assert old.not_required_reason == "" and old.follows_id is None


# ---------------------------------------------------------------------- briefings


def test_a_daily_rhythm_is_scheduled_listed_and_cancelled(board: Path) -> None:
    out = ok(board, "briefing", "add", "2024-01-29T17:00", "--daily", "15:00,08:30")
    assert "dagligen 08:30, 15:00: 30 jan. 08:30, 30 jan. 15:00" in out
    short = out.split()[0]
    listed = ok(board, "briefing", "list")
    assert f"{short}  Stabsorientering, dagligen 08:30, 15:00: nästa 2024-01-30 08:30" in listed
    data = show_json(board, now=NOW)["briefings"]
    rhythm = next(b for b in data if b["recurrence"])
    assert rhythm["recurrence"] == "daily 08:30,15:00"
    assert rhythm["next_at"] == "2024-01-30T08:30:00+01:00"
    ok(board, "briefing", "cancel", short, now="2024-01-31T09:00+01:00")
    assert "inställd 31 jan. 09:00" in ok(board, "briefing", "list", now="2024-02-01T09:00+01:00")
    assert "redan inställd" in refused(board, "briefing", "cancel", short)
    assert "08:00,13:00,16:00" in refused(board, "briefing", "add", "17:00", "--daily", "8")
    assert "1 till 48" in refused(board, "briefing", "add", "17:00", "--every", "0")


def test_the_agenda_of_the_next_briefing_on_the_demo_board(board: Path) -> None:
    agenda = ok(board, "briefing", "agenda")
    lines = agenda.splitlines()
    assert lines[0] == (
        "DAGORDNING – Stabsorientering 2024-01-29 16:30 +01:00 (SO 2024-01-29 16:30)"
    )
    assert "Sedan förra stabsorienteringen: 2024-01-24 08:30 +01:00 (SO 2024-01-24 08:30)" in lines
    part = {n: agenda.split(f"\n{n}. ")[1].split("\n\n")[0] for n in range(1, 8)}
    assert part[1].startswith("Beredskapsläge\n  Stabsläge (Region Västerbotten)")
    assert "den alternativa lösningen för utskrivning ska driftsättas" in part[2]
    assert "Regionalt stabsläge kvarstår" in part[2]
    assert (
        "System Beställningssystemet för förbrukningsartiklar: status: Ur funktion → Fungerar"
        in part[3]
    )
    assert "Uteblivna uppdateringar från leverantörer:\n    Utskrivningssystemet" in part[3]
    overdue, due_soon = part[4].split("Förfaller senast 30 jan. 08:30:")
    assert "Begär ny prognos från leverantören" in overdue
    assert "Driftsätta den alternativa lösningen för utskrivning" in due_soon
    assert part[5].startswith("Lagstadgade frister som löper\n  Inga.")
    assert "Personuppgiftsincident till IMY: Rapporterad (25 jan. 15:45, Anmälan via IMY" in part[5]
    assert part[6] == "Olösta synkkonflikter\n  Inga."
    assert part[7].strip() == "Nästa stabsorientering\n  Stabsorientering 2024-01-30 08:30 +01:00"
    assert "ÖVNING" not in agenda


def test_the_agenda_in_english_and_for_a_named_briefing(board: Path, tmp_path: Path) -> None:
    config = tmp_path / "en.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    agenda = ok(board, "briefing", "agenda", "--config", str(config))
    assert agenda.startswith("AGENDA – Stabsorientering 2024-01-29 16:30 +01:00")
    for heading in (
        "1. Readiness level",
        "2. Decisions since the previous briefing",
        "7. Next briefing",
    ):
        assert heading in agenda
    assert "Utelämnat" not in agenda and "Inga." not in agenda
    briefings = json.loads(ok(board, "show", "--json"))["briefings"]
    tomorrow = next(b for b in briefings if b["at"].startswith("2024-01-30"))
    named = ok(board, "briefing", "agenda", "--briefing", tomorrow["id"][-8:])
    assert named.startswith("DAGORDNING – Stabsorientering 2024-01-30 08:30")
    assert "Sedan förra stabsorienteringen: 2024-01-29 16:30" in named


def test_decisions_at_a_briefing_carry_its_reference(board: Path) -> None:
    error = refused(board, "briefing", "decision", "Stabsläget kvarstår")
    assert "Ingen stabsorientering pågår" in error
    number = ok(board, "briefing", "decision", "Stabsläget kvarstår", now="2024-01-29T16:45+01:00")
    assert re.fullmatch(r"V1-\d{4}", number.split()[0])
    entry = json.loads(ok(board, "log", "list", "--json", now="2024-01-29T16:50+01:00"))[-1]
    assert entry["category"] == "decision"
    assert entry["text"] == "Beslut (Stabsorientering SO 2024-01-29 16:30): Stabsläget kvarstår"
    assert entry["occurred_at"] == "2024-01-29T16:45:00+01:00"
    # the next briefing's agenda lists it among the decisions since this one
    agenda = ok(board, "briefing", "agenda", now="2024-01-29T20:00+01:00")
    assert "SO 2024-01-29 16:30): Stabsläget kvarstår" in agenda.split("\n3. ")[0]


def test_the_agenda_leaves_out_hidden_entries_and_personal_identity_numbers(board: Path) -> None:
    pnr = personnummer(2094, 3, 9, 321)
    ok(board, "log", "add", f"Beslut om patient {pnr}", "--category", "decision", "--force")
    ok(board, "log", "add", "Internt beslut", "--category", "decision", "--hidden-from-wall")
    agenda = ok(board, "briefing", "agenda")
    assert pnr not in agenda and "Internt beslut" not in agenda
    assert (
        "Utelämnat i detta dokument: 1 journalpost dold på väggskärmen och 1 post som ser ut att "
        "innehålla ett personnummer." in agenda
    )


# ---------------------------------------------------------------------- templates


def test_an_exercise_from_the_it_template_is_seeded(db: Path) -> None:
    start = "2024-03-30T20:00+01:00"
    out = ok(
        db,
        "event",
        "new",
        "Övning IT-avbrott",
        "--template",
        "it-avbrott-leverantor",
        "--exercise",
        now=start,
    )
    assert "Från mallen ”IT-avbrott hos leverantör”: 4 system, 10 åtgärder" not in out
    assert "Från mallen ”IT-avbrott hos leverantör”: 4 system, 8 åtgärder, 2 frister" in out
    assert out.rstrip().endswith("ÖVNING")
    data = show_json(db, now=start)
    assert data["event"]["exercise"] is True
    assert {s["name"]: s["status"] for s in data["systems"]}["Utskrivningssystem"] == "unknown"
    assert next(s for s in data["systems"] if s["name"] == "Utskrivningssystem")[
        "personal_data_affected"
    ]
    actions = {a["title"]: a for a in data["actions"]}
    assert len(actions) == 10  # 8 actions and 2 deadline clocks to decide on
    assert actions["Aktivera reservrutiner i berörda verksamheter"]["due_at"] == (
        "2024-03-30T21:00:00+01:00"
    )
    # 24 real hours later, across the March change
    assert actions["Ta fram en alternativ lösning för de berörda processerna"]["due_at"] == (
        "2024-03-31T21:00:00+02:00"
    )
    imy = next(a for a in actions if a.startswith("Ta ställning till frist: Anmälan av person"))
    assert "GDPR art. 33.1" in imy and actions[imy]["priority"] == "high"
    assert data["deadlines"] == []
    (rhythm,) = data["briefings"]
    assert rhythm["recurrence"] == "daily 08:30,15:00"
    assert rhythm["next_at"] == "2024-03-31T08:30:00+02:00"
    texts = [e["text"] for e in data["journal"]]
    assert texts[:2] == [
        "Övning startad: Övning IT-avbrott.",
        "Händelsemall: IT-avbrott hos leverantör (it-avbrott-leverantor) – 4 system att "
        "kontrollera, 8 åtgärder, 2 frister att ta ställning till, stabsorienteringar.",
    ]


def test_the_cyber_template_starts_the_nis2_clocks_at_the_events_start(db: Path) -> None:
    ok(
        db,
        "event",
        "new",
        "Angrepp",
        "--template",
        "cyberangrepp",
        "--started",
        "2024-01-29T14:00",
        now=NOW,
    )
    clocks = json.loads(ok(db, "deadline", "list", "--json"))
    assert [c["kind"] for c in clocks] == [
        "nis_early_warning",
        "nis_notification",
        "nis_final_report",
    ]
    assert clocks[0]["aware_at"] == "2024-01-29T14:00:00+01:00"
    assert clocks[0]["due_at"] == "2024-01-30T14:00:00+01:00"
    assert next(b for b in show_json(db, now=NOW)["briefings"])["next_at"] == (
        "2024-01-29T18:00:00+01:00"
    )


def test_a_broken_region_template_is_named_and_the_others_still_load(
    db: Path, tmp_path: Path
) -> None:
    region = tmp_path / "mallar"
    region.mkdir()
    (region / "trasig.toml").write_text('name = "Trasig"\n\n[[actions]\n', encoding="utf-8")
    (region / "egen.toml").write_text('name = "Egen mall"\n', encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'templates_dir = "{region}"\n', encoding="utf-8")
    proc = cli("template", "list", "--config", str(config), "--db", str(db), now=NOW)
    assert proc.returncode == 0
    ids = [line.split()[0] for line in proc.stdout.splitlines()]
    assert ids == ["cbrn", "cyberangrepp", "egen", "it-avbrott-leverantor", "vardplatsbrist"]
    assert proc.stderr.strip() == (
        f"situation-board: Mallen {region / 'trasig.toml'} är trasig på rad 3: inte giltig TOML "
        "(kolumn 10): Expected ']]' at the end of an array declaration"
    )
    error = refused(db, "event", "new", "X", "--template", "trasig", "--config", str(config))
    assert "trasig.toml" in error and "rad 3" in error
    assert "ingen mall som matchar ”saknas”" in refused(
        db, "event", "new", "X", "--template", "saknas"
    )
    assert not db.exists()  # the template is checked before the board is even opened
    listed = json.loads(ok(db, "template", "list", "--json", "--config", str(config)))
    assert len(listed["templates"]) == 5 and len(listed["problems"]) == 1


# ---------------------------------------------------------------------- exercise exports


def test_exercise_exports_say_ovning_and_never_mix_with_a_real_event(
    db: Path, tmp_path: Path
) -> None:
    t0 = datetime.fromisoformat("2024-02-05T09:00+01:00")
    ok(db, "event", "new", "Övning CBRN", "--template", "cbrn", "--exercise", now=t0)
    ok(db, "log", "add", "Övningsinspel 1", now=t0 + timedelta(minutes=5))
    later = t0 + timedelta(minutes=10)

    csv_file = tmp_path / "ovning.csv"
    assert ok(db, "export", "journal-csv", str(csv_file), now=later).startswith("ÖVNING: ")
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Övning" and {r[-1] for r in rows[1:]} == {"ÖVNING"}
    json_file = tmp_path / "ovning.json"
    ok(db, "export", "journal-json", str(json_file), now=later)
    doc = json.loads(json_file.read_text(encoding="utf-8"))
    assert (doc["exercise"], doc["marking"]) == (True, "ÖVNING")
    assert doc["event"]["name"] == "Övning CBRN" and all(e["exercise"] for e in doc["entries"])
    listed = json.loads(ok(db, "log", "list", "--json", now=later))
    assert listed and all(e["exercise"] is True for e in listed)
    report = ok(db, "export", "lagesbild", "-", now=later)
    assert report.startswith("LÄGESBILD – Övning CBRN – ÖVNING\nÖVNING ÖVNING ÖVNING\n")
    assert report.rstrip().endswith("ÖVNING ÖVNING ÖVNING")
    exercise_id = doc["event"]["id"]

    ok(db, "event", "close", "--reason", "Övningen slut", now=later)
    real = later + timedelta(hours=1)
    ok(db, "event", "new", "Verklig händelse", now=real)
    ok(db, "log", "add", "Skarpt läge", now=real)
    for name, args in (
        ("real.csv", ("export", "journal-csv")),
        ("real.json", ("export", "journal-json")),
        ("real.txt", ("export", "lagesbild")),
    ):
        out = ok(db, *args, str(tmp_path / name), now=real)
        content = (tmp_path / name).read_text(encoding="utf-8-sig")
        assert "ÖVNING" not in content and "ÖVNING" not in out
        assert "Övningsinspel" not in content and "Övning CBRN" not in content
        assert "Skarpt läge" in content or name == "real.txt"
    assert all(
        e["exercise"] is False for e in json.loads(ok(db, "log", "list", "--json", now=real))
    )
    again = tmp_path / "again.json"
    ok(db, "export", "journal-json", str(again), "--event", exercise_id, now=real)
    assert json.loads(again.read_text(encoding="utf-8"))["marking"] == "ÖVNING"


# ---------------------------------------------------------------------- privacy


def test_the_lagesbild_text_leaves_out_hidden_entries_and_personal_identity_numbers(
    board: Path, tmp_path: Path
) -> None:
    pnr = personnummer(2092, 8, 17, 55)
    ok(
        board,
        "log",
        "add",
        f"Väsentligt: patient {pnr} flyttad",
        "--category",
        "significant",
        "--force",
    )
    ok(
        board,
        "log",
        "add",
        "Intern bedömning",
        "--category",
        "significant",
        "--to",
        "Kommunikationsdirektören",
        "--hidden-from-wall",
    )
    report = ok(board, "export", "lagesbild", "-")
    assert pnr not in report and "Intern bedömning" not in report
    assert "Kommunikationsdirektören" not in report  # its parties stay inside too
    assert (
        "Utelämnat i detta dokument: 1 journalpost dold på väggskärmen och 1 post som ser ut att "
        "innehålla ett personnummer." in report.splitlines()[:8]
    )
    # the closure archive is the internal record: it keeps both
    target = tmp_path / "arkiv"
    ok(board, "export", "archive", str(target))
    kept = (
        target / "representations" / "tables" / "data" / "json" / "stabsjournal.json"
    ).read_text(encoding="utf-8")
    assert pnr in kept and "Intern bedömning" in kept


def test_the_staffs_own_text_in_the_lagesbild_holds_no_personal_identity_number(
    board: Path,
) -> None:
    pnr = personnummer(2096, 1, 2, 88)
    error = refused(board, "export", "lagesbild", "-", "--section", f"handelsen=Patient {pnr}")
    assert "personnummer" in error
    assert "personnummer" in refused(board, "export", "lagesbild", "-", "--contact", pnr)
