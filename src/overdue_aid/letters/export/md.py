"""Markdown: the letter as a person would type it, with every inserted value escaped."""

from __future__ import annotations

import re

from ..document import Document, Heading, Inline, ListBlock, Paragraph, Table

# Characters that mean something in CommonMark wherever they stand.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~!])")
# Characters that start a block when they open a line: headings, lists, quotes, numbered lists.
_LINE_START = re.compile(r"^(\s*)(>|[#+=*-](?=\s|$)|\d+[.)](?=\s|$))")


def escape_markdown(text: str, *, line_start: bool = False) -> str:
    """Backslash-escape text so Markdown shows it literally."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    if line_start:
        text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                               else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)
    return text


def inline_markdown(inline: Inline) -> str:
    """Runs as Markdown: user text escaped, bold as **…**."""
    out = []
    for index, run in enumerate(inline):
        text = escape_markdown(run.text, line_start=index == 0) if run.user else run.text
        if run.bold and text.strip():
            lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()
            text = f"{lead}**{core}**{trail}"
        out.append(text)
    return "".join(out)


def to_markdown(doc: Document) -> str:
    """The whole letter as Markdown text."""
    parts = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + inline_markdown(block.text))
        elif isinstance(block, Paragraph):
            # Two trailing spaces keep the lines of an address or signature apart.
            parts.append("  \n".join(inline_markdown(line) for line in block.lines))
        elif isinstance(block, ListBlock):
            parts.append("\n".join(marker + inline_markdown(item) for marker, item in block.marked()))
        elif isinstance(block, Table):
            rows = [block.header, *block.rows]
            lines = ["| " + " | ".join(inline_markdown(cell) for cell in row) + " |" for row in rows]
            lines.insert(1, "|" + "|".join("---" for _ in block.header) + "|")
            parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
