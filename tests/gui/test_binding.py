"""The Qt binding itself: a wall display runs for days, so the binding must not leak.

PySide6 6.12.0 dropped a reference to ``None`` on every call of a method returning void; after a
few thousand paints the interpreter aborted with "deallocating None". pyproject.toml excludes that
release; this test catches a binding with the same defect before a wall display does.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QLabel


def test_void_methods_keep_none_alive(qapp) -> None:
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    label, timer, font = QLabel(), QTimer(), QFont()
    calls = (
        lambda: painter.setFont(font),
        lambda: painter.setPen(QColor("#ffffff")),
        lambda: painter.fillRect(QRect(0, 0, 8, 8), QColor("#000000")),
        lambda: label.setText("x"),
        lambda: timer.setInterval(10),
        lambda: font.setBold(True),
    )
    try:
        for call in calls:
            before = sys.getrefcount(None)
            for _ in range(200):
                call()
            assert sys.getrefcount(None) - before > -20, call
    finally:
        painter.end()
