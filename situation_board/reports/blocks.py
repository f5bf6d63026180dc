"""What a printed document is made of, independent of how it is drawn; no Qt, no ReportLab.

A document is a sequence of *blocks* — headings, paragraphs, bullet lists, tables, label/value
lists, boxes, coloured bands, side-by-side columns, signature lines — whose text is *rich text*: a
tuple of ``Span`` runs (bold, italic, colour, size; ``"\\n"`` inside a span is a line break).
``reports/pdf.py`` lays the blocks out on paper with ReportLab; ``reports/html.py`` turns the same
blocks into HTML for the window's preview. Builders of documents (``reports/documents.py``,
``reports/board_print.py``, ``reports/parts.py``) only make blocks, so the PDF and the preview
never drift apart.

Sizes are in points (1/72 inch); colours are ``#rrggbb`` strings from ``situation_board.palette``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one style. ``size`` ``None``: the size of the block it is in."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    size: float | None = None


Rich = tuple[Span, ...]


def rich(*parts: str | Span | Rich) -> Rich:
    """Rich text from plain strings (unstyled), spans and other rich texts, in order."""
    out: list[Span] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                out.append(Span(part))
        elif isinstance(part, Span):
            out.append(part)
        else:
            out.extend(part)
    return tuple(out)


def bold(text: str, *, colour: str | None = None, size: float | None = None) -> Span:
    """A bold span."""
    return Span(text, bold=True, colour=colour, size=size)


def italic(text: str, *, colour: str | None = None, size: float | None = None) -> Span:
    """An italic span."""
    return Span(text, italic=True, colour=colour, size=size)


def plain_text(content: Rich) -> str:
    """The text of ``content`` without its styles."""
    return "".join(span.text for span in content)


def lines(*parts: Rich | str) -> Rich:
    """Rich texts joined by line breaks; empty parts are left out."""
    out: list[Span] = []
    for part in parts:
        piece = rich(part)
        if not piece:
            continue
        if out:
            out.append(Span("\n"))
        out.extend(piece)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading (level 1–3); it is never left at the foot of a page without what follows."""

    text: str
    level: int = 2
    page_break: bool = False  # start a new page with it


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph. ``muted``: secondary grey text; ``size`` ``None``: the body size."""

    content: Rich
    muted: bool = False
    size: float | None = None


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bullet list, one rich text per item."""

    items: tuple[Rich, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose column widths follow its content.

    ``headers`` are repeated at the top of every page the table runs onto; a row never splits
    across pages unless it is taller than a page. Columns listed in ``nowrap`` never wrap (times,
    numbers). ``ruled``: a grid and a shaded header row; otherwise a plain layout table.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[Rich, ...], ...]
    nowrap: frozenset[int] = field(default_factory=frozenset)
    ruled: bool = True
    size: float | None = None


@dataclass(frozen=True, slots=True)
class KeyValues:
    """A borderless two-column "label: value" list."""

    pairs: tuple[tuple[str, Rich], ...]


@dataclass(frozen=True, slots=True)
class Box:
    """Text in a ruled box with a background colour (a note, an unsigned-preview warning)."""

    content: Rich
    background: str = "#f3f3f3"
    min_lines: int = 0  # blank lines to leave for handwriting after the text


@dataclass(frozen=True, slots=True)
class Band:
    """A full-width coloured band (the readiness level, ÖVNING): lines of rich text."""

    lines: tuple[Rich, ...]
    background: str
    colour: str
    centred: bool = False


@dataclass(frozen=True, slots=True)
class Columns:
    """Blocks side by side (the board print); ``weights`` are the relative column widths."""

    columns: tuple[tuple[Block, ...], ...]
    weights: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Signatures:
    """Lines to sign on, one per label ("Outgoing:", "Incoming:")."""

    labels: tuple[str, ...]


Block = Heading | Para | Bullets | Table | KeyValues | Box | Band | Columns | Signatures


def text_of(blocks: Iterable[Block]) -> str:
    """All the text of ``blocks``, one block (or row, or item) per line: for tests and search."""
    out: list[str] = []
    for block in blocks:
        match block:
            case Heading():
                out.append(block.text)
            case Para() | Box():
                out.append(plain_text(block.content))
            case Bullets():
                out += [plain_text(item) for item in block.items]
            case Table():
                out.append(" | ".join(block.headers))
                out += [" | ".join(plain_text(c) for c in row) for row in block.rows]
            case KeyValues():
                out += [f"{k} {plain_text(v)}" for k, v in block.pairs]
            case Band():
                out += [plain_text(line) for line in block.lines]
            case Columns():
                out += [text_of(column) for column in block.columns]
            case Signatures():
                out += list(block.labels)
    return "\n".join(out)
