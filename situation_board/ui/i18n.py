"""Translations: Qt's own (qtbase) and ours, compiled from ``resources/i18n/*.ts``.

Source strings are English; ``situation_board_sv.ts`` holds the Swedish translation (a test fails
on any unfinished string). The ``.qm`` files are built by ``make`` (``pyside6-lrelease``) and are
never committed or hand-edited. Where one is missing (an install from a wheel, which carries the
``.ts``), it is compiled once into the user cache with the ``lrelease`` PySide6 ships; if even
that fails the UI falls back to English and logs it.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from situation_board.resources import resource

log = logging.getLogger(__name__)


def qm_path(language: str) -> str:
    built = resource("i18n", f"situation_board_{language}.qm")
    if built.exists():
        return str(built)
    return str(compiled_qm(language) or built)


def compiled_qm(language: str) -> Path | None:
    """The ``.qm`` compiled from the installed ``.ts`` into the user cache (once per change)."""
    source = resource("i18n", f"situation_board_{language}.ts")
    if not source.exists():
        return None
    target = platformdirs.user_cache_path("situation-board") / "i18n" / f"{source.stem}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = Path(PySide6.__file__).parent / (
        "lrelease.exe" if sys.platform == "win32" else "lrelease"
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [str(tool), "-silent", str(source), "-qm", str(target)],
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot compile %s with %s: %s", source, tool, exc)
        return None
    return target


def install(app: QApplication, language: str) -> list[QTranslator]:
    """Install Qt's and our translators for ``language``; returns them (keep a reference)."""
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Swedish if language == "sv" else QLocale.Language.English,
            QLocale.Country.Sweden,
        )
    )
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    ours = QTranslator(app)
    if ours.load(qm_path(language)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("translation %s missing: run `make translations`", qm_path(language))
    return installed
