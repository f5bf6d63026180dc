"""Painted wall widgets: the banner, paged lists, the freshness line, the stale band, the
watermark. Nothing here takes focus or input; everything is drawn with the wall theme's pairs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from situation_board.domain.timeutil import local
from situation_board.i18n import _
from situation_board.ui.wall import theme


@dataclass(frozen=True)
class Segment:
    """A run of text in one colour pair."""

    text: str
    pair: str = "body"
    bold: bool = False
    size: float | None = None  # a font size (theme fraction); default: BODY first line, else META
    lines: int = 1  # lines the text may take (as the last segment of its line) before it is cut


@dataclass(frozen=True)
class WallRow:
    """One item of a wall list: an icon, one or more lines of segments, an optional row pair."""

    lines: tuple[tuple[Segment, ...], ...]
    icon: QIcon | None = None
    pair: str | None = None  # a highlighted row (overdue, due soon) uses this pair's background
    key: str = field(default="", compare=True)


def make_font(pixel_size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    return font


class Painted(QWidget):
    """Base: no focus, no mouse interaction, opaque paint (no flicker)."""

    def __init__(self, screen_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.screen_height = screen_height
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.fonts_used: set[int] = set()  # pixel sizes painted (the legibility test reads it)

    def px(self, fraction: float) -> int:
        return theme.px(fraction, self.screen_height)

    def font_px(self, fraction: float, bold: bool = False) -> QFont:
        size = self.px(fraction)
        self.fonts_used.add(size)
        return make_font(size, bold)


class WallList(Painted):
    """A titled list that pages through its rows every N seconds when they do not fit."""

    def __init__(
        self, title: str, page_seconds: int, screen_height: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(screen_height, parent)
        self.title = title
        self.summary: list[Segment] = []
        self.rows: list[WallRow] = []
        self.empty_text = ""
        self.page = 0
        self.pages: list[list[WallRow]] = [[]]
        self.timer = QTimer(self)
        self.timer.setObjectName("wallPageTimer")
        self.timer.setInterval(page_seconds * 1000)
        self.timer.timeout.connect(self.next_page)
        self.timer.start()

    # ------------------------------------------------------------------ data

    def set_rows(self, rows: list[WallRow], summary: list[Segment], empty_text: str = "") -> None:
        if rows == self.rows and summary == self.summary and empty_text == self.empty_text:
            return
        self.rows, self.summary, self.empty_text = rows, summary, empty_text
        self._paginate()
        self.update()

    def next_page(self) -> None:
        if len(self.pages) > 1:
            self.page = (self.page + 1) % len(self.pages)
            self.update()

    def resizeEvent(self, event: object) -> None:
        self._paginate()

    # ------------------------------------------------------------------ layout

    def _header_height(self) -> int:
        return int(self.px(theme.TITLE) * theme.LINE) + self.px(0.008)

    def _row_height(self, row: WallRow) -> int:
        return int(len(self._layout(row)) * self.px(theme.BODY) * theme.LINE) + self.px(0.006)

    def _text_left(self, row: WallRow) -> int:
        pad = self.px(0.012)
        return pad * 2 + self.px(theme.BODY) if row.icon is not None else pad

    def _layout(self, row: WallRow) -> list[tuple[Segment, ...]]:
        """The row's lines as painted: a line whose last segment does not fit continues on
        the next line (up to the segment's ``lines``) instead of being cut — "för utskrivnings-
        systemet" is the part of an action's title that says which system."""
        width = self.width() - self._text_left(row) - self.px(0.012)
        out: list[tuple[Segment, ...]] = []
        for i, line in enumerate(row.lines):
            sizes = [seg.size or (theme.BODY if i == 0 else theme.META) for seg in line]
            fixed = [
                Segment(seg.text, seg.pair, seg.bold, size, seg.lines)
                for seg, size in zip(line, sizes, strict=True)
            ]
            used = sum(self._advance(seg) for seg in fixed[:-1])
            last = fixed[-1] if fixed else None
            if last is None or last.lines < 2 or used + self._advance(last) <= width or width <= 0:
                out.append(tuple(fixed))
                continue
            metrics = QFontMetrics(make_font(self.px(last.size or theme.BODY), last.bold))
            words, current, room = last.text.split(" "), "", width - used
            head = fixed[:-1]
            wrapped = 0
            for n, word in enumerate(words):
                trial = f"{current} {word}".strip()
                if metrics.horizontalAdvance(trial) <= room:
                    current = trial
                    continue
                if not (current or head):  # one word wider than a whole line: cut below
                    current = word
                    continue
                if wrapped >= last.lines - 1:  # the last line it may take: the rest is cut
                    current = " ".join([current, *words[n:]]).strip()
                    break
                # break before this word; a long first word goes to the next line whole
                out.append((*head, Segment(current, last.pair, last.bold, last.size)))
                head, current, room, wrapped = [], word, width, wrapped + 1
            out.append((*head, Segment(current, last.pair, last.bold, last.size)))
        return out

    def _advance(self, seg: Segment) -> int:
        return QFontMetrics(make_font(self.px(seg.size or theme.BODY), seg.bold)).horizontalAdvance(
            seg.text
        )

    def _paginate(self) -> None:
        available = max(self.height() - self._header_height(), 1)
        pages: list[list[WallRow]] = [[]]
        used = 0
        for row in self.rows:
            h = self._row_height(row)
            if pages[-1] and used + h > available:
                pages.append([])
                used = 0
            pages[-1].append(row)
            used += h
        self.pages = pages
        if self.page >= len(pages):
            self.page = 0

    @property
    def page_label(self) -> str:
        if len(self.pages) < 2:
            return ""
        return _("Page {0}/{1}").format(self.page + 1, len(self.pages))

    # ------------------------------------------------------------------ paint

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), QColor(theme.PANEL))
        pad = self.px(0.012)
        header_h = self._header_height()
        title_font = self.font_px(theme.TITLE, bold=True)
        p.setFont(title_font)
        p.setPen(QColor(theme.PAIRS["body"][0]))
        title_rect = QRect(pad, 0, self.width() - 2 * pad, header_h)
        p.drawText(
            title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.title
        )
        x = pad + QFontMetrics(title_font).horizontalAdvance(self.title) + pad * 2
        for seg in self.summary:  # the counts ("1 FÖRSENAD") come before the page label
            x = self._draw_segment(p, seg, x, title_rect, theme.META)
        if self.page_label:
            label_font = self.font_px(theme.META, bold=True)
            metrics = QFontMetrics(label_font)
            room = title_rect.right() - x - pad
            label = self.page_label
            if metrics.horizontalAdvance(label) > room:  # narrow screen: "1/2", else nothing
                label = f"{self.page + 1}/{len(self.pages)}"
            if metrics.horizontalAdvance(label) <= room:
                p.setFont(label_font)
                p.setPen(QColor(theme.PAIRS["muted"][0]))
                p.drawText(
                    title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label
                )
        y = header_h
        if not self.rows and self.empty_text:
            p.setFont(self.font_px(theme.BODY))
            p.setPen(QColor(theme.PAIRS["muted"][0]))
            p.drawText(
                QRect(pad, y, self.width() - 2 * pad, self.px(theme.BODY) * 2),
                Qt.AlignmentFlag.AlignVCenter,
                self.empty_text,
            )
        for row in self.pages[self.page] if self.pages else []:
            h = self._row_height(row)
            self._draw_row(p, row, QRect(0, y, self.width(), h))
            y += h
        p.end()

    def _draw_row(self, p: QPainter, row: WallRow, rect: QRect) -> None:
        pad = self.px(0.012)
        if row.pair:
            p.fillRect(rect.adjusted(pad // 2, 1, -pad // 2, -1), QColor(theme.PAIRS[row.pair][1]))
        line_h = int(self.px(theme.BODY) * theme.LINE)
        icon_size = self.px(theme.BODY)
        x0 = self._text_left(row)
        if row.icon is not None:
            row.icon.paint(
                p, QRect(pad, rect.y() + (line_h - icon_size) // 2 + pad // 2, icon_size, icon_size)
            )
        for i, line in enumerate(self._layout(row)):
            line_rect = QRect(
                x0, rect.y() + self.px(0.003) + i * line_h, self.width() - x0 - pad, line_h
            )
            x = x0
            for seg in line:
                seg_pair = row.pair if row.pair else seg.pair
                x = self._draw_segment(
                    p, Segment(seg.text, seg_pair, seg.bold), x, line_rect, seg.size or theme.META
                )
                if x >= line_rect.right():
                    break

    def _draw_segment(self, p: QPainter, seg: Segment, x: int, rect: QRect, size: float) -> int:
        font = self.font_px(size, seg.bold)
        p.setFont(font)
        p.setPen(QColor(theme.PAIRS[seg.pair][0]))
        metrics = QFontMetrics(font)
        room = rect.right() - x
        text = metrics.elidedText(seg.text, Qt.TextElideMode.ElideRight, max(room, 0))
        p.drawText(
            QRect(x, rect.y(), max(room, 0), rect.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text,
        )
        return x + metrics.horizontalAdvance(text)


class Banner(Painted):
    """Level (colour + icon + text), event, since/decided by, ÖVNING, the clock."""

    def __init__(self, screen_height: int, parent: QWidget | None = None) -> None:
        super().__init__(screen_height, parent)
        self.pair = "level_normal"
        self.icon: QIcon | None = None
        self.level_text = ""
        self.exercise_text = ""
        self.event_text = ""
        self.detail_text = ""
        self.next_text = ""
        self.clock_text = ""
        self.date_text = ""
        self.event_size = theme.EVENT  # as painted last: smaller for a long event name
        self.level_size = theme.LEVEL  # as painted last: smaller only when the word needs it
        self.level_drawn = ""
        self.setFixedHeight(self.px(0.19))

    def fitting_size(self, text: str, size: float, minimum: float, width: int) -> float:
        """The largest bold size from ``size`` down to ``minimum`` (screen fractions, in steps
        of 0.1 %) at which ``text`` fits ``width``; ``minimum`` if none does (then it is cut)."""
        while size > minimum and (
            QFontMetrics(self.font_px(size, bold=True)).horizontalAdvance(text) > max(width, 1)
        ):
            size = round(size - 0.001, 4)
        return size

    def paintEvent(self, event: QPaintEvent) -> None:
        fg, bg = (QColor(c) for c in theme.PAIRS[self.pair])
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), bg)
        pad = self.px(0.016)
        level_px = self.px(theme.LEVEL)
        top = pad
        # right column first (clock, date with UTC offset, next briefing): the level gets the rest
        clock_font = self.font_px(theme.CLOCK, bold=True)
        meta = self.font_px(theme.META)
        next_font = self.font_px(theme.BODY, bold=True)
        right_w = (
            max(
                QFontMetrics(clock_font).horizontalAdvance("00:00:00"),
                QFontMetrics(meta).horizontalAdvance(self.date_text),
                QFontMetrics(next_font).horizontalAdvance(self.next_text),
            )
            + pad
        )
        right_x = self.width() - right_w - pad
        x = pad
        if self.icon is not None:
            self.icon.paint(p, QRect(x, top, level_px, level_px))
            x += level_px + pad
        tag_font = self.font_px(theme.EVENT, bold=True)
        tag_w = (
            QFontMetrics(tag_font).horizontalAdvance(self.exercise_text) + pad * 3
            if self.exercise_text
            else 0
        )
        clock_w = QFontMetrics(clock_font).horizontalAdvance("00:00:00") + pad
        room = max(self.width() - clock_w - 2 * pad - x - pad - tag_w, 1)  # beside the clock
        # the level word is never cut: it steps down from 7.2 % towards the 6 % minimum to fit
        # (FÖRSTÄRKNINGSLÄGE on a 16:10 or 5:4 screen), and only below that would it be elided
        self.level_size = self.fitting_size(self.level_text, theme.LEVEL, theme.LEVEL_MIN, room)
        level_font = self.font_px(self.level_size, bold=True)
        p.setFont(level_font)
        p.setPen(fg)
        level_rect = QRect(x, top, room, int(level_px * 1.15))
        level_text = QFontMetrics(level_font).elidedText(
            self.level_text, Qt.TextElideMode.ElideRight, room
        )
        p.drawText(
            level_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, level_text
        )
        self.level_drawn = level_text
        x += QFontMetrics(level_font).horizontalAdvance(level_text) + pad
        if self.exercise_text:
            font = tag_font
            metrics = QFontMetrics(font)
            tag_fg, tag_bg = (QColor(c) for c in theme.PAIRS["exercise_tag"])
            w = metrics.horizontalAdvance(self.exercise_text) + pad * 2
            tag = QRect(
                x,
                top + (level_rect.height() - metrics.height() - pad // 2) // 2,
                w,
                metrics.height() + pad // 2,
            )
            p.fillRect(tag, tag_bg)
            p.setFont(font)
            p.setPen(tag_fg)
            p.drawText(tag, Qt.AlignmentFlag.AlignCenter, self.exercise_text)
            p.setPen(fg)
        clock_rect = QRect(self.width() - clock_w - pad, top, clock_w, int(level_px * 1.15))
        p.setFont(clock_font)
        p.drawText(
            clock_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, self.clock_text
        )
        p.setFont(meta)
        meta_line = int(self.px(theme.META) * theme.LINE)
        date_rect = QRect(right_x, clock_rect.bottom(), right_w, meta_line)
        p.drawText(
            date_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.date_text
        )
        if self.next_text:
            p.setFont(next_font)
            p.drawText(
                QRect(right_x, date_rect.bottom(), right_w, int(self.px(theme.BODY) * theme.LINE)),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.next_text,
            )
        # left column under the level: event name and the decision
        y = level_rect.bottom() + pad // 3
        width = right_x - 2 * pad
        # a long event name steps down (to the smallest wall size) before anything is cut off
        self.event_size = self.fitting_size(self.event_text, theme.EVENT, theme.META, width)
        event_font = self.font_px(self.event_size, bold=True)
        p.setFont(event_font)
        line = int(self.px(theme.EVENT) * theme.LINE)
        p.drawText(
            QRect(pad, y, width, line),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(event_font).elidedText(
                self.event_text, Qt.TextElideMode.ElideRight, width
            ),
        )
        y += line
        p.setFont(meta)
        p.drawText(
            QRect(pad, y, width, meta_line),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(meta).elidedText(self.detail_text, Qt.TextElideMode.ElideRight, width),
        )
        p.end()


class FreshnessLine(Painted):
    """ "Senast uppdaterad hh:mm:ss", always visible."""

    def __init__(self, screen_height: int, parent: QWidget | None = None) -> None:
        super().__init__(screen_height, parent)
        self.text = ""
        self.setFixedHeight(int(self.px(theme.META) * theme.LINE) + self.px(0.01))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(theme.PAIRS["fresh"][1]))
        p.setFont(self.font_px(theme.META))
        p.setPen(QColor(theme.PAIRS["fresh"][0]))
        p.drawText(
            self.rect().adjusted(self.px(0.016), 0, -self.px(0.016), 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            self.text,
        )
        p.end()


class StaleBand(Painted):
    """An amber or red band across the board: how old the data is, and on a second line why."""

    def __init__(self, screen_height: int, parent: QWidget | None = None) -> None:
        super().__init__(screen_height, parent)
        self.pair = "stale_amber"
        self.headline = ""
        self.reason = ""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    @property
    def text(self) -> str:
        return f"{self.headline}: {self.reason}" if self.reason else self.headline

    def preferred_height(self) -> int:
        return int((self.px(theme.TITLE) + self.px(theme.META)) * theme.LINE) + self.px(0.03)

    def paintEvent(self, event: QPaintEvent) -> None:
        fg, bg = (QColor(c) for c in theme.PAIRS[self.pair])
        p = QPainter(self)
        p.fillRect(self.rect(), bg)
        p.setPen(fg)
        pad = self.px(0.02)
        width = self.width() - 2 * pad
        head_font = self.font_px(theme.TITLE, bold=True)
        head_h = int(self.px(theme.TITLE) * theme.LINE)
        top = (self.height() - head_h - int(self.px(theme.META) * theme.LINE)) // 2
        p.setFont(head_font)
        p.drawText(
            QRect(pad, top, width, head_h),
            Qt.AlignmentFlag.AlignCenter,
            QFontMetrics(head_font).elidedText(self.headline, Qt.TextElideMode.ElideRight, width),
        )
        meta = self.font_px(theme.META)
        p.setFont(meta)
        p.drawText(
            QRect(pad, top + head_h, width, int(self.px(theme.META) * theme.LINE)),
            Qt.AlignmentFlag.AlignCenter,
            QFontMetrics(meta).elidedText(self.reason, Qt.TextElideMode.ElideMiddle, width),
        )
        p.end()


class Watermark(QWidget):
    """The diagonal ÖVNING watermark over an exercise board (decoration; see theme)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(theme.WATERMARK)
        colour.setAlpha(theme.WATERMARK_ALPHA)
        p.setPen(colour)
        p.setFont(make_font(max(1, int(self.height() * 0.22)), bold=True))
        p.translate(self.width() / 2, self.height() / 2)
        p.rotate(-28)
        w = self.width() * 1.2
        p.drawText(
            QRectF(-w / 2, -self.height() / 4, w, self.height() / 2),
            Qt.AlignmentFlag.AlignCenter,
            self.text,
        )
        p.end()


def now_text(now: datetime) -> str:

    return f"{local(now):%H:%M:%S}"
