"""`overdue demo`: every file it says it made exists and is what it claims to be."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from pathlib import Path

import pytest


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def _check_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as bundle:
        names = bundle.namelist()
        assert "SHA256SUMS" in names
        for line in bundle.read("SHA256SUMS").decode("utf-8").splitlines():
            digest, name = line.split(maxsplit=1)
            assert hashlib.sha256(bundle.read(name.lstrip("*"))).hexdigest() == digest, name


def _check_file(item: dict) -> None:
    path = Path(item["path"])
    assert path.is_file() and path.stat().st_size > 0, path
    if path.suffix == ".pdf":
        assert _pdf_text(path).strip()
    elif path.suffix == ".docx":
        assert _docx_text(path).strip()
    elif path.suffix == ".zip":
        _check_zip(path)
    elif path.suffix == ".json":
        json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_demo_leaves_every_file_and_says_where(cli, tmp_path, data_home, lang):
    target = tmp_path / "out"
    result = cli("demo", "-o", str(target), "--lang", lang, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    kinds = [item["kind"] for item in data["files"]]
    for item in data["files"]:
        assert Path(item["path"]).parent in (target, target / "letters")
        _check_file(item)
    assert sorted(set(kinds)) == ["analysis", "bundle", "check", "letter"]
    letters = sorted(Path(item["path"]).name for item in data["files"] if item["kind"] == "letter")
    assert letters == sorted(f"case1-{kind}-{lang}.{fmt}" for kind in ("instalment", "conduct")
                             for fmt in ("pdf", "docx"))
    checked = json.loads((target / "message-check.json").read_text("utf-8"))
    assert checked["kind"] == "abusive" and "third_party" in checked["tags"] and checked["advice"]
    analysis = json.loads((target / "analysis.json").read_text("utf-8"))
    assert analysis["plan"]["kind"] == "instalments"
    assert analysis["currency"] == ("CNY" if lang == "zh" else "USD")
    # the demo ran in a temporary data dir: the user's own data is untouched
    assert not (data_home / "overdue.db").exists()


def test_demo_never_overwrites_without_force(cli, tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "mine.txt").write_text("keep me", "utf-8")
    result = cli("demo", "-o", str(target))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert [path.name for path in target.iterdir()] == ["mine.txt"]
    first = cli("demo", "-o", str(target), "--force")
    assert first.exit_code == 0, first.stderr
    assert (target / "mine.txt").read_text("utf-8") == "keep me"
    assert str(target) in first.stdout


# The sample's contact with the family, logged before the letters: its date in each letter language.
FAMILY_CONTACT_DATE = {"zh": "2026年3月13日", "en": "March 13, 2026"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_conduct_letter_names_the_logged_contacts_and_the_bundle_holds_them_and_the_letters(cli, tmp_path,
                                                                                                 lang):
    target = tmp_path / "out"
    result = cli("demo", "-o", str(target), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert ("4 collection contacts go into the evidence log" if lang == "en" else "4 条催收记录记进证据记录") \
        in " ".join(result.stdout.split())
    conduct = target / "letters" / f"case1-conduct-{lang}"
    for text in (_pdf_text(conduct.with_suffix(".pdf")), _docx_text(conduct.with_suffix(".docx"))):
        flat = "".join(text.split())  # PDF lines wrap anywhere
        assert "".join(FAMILY_CONTACT_DATE[lang].split()) in flat
    with zipfile.ZipFile(target / "evidence-bundle.zip") as bundle:
        entries = [entry["content"] for entry in json.loads(bundle.read("evidence.json"))["entries"]]
        names = bundle.namelist()
    contacts = [entry for entry in entries if entry["direction"] == "incoming"]
    assert [entry["at"][:16] for entry in contacts][0] == \
        ("2026-03-12T23:15" if lang == "zh" else "2026-03-12T21:45")  # the checked message comes first
    assert contacts[0]["text"] and len(contacts) == 4
    assert any(entry["contacted"] == ["family"] and entry["at"].startswith("2026-03-13") for entry in contacts)
    # The letters were drafted after the contacts were logged, and are attached in the bundle.
    letters = [entry for entry in entries if entry["channel"] == "letter"]
    assert len(letters) == 4 and min(entry["seq"] for entry in letters) > max(entry["seq"] for entry in contacts)
    attached = sorted(name.split("-", 1)[1] for name in names if name.startswith("attachments/"))
    assert attached == sorted(path.name for path in (target / "letters").iterdir())
