"""Shared document types: one event's full record, and what every printed page carries.

``DocumentMeta`` is the running header and footer of every generated document (event name,
"ÖVNING" on exercises, station, generated-at with UTC offset); ``Document`` is a printable document
as Qt-free HTML that ``reports/pdf.py`` renders to a PDF file or a ``QPrinter``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from situation_board.domain.entities import Board, Event, Handover, LevelDecision


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event's board plus its append-only history (level decisions, handovers)."""

    board: Board
    level_history: tuple[LevelDecision, ...]
    handovers: tuple[Handover, ...]

    @property
    def event(self) -> Event:
        assert self.board.event is not None
        return self.board.event


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What every page of a generated document shows."""

    title: str
    event_name: str
    exercise: bool
    station: str
    generated_at: datetime

    @classmethod
    def for_board(cls, title: str, board: Board) -> DocumentMeta:
        event = board.event
        return cls(
            title=title,
            event_name=event.name if event else "Ingen aktiv händelse",
            exercise=bool(event and event.exercise),
            station=board.station.code,
            generated_at=board.as_of,
        )


@dataclass(frozen=True, slots=True)
class Document:
    """A printable document: HTML body (Qt rich-text subset) plus its page furniture.

    ``variants`` is for one-page documents (the board print): the HTML from fullest to most
    trimmed; the renderer uses the first that fits one page and scales the last one down if even
    that does not fit. Multi-page documents have exactly one variant.
    """

    meta: DocumentMeta
    variants: tuple[str, ...]
    landscape: bool = False
    one_page: bool = False

    @property
    def html(self) -> str:
        return self.variants[0]
