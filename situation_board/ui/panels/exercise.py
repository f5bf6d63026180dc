"""ÖVNING in the workstation window: on an exercise, a violet frame round the whole window and
an ÖVNING watermark across every panel, so that no screenshot or glance at any part of the window
can be taken for a real event. The level banner carries the readable ÖVNING tag.

A transparent layer over the window's central widget: it takes no focus and no mouse input, and
paints only its frame and the faint watermark text (the panels stay readable underneath).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from situation_board import palette
from situation_board.i18n import _

FRAME = 8  # px: the violet frame round the window
WATERMARK_ALPHA = 34  # of 255: faint, behind the text of the tables (decoration, not text)
ANGLE = -24


class ExerciseOverlay(QWidget):
    """The frame and the per-panel watermark; ``set_exercise`` shows or hides them."""

    def __init__(self, host: QWidget, panels: list[QWidget]) -> None:
        super().__init__(host)
        self.setObjectName("exerciseOverlay")
        self.host = host
        self.panels = panels
        self.text = _("EXERCISE")
        self.setAccessibleName(_("Exercise"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        host.installEventFilter(self)
        self.hide()

    def set_exercise(self, exercise: bool) -> None:
        self.setVisible(exercise)
        if exercise:
            self.setGeometry(self.host.rect())
            self.raise_()
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.setGeometry(self.host.rect())
            self.raise_()
        return False

    def panel_rects(self) -> list[QRect]:
        """Where each visible panel is, in this layer's coordinates."""
        rects = []
        for panel in self.panels:
            if panel.isVisible() and panel.width() > 0 and panel.height() > 0:
                top_left = panel.mapTo(self.host, QPoint(0, 0))
                rects.append(QRect(top_left, panel.size()))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        violet = QColor(palette.EXERCISE[1])
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        pen = QPen(violet, FRAME)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(self.rect().adjusted(FRAME // 2, FRAME // 2, -FRAME // 2, -FRAME // 2))
        faint = QColor(violet)
        faint.setAlpha(WATERMARK_ALPHA)
        p.setPen(faint)
        for rect in self.panel_rects():
            self._watermark(p, rect)
        p.end()

    def _watermark(self, p: QPainter, rect: QRect) -> None:
        """The word across ``rect``, as large as fits along the slant."""
        font = QFont()
        font.setBold(True)
        size = max(12, int(min(rect.height() * 0.45, rect.width() * 0.22)))
        font.setPixelSize(size)
        while size > 12 and QFontMetrics(font).horizontalAdvance(self.text) > rect.width() * 0.8:
            size -= 4
            font.setPixelSize(size)
        p.save()
        p.setFont(font)
        p.translate(rect.center())
        p.rotate(ANGLE)
        width = rect.width() * 1.2
        p.drawText(
            QRectF(-width / 2, -size, width, size * 2), Qt.AlignmentFlag.AlignCenter, self.text
        )
        p.restore()
