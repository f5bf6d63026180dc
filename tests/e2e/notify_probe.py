"""A fake freedesktop notification service and the notifier, in one process on a private session
bus (run it under ``dbus-run-session``): prints what the service received, as JSON.

    dbus-run-session -- python -m tests.e2e.notify_probe"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime

from PySide6.QtCore import ClassInfo, QEventLoop, QObject, Slot
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class FakeService(QObject):
    """Records every ``Notify`` call (the freedesktop signature: susssasa{sv}i → u)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[dict[str, object]] = []

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):  # noqa: PLR0917
        self.calls.append(
            {"app": app, "icon": icon, "summary": summary, "body": body, "hints": dict(hints)}
        )
        return len(self.calls)


def main() -> int:
    from situation_board.domain.reminders import Reminder, ReminderKind
    from situation_board.ui.app import make_app
    from situation_board.ui.notifier import Notifier

    app = make_app("sv")
    bus = QDBusConnection.sessionBus()
    service = FakeService()
    assert bus.registerService("org.freedesktop.Notifications")
    assert bus.registerObject(
        "/org/freedesktop/Notifications", service, QDBusConnection.RegisterOption.ExportAllSlots
    )
    window = QWidget()
    beeps: list[int] = []
    notifier = Notifier(window, "sv", sound=True, beep=lambda: beeps.append(1))
    at = datetime(2024, 1, 29, 14, 5, tzinfo=UTC)
    reminder = Reminder(
        "action_overdue:a1:x",
        ReminderKind.ACTION_OVERDUE,
        "a1",
        "'Ring' leverantören",  # quotes a text parser could swallow
        at,
        at,
    )
    notifier.notify([reminder])
    deadline = time.monotonic() + 20
    while not service.calls and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    print(json.dumps({"backend": notifier.backend, "calls": service.calls, "beeps": len(beeps)}))
    return 0 if service.calls else 1


if __name__ == "__main__":
    sys.exit(main())
