"""The CLI as a user runs it: real processes, real files, the documented JSON shape."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import DEMO_AS_OF, cli, run_cli, show_json

SHAPE = {
    "event": {"id", "name", "exercise", "started_at", "closed_at"},
    "level": {"level", "label", "scope", "decided_by", "reason", "decided_at"},
    "systems": {
        "id",
        "name",
        "status",
        "supplier",
        "processes",
        "reserve_routine_active",
        "reserve_routine",
        "workaround",
        "prognosis",
        "personal_data_affected",
        "next_update_at",
    },
    "actions": {"id", "title", "owner", "due_at", "priority", "status", "overdue", "system_id"},
    "journal": {
        "id",
        "number",
        "occurred_at",
        "recorded_at",
        "author",
        "function",
        "category",
        "medium",
        "from",
        "to",
        "text",
        "corrects",
        "hidden_from_wall",
    },
    "deadlines": {
        "id",
        "kind",
        "title",
        "aware_at",
        "due_at",
        "status",
        "reported_at",
        "reference",
    },
    "briefings": {"id", "at", "title"},
    "sync": {"store", "last_success_at", "pending", "conflicts"},
}


@pytest.fixture
def board(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "board.db"
    shutil.copy(demo_db, copy)
    return copy


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("situation-board 0.")


def test_demo_board_in_documented_shape(demo_db: Path) -> None:
    data = show_json(demo_db, now=DEMO_AS_OF)
    for key, fields in SHAPE.items():
        assert key in data
        items = data[key] if isinstance(data[key], list) else [data[key]]
        assert items, key
        for item in items:
            assert fields <= set(item), (key, fields - set(item))
    assert data["event"]["name"].startswith("It-störningar hos leverantörer")
    assert data["level"]["level"] == "staff" and data["level"]["label"] == "Stabsläge"
    assert data["level"]["decided_at"] == "2024-01-22T14:05:00+01:00"
    systems = {s["name"]: s for s in data["systems"]}
    discharge, ordering = (
        systems["Utskrivningssystemet"],
        systems["Beställningssystemet för förbrukningsartiklar"],
    )
    assert discharge["status"] == "down" and discharge["reserve_routine_active"]
    assert "ärendehanteringssystem" in discharge["workaround"]
    assert discharge["personal_data_affected"] and discharge["prognosis"] is None
    assert ordering["status"] == "functional"
    titles = {a["title"]: a for a in data["actions"]}
    assert titles["Begär ny prognos från leverantören för utskrivningssystemet"]["overdue"]
    assert (
        titles["Anmäl personuppgiftsincident till Integritetsskyddsmyndigheten (IMY)"]["status"]
        == "done"
    )
    assert (
        data["deadlines"][0]["kind"] == "imy_breach"
        and data["deadlines"][0]["status"] == "reported"
    )
    numbers = [e["number"] for e in data["journal"]]
    assert len(numbers) == len(set(numbers)) > 40
    assert all(n.startswith("V1-") for n in numbers)
    occurred = [e["occurred_at"] for e in data["journal"]]
    assert occurred == sorted(occurred)
    assert data["sync"]["pending"] > 0


def test_log_list_in_order_with_numbers(demo_db: Path) -> None:
    proc = cli("log", "list", "--db", str(demo_db), check=True)
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("V1-0002") and "Tietoevry" in lines[0]
    assert any(line.startswith("V1-0001 ") for line in lines)
    as_json = json.loads(cli("log", "list", "--json", "--db", str(demo_db), check=True).stdout)
    assert len(as_json) == len(lines)
    assert set(as_json[0]) >= SHAPE["journal"]
    since = json.loads(
        cli(
            "log", "list", "--json", "--since", "2024-01-29T00:00", "--db", str(demo_db), check=True
        ).stdout
    )
    assert 0 < len(since) < len(as_json)
    assert all(e["occurred_at"] >= "2024-01-29" for e in since)


def test_global_options_before_or_after_command(board: Path) -> None:
    a = cli("--db", str(board), "--user", "Anna", "log", "add", "Före", check=True)
    b = cli("log", "add", "Efter", "--db", str(board), "--user", "Anna", check=True)
    assert a.stdout.strip() and b.stdout.strip()
    entries = json.loads(cli("log", "list", "--json", "--db", str(board)).stdout)
    assert [e["author"] for e in entries[-2:]] == ["Anna", "Anna"]


def test_commands_change_the_board(board: Path, tmp_path: Path) -> None:
    cli(
        "level",
        "set",
        "förstärkningsläge",
        "--reason",
        "Fler system drabbade",
        "--by",
        "Sjukvårdsledare",
        "--db",
        str(board),
        check=True,
    )
    cli(
        "system",
        "add",
        "Journalsystem",
        "--status",
        "limited",
        "--supplier",
        "Lev",
        "--prognosis",
        "ingen prognos",
        "--db",
        str(board),
        check=True,
    )
    cli(
        "system",
        "set",
        "Journalsystem",
        "--status",
        "down",
        "--comment",
        "Helt nere",
        "--prognosis",
        "2024-01-30T12:00+01:00",
        "--db",
        str(board),
        check=True,
    )
    cli(
        "action",
        "add",
        "Ring leverantören",
        "--owner",
        "Stabschef",
        "--due",
        "2024-01-29T18:00+01:00",
        "--priority",
        "hög",
        "--system",
        "Journalsystem",
        "--db",
        str(board),
        check=True,
    )
    cli(
        "log",
        "add",
        "Samtal",
        "--category",
        "kontakt",
        "--medium",
        "telefon",
        "--from",
        "IT",
        "--to",
        "RSSL",
        "--db",
        str(board),
        check=True,
    )
    data = show_json(board)
    assert data["level"]["level"] == "reinforced"
    journal_system = next(s for s in data["systems"] if s["name"] == "Journalsystem")
    assert journal_system["status"] == "down"
    assert journal_system["prognosis"] == "2024-01-30T12:00:00+01:00"
    action = next(a for a in data["actions"] if a["title"] == "Ring leverantören")
    assert action["priority"] == "high" and action["system_id"] == journal_system["id"]
    cli("action", "done", action["short_id"], "--db", str(board), check=True)
    last = data["journal"][-1]
    assert (last["category"], last["medium"], last["from"], last["to"]) == (
        "contact",
        "phone",
        "IT",
        "RSSL",
    )
    after = {a["title"]: a for a in show_json(board)["actions"]}
    assert after["Ring leverantören"]["status"] == "done"


BAD_INPUTS = [
    (
        "unknown level",
        ["level", "set", "krisläge", "--reason", "x"],
        "Okänt värde för beredskapsläget",
    ),
    (
        "empty reason",
        ["level", "set", "staff", "--reason", "   "],
        "Motiveringen måste fyllas i",
    ),
    ("unknown status", ["system", "add", "X", "--status", "trasig"], "Okänt värde för statusen"),
    ("empty text", ["log", "add", "   "], "Texten måste fyllas i"),
    (
        "unparseable date",
        ["log", "add", "Hej", "--occurred", "igår kväll"],
        "Kan inte tolka händelsetiden",
    ),
    ("impossible date", ["log", "add", "Hej", "--occurred", "2024-02-30T10:00"], "Kan inte tolka"),
    ("absurd date", ["action", "add", "Y", "--due", "1924-01-01T10:00"], "Orimligt datum"),
    (
        "future occurred",
        ["log", "add", "Hej", "--occurred", "2099-01-01T10:00"],
        "ligger i framtiden",
    ),
    ("unknown category", ["log", "add", "Hej", "--category", "skvaller"], "kategorin"),
    ("system category", ["log", "add", "Hej", "--category", "system"], "kategorin"),
    ("unknown action id", ["action", "set", "deadbeef", "--status", "done"], "Hittar ingen åtgärd"),
    ("unknown system", ["system", "set", "Finns inte", "--status", "down"], "Hittar inget system"),
    ("missing correction", ["log", "add", "Rättelse", "--corrects", "V1-9999"], "Rättelsen pekar"),
    ("personnummer", ["log", "add", "Pat 19121212-1212"], "personnummer"),
    ("unknown priority", ["action", "add", "Z", "--priority", "akut!"], "prioriteten"),
    ("second event", ["event", "new", "En till"], "redan aktiv"),
    ("empty handover", ["handover", "--from", " ", "--to", "B"], "måste fyllas i"),
    ("ambiguous dst", ["log", "add", "Hej", "--occurred", "2023-10-29T02:30"], "två gånger"),
    ("bad station", ["log", "add", "Hej", "--station", "V 1"], "stationskod"),
    ("unknown command", ["frobnicate"], "KOMMANDO: ogiltigt val: 'frobnicate' (välj bland"),
    ("missing reason", ["level", "set", "staff"], "följande argument saknas: --reason (se --help)"),
    ("unknown option", ["show", "--bogus"], "fel i kommandoraden: okända argument: --bogus"),
    ("option without value", ["log", "list", "--since"], "--since: ett värde behövs"),
]


@pytest.mark.parametrize(("label", "args", "fragment"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_refused_on_one_line_and_changes_nothing(
    board: Path, label: str, args: list[str], fragment: str
) -> None:
    before = show_json(board, now=DEMO_AS_OF)
    proc = cli(*args, "--db", str(board), now=DEMO_AS_OF)
    assert proc.returncode == 2, (label, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert fragment.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in proc.stderr
    assert show_json(board, now=DEMO_AS_OF) == before


def test_english_messages_when_configured(board: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "en.toml"
    cfg.write_text('language = "en"\n', encoding="utf-8")
    proc = cli("log", "add", " ", "--db", str(board), "--config", str(cfg))
    assert (
        proc.returncode == 2
        and proc.stderr.strip() == "situation-board: The text must not be empty."
    )


def test_english_usage_errors_when_configured(board: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "en.toml"
    cfg.write_text('language = "en"\n', encoding="utf-8")
    proc = cli("level", "set", "staff", "--db", str(board), "--config", str(cfg))
    assert proc.returncode == 2 and proc.stderr.strip() == (
        "situation-board: usage error: the following arguments are required: --reason (see --help)"
    )


@pytest.mark.parametrize(
    "args",
    [["show", "--json"], ["log", "list"], ["action", "list"], ["export", "journal-csv", "-"]],
)
def test_reading_a_board_that_is_not_there_creates_nothing(tmp_path: Path, args) -> None:
    """A mistyped --db: said so, exit 2, no new file or folder (not an empty board)."""
    missing = tmp_path / "typo" / "bord.db"
    proc = cli(*args, "--db", str(missing))
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith(f"situation-board: Det finns ingen tavla i {missing}.")
    assert not missing.parent.exists()


def test_broken_config_is_refused(board: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("sync_interval_s = 'ofta'\n", encoding="utf-8")
    before = show_json(board)
    proc = cli("log", "add", "Hej", "--db", str(board), "--config", str(cfg))
    assert proc.returncode == 2 and "Fel i konfigurationsfilen" in proc.stderr
    assert show_json(board) == before


def test_no_active_event_message(tmp_path: Path) -> None:
    proc = cli("log", "add", "Hej", "--db", str(tmp_path / "empty.db"))
    assert proc.returncode == 2
    assert "ingen aktiv händelse" in proc.stderr


def test_event_lifecycle(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    cli("event", "new", "Övning Vinter", "--exercise", "--db", db, check=True)
    cli("level", "set", "staff", "--reason", "Övning", "--db", db, check=True)
    cli("event", "close", "--reason", "Övningen slut", "--db", db, check=True)
    events = json.loads(cli("event", "list", "--json", "--db", db, check=True).stdout)
    assert events[0]["exercise"] and events[0]["closed_at"]
    assert show_json(Path(db))["event"] is None


def test_demo_refuses_a_database_with_data(board: Path) -> None:
    proc = cli("demo", "--no-gui", "--db", str(board))
    assert proc.returncode == 2 and "innehåller redan data" in proc.stderr


def test_live_demo_looks_live(tmp_path: Path) -> None:
    """Whole days of shift (issue 12): the case's last day is today, replayed up to now, so the
    times of day are the real ones and some actions are late while others are still due."""
    from datetime import datetime

    db = tmp_path / "live.db"
    now = "2025-12-03T15:30:00+01:00"
    cli("demo", "--no-gui", "--db", str(db), now=now, check=True)
    data = show_json(db, now=now)
    last = max(datetime.fromisoformat(e["recorded_at"]) for e in data["journal"])
    assert last.date().isoformat() == "2025-12-03" and last <= datetime.fromisoformat(now)
    assert data["level"]["decided_at"] == "2025-11-26T14:05:00+01:00"
    open_due = [a for a in data["actions"] if a["status"] in ("open", "in_progress")]
    assert any(not a["overdue"] for a in open_due) and any(a["overdue"] for a in open_due)


def test_handover_from_cli(board: Path) -> None:
    proc = cli(
        "handover",
        "--from",
        "Dagpass",
        "--to",
        "Kvällspass",
        "--note",
        "Lugnt läge",
        "--db",
        str(board),
        now=DEMO_AS_OF,
        check=True,
    )
    assert "Överlämning" in proc.stdout
    last = proc.stdout.strip().splitlines()[-1]
    assert last == "Överlämningen från Dagpass till Kvällspass är signerad i stabsjournalen."
    texts = [e["text"] for e in show_json(board)["journal"]]
    assert "Överlämningen kvitterad av Kvällspass." in texts


def test_a_mistyped_prognosis_date_is_an_error_not_text(board: Path) -> None:
    before = show_json(board, now=DEMO_AS_OF)
    proc = cli(
        "system",
        "set",
        "Utskrivningssystemet",
        "--prognosis",
        "2024-13-45",
        "--db",
        str(board),
        now=DEMO_AS_OF,
    )
    assert proc.returncode == 2 and "Kan inte tolka prognosen" in proc.stderr
    assert show_json(board, now=DEMO_AS_OF) == before


def test_personnummer_is_refused_in_every_free_text_field(board: Path) -> None:
    before = show_json(board, now=DEMO_AS_OF)
    for args in (
        ["action", "add", "Ring 19121212-1212 om provsvar"],
        ["system", "add", "X", "--status", "down", "--workaround", "pnr 121212-1212"],
        ["handover", "--from", "A", "--to", "B", "--note", "Pat 19121212-1212"],
    ):
        proc = cli(*args, "--db", str(board), now=DEMO_AS_OF)
        assert proc.returncode == 2 and "personnummer" in proc.stderr, args
    assert show_json(board, now=DEMO_AS_OF) == before
