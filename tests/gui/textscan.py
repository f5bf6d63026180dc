"""Read every text a person can see in a widget tree (and on the painted wall), and find words of
the other UI language in it once the board's own data is taken out.

Used by ``test_languages.py``: with ``language = "en"`` nothing Swedish may show apart from the
board's data (event, systems, actions, journal texts, names); with ``sv`` nothing English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from situation_board.domain.entities import Board

# Swedish words a UI would use, which are not English words; and å/ä/ö.
SWEDISH_WORDS = frozenset(
    """
    och inte eller ingen inga inget alla sedan senast ny nytt nya spara avbryt sök arkiv hjälp
    visa tavla tavlan logga poster post synk synka nyss kl sida av till från med som det ett
    prognos reservrutin stabsjournal beslut väntar konflikter klar öppna öppen dokument skriv
    uppdaterad ansvarig åtgärd åtgärder avsluta händelse ändra redigera rätta kategori nummer om
    ja nej idag timme timmen timmar leverantör väggskärm ur funktion okänt läge försenad försenade
    fler färre namn orsak motivering kommentar nästa stäng skapa kopiera tid vald valda
    """.split()  # noqa: SIM905 - a word list reads best as words
)
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")
# English words a UI would use, which are not Swedish words ("Status", "System", "Text", "OK",
# "min", "journal" are both and are left out; "Journal" capitalised stands for the English title).
ENGLISH_WORDS = frozenset(
    """
    Save Cancel Journal Actions Action Systems Search Overdue OVERDUE File Help Edit New Close Open
    Print View Board Quick Entry entry entries the and of with since due Due owner Owner Time
    Category Author Supplier Workaround Prognosis Reserve routine Next update Last updated pending
    ago Page Sync none Yes No Level Reason Event Events About Language Quit Reload Documents Done
    All Today hour hours Newest first from until open Affected affected Who Select read full
    Mark selected Filter categories owners Whole decided since decision down unknown EXERCISE
    Staff staff briefing Clock User sync shared store configured Log Type press more fields Saved
    """.split()  # noqa: SIM905 - a word list reads best as words
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")


def board_data(board: Board) -> list[str]:
    """Every text of the board's own data (written by people or by the program in Swedish),
    longest first, so that it can be taken out of the UI's texts before they are checked."""
    texts: set[str] = {board.station.code}
    if board.event is not None:
        texts.add(board.event.name)
    texts.update(e.name for e in board.other_open_events)
    if board.level is not None:
        texts.update((board.level.decided_by, board.level.scope, board.level.reason))
    for s in board.systems:
        texts.update(
            (s.name, s.supplier, s.processes, s.reserve_routine, s.workaround, s.prognosis_text)
        )
    for a in board.actions:
        texts.update((a.title, a.owner))
    for e in board.journal:
        texts.update((e.text, e.text.replace("\n", " "), e.author, e.from_party, e.to_party))
    texts.update(d.title for d in board.deadlines)
    texts.update(d.reference for d in board.deadlines)
    texts.update(b.title for b in board.briefings)
    return sorted((t for t in texts if t and t.strip()), key=len, reverse=True)


def without_data(text: str, data: Iterable[str]) -> str:
    """``text`` with every piece of board data cut out (the longest first)."""
    for piece in sorted(data, key=len, reverse=True):
        if piece in text:
            text = text.replace(piece, " ")
    return text


def foreign_words(text: str, language: str) -> list[str]:
    """The words of ``text`` that belong to the other UI language than ``language``."""
    words = _WORD.findall(_TAG.sub(" ", text))
    if language == "en":
        found = [w for w in words if w.casefold() in SWEDISH_WORDS or SWEDISH_LETTERS.search(w)]
    else:
        found = [w for w in words if w in ENGLISH_WORDS]
    return found


def _model_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    for column in range(model.columnCount()):
        for role in roles:
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield value
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (*roles, Qt.ItemDataRole.AccessibleTextRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value


def _action_texts(action: QAction) -> Iterator[str]:
    yield from (action.text(), action.toolTip(), action.statusTip())
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield menu.title()
        for sub in menu.actions():
            yield from _action_texts(sub)


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text shown by ``root`` and its children: window titles, labels,
    buttons, placeholders, combo box items, menus and actions, table headers and cells,
    tooltips and accessible names and descriptions."""
    for w in (root, *root.findChildren(QWidget)):
        where = f"{type(w).__name__}#{w.objectName()}"
        if w.isWindow():
            yield where + ".windowTitle", w.windowTitle()
        for kind, text in (
            ("toolTip", w.toolTip()),
            ("accessibleName", w.accessibleName()),
            ("accessibleDescription", w.accessibleDescription()),
            ("statusTip", w.statusTip()),
        ):
            yield f"{where}.{kind}", text
        if isinstance(w, QLabel):
            yield where, w.text()
        if isinstance(w, QAbstractButton):
            yield where, w.text()
        if isinstance(w, QGroupBox):
            yield where, w.title()
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            yield where + ".placeholder", w.placeholderText()
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"{where}[{i}]", w.itemText(i)
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                yield f"{where}[{i}]", w.item(i).text()
        elif isinstance(w, QAbstractItemView):
            for text in _model_texts(w.model()):
                yield where, text
        for action in w.actions():
            for text in _action_texts(action):
                yield f"{where}.{action.objectName() or 'action'}", text
        if isinstance(w, QMainWindow):
            for action in w.menuBar().actions():
                for text in _action_texts(action):
                    yield "menu", text


def wall_texts(view: QWidget) -> Iterator[tuple[str, str]]:
    """What the wall view paints (its widgets draw their texts themselves)."""
    from situation_board.ui.wall.widgets import FreshnessLine, StaleBand, WallList, Watermark

    yield from widget_texts(view)
    banner = view.banner  # type: ignore[attr-defined]
    for name in (
        "level_text",
        "exercise_text",
        "event_text",
        "detail_text",
        "next_text",
        "clock_text",
        "date_text",
    ):
        yield f"banner.{name}", getattr(banner, name)
    for w in view.findChildren(WallList):
        yield "list.title", w.title
        yield "list.empty", w.empty_text
        yield "list.page", w.page_label
        for seg in w.summary:
            yield "list.summary", seg.text
        for row in w.rows:
            yield "list.row", " ".join(seg.text for line in row.lines for seg in line)
    for w in view.findChildren(FreshnessLine):
        yield "freshness", w.text
    for w in view.findChildren(StaleBand):
        yield "stale", w.text
    for w in view.findChildren(Watermark):
        yield "watermark", w.text


def offenders(
    texts: Iterable[tuple[str, str]], data: list[str], language: str, allowed: Iterable[str] = ()
) -> list[str]:
    """``where: text [words]`` for each text with words of the other language in it."""
    keep = set(allowed)
    out = []
    for where, text in texts:
        if not text or text in keep:
            continue
        words = foreign_words(without_data(text, data), language)
        if words:
            out.append(f"{where}: {text!r} {words}")
    return sorted(set(out))
