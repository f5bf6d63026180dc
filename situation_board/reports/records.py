"""Shared document types: one event's full record, and what every printed page carries.

``DocumentMeta`` is the running header and footer of every generated document (event name,
"ÖVNING"/"EXERCISE" on exercises, station, generated-at with UTC offset, the document's language);
``Document`` is a printable document as blocks (``reports/blocks.py``) that ``reports/pdf.py`` lays
out on paper and ``reports/html.py`` shows in the window's preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from situation_board.domain.entities import Board, Event, Handover, LevelDecision
from situation_board.reports import html
from situation_board.reports.blocks import Block
from situation_board.reports.lang import Lang


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event's board plus its append-only history (level decisions, handovers)."""

    board: Board
    level_history: tuple[LevelDecision, ...]
    handovers: tuple[Handover, ...]
    # each journal entry's OS account, as-written wall flag, event and hash-chain link
    # (``store.queries.chain_records``): the archive keeps them (``chains.json``)
    chains: tuple[dict[str, Any], ...] = ()

    @property
    def event(self) -> Event:
        """The record's event (always present in a record)."""
        assert self.board.event is not None
        return self.board.event


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What every page of a generated document shows."""

    title: str
    event_name: str
    exercise: bool
    station: str
    generated_at: datetime  # aware UTC instant: "Printed …" in the footer, the PDF's dates
    language: str = "sv"  # the document's language (``sv``/``en``)

    @classmethod
    def for_board(cls, title: str, board: Board, lang: Lang) -> DocumentMeta:
        """The furniture of a document about ``board``'s event, in ``lang``."""
        event = board.event
        return cls(
            title=title,
            event_name=event.name if event else lang.gettext("No active event"),
            exercise=bool(event and event.exercise),
            station=board.station.code,
            generated_at=board.as_of,
            language=lang.code,
        )


@dataclass(frozen=True, slots=True)
class Document:
    """A printable document: blocks plus the page furniture.

    ``variants`` is for one-page documents (the board print): the blocks from fullest to most
    trimmed; the PDF writer uses the first that fits one page (and shrinks the last one should
    even that not fit). Multi-page documents have exactly one variant.
    """

    meta: DocumentMeta
    variants: tuple[tuple[Block, ...], ...]
    landscape: bool = False
    one_page: bool = False
    body_sizes: tuple[float, ...] = ()  # body type size (pt) per variant; () = the standard

    def body_size(self, variant: int, default: float) -> float:
        """The body type size of ``variant`` (``default`` when the document does not say)."""
        return self.body_sizes[variant] if variant < len(self.body_sizes) else default

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The (fullest) content."""
        return self.variants[0]

    @property
    def html(self) -> str:
        """The content as HTML in Qt's rich-text subset, for the window's preview."""
        return html.page(self.blocks)
