"""PDF via reportlab: A4 or US Letter; Chinese text in an embedded TrueType font, or the CID fallback."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from ..document import Document, Heading, Inline, ListBlock, Paragraph, Table, numeric_columns, plain

# Adobe's CID font that every PDF viewer *should* have for Simplified Chinese; it is never embedded.
CID_FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    font: str  # the font name used for the text
    embedded: bool  # False only for the CID fallback


def needs_unicode_font(doc: Document) -> bool:
    """True when some character is outside what the standard PDF fonts can show (WinAnsi)."""
    for text in _all_text(doc):
        try:
            text.encode("cp1252")
        except UnicodeEncodeError:
            return True
    return False


def _all_text(doc: Document) -> list[str]:
    texts = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            texts.append(plain(block.text))
        elif isinstance(block, Paragraph):
            texts += [plain(line) for line in block.lines]
        elif isinstance(block, ListBlock):
            texts += [plain(item) for item in block.items]
        elif isinstance(block, Table):
            texts += [plain(cell) for row in (block.header, *block.rows) for cell in row]
    return texts


def _fonts(doc: Document, cjk_font: Any | None) -> tuple[str, str, bool]:
    """(regular, bold, embedded) font names, registered with reportlab."""
    from reportlab.pdfbase import pdfmetrics

    if not needs_unicode_font(doc):
        return "Helvetica", "Helvetica-Bold", True
    if cjk_font is not None:
        pdfmetrics.registerFont(cjk_font)
        return cjk_font.fontName, cjk_font.fontName, True
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK, CID_FALLBACK, False


def _markup(inline: Inline, bold_font: str) -> str:
    """reportlab's paragraph mini-language, with all text escaped."""
    parts = []
    for run in inline:
        text = escape(run.text)
        parts.append(f'<font name="{bold_font}">{text}</font>' if run.bold else text)
    return "".join(parts)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _column_widths(block: Table, available: float) -> list[float]:
    columns = len(block.header)
    wanted = [min(40, max(8, *(_display_width(plain(row[col])) for row in (block.header, *block.rows)
                                if col < len(row)))) for col in range(columns)]
    total = sum(wanted)
    return [available * width / total for width in wanted]


def to_pdf(doc: Document, *, lang: str, paper: str, cjk_font: Any | None) -> PdfResult:
    """The letter as PDF bytes; `cjk_font` is a reportlab TTFont (see fonts.find_cjk_font) or None."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, ListItem, SimpleDocTemplate, Spacer
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    regular, bold, embedded = _fonts(doc, cjk_font)
    # CJK wrapping breaks between any two characters: right for Chinese, wrong inside English words.
    wrap = "CJK" if lang == "zh" else None
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=16, spaceAfter=7, wordWrap=wrap)
    cell = ParagraphStyle("cell", parent=body, spaceAfter=0, leading=14)
    cell_right = ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT)
    headings = {1: ParagraphStyle("h1", parent=body, fontName=bold, fontSize=15, leading=20, spaceBefore=8,
                                  spaceAfter=10),
                2: ParagraphStyle("h2", parent=body, fontName=bold, fontSize=12.5, leading=17, spaceBefore=8,
                                  spaceAfter=6)}
    pagesize = A4 if paper == "A4" else LETTER
    margin = 22 * mm
    available = pagesize[0] - 2 * margin
    story: list[Any] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            story.append(PdfParagraph(_markup(block.text, bold), headings.get(block.level, headings[2])))
        elif isinstance(block, Paragraph):
            story.append(PdfParagraph("<br/>".join(_markup(line, bold) for line in block.lines), body))
        elif isinstance(block, ListBlock):
            items = [ListItem(PdfParagraph(_markup(item, bold), cell), leftIndent=14) for item in block.items]
            if block.ordered:
                listing = ListFlowable(items, bulletType="1", bulletFormat="%s.", bulletFontName=regular,
                                       bulletFontSize=10.5, leftIndent=16)
            else:
                listing = ListFlowable(items, bulletType="bullet", start="•", bulletFontName=regular,
                                       bulletFontSize=9, leftIndent=14)
            story.append(listing)
            story.append(Spacer(1, 7))
        elif isinstance(block, Table):
            numeric = numeric_columns(block)
            rows = [[PdfParagraph(_markup(item, bold), cell) for item in block.header]]
            rows += [[PdfParagraph(_markup(item, bold), cell_right if col in numeric else cell)
                      for col, item in enumerate(row)] for row in block.rows]
            table = PdfTable(rows, colWidths=_column_widths(block, available), repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [table, Spacer(1, 9)]
    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
                                 bottomMargin=margin, title=doc.title, lang="zh-CN" if lang == "zh" else "en")
    template.build(story)
    return PdfResult(buffer.getvalue(), regular, embedded)
