"""One module per output format; `export_letter` picks the right one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FORMATS = ("md", "txt", "html", "docx", "pdf")


def export_letter(letter: Any, fmt: str, *, font: Path | None = None) -> tuple[bytes, list[str]]:
    """The letter's bytes in `fmt`, and catalog keys of warnings (e.g. a PDF without an embedded Chinese font)."""
    if fmt == "md":
        from .md import to_markdown

        return to_markdown(letter.document).encode("utf-8"), []
    if fmt == "txt":
        from .txt import to_text

        return to_text(letter.document).encode("utf-8"), []
    if fmt == "html":
        from .html import to_html

        return to_html(letter.document, lang=letter.lang, paper=letter.paper).encode("utf-8"), []
    if fmt == "docx":
        from .docx import to_docx

        return to_docx(letter.document, lang=letter.lang, paper=letter.paper), []
    if fmt != "pdf":
        raise ValueError(f"unknown format {fmt!r}")
    from ...pdf_fonts import find_cjk_font
    from .pdf import needs_unicode_font, to_pdf

    cjk_font = find_cjk_font(font) if needs_unicode_font(letter.document) or font is not None else None
    result = to_pdf(letter.document, lang=letter.lang, paper=letter.paper, cjk_font=cjk_font)
    return result.data, [] if result.embedded else ["letters.warn.cid_font"]
