"""Reading a generated PDF's geometry back: characters with their font size and position
(PDFium through pypdfium2), fonts (``pdffonts``), text in drawing order (``pdftotext -raw``)."""

from __future__ import annotations

import ctypes
import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from tests.pdftext import _tool


@dataclass(frozen=True)
class Char:
    text: str
    size: float  # pt, as set on the page: the font size times the text matrix's scale
    bottom: float  # pt from the bottom edge of the page
    top: float


def page_chars(path: Path) -> list[list[Char]]:
    """Every visible character of every page, in drawing order."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                text = textpage.get_text_range(i, 1)
                if not text.strip():
                    continue
                _, bottom, _, top = textpage.get_charbox(i)
                matrix = pdfium_c.FS_MATRIX()
                pdfium_c.FPDFText_GetMatrix(textpage, i, ctypes.byref(matrix))
                scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
                size = pdfium_c.FPDFText_GetFontSize(textpage, i) * scale
                chars.append(Char(text, round(size, 2), bottom, top))
            pages.append(chars)
        return pages
    finally:
        pdf.close()


def fonts(path: Path) -> list[dict[str, str]]:
    """``pdffonts`` rows: name, type, emb, sub, uni."""
    out = subprocess.run(
        [_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        if len(parts) >= 7:
            # name, type (may be two words), encoding, emb, sub, uni, object, id
            emb, sub, uni = parts[-5], parts[-4], parts[-3]
            rows.append({"name": parts[0], "emb": emb, "sub": sub, "uni": uni, "line": line})
    return rows


def raw_pages(path: Path) -> list[str]:
    """Each page's text in the order it was drawn (a table cell's text stays together)."""
    out = subprocess.run(
        [_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squash(text: str) -> str:
    """Text without any whitespace (line breaks inside a cell do not matter)."""
    return re.sub(r"\s+", "", text)
