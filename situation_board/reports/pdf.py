"""Every generated document as PDF, laid out with ReportLab's platypus; no Qt here.

**Why ReportLab.** Qt's ``QTextDocument`` (the renderer before) splits table rows across pages,
breaks words inside ("Författ are") when a fixed-percentage column is too narrow, and strands
headings at the foot of a page. ReportLab's platypus has the rules paper needs built in — tables
that repeat their header rows and move a whole row to the next page, ``keepWithNext`` headings,
widow and orphan control, word wrap that breaks only between words — and it writes the PDF
itself: fonts embedded as subsets with a Unicode map, no display or Qt needed (the CLI prints on
a server without one), the same output on every workstation. The rules are applied in
``reports/pdf_flow.py``; PDF/A in ``reports/pdfa.py``.

Every page has a running header (ÖVNING/EXERCISE on exercises, event name, document title) and
footer (printed at, with UTC offset; station; "Page 1 of 3"). A one-page document (the board
print) uses the first of its variants that fits one page; should even the last not fit, it is
shrunk onto the page rather than spilling onto a second.

``write_pdf`` writes a file atomically and returns a ``RenderResult`` (pages, and the characters
no font could show, which the caller reports); ``pdf_bytes`` gives the bytes for printing
(``ui/documents.py`` rasterises them onto the printer). Errors: ``BoardError("cannot_write")``.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepInFrame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import LayoutError

from situation_board import __version__
from situation_board.domain.errors import BoardError
from situation_board.domain.messages import Text
from situation_board.domain.timeutil import fmt_datetime
from situation_board.i18n import N_
from situation_board.reports import fonts
from situation_board.reports.blocks import Para, rich
from situation_board.reports.lang import Lang
from situation_board.reports.pdf_flow import MIN_PT, Flow
from situation_board.reports.pdfa import PdfInfo, make_pdfa
from situation_board.reports.records import Document, DocumentMeta

BODY_PT = 10.0
FURNITURE_PT = 9.0
MARGIN_X = 14 * mm
MARGIN_Y = 11 * mm
EXERCISE_RED = "#c62828"


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What writing a PDF produced."""

    pages: int
    missing: tuple[str, ...] = ()  # characters printed as [U+XXXX] codes: no font has them

    @property
    def missing_codes(self) -> str:
        """``U+1F691 U+1F3E5``: the missing characters, for a message."""
        return " ".join(f"U+{ord(ch):04X}" for ch in self.missing)


def page_size(document: Document) -> tuple[float, float]:
    """A4 in the document's orientation, in points."""
    width, height = landscape(A4) if document.landscape else A4
    return float(width), float(height)


# ---------------------------------------------------------------------- furniture


def _furniture_style(colour: str = "#000000", bold: bool = False) -> Any:
    return Flow(FURNITURE_PT).style(FURNITURE_PT, colour=colour, bold=bold)


def _header_para(meta: DocumentMeta, lang: Lang, width: float) -> Paragraph:
    flow = Flow(FURNITURE_PT)
    exercise = ""
    if meta.exercise:
        face = fonts.face_name(bold=True)
        word = escape(lang.gettext("EXERCISE"))
        exercise = f'<font face="{face}" color="{EXERCISE_RED}">{word}</font>   '
    text = exercise + flow.markup(rich(meta.event_name), bold_all=True)
    para = Paragraph(text, _furniture_style())
    para.wrap(width, 200)
    return para


def _title_para(meta: DocumentMeta) -> Paragraph:
    para = Paragraph(Flow(FURNITURE_PT).markup(rich(meta.title)), _furniture_style())
    para.wrap(10_000, 200)
    return para


@dataclass
class _Furniture:
    """Draws header and footer; measures how much room they take."""

    meta: DocumentMeta
    size: tuple[float, float]

    def __post_init__(self) -> None:
        self.lang = Lang(self.meta.language)
        width = self.size[0] - 2 * MARGIN_X
        title_w = Flow(FURNITURE_PT).measure(rich(self.meta.title), FURNITURE_PT)[1] + 2
        self.title_w = min(title_w, width * 0.45)
        self.header = _header_para(self.meta, self.lang, width - self.title_w - 12)
        self.header_h = max(float(self.header.height), FURNITURE_PT * 1.3)
        self.footer_h = FURNITURE_PT * 1.3

    @property
    def top(self) -> float:
        """Room above the body, from the paper's top edge (pt)."""
        return float(MARGIN_Y + self.header_h + 8)

    @property
    def bottom(self) -> float:
        """Room below the body, from the paper's bottom edge (pt)."""
        return float(MARGIN_Y + self.footer_h + 8)

    def draw(self, canvas: Canvas, number: int, pages: int) -> None:
        """Header and footer of page ``number`` of ``pages``."""
        w, h = self.size
        _ = self.lang.gettext
        canvas.saveState()
        top = h - MARGIN_Y
        self.header.drawOn(canvas, MARGIN_X, top - self.header.height)
        title = _title_para(self.meta)
        title.wrap(self.title_w, 200)
        title.drawOn(canvas, w - MARGIN_X - self.title_w, top - title.height)
        canvas.setStrokeColor(colors.HexColor("#777777"))
        canvas.setLineWidth(0.6)
        rule = top - self.header_h - 3
        canvas.line(MARGIN_X, rule, w - MARGIN_X, rule)
        base = MARGIN_Y
        canvas.line(MARGIN_X, base + self.footer_h + 2, w - MARGIN_X, base + self.footer_h + 2)
        printed = _("Printed {at} · Station {station}").format(
            at=fmt_datetime(self.meta.generated_at), station=self.meta.station
        )
        x = MARGIN_X
        if self.meta.exercise:
            word = _("EXERCISE") + "   "
            canvas.setFillColor(colors.HexColor(EXERCISE_RED))
            canvas.setFont(fonts.face_name(bold=True), FURNITURE_PT)
            canvas.drawString(x, base + 3, word)
            x += canvas.stringWidth(word, fonts.face_name(bold=True), FURNITURE_PT)
        canvas.setFillColor(colors.black)
        canvas.setFont(fonts.face_name(), FURNITURE_PT)
        canvas.drawString(x, base + 3, printed)
        page = _("Page {n} of {total}").format(n=number, total=pages)
        canvas.drawRightString(w - MARGIN_X, base + 3, page)
        canvas.restoreState()


