"""The compiled message check (mypyc, hatch_build.py): built where it can be, identical to the plain Python modules,
and never run once the sources it came from have changed or when it is damaged."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import overdue_aid.check as check_package

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(check_package.__file__).resolve().parents[1]
LABELLED = [Path("/work/shared/data/messages-dev.jsonl"), *sorted((ROOT / "tests" / "check" / "data").glob("*.jsonl"))]

needs_native = pytest.mark.skipif(check_package.NATIVE is None, reason="the compiled check is not built here")


def _can_compile() -> bool:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return importlib.util.find_spec("mypyc") is not None and shutil.which(compiler) is not None and headers.exists()


@pytest.mark.skipif(os.environ.get("OVERDUE_AID_PURE") == "1", reason="pure Python asked for")
def test_the_compiled_check_is_built_and_used_where_it_can_be():
    if not _can_compile():
        pytest.skip("no mypyc or no C compiler: the install is pure Python by design")
    assert check_package.NATIVE is not None, (
        "the compiled check is missing or older than its sources: run `python hatch_build.py` (or reinstall)")
    assert importlib.import_module("overdue_aid.check.rules").__file__.startswith(check_package.NATIVE)


def _probe(package_parent: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = ("import overdue_aid.check as c; from overdue_aid.check.core import check_tags; "
            "print(c.NATIVE is not None, check_tags('再不还钱就去你单位找你领导', jurisdiction='cn'))")
    env = {name: value for name, value in os.environ.items() if name != "OVERDUE_AID_PURE"}
    env.update(PYTHONPATH=str(package_parent), **(extra_env or {}))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A copy of the installed package (times kept, so its compiled modules stay fresh) on a path of its own."""
    shutil.copytree(PACKAGE, tmp_path / "overdue_aid", copy_function=shutil.copy2,
                    ignore=shutil.ignore_patterns("__pycache__"))
    locales = PACKAGE.parent.parent / "locales"
    if locales.is_dir():
        shutil.copytree(locales, tmp_path / "locales")
    return tmp_path


@needs_native
def test_a_copy_with_unchanged_sources_runs_compiled(package_copy):
    result = _probe(package_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


@needs_native
def test_an_edited_source_is_never_run_compiled(package_copy):
    rules = package_copy / "overdue_aid" / "check" / "rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = _probe(package_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("False"), result.stdout
    assert "third_party" in result.stdout  # and the plain module still checks


@needs_native
def test_a_damaged_compiled_module_falls_back_to_plain_python(package_copy):
    [shared] = (package_copy / "overdue_aid" / "check" / "_native").glob("native__mypyc.*")
    shared.write_bytes(b"not an ELF file")
    result = _probe(package_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("False")
    assert "threat" in result.stdout


@needs_native
def test_pure_python_is_used_when_asked(package_copy):
    result = _probe(package_copy, {"OVERDUE_AID_PURE": "1"})
    assert result.stdout.startswith("False"), result.stderr


@needs_native
def test_compiled_and_plain_python_give_byte_identical_batches(tmp_path):
    batch = tmp_path / "all.jsonl"
    batch.write_text("".join(path.read_text(encoding="utf-8") for path in LABELLED if path.exists()), encoding="utf-8")

    def run(pure: bool) -> bytes:
        env = {**os.environ, "OVERDUE_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
        env.pop("OVERDUE_AID_PURE", None)
        if pure:
            env["OVERDUE_AID_PURE"] = "1"
        result = subprocess.run([sys.executable, "-m", "overdue_aid", "check", "--batch", str(batch)],
                                capture_output=True, env=env, timeout=300)
        assert result.returncode in (0, 1), result.stderr
        return result.stdout

    compiled, plain = run(False), run(True)
    assert compiled.count(b"\n") > 1000
    assert compiled == plain
