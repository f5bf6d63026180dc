"""Printing and exporting from the window: the board print, the journal, PDFs, the archive.
The journal prints and exports cover the period the journal panel is filtered to.

Data is read off the GUI thread (through the controller); rendering goes through Qt on the GUI
thread (``reports.pdf``), into the platform's print dialog or a PDF file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from situation_board import APP_NAME
from situation_board.domain.errors import BoardError, NoActiveEventError
from situation_board.i18n import _, ngettext
from situation_board.reports.archive import check_target, write_archive
from situation_board.reports.board_print import board_document
from situation_board.reports.documents import journal_document
from situation_board.reports.pdf import prepare_printer, print_document, write_pdf
from situation_board.reports.records import Document
from situation_board.reports.tables import entries_in_period, excel_csv, journal_table
from situation_board.ui.controller import BoardController
from situation_board.ui.dialogs.handover import HandoverDialog
from situation_board.ui.dialogs.situation_report import SituationReportDialog

REPORT_TEXTS = "lagesbild/texts"


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
            print_document(document, printer)
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
            pages = write_pdf(document, path)
        except (BoardError, OSError) as exc:
            self.error(exc.message() if isinstance(exc, BoardError) else str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.window.statusBar().showMessage(
            ngettext("Saved {0} ({1} page)", "Saved {0} ({1} pages)", pages).format(path, pages),
            8000,
        )
        return path

    # ------------------------------------------------------------------ commands

    def _board_document(self, service: Any) -> Document:

        return board_document(service.board())

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

        def write(service: Any) -> Path:
            entries = service.journal()
            chosen = entries_in_period(entries, since, until)
            table = journal_table(chosen, {e.id: e.number for e in entries})
            path.write_bytes(excel_csv(table.headers, table.rows))
            return path

        self.controller.execute(
            write,
            on_error=self.error,
            on_done=lambda p: self.window.statusBar().showMessage(_("Saved {0}").format(p), 8000),
        )

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
                result = write_archive(record, target)
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
