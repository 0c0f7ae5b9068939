"""`evidence export`: a ZIP with report (HTML, PDF), charts, attachments, manifest and a SHA256SUMS sha256sum accepts."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile

import pytest

from .conftest import DATA

PHONE, ID_CARD, BANK_CARD = "13800138000", "110105199003071234", "6222021234567890123"


@pytest.fixture
def case_with_evidence(cli, cn_case, tmp_path):
    shot = tmp_path / "威胁截图.png"
    shot.write_bytes(b"\x89PNG screenshot of a threat")
    cli.json("evidence", "import", str(DATA / "sms-backup.xml"), "--case", str(cn_case))
    cli.json("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "wechat", "--at", "2026-03-04 23:40",
             "--number", PHONE, "--attach", str(shot),
             "--text", f"王芳 身份证{ID_CARD} 卡号{BANK_CARD}，电话{PHONE}，今晚不还就上门！")
    return cn_case


def _unzip(path, target):
    with zipfile.ZipFile(path) as archive:
        archive.extractall(target)
        return sorted(archive.namelist())


def test_the_bundle_holds_report_charts_attachments_and_checkable_hashes(cli, case_with_evidence, tmp_path):
    bundle = tmp_path / "out" / "evidence.zip"
    result = cli.json("evidence", "export", "--case", str(case_with_evidence), "-o", str(bundle))
    assert result["entries"] == 7 and result["attachments"] == 1 and result["verified"]
    assert result["sha256"] == hashlib.sha256(bundle.read_bytes()).hexdigest()
    names = _unzip(bundle, tmp_path / "x")
    assert {"report.html", "report.pdf", "stats.json", "evidence.json", "manifest.json", "SHA256SUMS",
            "charts/contacts_per_day.svg", "charts/heat_map.svg"} <= set(names)
    assert any(name.startswith("attachments/") and name.endswith("威胁截图.png") for name in names)

    # The real sha256sum accepts the sums file, and every file in the bundle is listed in it.
    checked = subprocess.run([shutil.which("sha256sum") or "sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path / "x",
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = {line.split("  ", 1)[1] for line in (tmp_path / "x" / "SHA256SUMS").read_text().splitlines()}
    assert listed == set(names) - {"SHA256SUMS"}

    # evidence.json lets anyone recompute each entry's hash and follow the chain to the head in the manifest.
    manifest = json.loads((tmp_path / "x" / "manifest.json").read_text("utf-8"))
    entries = json.loads((tmp_path / "x" / "evidence.json").read_text("utf-8"))["entries"]
    previous = "0" * 64
    for item in entries:
        text = json.dumps(item["content"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == item["entry_hash"]
        assert item["content"]["prev_hash"] == previous
        previous = item["entry_hash"]
    assert manifest["chain"]["head"] == previous and manifest["chain"]["verified"] is True
    assert {item["path"] for item in manifest["files"]} == set(names) - {"SHA256SUMS", "manifest.json"}


def test_the_report_shows_rules_charts_and_timeline_in_html_and_pdf(cli, case_with_evidence, tmp_path):
    from pypdf import PdfReader

    bundle = tmp_path / "evidence.zip"
    cli.json("evidence", "export", "--case", str(case_with_evidence), "-o", str(bundle), "--lang", "zh")
    _unzip(bundle, tmp_path / "x")
    html = (tmp_path / "x" / "report.html").read_text("utf-8")
    assert html.count("<svg") == 2 and "禁止联系的时段" in html and "每天联系次数" in html
    assert "夜间联系（22:00–08:00），银行业协会指引" in html and "CBA 催收指引(2026) [secondary]" in html
    assert "不是法律" in html  # self-regulatory numbers are said not to be statutes
    assert 'class="odd-hours"' in html and PHONE in html  # not redacted
    pdf = PdfReader(str(tmp_path / "x" / "report.pdf"))
    text = "".join(page.extract_text() for page in pdf.pages)
    for expected in ("证据报告", "稳稳借", "时间线", "GB/T 45251-2025", "附件目录", "威胁截图.png"):
        assert expected in text
    stats = json.loads((tmp_path / "x" / "stats.json").read_text("utf-8"))
    assert {item["rule_id"] for item in stats["breaches"]} >= {"cn.hours_cba", "cn.hours_gbt"}


def test_redact_masks_phone_id_card_and_bank_card_numbers_in_the_report(cli, case_with_evidence, tmp_path):
    from pypdf import PdfReader

    bundle = tmp_path / "redacted.zip"
    result = cli("evidence", "export", "--case", str(case_with_evidence), "-o", str(bundle), "--redact")
    assert result.exit_code == 0 and "attached files" in result.stderr
    _unzip(bundle, tmp_path / "x")
    html = (tmp_path / "x" / "report.html").read_text("utf-8")
    pdf = "".join(page.extract_text() for page in PdfReader(str(tmp_path / "x" / "report.pdf")).pages)
    evidence = (tmp_path / "x" / "evidence.json").read_text("utf-8")
    for document in (html, pdf, evidence):
        for secret in (PHONE, ID_CARD, BANK_CARD, "10691234567"):
            assert secret not in document
    assert "138****8000" in html and "0123" in html


def test_an_existing_file_is_replaced_only_with_force(cli, case_with_evidence, tmp_path):
    bundle = tmp_path / "evidence.zip"
    bundle.write_bytes(b"keep me")
    result = cli("evidence", "export", "--case", str(case_with_evidence), "-o", str(bundle))
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert bundle.read_bytes() == b"keep me"
    cli.json("evidence", "export", "--case", str(case_with_evidence), "-o", str(bundle), "--force")
    assert zipfile.is_zipfile(bundle)
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".part")] == []


def test_the_report_language_can_be_chosen_by_the_caller(conn, data_dir, case_with_evidence, tmp_path):
    from overdue_aid.case.repo import get_case
    from overdue_aid.evidence.bundle import write_bundle
    from overdue_aid.i18n import current_language

    before = current_language()
    write_bundle(conn, data_dir, get_case(conn, case_with_evidence), tmp_path / "zh.zip", lang="zh")
    assert current_language() == before
    with zipfile.ZipFile(tmp_path / "zh.zip") as archive:
        assert "证据报告" in archive.read("report.html").decode("utf-8")
