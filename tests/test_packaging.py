"""The wheel carries the catalogs, and an installed copy finds them from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(ROOT)], check=True, timeout=300)
    [built] = out.glob("overdue_aid-*.whl")
    return built


@pytest.mark.slow
def test_wheel_lists_catalogs_migrations_and_entry_point(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("en", "zh"):
        for source in (ROOT / "locales" / lang).rglob("*"):
            if source.is_file():
                assert f"overdue_aid/locales/{lang}/{source.relative_to(ROOT / 'locales' / lang).as_posix()}" in names
    assert "overdue_aid/store/schema/001_cases.sql" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "overdue = overdue_aid.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_installed_wheel_finds_its_catalogs_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "OVERDUE_HOME": str(tmp_path / "home"), "LANG": "zh_CN.UTF-8"}
    env.pop("OVERDUE_LANG", None)
    env.pop("LC_ALL", None)
    probe = subprocess.run([sys.executable, "-c", "import overdue_aid.i18n as i; print(i.locales_root())"],
                           capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60)
    assert Path(probe.stdout.strip()) == target / "overdue_aid" / "locales"
    result = subprocess.run([sys.executable, "-m", "overdue_aid", "case", "--help"], capture_output=True, text=True,
                            cwd=elsewhere, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "案件" in result.stdout


@pytest.mark.slow
def test_wheel_carries_the_compiled_check_where_it_can_be_built(wheel, tmp_path):
    from tests.check.test_native import _can_compile

    if os.environ.get("OVERDUE_AID_PURE") == "1" or not _can_compile():
        pytest.skip("no mypyc or no C compiler here: the wheel is pure Python by design")
    names = zipfile.ZipFile(wheel).namelist()
    assert "overdue_aid/_native/sources.txt" in names
    assert any(name.startswith("overdue_aid/_native/overdue_aid.check.rules.") for name in names)
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    env = {name: value for name, value in os.environ.items() if name != "OVERDUE_AID_PURE"}
    env["PYTHONPATH"] = str(target)
    probe = subprocess.run([sys.executable, "-c", "import overdue_aid.check.core as c; print(c.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert probe.stdout.startswith(str(target / "overdue_aid" / "_native" / "overdue_aid.check.core.")), probe.stderr
