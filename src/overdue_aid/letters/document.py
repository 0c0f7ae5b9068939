"""A letter as format-neutral blocks, parsed from what a letter template renders.

Templates write a small Markdown subset: `#`/`##` headings, paragraphs whose lines are kept as
lines, `- ` and `1. ` lists, `| a | b |` tables and `**bold**`. Every value a template inserts is
wrapped in private-use marks (USER_OPEN … USER_CLOSE) by the renderer, so nothing a user typed can
start a heading, split a table cell or switch on bold: the parser reads syntax only outside the marks,
and the exporters escape the `user` runs for their own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

USER_OPEN = "\ue000"
USER_CLOSE = "\ue001"
_MARKS = (USER_OPEN, USER_CLOSE)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    user: bool = False  # inserted from facts (typed by the user or formatted by us), not template text


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: Inline


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Inline, ...]  # kept as separate lines (address blocks, signature)


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[Inline, ...]

    def marked(self) -> list[tuple[str, Inline]]:
        """Each item with its plain-text marker: '1. ', '2. ' … or '- '."""
        return [(f"{number}. " if self.ordered else "- ", item) for number, item in enumerate(self.items, 1)]


@dataclass(frozen=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]


Block = Heading | Paragraph | ListBlock | Table


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The first heading's text (the letter's subject)."""
        for block in self.blocks:
            if isinstance(block, Heading):
                return plain(block.text)
        return ""


_NUMERIC = re.compile(r"^[-+]?[¥$]?\s*[\d,]+(?:\.\d+)?(?:\s*(?:元|美元))?$")


def numeric_columns(table: Table) -> set[int]:
    """Columns whose body cells are all numbers or amounts (shown right-aligned)."""
    columns = set()
    for index in range(len(table.header)):
        cells = [plain(row[index]) for row in table.rows if index < len(row) and plain(row[index])]
        if cells and all(_NUMERIC.match(cell) for cell in cells):
            columns.add(index)
    return columns


def plain(inline: Inline) -> str:
    """The text of some runs without any formatting."""
    return "".join(run.text for run in inline)


def mark_user(value: str) -> str:
    """Wrap an inserted value so the parser treats it as text only; newlines become spaces."""
    cleaned = "".join(" " if ch in "\r\n\t\v\f\u2028\u2029" else ch for ch in value if ch not in _MARKS)
    return f"{USER_OPEN}{cleaned}{USER_CLOSE}"


def _split_outside_marks(line: str, separator: str) -> list[str]:
    parts, buffer, inside = [], "", False
    for ch in line:
        if ch == USER_OPEN:
            inside = True
        elif ch == USER_CLOSE:
            inside = False
        if ch == separator and not inside:
            parts.append(buffer)
            buffer = ""
        else:
            buffer += ch
    parts.append(buffer)
    return parts


def parse_inline(text: str) -> Inline:
    """Runs from one line: `**` toggles bold outside user values."""
    runs: list[Run] = []
    buffer, bold, user, index = "", False, False, 0

    def flush() -> None:
        nonlocal buffer
        if buffer:
            if runs and runs[-1].bold == bold and runs[-1].user == user:
                runs[-1] = Run(runs[-1].text + buffer, bold, user)
            else:
                runs.append(Run(buffer, bold, user))
        buffer = ""

    while index < len(text):
        ch = text[index]
        if ch == USER_OPEN:
            flush()
            user = True
        elif ch == USER_CLOSE:
            flush()
            user = False
        elif not user and text.startswith("**", index):
            flush()
            bold = not bold
            index += 1
        else:
            buffer += ch
        index += 1
    flush()
    return _strip(tuple(runs))


def _strip(inline: Inline) -> Inline:
    runs = list(inline)
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].user)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].user)
    return tuple(runs)


_HEADING = re.compile(r"^(#{1,3}) +(.*)$")
_BULLET = re.compile(r"^- +(.*)$")
_NUMBERED = re.compile(r"^\d+\. +(.*)$")
_TABLE_RULE = re.compile(r"^\|[\s:|-]+\|$")


def parse_document(source: str) -> Document:
    """Blocks from rendered template text (syntax is read only outside user values)."""
    doc = Document()
    paragraph: list[Inline] = []
    items: list[Inline] = []
    ordered = False
    table: list[tuple[Inline, ...]] = []

    def close() -> None:
        nonlocal paragraph, items, table
        if paragraph:
            doc.blocks.append(Paragraph(tuple(paragraph)))
        if items:
            doc.blocks.append(ListBlock(ordered, tuple(items)))
        if table:
            doc.blocks.append(Table(table[0], tuple(table[1:])))
        paragraph, items, table = [], [], []

    for raw in source.splitlines():
        line = raw.strip()
        syntax = line if not line.startswith(USER_OPEN) else ""
        if not line or not parse_inline(line):
            if not line:
                close()
            continue
        if heading := _HEADING.match(syntax):
            close()
            doc.blocks.append(Heading(len(heading.group(1)), parse_inline(heading.group(2))))
        elif syntax.startswith("|"):
            if paragraph or items:
                close()
            if not _TABLE_RULE.match(syntax):
                cells = _split_outside_marks(line.strip("|"), "|")
                table.append(tuple(parse_inline(cell) for cell in cells))
        elif listed := _BULLET.match(syntax) or _NUMBERED.match(syntax):
            is_ordered = listed.re is _NUMBERED
            if paragraph or table or (items and ordered != is_ordered):
                close()
            ordered = is_ordered
            items.append(parse_inline(listed.group(1)))
        else:
            if items or table:
                close()
            paragraph.append(parse_inline(line))
    close()
    return doc
