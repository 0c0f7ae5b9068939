"""Plain text: for pasting into an app's complaint form or an email; tables aligned for Chinese too."""

from __future__ import annotations

import unicodedata

from ..document import Document, Heading, ListBlock, Paragraph, Table, numeric_columns, plain

WIDTH = 78


def display_width(text: str) -> int:
    """Columns a terminal gives the text: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _table(block: Table) -> list[str]:
    rows = [[plain(cell) for cell in block.header]] + [[plain(cell) for cell in row] for row in block.rows]
    count = max(len(row) for row in rows)
    rows = [row + [""] * (count - len(row)) for row in rows]
    widths = [max(display_width(row[col]) for row in rows) for col in range(count)]
    numeric = numeric_columns(block)
    lines = []
    for index, row in enumerate(rows):
        cells = [_pad(cell, widths[col], right=col in numeric) for col, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def to_text(doc: Document) -> str:
    """The letter as plain UTF-8 text."""
    parts = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            text = plain(block.text)
            parts.append(text + "\n" + ("=" if block.level == 1 else "-") * display_width(text))
        elif isinstance(block, Paragraph):
            parts.append("\n".join(plain(line) for line in block.lines))
        elif isinstance(block, ListBlock):
            parts.append("\n".join(marker + plain(item) for marker, item in block.marked()))
        elif isinstance(block, Table):
            parts.append("\n".join(_table(block)))
    return "\n\n".join(parts) + "\n"
