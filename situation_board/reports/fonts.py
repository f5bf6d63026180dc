"""The documents' fonts, and what happens to a character no font has; no Qt here.

Every PDF embeds the bundled DejaVu Sans Condensed (``resources/fonts/``, Bitstream Vera licence):
Latin with the other European alphabets, Greek, Cyrillic, arrows and common symbols — what a
Swedish region's staff can type — and it looks the same on every machine, whatever fonts the
workstation has. ReportLab embeds the subset a document uses, with a Unicode map, so the text can
be searched and copied (``pdftotext``).

A character the font lacks (most emoji, CJK) would otherwise vanish silently. ``segments`` splits
text into runs the font can set and runs it cannot; the renderer prints the latter as their code
points in red — ``[U+1F691]`` — and the export reports them (``RenderResult.missing``). Right-to-
left scripts (Hebrew, Arabic) are treated the same way: the PDF writer cannot order or join them,
and a word printed backwards would be worse than its codes. The CSV and JSON files keep the exact
text either way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from situation_board.resources import resource

FAMILY = "SituationSans"
FILES = {
    (False, False): "DejaVuSansCondensed.ttf",
    (True, False): "DejaVuSansCondensed-Bold.ttf",
    (False, True): "DejaVuSansCondensed-Oblique.ttf",
    (True, True): "DejaVuSansCondensed-BoldOblique.ttf",
}
MISSING_COLOUR = "#c1121f"
_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF))


def face_name(bold: bool = False, italic: bool = False) -> str:
    """The ReportLab font name of one face of the document family."""
    suffix = {(False, False): "", (True, False): "-Bold", (False, True): "-Oblique"}
    return FAMILY + suffix.get((bold, italic), "-BoldOblique")


@cache
def register() -> str:
    """Register the bundled faces with ReportLab (once); returns the family name.

    Raises ``OSError`` when a font file is missing from the installation.
    """
    for (b, i), filename in FILES.items():
        pdfmetrics.registerFont(TTFont(face_name(b, i), str(resource("fonts", filename))))
    pdfmetrics.registerFontFamily(
        FAMILY,
        normal=face_name(),
        bold=face_name(bold=True),
        italic=face_name(italic=True),
        boldItalic=face_name(bold=True, italic=True),
    )
    return FAMILY


@cache
def _coverage(name: str) -> frozenset[int]:
    register()
    font = pdfmetrics.getFont(name)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


def _is_rtl(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in _RTL_RANGES)


def _invisible(ch: str) -> bool:
    """Format characters and variation selectors: nothing to show, nothing lost."""
    return unicodedata.category(ch) == "Cf" or 0xFE00 <= ord(ch) <= 0xFE0F


def can_set(ch: str, *, bold: bool = False, italic: bool = False) -> bool:
    """True when the face has a glyph for ``ch`` and the writer can set it left to right."""
    code = ord(ch)
    return ch in "\n\t" or (code in _coverage(face_name(bold, italic)) and not _is_rtl(code))


def segments(text: str, *, bold: bool = False, italic: bool = False) -> Iterator[tuple[str, bool]]:
    """``text`` as ``(run, settable)`` pieces in order; an unsettable run holds the characters
    the face cannot show (format characters inside such a run are dropped)."""
    run: list[str] = []
    ok: bool | None = None
    for ch in text:
        good = can_set(ch, bold=bold, italic=italic)
        if not good and _invisible(ch):
            if ok is False:
                continue  # a joiner or selector inside an emoji sequence: part of its marker
            good = True  # a stray one: the font's empty glyph is fine
        if ok is not None and good != ok:
            yield "".join(run), ok
            run = []
        run.append(ch)
        ok = good
    if run and ok is not None:
        yield "".join(run), ok


def marker(run: str) -> str:
    """The visible stand-in for characters no font has: ``[U+1F691 U+1F3E5]``."""
    return "[" + " ".join(f"U+{ord(ch):04X}" for ch in run if not _invisible(ch)) + "]"


def unsettable(text: str) -> set[str]:
    """The characters of ``text`` the regular face cannot show (for the export's report)."""
    return {ch for piece, ok in segments(text) if not ok for ch in piece if not _invisible(ch)}
