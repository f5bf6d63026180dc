"""Överlämning: the "since last handover" brief, live, then signed by the incoming person.

The brief is reloaded whenever the board changes while the dialog is open. Signing records the
handover and its acknowledgement as journal entries; the signed brief can then be printed or
saved as PDF.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from situation_board.domain.errors import BoardError
from situation_board.domain.rules import MAX_NAME, require_text
from situation_board.i18n import _, ngettext
from situation_board.reports.brief import HandoverBrief
from situation_board.reports.documents import handover_document, handover_html
from situation_board.reports.records import Document, DocumentMeta
from situation_board.ui.dialogs.common import fit_to_screen
from situation_board.ui.dialogs.host import DocumentHost


class HandoverDialog(QDialog):
    """Preview on the left, the outgoing note and the incoming acknowledgement on the right."""

    def __init__(self, flows: DocumentHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flows = flows
        self.controller = flows.controller
        self.language = self.controller.language
        self.setWindowTitle(_("Shift handover"))
        fit_to_screen(self, 1500, 900)
        self.brief: HandoverBrief | None = None
        self.signed: Document | None = None
        self.preview = QTextBrowser()
        self.preview.setObjectName("handoverPreview")
        self.preview.setAccessibleName(_("Handover brief (live preview)"))
        self.from_person = QLineEdit(self.controller.actor.name)
        self.from_person.setObjectName("handoverFrom")
        self.from_person.setAccessibleName(_("Outgoing (hands over)"))
        self.to_person = QLineEdit()
        self.to_person.setObjectName("handoverTo")
        self.to_person.setAccessibleName(_("Incoming (takes over)"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("handoverNote")
        self.note.setAccessibleName(_("Note from the outgoing shift"))
        self.note.setTabChangesFocus(True)
        self.ack = QLineEdit()
        self.ack.setObjectName("handoverAck")
        self.ack.setAccessibleName(_("Acknowledged by (incoming, by name)"))
        self.ack.setPlaceholderText(_("the incoming person types their name"))
        self.error = QLabel()
        self.error.setObjectName("inlineError")
        self.error.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.sign = QPushButton(_("Sign and acknowledge"))
        self.sign.setAccessibleName(_("Sign and acknowledge the handover"))
        self.sign.clicked.connect(self._sign)
        self.print_btn = QPushButton(_("Print…"))
        self.print_btn.setAccessibleName(_("Print the handover"))
        self.print_btn.clicked.connect(self._print)
        self.pdf_btn = QPushButton(_("Save as PDF…"))
        self.pdf_btn.setAccessibleName(_("Save the handover as PDF"))
        self.pdf_btn.clicked.connect(self._pdf)
        close = QPushButton(_("Close"))
        close.setAccessibleName(_("Close"))
        close.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(_("&Outgoing:"), self.from_person)
        form.addRow(_("&Incoming:"), self.to_person)
        form.addRow(_("&Note:"), self.note)
        form.addRow(_("&Acknowledged by:"), self.ack)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.error)
        side.addWidget(self.sign)
        side.addWidget(self.status)
        side.addStretch(1)
        buttons = QHBoxLayout()
        for b in (self.print_btn, self.pdf_btn, close):
            buttons.addWidget(b)
        side.addLayout(buttons)
        row = QHBoxLayout(self)
        row.addWidget(self.preview, 3)
        row.addLayout(side, 2)
        self.error.hide()
        self.controller.bus.changed.connect(self._reload)
        self._reload()

    def _reload(self, *_args: Any) -> None:
        if self.signed is None:
            self.controller.execute(
                lambda s: s.handover_brief(),
                on_done=self._show,
                on_error=self._fail,
                owner=self,
            )

    def _show(self, brief: HandoverBrief) -> None:
        if self.signed is not None:
            return
        self.brief = brief
        board = self.controller.board
        station = board.station.code if board else ""
        meta = DocumentMeta(
            _("Handover (preview, not signed)"),
            brief.event_name,
            brief.exercise,
            station,
            brief.period_end,
            self.language,
        )
        self.preview.setHtml(handover_html(brief, None, meta))
        self.status.setText(
            ngettext(
                "{0} journal entry since the last handover.",
                "{0} journal entries since the last handover.",
                len(brief.entries),
            ).format(len(brief.entries))
        )

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _sign(self) -> None:
        try:
            giver = require_text(self.from_person.text(), "from_person", limit=MAX_NAME)
            taker = require_text(self.to_person.text(), "to_person", limit=MAX_NAME)
            acknowledger = require_text(self.ack.text() or "", "to_person", limit=MAX_NAME)
        except BoardError as exc:
            self._fail(exc.message(self.language))
            return
        note = self.note.toPlainText()
        self.sign.setEnabled(False)
        self.controller.execute(
            lambda s: s.sign_handover(giver, taker, note=note, acknowledged_by=acknowledger),
            on_done=self._signed,
            on_error=self._sign_failed,
            owner=self,
        )

    def _sign_failed(self, message: str) -> None:
        self._fail(message)
        self.sign.setEnabled(True)

    def _signed(self, result: Any) -> None:
        self.error.hide()
        self.signed = handover_document(result.brief, result.handover, self.language)
        self.preview.setHtml(self.signed.html)
        for w in (self.from_person, self.to_person, self.note, self.ack):
            w.setEnabled(False)
        self.status.setText(_("Signed. The handover and the acknowledgement are in the journal."))

    def _document(self) -> Document | None:
        if self.signed is not None:
            return self.signed
        if self.brief is None:
            return None
        return handover_document(self.brief, None, self.language)

    def _print(self) -> None:
        document = self._document()
        if document is not None:
            self.flows.print_document(document)

    def _pdf(self) -> None:
        document = self._document()
        if document is not None:
            self.flows.save_pdf(document, _("handover.pdf"))
