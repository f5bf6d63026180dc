"""Reading generated PDFs back with poppler-utils (``pdftotext -layout``, ``pdfinfo``)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:  # `make test` installs poppler-utils; say so instead of a cryptic error
        pytest.fail(f"{name} missing: install poppler-utils (bash .ci/apt-ensure poppler-utils)")
    return path


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page, as ``pdftotext -layout`` lays it out."""
    out = subprocess.run(
        [_tool("pdftotext"), "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_raw_text(path: Path) -> str:
    """A PDF's text in the order it is drawn (``pdftotext -raw``): each table cell's lines stay
    together, where ``-layout`` interleaves the lines of cells side by side."""
    return subprocess.run(
        [_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(
        [_tool("pdfinfo"), str(path)], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return {
        k.strip(): v.strip()
        for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)
    }


def page_count(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


def is_landscape(path: Path) -> bool:
    w, h = re.findall(r"[\d.]+", pdf_info(path)["Page size"])[:2]
    return float(w) > float(h)


def positions(text: str, needles: list[str]) -> list[int]:
    """Where each needle first occurs (fails the test when one is missing)."""
    found = []
    for needle in needles:
        at = text.find(needle)
        assert at >= 0, f"{needle!r} not in the PDF text"
        found.append(at)
    return found
