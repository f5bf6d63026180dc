"""The report core on a real store: handover coverage, classification, lägesbild, archive.

The PDF renderer is replaced by a stub here; ``tests/integration/test_documents_pdf.py`` and
``tests/integration/test_cli_export.py`` render real PDFs.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from situation_board.domain.enums import (
    DeadlineKind,
    EntryCategory,
    Medium,
    ReadinessLevel,
    SystemStatus,
)
from situation_board.domain.errors import BoardError, NotFoundError
from situation_board.domain.patches import ActionPatch, Prognosis, SystemPatch
from situation_board.reports.archive import MANIFEST, PDF_PATH, README, write_archive
from situation_board.reports.brief import brief_text
from situation_board.reports.classify import (
    is_level_change,
    is_significant,
    is_system_change,
    is_system_status_change,
    system_history,
)
from situation_board.reports.pdf import RenderResult
from situation_board.reports.records import Document
from situation_board.reports.situation_report import (
    SECTION_KEYS,
    TO_FILL,
    build_situation_report,
    situation_report_text,
)
from situation_board.store.schema import journal

from .helpers import FakeClock, open_service


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def svc(db: Path, clock: FakeClock):
    service = open_service(db, clock, station="V1")
    service.start_event("It-störning hos leverantörer")
    clock.advance(minutes=5)
    return service


def _arrive_by_sync(svc, text: str, when, number: str = "V2-0001") -> str:
    """Insert a journal row as sync would deliver another station's entry: old times, no log."""
    event = svc.find_event()
    with svc.store.write("Loggist V2", svc.now()) as tx:
        return tx.insert(
            journal,
            {
                "event_id": event.id,
                "number": number,
                "occurred_at": when,
                "recorded_at": when,
                "author": "Loggist V2",
                "function": "log_keeper",
                "category": EntryCategory.SIGNIFICANT.value,
                "medium": None,
                "from_party": "",
                "to_party": "",
                "text": text,
                "corrects": None,
                "hidden_from_wall": False,
            },
        )


def test_handover_coverage_none_missing_none_twice_with_late_sync_arrival(svc, clock) -> None:
    svc.add_entry("Första passets information")
    clock.advance(minutes=30)
    first = svc.sign_handover("Dagpass", "Kvällspass", note="Lugnt läge").value
    assert set(first.handover.covered) == {e.id for e in svc.journal()}
    clock.advance(minutes=20)
    svc.add_entry("Efter första överlämningen")
    # Station V2 wrote this *before* the first handover; it reaches us by sync only now.
    late_at = first.handover.acknowledged_at - timedelta(minutes=40)
    late_id = _arrive_by_sync(svc, "Rakelsamband bekräftat från V2", late_at)
    clock.advance(minutes=10)

    brief = svc.handover_brief()
    assert late_id in brief.entry_ids
    assert not set(brief.entry_ids) & set(first.handover.covered)
    late = next(e for e in brief.entries if e.id == late_id)
    assert brief.arrived_late(late)
    assert "inkommen i efterhand" in brief_text(brief)
    assert brief.entries[0].id == late_id  # significant first, though its time is the oldest

    second = svc.sign_handover("Kvällspass", "Nattpass").value
    clock.advance(minutes=10)
    third = svc.sign_handover("Nattpass", "Dagpass").value  # nothing new since the second
    covers = [h.covered for h in (first.handover, second.handover, third.handover)]
    everything = [i for ids in covers for i in ids]
    assert len(everything) == len(set(everything)), "an entry was covered twice"
    assert set(everything) == {e.id for e in svc.journal()}, "an entry was never covered"
    assert third.brief.entries == ()  # the second covered its own two entries too


