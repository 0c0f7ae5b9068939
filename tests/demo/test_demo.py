"""`overdue demo`: every file it says it made exists and is what it claims to be."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from importlib.util import find_spec
from pathlib import Path

import pytest


def _capability(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:
        return False


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
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert text.strip()
    elif path.suffix == ".docx":
        import docx

        assert any(paragraph.text.strip() for paragraph in docx.Document(str(path)).paragraphs)
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
    assert "analysis" in kinds or not _capability("overdue_aid.analysis.core")
    assert "check" in kinds or not _capability("overdue_aid.check.core")
    assert "bundle" in kinds or not _capability("overdue_aid.evidence.bundle")
    letters = [Path(item["path"]).suffix for item in data["files"] if item["kind"] == "letter"]
    if _capability("overdue_aid.letters.export.pdf"):
        assert ".pdf" in letters and ".docx" in letters
    analysis = json.loads((target / "analysis.json").read_text("utf-8")) if "analysis" in kinds else None
    if analysis:
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
