"""Desktop notifications and the reminder sound: how a reminder reaches someone who is not
looking at the board.

The first backend that works here is used:

1. the platform's tray notification (``QSystemTrayIcon.showMessage``): Windows, macOS, and Linux
   desktops with a tray (KDE, Xfce, …; there Qt itself sends it to the freedesktop service);
2. the freedesktop notification service (``org.freedesktop.Notifications`` on the session bus,
   GNOME without a tray among others): found through QtDBus and called with ``gdbus``, which
   types the arguments from the service's own introspection (PySide6's QtDBus cannot send the
   ``uint32`` that ``Notify`` takes); ``notify-send`` when ``gdbus`` is missing;
3. none: the window's reminder bar and panel still show everything, and the window asks for
   attention (its taskbar entry flashes). This is the case under Xvfb and offscreen.

The sound is the platform's bell (``QApplication.beep``): PySide6-Essentials carries no
multimedia module. With the freedesktop service the notification asks the service to play its
"new message" sound instead (the ``sound-name`` hint).
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from situation_board.domain.reminders import Reminder
from situation_board.i18n import _, ngettext
from situation_board.ui import theme

log = logging.getLogger(__name__)

FREEDESKTOP = "org.freedesktop.Notifications"
SHOWN_MS = 15_000
MAX_LINES = 3  # a notification names at most three reminders, then "and N more"


def notification_text(reminders: Sequence[Reminder], language: str) -> tuple[str, str]:
    """The title and body of one notification for ``reminders`` (most urgent first)."""
    title = (
        reminders[0].kind.label(language)
        if len(reminders) == 1
        else ngettext("{0} reminder", "{0} reminders", len(reminders)).format(len(reminders))
    )
    lines = [r.text(language) for r in reminders[:MAX_LINES]]
    more = len(reminders) - MAX_LINES
    if more > 0:
        lines.append(ngettext("and {0} more", "and {0} more", more).format(more))
    return title, "\n".join(lines)


class Notifier(QObject):
    """Shows reminders as desktop notifications, with the bell when ``sound`` is on."""

    clicked = Signal()  # the user clicked a notification: show the reminders

    def __init__(
        self,
        window: QWidget,
        language: str,
        *,
        sound: bool,
        backend: str | None = None,
        beep: Callable[[], None] = QApplication.beep,
    ) -> None:
        """``backend`` (``tray``, ``freedesktop``, ``none``) skips the probe (tests)."""
        super().__init__(window)
        self.setObjectName("notifier")
        self.window = window
        self.language = language
        self.sound = sound
        self.beep = beep
        self._backend = backend
        self._tray: QSystemTrayIcon | None = None
        self.sent: list[tuple[str, str]] = []  # what was shown (title, body): tests and logs

    @property
    def backend(self) -> str:
        """``tray``, ``freedesktop`` or ``none``, probed on first use."""
        if self._backend is None:
            self._backend = self._probe()
            log.info("reminder notifications: %s", self._backend)
        return self._backend

    @staticmethod
    def _probe() -> str:
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            return "tray"
        if _freedesktop_available() and (shutil.which("gdbus") or shutil.which("notify-send")):
            return "freedesktop"
        return "none"

    def notify(self, reminders: Sequence[Reminder]) -> None:
        """One notification for ``reminders`` (due now), and the bell if it is on."""
        if not reminders:
            return
        title, body = notification_text(reminders, self.language)
        self.sent.append((title, body))
        urgent = any(r.kind.urgent for r in reminders)
        backend = self.backend
        if backend == "tray":
            self._show_tray(title, body, urgent)
        elif backend == "freedesktop":
            _send_freedesktop(title, body, urgent=urgent, sound=self.sound)
        QApplication.alert(self.window)  # the taskbar entry asks for attention
        if self.sound and backend != "freedesktop":
            self.beep()

    def _show_tray(self, title: str, body: str, urgent: bool) -> None:
        if self._tray is None:
            self._tray = QSystemTrayIcon(theme.icon("app"), self)
            self._tray.setObjectName("reminderTray")
            self._tray.setToolTip(_("Situation board"))
            self._tray.messageClicked.connect(self.clicked)
            self._tray.show()
        icon = (
            QSystemTrayIcon.MessageIcon.Warning
            if urgent
            else QSystemTrayIcon.MessageIcon.Information
        )
        self._tray.showMessage(title, body, icon, SHOWN_MS)


def _freedesktop_available() -> bool:
    """True when the session bus has (or can start) the freedesktop notification service.
    Without a session bus address nothing is asked (no bus is started on the X display's
    behalf: that is the desktop session's job)."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    from PySide6.QtDBus import QDBusConnection  # noqa: PLC0415 - only when probing

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    interface = bus.interface()
    if interface is None:
        return False
    if interface.isServiceRegistered(FREEDESKTOP).value():
        return True
    names = interface.activatableServiceNames().value() or []
    return FREEDESKTOP in names


def gvariant_string(text: str) -> str:
    """``text`` as a GVariant text-format string literal (how ``gdbus call`` reads arguments:
    an unquoted argument that happens to parse, such as ``'x'``, would lose its quotes)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return f"'{escaped}'"


def _send_freedesktop(title: str, body: str, *, urgent: bool, sound: bool) -> None:
    """``Notify`` through ``gdbus`` (or ``notify-send``), without waiting for it."""
    gdbus = shutil.which("gdbus")
    if gdbus:
        hints = [f"'urgency': <byte {2 if urgent else 1}>"]
        if sound:
            hints.append("'sound-name': <'message-new-instant'>")
        args = [
            "call", "--session", "--dest", FREEDESKTOP,
            "--object-path", "/org/freedesktop/Notifications",
            "--method", f"{FREEDESKTOP}.Notify",
            gvariant_string(_("Situation board")), "0",
            gvariant_string("dialog-warning" if urgent else "dialog-information"),
            gvariant_string(title), gvariant_string(body), "[]", "{" + ", ".join(hints) + "}",
            str(SHOWN_MS),
        ]  # fmt: skip
        _detached(gdbus, args)
        return
    program = shutil.which("notify-send")
    if program:
        urgency = "critical" if urgent else "normal"
        _detached(program, ["-u", urgency, "-a", _("Situation board"), title, body])


def _detached(program: str, args: list[str]) -> None:
    """Run ``program`` without waiting for it, its output discarded."""
    process = QProcess()
    process.setProgram(program)
    process.setArguments(args)
    process.setStandardOutputFile(QProcess.nullDevice())
    process.setStandardErrorFile(QProcess.nullDevice())
    if not process.startDetached():
        log.warning("could not start %s for a desktop notification", program)
