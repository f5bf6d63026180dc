"""Who is working at this station: name, function and station code (asked on first start)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QWidget

from situation_board.app.context import AppContext
from situation_board.domain.entities import Actor
from situation_board.domain.enums import StaffFunction
from situation_board.domain.rules import MAX_NAME, require_text, station_code
from situation_board.i18n import _
from situation_board.ui.dialogs.common import FormDialog


class IdentityDialog(FormDialog):
    """Recorded on every entry made from this station."""

    def __init__(
        self,
        language: str,
        name: str,
        function: StaffFunction,
        station: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Who is working at this station?"), language, parent)
        self.name = QLineEdit(name)
        self.name.setObjectName("identityName")
        self.function = QComboBox()
        self.function.setObjectName("identityFunction")
        for f in StaffFunction:
            self.function.addItem(f.label(language), f.value)
        self.function.setCurrentIndex(self.function.findData(function.value))
        self.station = QLineEdit(station)
        self.station.setObjectName("identityStation")
        self.station.setMaxLength(6)
        self.add_row(_("&Name:"), self.name, _("Your name"))
        self.add_row(_("&Function:"), self.function, _("Your function"))
        self.add_row(_("&Station code:"), self.station, _("Station code, e.g. V1"))
        self.buttons.button(self.buttons.StandardButton.Ok).setText(_("OK"))
        hint = QLabel(
            _(
                "Your name and function are recorded on everything you enter. The "
                "station code starts this station's journal numbers (V1-0001); "
                "each station in the room needs its own."
            )
        )
        hint.setWordWrap(True)
        self.form.insertRow(0, hint)
        self.name.setFocus()

    def validate(self) -> None:
        self.values_ = (
            require_text(self.check(self.name).text(), "user", limit=MAX_NAME),
            StaffFunction(self.function.currentData()),
            station_code(self.check(self.station).text()),
        )


def ask_identity(
    ctx: AppContext, actor: Actor | None, station: str, parent: QWidget | None = None
) -> tuple[Actor, str] | None:
    """Ask who works here (name, function, station code) and save it to the configuration;
    ``None`` when cancelled."""
    dialog = IdentityDialog(
        ctx.language,
        actor.name if actor else "",
        actor.function if actor else StaffFunction.OTHER,
        station,
        parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name, function, code = dialog.values_
    ctx.save_settings(user=name, function=function.value, station=code)
    return Actor(name, function), code
