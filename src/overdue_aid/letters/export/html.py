"""HTML: one self-contained page (no scripts, no external resources), every text run escaped by jinja2's autoescape."""

from __future__ import annotations

from typing import Any

from ..document import Document, Heading, ListBlock, Paragraph, Table, numeric_columns


def _block_data(block: Any) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "level": min(block.level, 3), "text": block.text}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "lines": block.lines}
    if isinstance(block, ListBlock):
        return {"kind": "list", "tag": "ol" if block.ordered else "ul", "entries": block.items}
    if isinstance(block, Table):
        return {"kind": "table", "header": block.header, "rows": block.rows, "numeric": numeric_columns(block)}
    raise TypeError(type(block).__name__)


def to_html(doc: Document, *, lang: str, paper: str) -> str:
    """The letter as an HTML page; the template escapes everything (autoescape), user text included."""
    from importlib.resources import files

    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    source = files(__package__).joinpath("letter.html.j2").read_text("utf-8")
    return env.from_string(source).render(
        lang=lang, lang_tag="zh-CN" if lang == "zh" else "en", paper="A4" if paper == "A4" else "letter",
        title=doc.title, blocks=[_block_data(block) for block in doc.blocks])
