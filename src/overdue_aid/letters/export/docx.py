"""DOCX via python-docx: real headings, lists and tables, A4 or US Letter, a Chinese font named for East Asian text."""

from __future__ import annotations

import io
from typing import Any

from ..document import Document, Heading, Inline, ListBlock, Paragraph, Table, numeric_columns

# Word picks these for East Asian characters; every Chinese Windows and macOS Office has them.
_EAST_ASIAN_FONT = "SimSun"


def _add_runs(paragraph: Any, inline: Inline, *, bold: bool = False) -> None:
    for run in inline:
        paragraph.add_run(run.text).bold = run.bold or bold or None


def _set_east_asian_font(style: Any, name: str) -> None:
    from docx.oxml.ns import qn

    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)


def _page(document: Any, paper: str) -> None:
    from docx.shared import Inches, Mm

    section = document.sections[0]
    if paper == "A4":
        section.page_width, section.page_height = Mm(210), Mm(297)
    else:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)


def _table(document: Any, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    columns = max(len(block.header), *(len(row) for row in block.rows)) if block.rows else len(block.header)
    table = document.add_table(rows=1 + len(block.rows), cols=columns)
    table.style = "Table Grid"
    numeric = numeric_columns(block)
    for col, cell in enumerate(block.header):
        _add_runs(table.rows[0].cells[col].paragraphs[0], cell, bold=True)
    for index, row in enumerate(block.rows, 1):
        for col, cell in enumerate(row):
            paragraph = table.rows[index].cells[col].paragraphs[0]
            _add_runs(paragraph, cell)
            if col in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def to_docx(doc: Document, *, lang: str, paper: str) -> bytes:
    """The letter as a .docx file."""
    from docx import Document as new_document

    document = new_document()
    _page(document, paper)
    if lang == "zh":
        for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
            _set_east_asian_font(document.styles[name], _EAST_ASIAN_FONT)
    document.core_properties.title = doc.title
    document.core_properties.language = "zh-CN" if lang == "zh" else "en-US"
    for block in doc.blocks:
        if isinstance(block, Heading):
            _add_runs(document.add_heading(level=min(block.level, 3)), block.text)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            for index, line in enumerate(block.lines):
                if index:
                    paragraph.add_run().add_break()
                _add_runs(paragraph, line)
        elif isinstance(block, ListBlock):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                _add_runs(document.add_paragraph(style=style), item)
        elif isinstance(block, Table):
            _table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
