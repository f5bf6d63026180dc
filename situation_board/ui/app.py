"""The Qt application object shared by the window programs: style, fonts, Qt's own translations,
error reporting, and the screenshot/exit hooks.

Developer/test hooks, all off by default: ``SITUATION_BOARD_SCREENSHOT=PATH`` saves a screenshot
once the board and journal have loaded and then quits; ``SITUATION_BOARD_EXIT_AFTER_LOAD=1`` quits
at the same point.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory, QWidget

from situation_board import APP_NAME, __version__
from situation_board.app import logs
from situation_board.resources import resource
from situation_board.ui import i18n
from situation_board.ui.controller import BoardController
from situation_board.ui.gc import GarbageCollector


def make_app(language: str) -> QApplication:
    """The application object with our style, fonts and translations."""
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
    app.setProperty("sb_translators", i18n.install(app, language))
    if app.findChild(GarbageCollector) is None:
        GarbageCollector(app)
    return app


class ErrorReporter(QObject):
    """Shows an unhandled exception's Swedish message on the GUI thread, whatever thread
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
        QMessageBox.critical(
            None, QApplication.translate("ErrorReporter", "Unexpected error"), text
        )


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
