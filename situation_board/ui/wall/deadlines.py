"""The wall's deadline clocks: every running (or overdue) statutory clock with its countdown,
in the urgency colours of the window — yellow from 50 % of the time, orange from 80 %, deep red
after the due time — each with its icon and words (colour is never the only signal)."""

from __future__ import annotations

from datetime import datetime

from situation_board.domain.entities import Board
from situation_board.domain.enums import Urgency
from situation_board.i18n import ngettext
from situation_board.ui import clocks
from situation_board.ui.wall.widgets import Segment, WallList, WallRow


def deadline_rows(board: Board | None, now: datetime, language: str) -> list[WallRow]:
    """One row per open clock, the most urgent (earliest due) first, on one line so that the
    NIS2 stages and the IMY clock fit without paging: the time left, the share of the time gone
    once a warning is reached, the title (wrapping to a second line only when long)."""
    if board is None or board.event is None:
        return []
    rows = []
    for d in clocks.running(board.deadlines, now):
        urgency = d.urgency(now)
        pair = f"deadline_{urgency.value}" if clocks.urgency_pair(urgency) else None
        head = clocks.time_left(d, now, language)
        if urgency in (Urgency.WARNING, Urgency.URGENT):
            head += f" · {clocks.share_gone(d, now)} %"
        rows.append(
            WallRow(
                lines=(
                    (
                        Segment(f"{head}  ", "body", True),
                        Segment(d.title, "body", lines=2),
                    ),
                ),
                icon=clocks.urgency_icon(urgency),
                pair=pair,
                key=d.id,
            )
        )
    return rows


def fill_deadlines(target: WallList, board: Board | None, now: datetime, language: str) -> None:
    """Show the open clocks in ``target``, hidden when there are none."""
    rows = deadline_rows(board, now, language)
    overdue = sum(
        1
        for d in (board.deadlines if board else ())
        if d.is_open and d.urgency(now) is Urgency.OVERDUE
    )
    summary = []
    if overdue:
        text = ngettext("{0} OVERDUE", "{0} OVERDUE", overdue).format(overdue)
        summary.append(Segment(text, "status_down", True))
    target.set_rows(rows, summary, "")
    target.setVisible(bool(rows))
