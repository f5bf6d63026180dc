"""Lägesbild (situation report) in MSB's structure, pre-filled from the board.

Each section shows the facts the board already holds and a field for the staff's own text. The
result can be copied as plain text (for WIS or an e-mail to länsstyrelsen/Socialstyrelsen),
printed, or saved as PDF. The staff text is a draft kept on this station (with the window state,
so it survives a restart), not in the shared board.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from situation_board.i18n import _, ngettext
from situation_board.reports.documents import situation_report_document
from situation_board.reports.situation_report import SituationReport, situation_report_text
from situation_board.ui.dialogs.common import fit_to_screen
from situation_board.ui.dialogs.host import DocumentHost


class SituationReportDialog(QDialog):
    """One block per MSB section: title, guidance, facts, staff text."""

    def __init__(self, flows: DocumentHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flows = flows
        self.controller = flows.controller
        self.setWindowTitle(_("Situation report (MSB structure)"))
        fit_to_screen(self, 1200, 950)
        self.report: SituationReport | None = None
        self.edits: dict[str, QPlainTextEdit] = {}
        self.contact = QLineEdit()
        self.contact.setAccessibleName(_("Contact person"))
        self.contact.setPlaceholderText(_("Contact person and phone number"))
        self.body = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        copy = QPushButton(_("Copy as text"))
        copy.setAccessibleName(_("Copy the situation report as text"))
        copy.clicked.connect(self.copy_text)
        print_btn = QPushButton(_("Print…"))
        print_btn.setAccessibleName(_("Print the situation report"))
        print_btn.clicked.connect(lambda: self._with_document(self.flows.print_document))
        pdf = QPushButton(_("Save as PDF…"))
        pdf.setAccessibleName(_("Save the situation report as PDF"))
        pdf.clicked.connect(
            lambda: self._with_document(lambda d: self.flows.save_pdf(d, _("situation-report.pdf")))
        )
        close = QPushButton(_("Close"))
        close.setAccessibleName(_("Close"))
        close.clicked.connect(self.accept)
        self.incomplete = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.incomplete, 1)
        for b in (copy, print_btn, pdf, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        contact_row = QHBoxLayout()
        contact_label = QLabel(_("&Contact person:"))
        contact_label.setBuddy(self.contact)
        contact_row.addWidget(contact_label)
        contact_row.addWidget(self.contact, 1)
        layout.addLayout(contact_row)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.controller.execute(
            lambda s: s.situation_report(dict(flows.report_texts)),
            on_done=self._loaded,
            on_error=flows.error,
            owner=self,
        )

    def _loaded(self, report: SituationReport) -> None:
        self.report = report
        self.contact.setText(report.contact)
        for section in report.sections:
            title = QLabel(f"<b>{section.title}</b> — <i>{section.guidance}</i>")
            title.setWordWrap(True)
            facts = QLabel("<br>".join(f"• {f}" for f in section.facts) or "–")
            facts.setWordWrap(True)
            edit = QPlainTextEdit(section.staff_text)
            edit.setObjectName(f"section_{section.key}")
            edit.setAccessibleName(_("Staff text: {0}").format(section.title))
            edit.setPlaceholderText(_("The staff's assessment and additions…"))
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(110)
            edit.textChanged.connect(self._count)
            self.edits[section.key] = edit
            for w in (title, facts, edit):
                self.body.addWidget(w)
        self.body.addStretch(1)
        self._count()

    def texts(self) -> dict[str, str]:
        return {k: e.toPlainText() for k, e in self.edits.items() if e.toPlainText().strip()}

    def current(self) -> SituationReport | None:
        if self.report is None:
            return None

        report = replace(self.report, contact=self.contact.text().strip())
        for key, text in self.texts().items():
            report = report.with_text(key, text)
        return report

    def _count(self) -> None:
        report = self.current()
        if report is not None:
            missing = len(report.incomplete)
            self.incomplete.setText(
                ngettext(
                    "{0} section still without staff text",
                    "{0} sections still without staff text",
                    missing,
                ).format(missing)
                if missing
                else _("All sections completed")
            )

    def copy_text(self) -> None:
        report = self.current()
        if report is not None:
            QApplication.clipboard().setText(situation_report_text(report))
            self.incomplete.setText(_("Copied — paste it into WIS or an e-mail."))

    def _with_document(self, use: Any) -> None:

        report = self.current()
        if report is not None:
            use(situation_report_document(report))
