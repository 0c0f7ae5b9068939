"""The wheel carries the rule packs, and an installed copy checks a message from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.test_packaging import ROOT, wheel  # noqa: F401  the project's wheel-building fixture

RULES = ROOT / "src" / "overdue_aid" / "check" / "rules"


@pytest.mark.slow
def test_wheel_ships_every_rule_file_and_an_installed_copy_uses_them(wheel, tmp_path):
    names = zipfile.ZipFile(wheel).namelist()
    for source in RULES.rglob("*"):
        if source.is_file() and "__pycache__" not in source.parts:
            assert f"overdue_aid/check/rules/{source.relative_to(RULES).as_posix()}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "OVERDUE_HOME": str(tmp_path / "home")}
    code = "from overdue_aid.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code, "check", "再不还钱就爆你通讯录", "--json"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tags"] == ["third_party"]
