"""The start-up error dialog: why the window or the wall cannot start, said in a window.

The entry point (``situation_board.main``) checks for a usable display before Qt is imported
(``app.startup``); when there is one, a broken configuration, a station-code clash, a newer local
schema or a locked or unreadable database is shown here instead of a black screen and a line on
stderr only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from situation_board.i18n import _
from situation_board.ui.app import make_app


def show_startup_error(message: str, language: str) -> None:
    """Show ``message`` (one line, already in ``language``) in a modal dialog until closed."""
    make_app(language)  # sets the catalogue's language, and Qt's own for the button
    box = QMessageBox(QMessageBox.Icon.Critical, _("The board cannot start"), message)
    box.setObjectName("startupError")
    box.setInformativeText(
        _("Correct the problem and start the program again. Nothing was changed.")
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.exec()
