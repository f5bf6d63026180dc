"""Keep the wall display awake: inhibit screen blanking where the platform allows it.

Linux desktops: the freedesktop ScreenSaver D-Bus interface (``Inhibit``/``UnInhibit``).
Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED)``. Elsewhere, or with no
session bus (a kiosk without a desktop), nothing is done and the log says so; a kiosk should then
also run ``xset s off -dpms``, as the admin guide explains.
"""

from __future__ import annotations

import logging
import sys

from situation_board.i18n import _

log = logging.getLogger(__name__)

_ES_CONTINUOUS = 0x80000000
_ES_DISPLAY_REQUIRED = 0x00000002


class ScreenAwake:
    """Context for the lifetime of the wall view."""

    def __init__(self) -> None:
        self.cookie: int | None = None
        self.method = "none"

    def start(self) -> str:
        if sys.platform == "win32":
            import ctypes  # noqa: PLC0415 - platform-specific (Windows API / freedesktop D-Bus)

            ctypes.windll.kernel32.SetThreadExecutionState(  # type: ignore[attr-defined]
                _ES_CONTINUOUS | _ES_DISPLAY_REQUIRED
            )
            self.method = "SetThreadExecutionState"
            return self.method
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface  # noqa: PLC0415 - platform-specific (Windows API / freedesktop D-Bus)
        except ImportError:
            return self.method
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info("no D-Bus session bus: screen blanking not inhibited")
            return self.method
        iface = QDBusInterface(
            "org.freedesktop.ScreenSaver",
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver",
            bus,
        )
        if not iface.isValid():
            log.info("no ScreenSaver service: screen blanking not inhibited")
            return self.method
        reason = _("Wall display: the situation board is showing")
        reply = iface.call("Inhibit", "situation-board", reason)
        args = reply.arguments()
        if args:
            self.cookie = int(args[0])
            self.method = "org.freedesktop.ScreenSaver"
        return self.method

    def stop(self) -> None:
        if sys.platform == "win32" and self.method != "none":
            import ctypes  # noqa: PLC0415 - platform-specific (Windows API / freedesktop D-Bus)

            ctypes.windll.kernel32.SetThreadExecutionState(_ES_CONTINUOUS)  # type: ignore[attr-defined]
        elif self.cookie is not None:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface  # noqa: PLC0415 - platform-specific (Windows API / freedesktop D-Bus)

            QDBusInterface(
                "org.freedesktop.ScreenSaver",
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver",
                QDBusConnection.sessionBus(),
            ).call("UnInhibit", self.cookie)
            self.cookie = None
