"""What a person at a given screen size can see of the workstation: used by the 1366×768 GUI
test and by the screen-size end-to-end test (which also runs it at 125 % scaling)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTableView, QWidget


def clipped_headers(root: QWidget) -> list[str]:
    """``table: header`` for every visible column whose header text does not fit its width."""
    out = []
    for view in root.findChildren(QTableView):
        if not view.isVisible():
            continue
        header = view.horizontalHeader()
        model = view.model()
        for col in range(header.count()):
            if header.isSectionHidden(col) or not model.headerData(col, header.orientation()):
                continue
            if header.sectionSize(col) < header.sectionSizeFromContents(col).width():
                text = model.headerData(col, header.orientation())
                out.append(f"{view.objectName()}: {text} ({header.sectionSize(col)} px)")
    return out


def journal_rows(window: Any) -> int:
    """Whole journal rows visible (with the journal's tab in front)."""
    view = window.journal_panel.view
    return int(view.viewport().height() // view.verticalHeader().defaultSectionSize())


def report(window: Any) -> dict[str, Any]:
    """The facts the screen-size tests check, for the journal shown."""
    window.board_layout.show_panel(window.journal_panel)
    search = window.journal_panel.search
    metrics = search.fontMetrics()
    return {
        "mode": window.board_layout.mode.value,
        "size": [window.width(), window.height()],
        "journal_rows": journal_rows(window),
        "clipped_headers": clipped_headers(window),
        "search_width": search.width(),
        "search_needs": metrics.horizontalAdvance("Sök text, förf"),
        "window_fits": window.minimumSizeHint().width() <= window.width()
        and window.minimumSizeHint().height() <= window.height(),
        "systems_rows_visible": window.systems_panel.view.viewport().height()
        // max(window.systems_panel.view.verticalHeader().defaultSectionSize(), 1),
    }
