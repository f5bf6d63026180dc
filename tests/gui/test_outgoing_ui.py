"""What leaves the room, through the window (issue 11): the agenda shown as the document it prints
as, printed and saved as PDF from its dialog; the board print, the lägesbild and the agenda leave
out entries hidden from the wall and personal identity numbers exactly as the CLI's do (the same
pages, word for word); an exercise from the IT template shows ÖVNING and its seeded actions in the
window's agenda, board print and lägesbild, and on the wall beside a running NIS clock. The CLI's
side is tests/integration/test_outgoing.py.

Screenshots to look at: test-artifacts/agenda-document-dialog.png,
test-artifacts/wall-exercise-it-template.png.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog

from situation_board.domain.changes import EVERYTHING
from situation_board.domain.enums import DeadlineKind, EntryCategory
from tests.conftest import cli
from tests.pdftext import page_count, pdf_pages_text
from tests.pnr import personnummer

from .conftest import NOW, wait_idle
from .test_rhythm_ui import answer, save, trigger

LEFT_OUT = (
    "Utelämnat i detta dokument: 1 journalpost dold på väggskärmen och 1 post som ser ut att "
    "innehålla ett personnummer."
)


def _private(service) -> str:
    pnr = personnummer(2091, 2, 14, 404)
    service.add_entry(
        f"Beslut: patient {pnr} flyttas till IVA",
        category=EntryCategory.DECISION,
        allow_personnummer=True,
    )
    service.add_entry(
        "Intern bedömning av leverantören",
        category=EntryCategory.DECISION,
        hidden_from_wall=True,
    )
    return pnr


def _reload(qtbot, controller) -> None:
    controller.bus.announce(EVERYTHING)
    wait_idle(qtbot, controller)


def _flat(path: Path) -> str:
    return " ".join(" ".join(pdf_pages_text(path)).split())


def _saving_to(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_the_windows_outgoing_pdfs_are_the_clis_word_for_word(
    qtbot, window, service, tmp_path: Path, monkeypatch
) -> None:
    from situation_board.ui.dialogs.situation_report import SituationReportDialog

    pnr = _private(service)
    controller = window.controller
    window.documents.report_texts = {}  # no staff text kept from another test: the CLI has none
    _reload(qtbot, controller)
    ui = {name: tmp_path / f"ui-{name}.pdf" for name in ("board", "lagesbild", "agenda")}

    _saving_to(monkeypatch, ui["board"])
    window.documents.board_pdf()  # Dokument → Spara tavlan som PDF
    wait_idle(qtbot, controller)
    qtbot.waitUntil(ui["board"].exists, timeout=10_000)

    dialog = SituationReportDialog(window.documents, window)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: dialog.report is not None)
    _saving_to(monkeypatch, ui["lagesbild"])
    dialog._with_document(lambda d: window.documents.save_pdf(d, "lagesbild.pdf"))
    dialog.close()

    seen = {}

    def in_agenda(agenda_dialog) -> None:
        qtbot.waitUntil(lambda: agenda_dialog.document is not None)
        seen["shown"] = agenda_dialog.browser.toPlainText()
        _saving_to(monkeypatch, ui["agenda"])
        agenda_dialog.pdf.click()
        agenda_dialog.reject()

    answer(qtbot, in_agenda)
    trigger(window, "actAgenda")
    wait_idle(qtbot, controller)
    qtbot.waitUntil(ui["agenda"].exists, timeout=10_000)

    db = window.controller.ctx.options.db
    cli_pdfs = {name: tmp_path / f"cli-{name}.pdf" for name in ui}
    for args in (
        ("export", "board-pdf", str(cli_pdfs["board"])),
        ("export", "lagesbild", str(cli_pdfs["lagesbild"])),
        ("briefing", "agenda", "--pdf", str(cli_pdfs["agenda"])),
    ):
        proc = cli(*args, "--db", str(db), now=NOW)
        assert proc.returncode == 0, proc.stderr
    for name, path in ui.items():
        text = _flat(path)
        assert pnr not in text and "Intern bedömning" not in text, name
        assert LEFT_OUT in text, name
        assert pdf_pages_text(path) == pdf_pages_text(cli_pdfs[name]), name
    assert page_count(ui["board"]) == 1
    shown = " ".join(seen["shown"].split())  # the preview says it too
    assert LEFT_OUT in shown and pnr not in shown and "Intern bedömning" not in shown


def test_the_agenda_dialog_shows_the_document_and_prints_it(qtbot, window, tmp_path: Path) -> None:
    out = tmp_path / "print.pdf"
    seen = {}

    def to_file() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    def accept(dialog) -> None:
        assert isinstance(dialog, QPrintDialog)
        seen["print_parent"] = dialog.parent().objectName()
        dialog.accept()

    def in_agenda(dialog) -> None:
        dialog.resize(900, 1000)
        qtbot.waitUntil(lambda: dialog.document is not None)
        seen["shown"] = dialog.browser.toPlainText()
        seen["buttons"] = [b.isEnabled() for b in (dialog.print, dialog.pdf, dialog.copy)]
        save(dialog, "agenda-document-dialog")
        answer(qtbot, accept)
        dialog.print.click()
        dialog.reject()

    window.documents.make_printer = to_file
    answer(qtbot, in_agenda)
    trigger(window, "actAgenda")
    wait_idle(qtbot, window.controller)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 1000, timeout=10_000)
    assert seen["print_parent"] == "agendaDialog"  # the print dialog opens over the agenda
    assert seen["buttons"] == [True, True, True]
    lines = [line for line in seen["shown"].splitlines() if line.strip()]
    assert lines[:2] == ["Dagordning", "Stabsorientering måndag 29 januari 2024 kl. 16:30"]
    shown = "\n".join(lines)
    for part in (
        "SO 2024-01-29 16:30",
        "1. Beredskapsläge",
        "2. Beslut sedan förra stabsorienteringen",
        "3. Berörda system",
        "4. Åtgärder",
        "5. Lagstadgade frister som löper",
        "6. Olösta synkkonflikter",
        "7. Nästa stabsorientering",
        "Beslut och anteckningar vid stabsorienteringen",
    ):
        assert part in shown, part
    assert "Utelämnat" not in shown and "ÖVNING" not in shown
    assert page_count(out) == 2  # printed through PDFium: the PDF's two pages


def test_an_exercise_from_the_it_template_on_the_wall_with_a_running_nis_clock(
    qtbot, controller, service
) -> None:
    from situation_board.ui.wall.view import WallView

    library = controller.ctx.templates()
    template = library.get("it-avbrott-leverantor")
    service.close_event("Övningen börjar")
    service.start_event_from_template("Övning IT-avbrott", template, exercise=True)
    service.start_deadlines(DeadlineKind.NIS_EARLY_WARNING, aware_at=NOW - timedelta(hours=3))
    view = WallView(controller, language="sv", screen_height=1080)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    controller.start()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: view.banner.event_text == "Övning IT-avbrott", timeout=5000)
    assert view.watermark.isVisible() and view.watermark.text == "ÖVNING"
    assert view.banner.exercise_text == "ÖVNING"
    qtbot.waitUntil(lambda: bool(view.actions_list.rows) and bool(view.deadlines_list.rows))
    actions = [
        "".join(s.text for line in row.lines for s in line)
        for page in view.actions_list.pages
        for row in page
    ]
    assert any("Aktivera reservrutiner i berörda verksamheter" in a for a in actions)
    clocks = ["".join(s.text for line in r.lines for s in line) for r in view.deadlines_list.rows]
    assert clocks[0] == "om 21 h 00 min  NIS-incident, tidig varning"  # calm: under 50 %
    qtbot.wait(600)
    save(view, "wall-exercise-it-template")


def test_an_exercise_from_the_it_template_says_ovning_in_the_windows_documents(
    qtbot, window, service, tmp_path: Path, monkeypatch
) -> None:
    from situation_board.ui.dialogs.situation_report import SituationReportDialog

    controller = window.controller
    template = controller.ctx.templates().get("it-avbrott-leverantor")
    service.close_event("Övningen börjar")
    service.start_event_from_template("Övning IT-avbrott", template, exercise=True)
    _reload(qtbot, controller)
    qtbot.waitUntil(window.banner.exercise_tag.isVisible)
    assert window.actions_panel.model.rowCount() == 10  # the seeded actions show
    band = "ÖVNING – ÖVNING – ÖVNING"
    seen = {}

    def in_agenda(dialog) -> None:
        qtbot.waitUntil(lambda: dialog.document is not None)
        seen["agenda"] = dialog.browser.toPlainText()
        dialog.reject()

    answer(qtbot, in_agenda)
    trigger(window, "actAgenda")
    wait_idle(qtbot, controller)
    assert band in seen["agenda"] and "Aktivera reservrutiner i berörda verksamheter" in (
        " ".join(seen["agenda"].split())
    )
    board = tmp_path / "board.pdf"
    _saving_to(monkeypatch, board)
    window.documents.board_pdf()
    wait_idle(qtbot, controller)
    qtbot.waitUntil(board.exists, timeout=10_000)
    assert band in _flat(board) and _flat(board).startswith("ÖVNING Övning IT-avbrott")
    dialog = SituationReportDialog(window.documents, window)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, controller)
    qtbot.waitUntil(lambda: dialog.report is not None)
    report = tmp_path / "lagesbild.pdf"
    _saving_to(monkeypatch, report)
    dialog._with_document(lambda d: window.documents.save_pdf(d, "lagesbild.pdf"))
    dialog.close()
    pages = pdf_pages_text(report)
    assert band in pages[0] and all(page.count("ÖVNING") >= 2 for page in pages)
