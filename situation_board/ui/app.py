"""The Qt application object shared by the window programs: style, fonts, the UI language,
error reporting, and the screenshot/exit hooks.

Every string of ours comes from the gettext catalogue (``situation_board.i18n``); the strings of
Qt's own standard dialogs (message box buttons, the file and print dialogs) come from the
translations Qt ships (``qtbase_sv.qm``), installed here.

Developer/test hooks, all off by default: ``SITUATION_BOARD_SCREENSHOT=PATH`` saves a screenshot
once the board and journal have loaded and then quits; ``SITUATION_BOARD_EXIT_AFTER_LOAD=1`` quits
at the same point.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory, QWidget

from situation_board import APP_NAME, __version__, i18n
from situation_board.app import logs
from situation_board.i18n import _
from situation_board.resources import resource
from situation_board.ui.controller import BoardController
from situation_board.ui.gc import GarbageCollector

log = logging.getLogger(__name__)
_QT_LOCALES = {"sv": QLocale.Language.Swedish, "en": QLocale.Language.English}


def install_qt_translations(app: QApplication, language: str) -> QTranslator | None:
    """Qt's own strings (standard buttons, file and print dialogs) in ``language``, from the
    ``qtbase_<language>.qm`` that Qt ships; ``None`` for English (Qt's source language) or when
    the file is missing (logged: those dialogs then speak English). Keep the translator."""
    QLocale.setDefault(
        QLocale(_QT_LOCALES.get(language, QLocale.Language.Swedish), QLocale.Country.Sweden)
    )
    for old in app.findChildren(QTranslator, "qtbaseTranslator"):
        app.removeTranslator(old)
        old.deleteLater()
    if language == "en":
        return None
    translator = QTranslator(app)
    translator.setObjectName("qtbaseTranslator")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        log.warning(
            "Qt's own %s translation (qtbase_%s.qm) is missing in %s", language, language, folder
        )
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator


def make_app(language: str) -> QApplication:
    """The application object with our style and fonts, in the UI ``language``: the catalogue's
    (``i18n.set_language``) and Qt's own dialogs' (``install_qt_translations``)."""
    i18n.set_language(language)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setStyle(QStyleFactory.create("Fusion"))
    font = QFont(app.font())
    font.setPointSize(11)
    app.setFont(font)
    qss = resource("styles", "workstation.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    install_qt_translations(app, language)
    if app.findChild(GarbageCollector) is None:
        GarbageCollector(app)
    return app


class ErrorReporter(QObject):
    """Shows an unhandled exception's message (UI language) on the GUI thread, whatever thread
    raised it (the signal is queued to the reporter's thread)."""

    message = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.message.connect(self._show)
        self.shown: list[str] = []

    def _show(self, text: str) -> None:
        self.shown.append(text)
        if os.environ.get("SITUATION_BOARD_NO_ERROR_DIALOG"):
            return
        QMessageBox.critical(None, _("Unexpected error"), text)


def install_error_reporting(app: QApplication, language: str) -> ErrorReporter:
    reporter = ErrorReporter(app)
    logs.install_excepthook(reporter.message.emit, language)
    return reporter


def install_exit_hooks(window: QWidget, controller: BoardController) -> None:
    """The screenshot / exit-after-load hooks (see the module docstring)."""
    shot = os.environ.get("SITUATION_BOARD_SCREENSHOT")
    exit_after = os.environ.get("SITUATION_BOARD_EXIT_AFTER_LOAD")
    if not (shot or exit_after):
        return
    assert isinstance(controller, BoardController)
    loaded = {"board": False, "journal": False}

    def check() -> None:
        if all(loaded.values()):

            def finish() -> None:
                if shot:
                    window.grab().save(shot)
                QApplication.quit()

            QTimer.singleShot(800, finish)

    def mark(what: str) -> None:
        loaded[what] = True
        check()

    controller.boardLoaded.connect(lambda _b: mark("board"))
    controller.journalReset.connect(lambda _e: mark("journal"))