def test_brief_sections(svc, clock) -> None:
    discharge = svc.add_system("Utskrivningssystemet", status=SystemStatus.DOWN).value
    svc.add_action("Gammal åtgärd", ActionPatch(due_at=clock.now + timedelta(minutes=30)))
    clock.advance(minutes=10)
    svc.sign_handover("A", "B")
    clock.advance(minutes=10)
    svc.set_level(ReadinessLevel.STAFF, reason="Flera system nere", decided_by="SL")
    svc.add_entry("RSSL beslutar att öppna reservlager", category=EntryCategory.DECISION)
    svc.update_system(discharge.id, SystemPatch(next_update_at=clock.now + timedelta(hours=2)))
    svc.update_system(discharge.id, SystemPatch(status=SystemStatus.LIMITED), comment="Delvis åter")
    new = svc.add_action(
        "Ny åtgärd", ActionPatch(owner="Stabschef", due_at=clock.now + timedelta(hours=3))
    ).value
    done = svc.add_action("Klar åtgärd").value
    svc.complete_action(done.id)
    svc.start_deadline(DeadlineKind.IMY_BREACH)
    svc.add_briefing(clock.now + timedelta(hours=1), "Stabsorientering")
    svc.add_entry("Samtal med leverantören", category=EntryCategory.CONTACT, medium=Medium.PHONE)
    svc.add_action(
        "Snabb åtgärd", ActionPatch(due_at=clock.now + timedelta(minutes=5))
    )  # new, then late
    clock.advance(minutes=40)  # "Gammal åtgärd" is now overdue

    brief = svc.handover_brief()
    assert [d.level for d in brief.level_changes] == [ReadinessLevel.STAFF]
    assert [e.text for e in brief.decisions] == ["RSSL beslutar att öppna reservlager"]
    changes = [e.text for e in brief.system_changes]
    assert len(changes) == 1 and "status: Ur funktion → Begränsad funktion" in changes[0]
    assert {a.title for a in brief.new_actions} == {"Ny åtgärd", "Klar åtgärd", "Snabb åtgärd"}
    assert [a.title for a in brief.closed_actions] == ["Klar åtgärd"]
    assert {a.title for a in brief.overdue_actions} == {"Gammal åtgärd", "Snabb åtgärd"}
    assert {a.id for a in brief.open_actions} >= {new.id}
    assert [d.kind for d in brief.deadlines] == [DeadlineKind.IMY_BREACH]
    assert brief.next_briefing is not None and brief.station == "V1"
    sig = brief.significant_entries
    assert brief.entries[: len(sig)] == sig  # significant first
    assert all(is_significant(e) for e in sig) and len(sig) == 3
    assert [e.occurred_at for e in brief.other_entries] == sorted(
        e.occurred_at for e in brief.other_entries
    )
    text = brief_text(brief)
    for part in ("Beslut under perioden", "Systemändringar", "FÖRSENAD: Gammal åtgärd"):
        assert part in text
    assert "Nästa stabsorientering: 2024-01-22" in text
    # counts agree in number: one overdue, two new, one closed
    assert "Åtgärder: 3 öppna, 2 försenade, 3 nya och 1 avslutad under perioden" in text
    assert text.count("FÖRSENAD: Snabb åtgärd") == 1  # new and overdue: listed once, as overdue
    assert "Ny: FÖRSENAD" not in text
    assert "varav 3 väsentliga, dessa först" in text


def test_classification_matches_what_the_services_write(svc, clock) -> None:
    svc.set_level(ReadinessLevel.STAFF, reason="R", decided_by="SL")
    s = svc.add_system(
        "Beställning", status=SystemStatus.DOWN, details=SystemPatch(reserve_routine="Telefon")
    ).value
    svc.update_system(s.id, SystemPatch(next_update_at=clock.now + timedelta(hours=1)))
    svc.update_system(s.id, SystemPatch(name="Beställningssystemet"))
    svc.update_system(s.id, SystemPatch(status=SystemStatus.FUNCTIONAL), comment="Återställt")
    other = svc.add_system("Beställning 2", status=SystemStatus.LIMITED).value
    svc.add_action("Åtgärd om System X: något")
    entries = svc.journal()
    kinds = {
        e.text: (is_level_change(e), is_system_change(e), is_system_status_change(e))
        for e in entries
    }
    level = next(t for t in kinds if t.startswith("Beredskapsläge"))
    assert kinds[level] == (True, False, False)
    assert kinds[next(t for t in kinds if "registrerat: Beställning –" in t)] == (False, True, True)
    assert kinds[next(t for t in kinds if "nästa uppdatering" in t)] == (False, True, False)
    assert kinds[next(t for t in kinds if "Fungerar" in t)] == (False, True, True)
    assert not any(kinds[t][1] for t in kinds if t.startswith("Ny åtgärd"))

    history = system_history(svc.systems(), entries)
    mine = [e.text for e in history[s.id]]
    assert len(mine) == 4 and mine[0].startswith("Berört system registrerat: Beställning –")
    assert "namn: Beställning → Beställningssystemet" in mine[2]
    assert len(history[other.id]) == 1


