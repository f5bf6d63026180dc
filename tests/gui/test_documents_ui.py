"""Documents from the window: the live handover view and signing, the print dialog, the
lägesbild, the archive package."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QLabel

from situation_board.domain.changes import Topic
from situation_board.domain.enums import EntryCategory

from .conftest import type_text, wait_idle
from .test_window import _answer_dialog


def test_handover_view_is_live_then_signed(qtbot, window, service) -> None:
    from situation_board.ui.dialogs.handover import HandoverDialog

    dialog = HandoverDialog(window.documents, window)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: dialog.brief is not None)
    before = len(dialog.brief.entries)
    assert "V1-0054" in dialog.preview.toPlainText()
    service.add_entry("Beslut: stabsorientering 17:00", category=EntryCategory.DECISION)
    window.controller.bus.announce(frozenset({Topic.JOURNAL}))  # the dialog follows the board
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: len(dialog.brief.entries) == before + 1)
    assert "stabsorientering 17:00" in dialog.preview.toPlainText()
    dialog.to_person.setText("Stabschef (kvällspass)")
    dialog.sign.click()
    assert dialog.error.text() == "Den som tar över måste fyllas i."  # nobody acknowledged yet
    type_text(dialog.ack, "Stabschef (kvällspass)")
    dialog.note.setPlainText("Bevaka IMY-ärendet.")
    dialog.sign.click()
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: dialog.signed is not None)
    texts = [e.text for e in service.journal()]
    assert "Överlämningen kvitterad av Stabschef (kvällspass)." in texts
    assert any(
        t.startswith("Överlämning från Loggist Test till Stabschef (kvällspass)") for t in texts
    )
    assert "Bevaka IMY-ärendet." in dialog.preview.toPlainText()


def test_board_print_goes_through_the_print_dialog(qtbot, window, tmp_path: Path) -> None:
    out = tmp_path / "print.pdf"
    seen = {}

    def to_file() -> QPrinter:  # the "printer" chosen in the dialog: print to a PDF file
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    def accept(dialog) -> None:
        assert isinstance(dialog, QPrintDialog)
        seen["orientation"] = dialog.printer().pageLayout().orientation()
        dialog.accept()

    window.documents.make_printer = to_file
    _answer_dialog(qtbot, accept)
    window.documents.print_board()
    qtbot.waitUntil(out.exists, timeout=10_000)
    qtbot.waitUntil(lambda: out.stat().st_size > 1000, timeout=10_000)
    from PySide6.QtGui import QPageLayout

    assert seen["orientation"] == QPageLayout.Orientation.Landscape
    # The printer gets the PDF's pages as PDFium renders them: one picture per sheet.
    images = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(images) == 1 and int(images[0].split()[3]) > 2000  # width in pixels
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "Pages:           1" in pages.stdout


def test_situation_report_dialog_copies_text(qtbot, window) -> None:
    from situation_board.ui.dialogs.situation_report import SituationReportDialog

    dialog = SituationReportDialog(window.documents, window)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: bool(dialog.edits))
    assert "6 avsnitt saknar" in dialog.incomplete.text()
    dialog.edits["bedomning"].setPlainText("Läget stabilt; ny prognos väntas i kväll.")
    dialog.copy_text()
    pasted = QApplication.clipboard().text()
    assert "6. BEDÖMNING OCH PROGNOS" in pasted and "ny prognos väntas i kväll" in pasted
    assert "Stabsläge" in pasted
    assert dialog.texts() == {"bedomning": "Läget stabilt; ny prognos väntas i kväll."}
    labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.contact]
    assert [w.text() for w in labels] == ["&Kontaktperson:"]  # a visible label, Alt+K


def test_archive_package_from_the_menu(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    target = tmp_path / "arkiv"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(target))
    told = {}
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text: told.setdefault("text", text)
    )
    window.documents.archive()
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: "text" in told, timeout=20_000)
    assert "sha256sum -c SHA256SUMS" in told["text"]
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=target, capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert (target / "documentation" / "README.txt").read_text(encoding="utf-8").strip()
    assert (target / "METS.xml").is_file()


def test_journal_exports_cover_the_period_the_journal_shows(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    from datetime import timedelta

    from PySide6.QtWidgets import QFileDialog

    from .conftest import NOW

    proxy = window.journal_panel.proxy
    proxy.set_period(NOW - timedelta(hours=12), None)  # what "Senaste 12 timmarna" sets
    shown = proxy.rowCount()
    assert 0 < shown < window.journal_panel.model.rowCount()
    target = tmp_path / "period.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.documents.journal_csv()
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(target.exists)
    rows = target.read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(rows) == 1 + shown  # the header and exactly the entries on screen
    since, until = proxy.since, proxy.until
    document = window.documents._journal_document(window.controller.service, since, until)
    assert "Period: 2024-01-29 04:00" in document.html and f"{shown} poster" in document.html


def test_lagesbild_texts_survive_a_restart(qtbot, window) -> None:
    from situation_board.ui.dialogs.situation_report import SituationReportDialog
    from situation_board.ui.documents import DocumentFlows

    def type_and_close(dialog) -> None:
        qtbot.waitUntil(lambda: bool(dialog.edits))
        dialog.edits["resurser"].setPlainText("Extra loggist till kvällspasset.")
        dialog.accept()

    _answer_dialog(qtbot, type_and_close)
    window.documents.situation_report()
    assert window.documents.report_texts == {"resurser": "Extra loggist till kvällspasset."}
    later = DocumentFlows(window, window.controller, lambda: (None, None))  # after a restart
    assert later.report_texts == {"resurser": "Extra loggist till kvällspasset."}
    dialog = SituationReportDialog(later, window)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: bool(dialog.edits))
    assert dialog.edits["resurser"].toPlainText() == "Extra loggist till kvällspasset."
