"""What a user typed stays text in every format: it cannot make headings, cells, bold, tags or links."""

from __future__ import annotations

from overdue_aid.letters.document import Heading, ListBlock, Paragraph, Table, mark_user, parse_document, plain
from overdue_aid.letters.export.html import to_html
from overdue_aid.letters.export.md import to_markdown
from overdue_aid.letters.export.txt import display_width, to_text

HOSTILE = "# <script>alert(1)</script> | **x** [link](http://e.example) \ue000\n- item"


def test_template_syntax_is_read_but_user_values_stay_text():
    source = (f"# Subject {mark_user('A & B')}\n\n"
              f"{mark_user(HOSTILE)}\n"
              f"**Account:** {mark_user('**7**')}\n\n"
              f"| No. | Note |\n|---|---|\n| 1 | {mark_user('a | b')} |\n\n"
              f"- {mark_user('- nested')}\n")
    doc = parse_document(source)
    heading, paragraph, table, items = doc.blocks
    assert isinstance(heading, Heading) and plain(heading.text) == "Subject A & B"
    assert isinstance(paragraph, Paragraph) and len(paragraph.lines) == 2
    first, second = paragraph.lines
    assert plain(first).startswith("# <script>") and all(run.user for run in first)
    assert "\ue000" not in plain(first) and "- item" in plain(first)  # its newline became a space
    assert [(run.text, run.bold, run.user) for run in second] == [("Account:", True, False), (" ", False, False),
                                                                  ("**7**", False, True)]
    assert isinstance(table, Table) and [plain(cell) for cell in table.rows[0]] == ["1", "a | b"]
    assert isinstance(items, ListBlock) and plain(items.items[0]) == "- nested"
    assert doc.title == "Subject A & B"


def test_markdown_escapes_user_text_so_a_renderer_shows_it_literally():
    from markdown_it import MarkdownIt

    doc = parse_document(f"{mark_user(HOSTILE)}\n\n| a |\n|---|\n| {mark_user('x | y')} |\n")
    markdown = to_markdown(doc)
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<a " not in html and "<strong>" not in html and "<h1>" not in html and "<li>" not in html
    assert "x | y" in html and html.count("<td>") == 1


def test_html_escapes_everything():
    doc = parse_document(f"# {mark_user('<b>Boss</b>')}\n\n{mark_user(HOSTILE)}\n")
    page = to_html(doc, lang="en", paper="letter")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>&lt;b&gt;Boss&lt;/b&gt;</title>" in page
    assert "default-src 'none'" in page  # no script or remote resource can run even if opened in a browser


def test_text_tables_line_up_with_chinese_characters():
    doc = parse_document("| 期数 | 还款日期 | 金额 |\n|---|---|---|\n| 第1期 | 2026年7月15日 | 1,000.00 元 |\n"
                         "| 第2期 | 2026年8月15日 | 430.00 元 |\n")
    lines = to_text(doc).splitlines()
    assert len({display_width(line) for line in lines if line.strip()}) == 1
    assert lines[-1].endswith(" 430.00 元")  # amounts right-aligned
