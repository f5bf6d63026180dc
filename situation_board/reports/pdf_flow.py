"""Blocks (``reports/blocks.py``) as ReportLab platypus flowables: the rules of good paper.

* **Tables**: the header row repeats on every page (``repeatRows``); a row never splits across a
  page break (``splitInRow`` stays off unless a single row is taller than a whole page); column
  widths come from the content — no column is narrower than its longest word (nor, for
  ``nowrap`` columns, than its longest line) when the page has room for that, and the rest of
  the width goes to the columns with the most text, as a browser lays out an ``auto`` table.
* **Headings** keep with what follows them (``keepWithNext``), so none is left at the foot of a
  page; paragraphs leave no single line behind (no widows, no orphans); a box of lines (a
  stored handover summary) keeps 2 lines at a page's foot and 4 on the next page; a box to
  write in keeps with the last two lines before it; signature lines stand apart.
* **Words** wrap only between words; a word longer than its whole column (only possible when
  the page is too narrow for the table's longest words) breaks at a hyphen or a URL's slash
  before it breaks anywhere.
* **Type** is at least 9 pt everywhere (``MIN_PT``).
* **Characters** the bundled font lacks are printed as red ``[U+XXXX]`` codes and collected in
  ``Flow.missing`` (``reports/fonts.py``).

Sizes are points. No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from situation_board import palette
from situation_board.reports import fonts
from situation_board.reports.blocks import (
    Band,
    Block,
    Box,
    Bullets,
    Columns,
    Heading,
    KeyValues,
    Para,
    Rich,
    Signatures,
    Span,
    Table,
    plain_text,
    rich,
)

MIN_PT = 9.0
HEADING_SCALE = {1: 1.8, 2: 1.35, 3: 1.12}
CELL_PAD = 3.0
HEADER_BG = "#e6e6e6"
_SPACES = re.compile(r"(\s)")


class _FillBox(Flowable):  # type: ignore[misc]
    """A box to write in (``Box.fill``): its text at the top, and room that runs on to the foot
    of the page — at least the box's own height (its ``min_lines``); where even that does not
    fit, it moves to the next page and takes that page (a page to write on)."""

    def __init__(self, text: RLTable, block: Box, width: float) -> None:
        super().__init__()
        self.text, self.block, self.width = text, block, width
        self.natural = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, natural = self.text.wrap(self.width, max(avail_height, 1.0))
        self.natural = float(natural)
        self.height = self.natural
        # Only the frame placing it (which sets ``_frame`` first) gets the rest of the page;
        # a heading kept with it measures the box at its own height.
        if getattr(self, "_frame", None) is not None and avail_height > self.natural:
            self.height = avail_height - 1
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(self.block.background))
        canvas.setStrokeColor(colors.HexColor(palette.RULE))
        canvas.setLineWidth(0.5)
        canvas.rect(0, 0, self.width, self.height, fill=1, stroke=1)
        canvas.restoreState()
        self.text.drawOn(canvas, 0, self.height - self.natural)


class _LineBox(RLTable):  # type: ignore[misc]
    """A box of text lines (``Flow._box``: a stored handover summary) that breaks between lines
    like good paper: at least ``KEEP_BEFORE`` lines of text stay at the foot of a page and at
    least ``KEEP_AFTER`` go on to the next (never a page holding a box's last line or two), and
    a label line (one ending in ":") never stays at a page's foot without the lines under it."""

    KEEP_BEFORE = 2
    KEEP_AFTER = 4

    def __init__(self, *args: Any, texts: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.texts = texts or []  # each row's text ("" for a blank line)

    def _lines(self, start: int, stop: int) -> int:
        return sum(1 for t in self.texts[start:stop] if t.strip())

    def _split_at(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if len(parts) == 2:
            first = len(parts[0]._cellvalues)
            parts[0].texts, parts[1].texts = self.texts[:first], self.texts[first:]
        return parts

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self._split_at(avail_width, avail_height)
        if len(parts) != 2 or len(self.texts) != len(self._cellvalues):
            return parts
        rows = len(self.texts)
        cut = first = len(parts[0]._cellvalues)
        while cut > 0 and (
            self._lines(cut, rows) < self.KEEP_AFTER
            or not self.texts[cut - 1].strip()
            or self.texts[cut - 1].rstrip().endswith(":")
        ):
            cut -= 1
        if self._lines(0, cut) < self.KEEP_BEFORE:
            return []  # too little would stay: the whole box starts on the next page
        if cut == first:
            return parts
        return self._split_at(avail_width, sum(self._rowHeights[:cut]) + 0.5)


def _start_table_with_heading(
    room: CondPageBreak, heading: Flowable, table: Flowable, width: float
) -> None:
    """A heading before a table asks for room for itself, the table's header row and its first
    row, instead of keeping the whole table with it: a long table may then start under its
    heading and run on, rather than leaving most of a page empty."""
    heading.keepWithNext = 0
    heights = list(getattr(table, "_rowHeights", []))
    first = sum(heights[: 2 if getattr(table, "repeatRows", 0) else 1])
    _, heading_h = heading.wrap(width, 10_000)
    room.height = heading_h + heading.getSpaceBefore() + heading.getSpaceAfter() + first + 4


def _after(flowable: Flowable, space: float) -> Flowable:
    """``flowable`` with room after it (as its own ``spaceAfter``, which, unlike a ``Spacer``,
    never starts a page of its own)."""
    flowable.spaceAfter = space
    return flowable


def split_lines(content: Rich) -> list[Rich]:
    """``content`` cut at its line breaks, each line keeping its spans' styles."""
    out: list[list[Span]] = [[]]
    for span in content:
        parts = span.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                out.append([])
            if part:
                out[-1].append(Span(part, span.bold, span.italic, span.colour, span.size))
    return [tuple(line) for line in out]


@dataclass
class Flow:
    """Converts blocks for one document at one body size; remembers unsettable characters."""

    body_pt: float = 10.0
    missing: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        fonts.register()
        self.body_pt = max(self.body_pt, MIN_PT)

    # ------------------------------------------------------------------ text

    @property
    def table_pt(self) -> float:
        """Table cells: a little smaller than body text, never under ``MIN_PT``."""
        return max(MIN_PT, self.body_pt - 0.5)

    def style(
        self, size: float | None = None, *, colour: str = "#000000", bold: bool = False
    ) -> ParagraphStyle:
        """A paragraph style in the document family at ``size`` pt (default: body)."""
        pt = max(MIN_PT, size or self.body_pt)
        return ParagraphStyle(
            "p",
            fontName=fonts.face_name(bold=bold),
            fontSize=pt,
            leading=pt * 1.25,
            autoLeading="max",
            textColor=colors.HexColor(colour),
            alignment=TA_LEFT,
            spaceAfter=pt * 0.35,
            allowWidows=0,
            allowOrphans=0,
            embeddedHyphenation=1,
            uriWasteReduce=0.3,
            bulletFontName=fonts.face_name(),
            bulletFontSize=pt,
        )

    def markup(self, content: Rich, *, bold_all: bool = False) -> str:
        """Rich text as ReportLab paragraph markup, every run in an explicit face; characters
        no face has become red ``[U+XXXX]`` codes (and are remembered in ``missing``)."""
        out = []
        for span in content:
            bold = span.bold or bold_all
            attrs = ""
            if span.size:
                attrs += f' size="{max(MIN_PT, span.size):g}"'
            for piece, ok in fonts.segments(span.text, bold=bold, italic=span.italic):
                colour = span.colour
                text = piece
                face = fonts.face_name(bold, span.italic)
                if not ok:
                    self.missing |= fonts.unsettable(piece) or set(piece)
                    text, colour, face = (
                        fonts.marker(piece),
                        fonts.MISSING_COLOUR,
                        fonts.face_name(),
                    )
                colour_attr = f' color="{colour}"' if colour else ""
                body = escape(text.replace("\t", " ")).replace("\n", "<br/>")
                out.append(f'<font face="{face}"{attrs}{colour_attr}>{body}</font>')
        return "".join(out)

    def para(self, content: Rich, style: ParagraphStyle, *, bold_all: bool = False) -> Paragraph:
        """A paragraph of rich text."""
        return Paragraph(self.markup(content, bold_all=bold_all), style)

    def measure(self, content: Rich, size: float, *, bold_all: bool = False) -> tuple[float, float]:
        """(widest word, widest line) of ``content`` set at ``size`` pt, in points."""
        widest_word = widest_line = line = word = 0.0
        for span in content:
            bold = span.bold or bold_all
            pt = max(MIN_PT, span.size or size)
            for piece, ok in fonts.segments(span.text, bold=bold, italic=span.italic):
                face = fonts.face_name(bold, span.italic) if ok else fonts.face_name()
                text = piece if ok else fonts.marker(piece)
                for token in _SPACES.split(text):
                    if not token:
                        continue
                    if token == "\n":
                        widest_word, word = max(widest_word, word), 0.0
                        widest_line, line = max(widest_line, line), 0.0
                    elif token.isspace():
                        widest_word, word = max(widest_word, word), 0.0
                        line += stringWidth(" ", face, pt)
                    else:
                        w = stringWidth(token, face, pt)
                        word += w
                        line += w
        return max(widest_word, word), max(widest_line, line)

    # ------------------------------------------------------------------ tables

    def column_widths(self, table: Table, available: float) -> list[float]:
        """Widths (pt) that follow the content and add up to ``available`` (see module doc)."""
        size = table.size or self.table_pt
        grid = [tuple(rich(h) for h in table.headers)] if table.headers else []
        grid += list(table.rows)
        n = max(len(r) for r in grid)
        mins, maxs = [0.0] * n, [0.0] * n
        for r, row in enumerate(grid):
            for i, cell in enumerate(row):
                lo, hi = self.measure(cell, size, bold_all=bool(table.headers) and r == 0)
                mins[i], maxs[i] = max(mins[i], lo), max(maxs[i], hi)
        pad = 2 * CELL_PAD + 0.5
        for i in range(n):
            if i in table.nowrap:
                mins[i] = maxs[i]
            mins[i] += pad
            maxs[i] += pad
        wrapping = [i for i in range(n) if i not in table.nowrap] or list(range(n))
        if sum(maxs) <= available:
            extra = available - sum(maxs)
            share = sum(maxs[i] for i in wrapping) or 1.0
            return [w + (extra * w / share if i in wrapping else 0.0) for i, w in enumerate(maxs)]
        if sum(mins) <= available:
            slack = (available - sum(mins)) / ((sum(maxs) - sum(mins)) or 1.0)
            return [lo + (hi - lo) * slack for lo, hi in zip(mins, maxs, strict=True)]
        fixed = sum(mins[i] for i in range(n) if i not in wrapping)
        rest = available - fixed
        if rest <= 0 or len(wrapping) == n:
            return [w * available / sum(mins) for w in mins]
        scale = rest / sum(mins[i] for i in wrapping)
        return [w * scale if i in wrapping else w for i, w in enumerate(mins)]

    def table(self, block: Table, width: float, page_height: float) -> RLTable:
        """A table at ``width`` pt; ``page_height``: the frame's height (for oversize rows)."""
        size = block.size or self.table_pt
        cell = self.style(size)
        cell.spaceAfter = 0
        data: list[list[Any]] = []
        if block.headers:
            head = self.style(size, bold=True)
            head.spaceAfter = 0
            data.append([self.para(rich(h), head) for h in block.headers])
        data += [[self.para(c, cell) for c in row] for row in block.rows]
        widths = self.column_widths(block, width)
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if block.ruled:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(palette.RULE)))
            if block.headers:
                commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_BG)))
        else:
            commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")))
        out = RLTable(
            data,
            colWidths=widths,
            repeatRows=1 if block.headers else 0,
            style=self._table_style(commands),
            hAlign="LEFT",
        )
        out.wrap(width, page_height)
        heights = getattr(out, "_rowHeights", [])
        if heights and max(heights) > page_height * 0.9:
            out.splitInRow = 1  # only a row taller than a page may split (rows keep otherwise)
        return out

    # ------------------------------------------------------------------ blocks

    def _table_style(self, commands: list[tuple[Any, ...]]) -> TableStyle:
        """A table style whose own font (for any plain-string cell) is the document face:
        ReportLab's default, Helvetica, is not embedded, which PDF/A forbids."""
        base: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.face_name()),
            ("FONTSIZE", (0, 0), (-1, -1), self.table_pt),
        ]
        return TableStyle(base + commands)

    def _boxed(self, cells: list[Flowable], width: float, background: str, grid: bool) -> RLTable:
        commands: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(background)),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        if grid:
            commands.append(("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor(palette.RULE)))
        return RLTable(
            [[cells]], colWidths=[width], style=self._table_style(commands), hAlign="LEFT"
        )

    def block(self, block: Block, width: float, page_height: float) -> list[Flowable]:
        """The flowables of one block at ``width`` pt."""
        match block:
            case Heading():
                size = self.body_pt * HEADING_SCALE.get(block.level, 1.12)
                style = self.style(size, bold=True)
                style.spaceBefore = size * (0.2 if block.level == 1 else 0.7)
                style.spaceAfter = size * 0.3
                style.keepWithNext = 1
                flow = self.para(rich(block.text), style)
                out: list[Flowable] = [PageBreak()] if block.page_break else []
                # a heading needs room for itself and a few lines of what follows
                return [*out, CondPageBreak(size * 1.4 + self.body_pt * 5), flow]
            case Para():
                colour = palette.MUTED if block.muted else "#000000"
                return [self.para(block.content, self.style(block.size, colour=colour))]
            case Bullets():
                style = self.style()
                style.leftIndent, style.bulletIndent = 12, 2
                style.spaceAfter = self.body_pt * 0.15
                return [Paragraph(self.markup(i), style, bulletText="•") for i in block.items]
            case Table():
                return [_after(self.table(block, width, page_height), self.body_pt * 0.5)]
            case KeyValues():
                return [self._key_values(block, width)]
            case Box():
                if block.fill:
                    return [_FillBox(self._box(block, width, ruled=False), block, width)]
                return [_after(self._box(block, width), 4)]
            case Band():
                style = self.style(colour=block.colour)
                if block.centred:
                    style.alignment = TA_CENTER
                style.spaceAfter = 1
                paras: list[Flowable] = [self.para(line, style) for line in block.lines]
                return [_after(self._boxed(paras, width, block.background, False), 6)]
            case Columns():
                return [self._columns(block, width, page_height)]
            case Signatures():
                return [self._signatures(block, width)]
        raise TypeError(block)  # pragma: no cover - every block type is matched above

    def blocks(self, blocks: tuple[Block, ...], width: float, page_height: float) -> list[Flowable]:
        """The flowables of a document's blocks."""
        out: list[Flowable] = []
        for b in blocks:
            if isinstance(b, Signatures) and out:
                out[-1] = KeepTogether([out[-1], *self.block(b, width, page_height)])
                continue
            flowables = self.block(b, width, page_height)
            if isinstance(b, Box) and b.min_lines and not b.fill:
                # room to write in belongs to what it follows: never a page of its own
                for before in out[-2:]:
                    if isinstance(before, Paragraph):
                        before.keepWithNext = 1
            if isinstance(b, Table) and len(out) >= 2 and isinstance(out[-2], CondPageBreak):
                _start_table_with_heading(out[-2], out[-1], flowables[0], width)
            out += flowables
        return out

    def _box(self, block: Box, width: float, *, ruled: bool = True) -> RLTable:
        """A ruled, shaded box that can run across pages: one row per line of its text, so a
        long text (a stored handover summary) breaks between lines, never inside one
        (``ruled`` False: the text only, for ``_FillBox`` to frame)."""
        rows: list[list[Any]] = []
        texts: list[str] = []
        for line in split_lines(block.content):
            text = plain_text(line)
            style = self.style()
            style.spaceAfter = 0
            style.leftIndent = 4 * (len(text) - len(text.lstrip(" ")))
            rows.append([self.para(line, style) if text.strip() else Spacer(1, self.body_pt * 0.6)])
            texts.append(text)
        if block.min_lines:  # room to write in stays with the last line of text
            rows[-1] = [[rows[-1][0], Spacer(1, self.body_pt * 1.4 * block.min_lines)]]
        commands: list[tuple[Any, ...]] = [
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
        ]
        if ruled:
            commands += [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(block.background)),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor(palette.RULE)),
            ]
        return _LineBox(
            rows, texts=texts, colWidths=[width], style=self._table_style(commands), hAlign="LEFT"
        )

    def _key_values(self, block: KeyValues, width: float) -> RLTable:
        label_style = self.style(colour=palette.MUTED)
        value_style = self.style()
        label_style.spaceAfter = value_style.spaceAfter = 0
        label_w = max(self.measure(rich(k), self.body_pt)[1] for k, _ in block.pairs) + 12
        label_w = min(label_w, width * 0.4)
        data = [
            [self.para(rich(k), label_style), self.para(v, value_style)] for k, v in block.pairs
        ]
        style = self._table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
        return RLTable(data, colWidths=[label_w, width - label_w], style=style, hAlign="LEFT")

    def _columns(self, block: Columns, width: float, page_height: float) -> RLTable:
        total = sum(block.weights) or 1.0
        gap = 10.0
        widths = [width * w / total for w in block.weights]
        cells = [
            self.blocks(column, w - gap, page_height)
            for column, w in zip(block.columns, widths, strict=True)
        ]
        style = self._table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), gap),
            ]
        )
        return RLTable([cells], colWidths=widths, style=style, hAlign="LEFT")

    def _signatures(self, block: Signatures, width: float) -> RLTable:
        style = self.style()
        gap = 24.0  # between one signature's line and the next one's label
        cells: list[Any] = []
        for label in block.labels:
            cells += [self.para(rich(label), style), "", ""]
        n = len(block.labels)
        label_w = max(self.measure(rich(lab), self.body_pt)[1] for lab in block.labels) + 10
        line_w = (width - n * label_w - (n - 1) * gap) / n
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        for i in range(n):
            commands.append(("LINEBELOW", (3 * i + 1, 0), (3 * i + 1, 0), 0.7, colors.black))
        return RLTable(
            [cells[:-1]],
            colWidths=([label_w, line_w, gap] * n)[:-1],
            rowHeights=[self.body_pt * 3],
            style=self._table_style(commands),
            hAlign="LEFT",
        )
