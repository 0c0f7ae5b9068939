"""Saved letters read back: DOCX with python-docx, PDF with pdftotext/pdffonts/pdfinfo, HTML and Markdown as text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .support import DUE, SOON, assert_no_placeholders, draft_json, en_date, save_instalment_plan, sha256_file, \
    zh_date

HOSTILE = "<script>alert(1)</script>"


def poppler(tool: str, *args: str) -> str:
    # CI installs poppler-utils (.ci/run); a missing tool is a broken setup, not a reason to pass.
    assert shutil.which(tool), f"{tool} is missing: apt-get install poppler-utils"
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=60).stdout


_FONT_LINE = re.compile(r"^(\S+)\s.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$")


def embedded_fonts(pdf: Path) -> dict[str, str]:
    """pdffonts: font name -> 'yes' or 'no' from the emb column."""
    lines = poppler("pdffonts", str(pdf)).splitlines()[2:]
    return {match.group(1): match.group(2) for match in map(_FONT_LINE.match, lines) if match}


@pytest.fixture
def zh_plan_case(zh_case, conn):
    save_instalment_plan(conn, zh_case["id"], monthly="1000", start=SOON, total="5430")
    return zh_case


def test_chinese_instalment_pdf_embeds_a_chinese_font_on_a4(cli, zh_plan_case, tmp_path):
    from overdue_aid.pdf_fonts import find_cjk_font

    target = tmp_path / "分期.pdf"
    result = cli("draft", "instalment", "--case", str(zh_plan_case["id"]), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = poppler("pdftotext", "-layout", str(target), "-")
    for expected in ("分期还款协商申请", "稳稳借", "王芳", "WW-2026-0042", "5,430.00 元", "1,000.00 元", "430.00 元",
                     zh_date(SOON), zh_date(DUE), "停息挂账"):
        assert expected in text, expected
    assert_no_placeholders(text)
    assert re.search(r"Page size:\s+595.2\d* x 841.89 pts \(A4\)", poppler("pdfinfo", str(target)))
    fonts = embedded_fonts(target)
    if find_cjk_font() is not None:
        assert [name for name, emb in fonts.items() if emb == "yes"], fonts  # the subset of the Chinese font
        assert "STSong-Light" not in target.read_bytes().decode("latin-1")
        assert "STSong-Light" not in result.stderr
    else:  # no Chinese font on this machine: the built-in CID font, said out loud
        assert "STSong-Light" in result.stderr


def test_without_a_font_file_the_pdf_falls_back_to_the_cid_font_with_a_warning(cli, zh_plan_case, tmp_path,
                                                                               monkeypatch):
    from overdue_aid import pdf_fonts as fonts

    monkeypatch.setattr(fonts, "system_font_candidates", lambda: [])  # a machine with no Chinese font installed
    fonts.find_cjk_font.cache_clear()
    try:
        target = tmp_path / "letter.pdf"
        result = cli("draft", "instalment", "--case", str(zh_plan_case["id"]), "-o", str(target), "--lang", "zh")
    finally:
        fonts.find_cjk_font.cache_clear()
    assert result.exit_code == 0, result.stderr
    assert "STSong-Light" in result.stderr and "没有找到中文字体" in result.stderr
    assert b"/BaseFont /STSong-Light" in target.read_bytes()


def test_a_font_given_with_font_is_embedded_and_a_bad_one_is_refused(cli, zh_plan_case, tmp_path):
    from overdue_aid.pdf_fonts import system_font_candidates

    bad = tmp_path / "not-a-font.ttf"
    bad.write_bytes(b"nothing here")
    result = cli("draft", "instalment", "--case", str(zh_plan_case["id"]), "-o", str(tmp_path / "a.pdf"),
                 "--font", str(bad))
    assert result.exit_code == 2 and "not-a-font.ttf" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "a.pdf").exists()
    candidates = system_font_candidates()
    if not candidates:
        pytest.fail("no Chinese TrueType font on this machine: apt-get install fonts-wqy-microhei")
    target = tmp_path / "b.pdf"
    result = cli("draft", "instalment", "--case", str(zh_plan_case["id"]), "-o", str(target),
                 "--font", str(candidates[0].path))
    assert result.exit_code == 0, result.stderr
    assert "yes" in embedded_fonts(target).values()


def test_us_letter_pdf_is_us_letter_size_and_english_only_needs_no_font(cli, us_case, tmp_path):
    target = tmp_path / "dispute.pdf"
    result = cli("draft", "dispute", "--case", str(us_case["id"]), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", poppler("pdfinfo", str(target)))
    text = poppler("pdftotext", str(target), "-")
    for expected in ("Dispute of debt and request for validation", "Acme Recovery LLC", "Jane Doe", "$1,250.00",
                     "AC-778899", "§1692g(b)"):
        assert expected in text, expected
    assert_no_placeholders(text)


def test_docx_has_real_headings_and_a_schedule_table(cli, zh_plan_case, tmp_path):
    from docx import Document

    target = tmp_path / "分期.docx"
    saved = draft_json(cli, "instalment", "--case", str(zh_plan_case["id"]), "-o", str(target))["saved"]
    assert saved["sha256"] == sha256_file(target)
    document = Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["分期还款协商申请"]
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["期数", "还款日期", "金额"]
    assert rows[1] == ["第1期", zh_date(SOON), "1,000.00 元"]
    assert rows[-2][2] == "430.00 元" and rows[-1][1:] == ["合计", "5,430.00 元"]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "稳稳借" in body and "王芳" in body and "WW-2026-0042" in body
    assert_no_placeholders(body + "\n".join("|".join(row) for row in rows))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_hostile_lender_name_is_escaped_in_html_and_markdown_and_kept_literal_in_docx(cli, tmp_path):
    case = cli.json("case", "new", "--no-input", "--lender", HOSTILE, "--amount-due", "$900", "--jurisdiction", "us",
                    "--currency", "USD", "--borrower-name", "Jane *Doe*", "--letter-lang", "en")
    html = tmp_path / "l.html"
    assert cli("draft", "phone-script", "--case", str(case["id"]), "-o", str(html)).exit_code == 0
    page = html.read_text("utf-8")
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    md = tmp_path / "l.md"
    assert cli("draft", "phone-script", "--case", str(case["id"]), "-o", str(md)).exit_code == 0
    assert r"\<script\>alert(1)\</script\>" in md.read_text("utf-8") and r"Jane \*Doe\*" in md.read_text("utf-8")
    docx_path = tmp_path / "l.docx"
    assert cli("draft", "phone-script", "--case", str(case["id"]), "-o", str(docx_path)).exit_code == 0
    from docx import Document

    assert any(HOSTILE in p.text for p in Document(str(docx_path)).paragraphs)
    pdf = tmp_path / "l.pdf"
    assert cli("draft", "phone-script", "--case", str(case["id"]), "-o", str(pdf)).exit_code == 0
    assert HOSTILE in poppler("pdftotext", str(pdf), "-").replace("\n", "")


def test_text_and_markdown_files_carry_the_same_letter(cli, us_case, tmp_path):
    txt, md = tmp_path / "l.txt", tmp_path / "l.md"
    for path in (txt, md):
        result = cli("draft", "extension", "--case", str(us_case["id"]), "--to", SOON.isoformat(), "--reason",
                     "illness", "-o", str(path))
        assert result.exit_code == 0, result.stderr
    for path in (txt, md):
        text = path.read_text("utf-8")
        assert "I will pay $1,250.00 by " + en_date(SOON) in text.replace("\\", "")
        assert "I have been ill" in text
        assert_no_placeholders(text)
    assert oct(txt.stat().st_mode & 0o777) == "0o600"  # a letter holds personal data