def test_situation_report_prefilled_with_staff_text(svc, clock) -> None:
    svc.set_level(ReadinessLevel.STAFF, reason="It-störning", decided_by="SL", scope="Region Test")
    svc.add_system(
        "Utskrivningssystemet",
        status=SystemStatus.DOWN,
        details=SystemPatch(
            supplier="Leverantör AB",
            reserve_routine="Manuell hantering",
            prognosis=Prognosis(None, "Okänd"),
        ),
    )
    svc.add_action("Begär prognos", ActionPatch(owner="Stabschef"))
    record = svc.event_record()
    report = build_situation_report(
        record.board, record.level_history, staff_text={"bedomning": "Läget är stabilt."}
    )
    assert [s.key for s in report.sections] == list(SECTION_KEYS)
    assert report.sender.endswith("Region Test") and report.level is ReadinessLevel.STAFF
    assert "Leverantör AB" in report.section("aktorer").facts
    assert any("Manuell hantering" in f for f in report.section("resurser").facts)
    assert any("Ur funktion" in f for f in report.section("konsekvenser").facts)
    assert report.incomplete == ("handelsen", "konsekvenser", "atgarder", "resurser", "aktorer")
    text = situation_report_text(report.with_text("handelsen", "Cyberattack mot leverantör."))
    order = [
        text.index(f"{n}. {t}")
        for n, t in enumerate(
            (
                "HÄNDELSEN",
                "KONSEKVENSER",
                "ÅTGÄRDER",
                "RESURSER",
                "AKTÖRER",
                "BEDÖMNING OCH PROGNOS",
            ),
            1,
        )
    ]
    assert order == sorted(order)
    assert "Cyberattack mot leverantör." in text and "Läget är stabilt." in text
    assert text.count(TO_FILL) == 4 + 1  # four sections and the contact person
    with pytest.raises(KeyError):
        build_situation_report(record.board, record.level_history, staff_text={"x": "y"})


def _fake_pdf(document: Document, path: Path) -> RenderResult:
    path.write_bytes(b"%PDF-1.4 stub\n" + document.html.encode("utf-8"))
    return RenderResult(1)


def test_archive_of_a_closed_event_verifies(svc, clock, tmp_path: Path) -> None:
    svc.set_level(ReadinessLevel.STAFF, reason="Test", decided_by="SL")
    svc.add_entry("=SUMMA(A1) ser ut som en formel; å ä ö")
    svc.sign_handover("A", "B", note="Anteckning")
    clock.advance(hours=1)
    event = svc.close_event("Läget normaliserat").value
    with pytest.raises(NotFoundError):
        svc.find_event("ffffffff")
    record = svc.event_record(event.id[-6:])  # closed events stay exportable, by short id
    assert record.event.closed_at is not None

    target = tmp_path / "arkiv"
    result = write_archive(record, target, pdf_writer=_fake_pdf)
    listed = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert listed == sorted(result.files)
    tables = "representations/tables/data"
    assert {PDF_PATH, README, MANIFEST, "METS.xml", f"{tables}/csv/stabsjournal.csv"} <= set(listed)
    check = subprocess.run(
        ["sha256sum", "-c", MANIFEST], cwd=target, capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == len(listed) - 1  # every file but the manifest itself

    readme = (target / README).read_text(encoding="utf-8")
    assert "HÄNDELSEARKIV" in readme and "sha256sum -c SHA256SUMS" in readme
    assert "avslutad" in readme and "Läget normaliserat" in readme

    raw = (target / tables / "csv" / "stabsjournal.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    data = json.loads((target / tables / "json" / "stabsjournal.json").read_text(encoding="utf-8"))
    assert [r[0] for r in rows[1:]] == [e["number"] for e in data]
    formula = next(r for r in rows if "SUMMA" in r[7])
    assert formula[7] == "'=SUMMA(A1) ser ut som en formel; å ä ö"  # shown as text in Excel
    assert any(e["text"].startswith("=SUMMA") for e in data)  # the JSON keeps the exact text
    handovers = json.loads(
        (target / tables / "json" / "overlamningar.json").read_text(encoding="utf-8")
    )
    assert handovers[0]["note"] == "Anteckning" and handovers[0]["covered"]

    # A second run into the same folder is refused, and the folder is left as it was.
    with pytest.raises(BoardError) as err:
        write_archive(record, target, pdf_writer=_fake_pdf)
    assert err.value.key == "archive_dir_not_empty"
    assert (
        sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == listed
    )
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    with pytest.raises(BoardError):
        write_archive(record, tmp_path / "fil", pdf_writer=_fake_pdf)


def test_failed_archive_leaves_nothing_behind(svc, tmp_path: Path) -> None:
    def broken(document: Document, path: Path) -> RenderResult:
        raise OSError(28, "No space left on device")

    out = tmp_path / "ut"
    out.mkdir()
    with pytest.raises(BoardError) as err:
        write_archive(svc.event_record(), out / "arkiv", pdf_writer=broken)
    assert err.value.key == "cannot_write"
    assert list(out.iterdir()) == []  # no half-written archive, no staging folder


def test_stored_summary_is_swedish_whatever_the_ui_language(svc, clock) -> None:
    from situation_board import i18n

    svc.add_entry("Första passets information")
    clock.advance(minutes=30)
    i18n.set_language("en")
    try:
        signed = svc.sign_handover("Dagpass", "Kvällspass").value
    finally:
        i18n.set_language("sv")
    assert signed.handover.summary.startswith("Överlämning – ")
    assert "Beslut under perioden:" in signed.handover.summary
    assert "Decisions" not in signed.handover.summary
