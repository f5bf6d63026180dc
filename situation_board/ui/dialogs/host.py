"""What the document dialogs (handover, lägesbild) need from the window's document commands:
a ``Protocol``, so the dialogs do not import the module that opens them."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from situation_board.reports.records import Document
from situation_board.ui.controller import BoardController


class DocumentHost(Protocol):
    """The window's document commands (``ui.documents.DocumentFlows``)."""

    controller: BoardController
    report_texts: dict[str, str]

    def print_document(self, document: Document) -> bool:
        """The platform's print dialog, then ``document``; False when cancelled."""
        ...

    def save_pdf(self, document: Document, suggested: str) -> Path | None:
        """A save dialog, then ``document`` as PDF; the path, or None when cancelled."""
        ...

    def error(self, message: str) -> None:
        """Tell the user a document could not be made."""
        ...
