"""Build hook: compile the busiest modules (the message check, the evidence import) to C extensions with mypyc.

Why: the message check is pure Python on a hot path (every batch line, every imported SMS); mypyc turns the same
typed source into C and runs it about 1.7x faster, with no second implementation to keep in step. The compiled
modules go into src/overdue_aid/_native/ (an editable install, or `python hatch_build.py`) or into the wheel at the
same place; overdue_aid/_native_loader.py uses them only while the sources they were built from are unchanged, and
the plain Python modules otherwise (or when OVERDUE_AID_PURE=1). A machine without a C compiler or mypyc gets a
working pure-Python install and a warning, never a failed one.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "src" / "overdue_aid"
# What every checked message or imported record passes through (paths inside the package). The rest runs once
# per command or rarely, and stays plain Python.
NATIVE_MODULES = ("check/normalise.py", "check/facts.py", "check/rules.py", "check/learned.py", "check/core.py",
                  "evidence/log.py", "evidence/importers/sms_xml.py", "evidence/importers/batch.py")


def _loader_module() -> Any:
    """overdue_aid/_native_loader.py, read by path (the package itself is not importable in a build): one place
    for the folder, file and group names and the path-to-module rule the build and the loader share."""
    spec = importlib.util.spec_from_file_location("_overdue_native_loader", PACKAGE / "_native_loader.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


_LOADER = _loader_module()
GROUP, NATIVE_FOLDER, SOURCES_FILE = _LOADER.GROUP, _LOADER.FOLDER_NAME, _LOADER.SOURCES_FILE

_SETUP = """
import os
import sys
from setuptools import setup
from mypyc.build import mypycify
paths = sys.argv[1:sys.argv.index("--")]
sys.argv = [sys.argv[0]] + sys.argv[sys.argv.index("--") + 1:]
setup(name="overdue-aid-native", ext_modules=mypycify(paths, opt_level="3", debug_level="0", group_name={group!r},
                                         target_dir=os.environ["OVERDUE_NATIVE_C"]))
"""


def compile_native(target: Path, *, record_times: bool) -> None:
    """Compile NATIVE_MODULES into `target` (the extension files and sources.txt); raises on any failure."""
    with tempfile.TemporaryDirectory(prefix="overdue-native-") as scratch:
        work = Path(scratch)
        setup_file = work / "setup.py"
        setup_file.write_text(_SETUP.format(group=GROUP), encoding="utf-8")
        sources = [f"src/overdue_aid/{name}" for name in NATIVE_MODULES]
        mypy_options = ["--ignore-missing-imports", "--follow-imports=silent", "--cache-dir", str(work / "cache")]
        command = [sys.executable, str(setup_file), *mypy_options, *sources, "--",
                   "build_ext", "--build-lib", str(work / "lib"), "--build-temp", str(work / "temp")]
        env = {**os.environ, "OVERDUE_NATIVE_C": str(work / "c")}
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode:
            raise RuntimeError(done.stdout[-4000:])
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        staged = work / "staged"
        staged.mkdir()
        # Each extension is named by its full module name: the loader maps names to files (no package folders).
        for module in (*(_LOADER.module_name(name) for name in NATIVE_MODULES), GROUP + "__mypyc"):
            shutil.copy2(work / "lib" / (module.replace(".", "/") + suffix), staged / (module + suffix))
        lines = [suffix]
        for name in NATIVE_MODULES:
            status = (PACKAGE / name).stat()
            lines.append(f"{name} {status.st_size} {status.st_mtime_ns if record_times else '-'}")
        (staged / SOURCES_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
        # Replace the folder whole: a half-written one would pair new extensions with an old sources.txt.
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staged), str(target))


def _warn(error: BaseException) -> None:
    sys.stderr.write(f"overdue-aid: plain Python only (mypyc build failed: {error})\n")


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script (`python hatch_build.py`) without hatchling
    BuildHookInterface = object  # type: ignore[assignment,misc]


class NativeCheckHook(BuildHookInterface):  # type: ignore[misc,valid-type]
    """Hatchling's custom build hook (pyproject.toml: [tool.hatch.build.targets.wheel.hooks.custom])."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if os.environ.get("OVERDUE_AID_PURE"):
            return
        if version == "editable":
            # The editable wheel points at src/: the extensions go beside the sources they come from.
            try:
                compile_native(PACKAGE / NATIVE_FOLDER, record_times=True)
            except Exception as error:  # noqa: BLE001  any failure leaves a working pure-Python install
                _warn(error)
            return
        self._scratch = tempfile.mkdtemp(prefix="overdue-wheel-native-")
        target = Path(self._scratch) / NATIVE_FOLDER
        try:
            compile_native(target, record_times=False)
        except Exception as error:  # noqa: BLE001
            _warn(error)
            return
        for path in target.iterdir():
            build_data["force_include"][str(path)] = f"overdue_aid/{NATIVE_FOLDER}/{path.name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    # `python hatch_build.py`: (re)build the extensions in place, e.g. after editing a compiled module.
    compile_native(PACKAGE / NATIVE_FOLDER, record_times=True)
    print(f"built {', '.join(NATIVE_MODULES)} into {PACKAGE / NATIVE_FOLDER}")
