"""Blocks (``reports/blocks.py``) as HTML in Qt's rich-text subset, for the window's preview of a
document (the handover dialog shows the brief live in a ``QTextBrowser``); no Qt here.

Paper is ``reports/pdf.py``'s job; this is the same content on screen, so that what the staff
read before signing is what gets printed. Qt's subset knows tables with ``bgcolor``/``width``,
``font-size`` in pt and colours, which is all the blocks need.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from situation_board import palette
from situation_board.reports.blocks import (
    Band,
    Block,
    Box,
    Bullets,
    Columns,
    Heading,
    KeyValues,
    Para,
    Rich,
    Signatures,
    Table,
)

HEADING_PT = {1: 18.0, 2: 13.5, 3: 11.0}
RULE = palette.RULE
MUTED = palette.MUTED


def esc(text: object) -> str:
    """HTML-escaped text with line breaks kept."""
    return escape(str(text)).replace("\n", "<br/>")


def inline(content: Rich) -> str:
    """Rich text as inline HTML."""
    out = []
    for span in content:
        text = esc(span.text)
        style = []
        if span.colour:
            style.append(f"color: {span.colour};")
        if span.size:
            style.append(f"font-size: {span.size:g}pt;")
        if span.bold:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        out.append(f'<span style="{" ".join(style)}">{text}</span>' if style else text)
    return "".join(out)


def _table(block: Table) -> str:
    keep = ' style="white-space: nowrap;"'
    head = "".join(
        f'<th align="left" bgcolor="#e6e6e6"{keep if i in block.nowrap else ""}>{esc(h)}</th>'
        for i, h in enumerate(block.headers)
    )
    body = "".join(
        '<tr valign="top">'
        + "".join(
            f"<td{keep if i in block.nowrap else ''}>{inline(c)}</td>" for i, c in enumerate(row)
        )
        + "</tr>"
        for row in block.rows
    )
    ruled = f' border="1" style="border-collapse: collapse; border-color: {RULE};"'
    return (
        f'<table width="100%" cellspacing="0" cellpadding="3"{ruled if block.ruled else ""}>'
        + (f"<thead><tr>{head}</tr></thead>" if block.headers else "")
        + f"{body}</table>"
    )


def block_html(block: Block) -> str:
    """One block as HTML."""
    match block:
        case Heading():
            pt = HEADING_PT.get(block.level, 11.0)
            return (
                f'<p style="font-size: {pt:g}pt; font-weight: bold; margin-top: 8pt;'
                f' margin-bottom: 3pt;">{esc(block.text)}</p>'
            )
        case Para():
            colour = f" color: {MUTED};" if block.muted else ""
            size = f" font-size: {block.size:g}pt;" if block.size else ""
            return f'<p style="{colour}{size}">{inline(block.content)}</p>'
        case Bullets():
            items = "".join(f"<li>{inline(item)}</li>" for item in block.items)
            return f"<ul>{items}</ul>"
        case Table():
            return _table(block)
        case KeyValues():
            rows = "".join(
                f'<tr><td width="22%" style="color: {MUTED};">{esc(k)}</td>'
                f"<td>{inline(v)}</td></tr>"
                for k, v in block.pairs
            )
            return f'<table width="100%" cellspacing="0" cellpadding="2">{rows}</table>'
        case Box():
            blank = "<br/>&nbsp;" * block.min_lines
            return (
                f'<table width="100%" border="1" cellspacing="0" cellpadding="6"'
                f' style="border-collapse: collapse; border-color: {RULE};">'
                f'<tr><td bgcolor="{block.background}">{inline(block.content)}{blank}</td>'
                "</tr></table>"
            )
        case Band():
            align = ' align="center"' if block.centred else ""
            text = "<br/>".join(inline(line) for line in block.lines)
            return (
                f'<table width="100%" cellpadding="6" cellspacing="0"><tr>'
                f'<td bgcolor="{block.background}"{align} style="color: {block.colour};">'
                f"{text}</td></tr></table>"
            )
        case Columns():
            total = sum(block.weights) or 1.0
            cells = "".join(
                f'<td width="{100 * w / total:.0f}%">{body(column)}</td>'
                for w, column in zip(block.weights, block.columns, strict=True)
            )
            return f'<table width="100%" cellpadding="6"><tr valign="top">{cells}</tr></table>'
        case Signatures():
            line = "_" * 30
            cells = "".join(f"<td>{esc(label)} {line}</td>" for label in block.labels)
            return f'<table width="100%" cellpadding="4"><tr>{cells}</tr></table>'
    raise TypeError(block)  # pragma: no cover - every block type is matched above


def body(blocks: Iterable[Block]) -> str:
    """Blocks as HTML without the page wrapper."""
    return "".join(block_html(b) for b in blocks)


def page(blocks: Iterable[Block], *, font_pt: float = 10) -> str:
    """A whole HTML page of ``blocks`` (what ``QTextBrowser.setHtml`` takes)."""
    return (
        '<html><head><meta charset="utf-8"/></head>'
        f'<body style="font-size: {font_pt:g}pt;">{body(blocks)}</body></html>'
    )
