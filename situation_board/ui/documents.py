"""Printing and exporting from the window: the board print, the journal, PDFs, the archive.
The journal prints and exports cover the period the journal panel is filtered to.

Data is read off the GUI thread (through the controller). Every document is laid out once, by
``reports.pdf`` (ReportLab), whether it goes to a file or to paper: printing renders the PDF's
pages with PDFium (``pypdfium2``) at the printer's resolution (at most 300 dpi) and paints them
onto the ``QPrinter`` the platform's print dialog set up, so paper and PDF are the same pages.
Documents are written in the window's language.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRectF, QSettings, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from situation_board import APP_NAME
from situation_board.domain.errors import BoardError, NoActiveEventError
from situation_board.i18n import _, ngettext
from situation_board.reports.archive import check_target, write_archive
from situation_board.reports.board_print import board_document
from situation_board.reports.documents import journal_document
from situation_board.reports.pdf import RenderResult, pdf_bytes, write_pdf
from situation_board.reports.records import Document
from situation_board.reports.tables import entries_in_period, excel_csv, journal_table
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.handover import HandoverDialog
from situation_board.ui.dialogs.situation_report import SituationReportDialog

REPORT_TEXTS = "lagesbild/texts"
PRINT_DPI_MAX = 300


def prepare_printer(document: Document, printer: QPrinter) -> None:
    """A4 in the document's orientation, the whole sheet paintable (the PDF has its margins)."""
    orientation = (
        QPageLayout.Orientation.Landscape
        if document.landscape
        else QPageLayout.Orientation.Portrait
    )
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Paint the pages of the PDF ``data`` onto ``printer`` (the page range the dialog chose,
    each page scaled to the sheet with its proportions kept); returns the pages printed."""
    import pypdfium2  # noqa: PLC0415 - PDFium only when printing

    pdf = pypdfium2.PdfDocument(data)
    try:
        count = len(pdf)
        first = max(printer.fromPage(), 1) if printer.fromPage() else 1
        last = min(printer.toPage(), count) if printer.toPage() else count
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        painter = QPainter()
        if not painter.begin(printer):
            raise BoardError("cannot_write", path=printer.printerName(), reason="QPainter.begin")
        try:
            sheet = printer.paperRect(QPrinter.Unit.DevicePixel)
            for number in range(first, last + 1):
                if number > first:
                    printer.newPage()
                page = pdf[number - 1]
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                image = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGB888,
                ).copy()
                scale = min(sheet.width() / image.width(), sheet.height() / image.height())
                w, h = image.width() * scale, image.height() * scale
                x = (sheet.width() - w) / 2
                y = (sheet.height() - h) / 2
                painter.drawImage(QRectF(x, y, w, h), image)
                page.close()
        finally:
            painter.end()
        return last - first + 1
    finally:
        pdf.close()


class DocumentFlows(QObject):
    """One method per menu command of the Dokument menu."""

    def __init__(
        self,
        window: QMainWindow,
        controller: BoardController,
        journal_period: Callable[[], tuple[datetime | None, datetime | None]],
    ) -> None:
        """``journal_period`` gives the period the journal panel is filtered to."""
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.journal_period = journal_period
        self.report_texts: dict[str, str] = self._saved_texts()  # the lägesbild's staff text
        self.make_printer: Callable[[], QPrinter] = lambda: QPrinter(
            QPrinter.PrinterMode.HighResolution
        )

    # ------------------------------------------------------------------ plumbing

    @staticmethod
    def _saved_texts() -> dict[str, str]:
        """The staff's lägesbild texts survive a restart (kept with the window state, on this
        station only; they are a draft until exported)."""
        raw = QSettings(APP_NAME, "workstation").value(REPORT_TEXTS)
        try:
            texts = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in texts.items()} if isinstance(texts, dict) else {}

    def _then(self, fetch: Callable[[Any], Any], use: Callable[[Any], object]) -> None:
        self.controller.execute(fetch, on_done=use, on_error=self.error)

    def error(self, message: str) -> None:
        """Tell the user a document could not be made."""
        QMessageBox.warning(self.window, _("Could not create the document"), message)

    def print_document(self, document: Document) -> bool:
        """The platform's print dialog, then the document on the chosen printer."""

        printer = self.make_printer()
        prepare_printer(document, printer)
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle(_("Print {0}").format(document.meta.title))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            print_pdf(pdf_bytes(document), printer)
        except BoardError as exc:
            self.error(exc.message(self.controller.language))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True

    def save_pdf(self, document: Document, suggested: str) -> Path | None:

        name, _filter = QFileDialog.getSaveFileName(
            self.window, _("Save as PDF"), str(Path.home() / suggested), "PDF (*.pdf)"
        )
        if not name:
            return None
        path = Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = write_pdf(document, path)
        except (BoardError, OSError) as exc:
            self.error(exc.message() if isinstance(exc, BoardError) else str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.window.statusBar().showMessage(
            ngettext("Saved {0} ({1} page)", "Saved {0} ({1} pages)", result.pages).format(
                path, result.pages
            ),
            8000,
        )
        self.report_missing(result)
        return path

    def report_missing(self, result: RenderResult) -> None:
        """Tell the user which characters the PDF could only show as their codes."""
        if result.missing:
            QMessageBox.warning(
                self.window,
                _("Characters missing from the PDF"),
                _(
                    "No font has {0}; the PDF shows their codes in red instead. "
                    "The CSV and JSON exports keep the exact text."
                ).format(result.missing_codes),
            )

    # ------------------------------------------------------------------ commands

    def _board_document(self, service: Any) -> Document:

        return board_document(service.board(), self.controller.language)

    def print_board(self) -> None:
        """The one-page A4 landscape board print: the paper fallback."""
        self._then(self._board_document, self.print_document)

    def board_pdf(self) -> None:
        self._then(self._board_document, lambda d: self.save_pdf(d, _("board.pdf")))

    def _journal_period(self) -> tuple[datetime | None, datetime | None]:
        """The journal panel's period filter (*Senaste timmen*, *från/till*, …): the journal
        prints and exports what the user is looking at; *Hela händelsen* means all of it."""
        return self.journal_period()

    def _journal_document(
        self, service: Any, since: datetime | None, until: datetime | None
    ) -> Document:

        board = service.board()
        if board.event is None:
            raise NoActiveEventError
        return journal_document(
            board.event,
            entries_in_period(board.journal, since, until),
            station=board.station.code,
            generated_at=board.as_of,
            since=since,
            until=until,
            numbers={e.id: e.number for e in board.journal},
            language=self.controller.language,
        )

    def print_journal(self) -> None:
        since, until = self._journal_period()
        self._then(lambda s: self._journal_document(s, since, until), self.print_document)

    def journal_pdf(self) -> None:
        since, until = self._journal_period()
        self._then(
            lambda s: self._journal_document(s, since, until),
            lambda d: self.save_pdf(d, _("staff-journal.pdf")),
        )

    def journal_csv(self) -> None:
        """The journal (or the period the journal panel shows) as CSV for Swedish Excel (UTF-8
        with BOM, semicolons)."""

        since, until = self._journal_period()
        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("Export the journal (CSV)"),
            str(Path.home() / _("staff-journal.csv")),
            "CSV (*.csv)",
        )
        if not name:
            return
        path = Path(name)

        def write(service: Any) -> tuple[Path, bool]:
            board = service.board()  # one snapshot: the event (is it an exercise?) and its journal
            if board.event is None:
                raise NoActiveEventError
            exercise = board.event.exercise
            entries = board.journal
            chosen = entries_in_period(entries, since, until)
            # an exercise's rows say ÖVNING in their own column, as the CLI's export does
            table = journal_table(
                chosen,
                {e.id: e.number for e in entries},
                exercise=exercise,
                language=self.controller.language,
            )
            path.write_bytes(excel_csv(table.headers, table.rows))
            return path, exercise

        def saved(result: tuple[Path, bool]) -> None:
            saved_to, exercise = result
            text = _("Saved {0}").format(saved_to)
            self.window.statusBar().showMessage(
                f"{_('EXERCISE')}: {text}" if exercise else text, 8000
            )

        self.controller.execute(write, on_error=self.error, on_done=saved)

    def archive(self) -> None:
        """The closure package for diarieföring, into a new or empty folder."""

        name = QFileDialog.getExistingDirectory(
            self.window, _("Choose an empty folder for the archive package"), str(Path.home())
        )
        if not name:
            return
        target = Path(name)
        try:
            check_target(target)
        except BoardError as exc:
            self.error(exc.message(self.controller.language))
            return

        def write(record: Any) -> None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                result = write_archive(record, target, language=self.controller.language)
            except BoardError as exc:
                self.error(exc.message(self.controller.language))
                return
            finally:
                QApplication.restoreOverrideCursor()
            QMessageBox.information(
                self.window,
                _("Archive package"),
                ngettext(
                    "The archive package was written to {0}: {1} file and a SHA-256 manifest "
                    "(check it with: sha256sum -c SHA256SUMS).",
                    "The archive package was written to {0}: {1} files and a SHA-256 manifest "
                    "(check it with: sha256sum -c SHA256SUMS).",
                    len(result.files),
                ).format(result.target, len(result.files)),
            )
            self.report_missing(RenderResult(result.pdf_pages, result.missing))

        self._then(lambda s: s.event_record(), write)

    def handover(self) -> None:

        dialog = HandoverDialog(self, self.window)
        dialog.exec()
        dialog.deleteLater()

    def situation_report(self) -> None:

        dialog = SituationReportDialog(self, self.window)
        dialog.exec()
        self.report_texts = dialog.texts()
        QSettings(APP_NAME, "workstation").setValue(REPORT_TEXTS, json.dumps(self.report_texts))
        dialog.deleteLater()
