"""The compiled modules (mypyc, hatch_build.py; loaded by overdue_aid/_native_loader.py): built where they can be,
identical in what they give to the plain Python modules, and never run once a source they came from has changed,
when they are damaged, or when plain Python is asked for."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import overdue_aid

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(overdue_aid.__file__).resolve().parent
LABELLED = [ROOT.parent / "shared" / "data" / "messages-dev.jsonl", *sorted((ROOT / "tests" / "check" / "data").glob("*.jsonl"))]

needs_native = pytest.mark.skipif(overdue_aid.NATIVE is None, reason="the compiled modules are not built here")


def _can_compile() -> bool:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return importlib.util.find_spec("mypyc") is not None and shutil.which(compiler) is not None and headers.exists()


@pytest.mark.skipif(os.environ.get("OVERDUE_AID_PURE") == "1", reason="pure Python asked for")
def test_the_compiled_modules_are_built_and_used_where_they_can_be():
    if not _can_compile():
        pytest.skip("no mypyc or no C compiler: the install is pure Python by design")
    assert overdue_aid.NATIVE is not None, (
        "the compiled modules are missing or older than their sources: run `python hatch_build.py` (or reinstall)")
    native = str(PACKAGE / "_native")
    for name in ("overdue_aid.check.rules", "overdue_aid.check.core", "overdue_aid.evidence.log"):
        assert importlib.import_module(name).__file__.startswith(native), name


def _probe(package_parent: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = ("import overdue_aid; from overdue_aid.check.core import check_tags; import overdue_aid.check.rules as r; "
            "print('_native' in r.__file__, check_tags('再不还钱就去你单位找你领导', jurisdiction='cn'))")
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
    log = package_copy / "overdue_aid" / "evidence" / "log.py"  # any source of the group: all run plain
    log.write_text(log.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = _probe(package_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("False"), result.stdout
    assert "third_party" in result.stdout  # and the plain module still checks


@needs_native
def test_a_damaged_compiled_module_falls_back_to_plain_python(package_copy):
    [shared] = (package_copy / "overdue_aid" / "_native").glob("overdue_aid._compiled__mypyc.*")
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