def _info(meta: DocumentMeta) -> PdfInfo:
    return PdfInfo(
        title=f"{meta.title} – {meta.event_name}",
        author=f"situation-board, station {meta.station}",
        subject=meta.title,
        keywords=f"{meta.title}; {meta.event_name}; {meta.station}",
        creator=f"situation-board {__version__}",
        producer=f"situation-board {__version__} (ReportLab)",
        created=meta.generated_at,
        language=meta.language,
    )


def _canvas_class(furniture: _Furniture) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each can say "Page 2 of 5", and turns
    the file into PDF/A as it is saved."""

    class PagedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("lang", {"en": "en-GB"}.get(furniture.meta.language, "sv-SE"))
            kwargs["initialFontName"] = fonts.face_name()  # never Helvetica, not embedded
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                furniture.draw(self, number, total)
                super().showPage()
            make_pdfa(self._doc, _info(furniture.meta))
            super().save()

    return PagedCanvas


# ---------------------------------------------------------------------- layout


def _build(document: Document, variant: int, *, shrink: bool = False) -> tuple[bytes, Flow, int]:
    """Lay out one variant; returns the PDF bytes, the flow (its missing characters) and the
    number of pages."""
    size = page_size(document)
    furniture = _Furniture(document.meta, size)
    width = size[0] - 2 * MARGIN_X
    height = size[1] - furniture.top - furniture.bottom
    flow = Flow(document.body_size(variant, BODY_PT))
    story = flow.blocks(document.variants[variant], width, height)
    if flow.missing:
        lang = Lang(document.meta.language)
        note = lang.gettext(
            "Characters that no font in this document can show are printed as their Unicode"
            " code in red, e.g. {example}; the CSV and JSON files keep the exact text."
        ).format(example=fonts.marker(sorted(flow.missing)[0]))
        story += flow.block(Para(rich(note), muted=True), width, height)
    if shrink:
        story = [KeepInFrame(width, height, story, mode="shrink")]
    buffer = io.BytesIO()
    frame = Frame(MARGIN_X, furniture.bottom, width, height, 0, 0, 0, 0, id="body")
    template = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=furniture.top,
        bottomMargin=furniture.bottom,
        title=f"{document.meta.title} – {document.meta.event_name}",
        author=f"situation-board, station {document.meta.station}",
        invariant=1,
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(story, canvasmaker=_canvas_class(furniture))
    return buffer.getvalue(), flow, template.page


def render(document: Document) -> tuple[bytes, RenderResult]:
    """The PDF of ``document`` as bytes, and what rendering it found."""
    fonts.register()
    if document.one_page:
        for variant in range(len(document.variants)):
            try:
                data, flow, pages = _build(document, variant)
            except LayoutError:  # a part taller than the page: this variant does not fit
                continue
            if pages == 1:
                break
        else:
            data, flow, pages = _build(document, len(document.variants) - 1, shrink=True)
    else:
        data, flow, pages = _build(document, 0)
    return data, RenderResult(pages, tuple(sorted(flow.missing)))


def pdf_bytes(document: Document) -> bytes:
    """The PDF of ``document`` (for printing)."""
    return render(document)[0]


def write_pdf(document: Document, path: Path) -> RenderResult:
    """Write ``document`` as a PDF/A-2u file at ``path`` (replaced atomically).

    Raises ``BoardError("cannot_write")`` when the file cannot be written.
    """
    path = Path(path)
    if path.is_dir():
        raise BoardError("cannot_write", path=str(path), reason=Text(N_("it is a folder")))
    data, result = render(document)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise BoardError("cannot_write", path=str(path), reason=exc.strerror or str(exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return result


__all__ = ["MIN_PT", "RenderResult", "page_size", "pdf_bytes", "render", "write_pdf"]
