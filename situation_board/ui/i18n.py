"""Translations: Qt's own (qtbase) and ours, compiled from ``resources/i18n/*.ts``.

Source strings are English; ``situation_board_sv.ts`` holds the Swedish translation (a test fails
on any unfinished string). The ``.qm`` files are built by ``make`` (``pyside6-lrelease``) and are
never committed or hand-edited; when one is missing the UI falls back to English and logs it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from situation_board.resources import resource

log = logging.getLogger(__name__)


def qm_path(language: str) -> str:
    return str(resource("i18n", f"situation_board_{language}.qm"))


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
