"""The compiled copies of the busiest modules (mypyc; built by hatch_build.py into overdue_aid/_native/).

A small finder at the front of sys.meta_path hands out a compiled module in place of its source only while every
source of the compiled group is unchanged since the build, so an edited source never runs as a stale compiled copy.
A group that fails to load (built for another interpreter, damaged) is given up at once and the plain modules run.
OVERDUE_AID_PURE=1 always runs the plain modules. Kept tiny and import-free: every command imports it at start, and
hatch_build.py reads its names from here.
"""

import os
import sys

FOLDER_NAME = "_native"
SOURCES_FILE = "sources.txt"
GROUP = "overdue_aid._compiled"  # the compiled group's shared library is the module GROUP + "__mypyc"


def module_name(relative: str) -> str:
    """'check/rules.py' -> 'overdue_aid.check.rules' (a source path inside the package, as sources.txt lists it)."""
    return "overdue_aid." + relative[:-3].replace("/", ".")


def _fresh_files(package_folder: str) -> dict[str, str] | None:
    """Module name -> compiled file, when the build's sources are all unchanged; else None."""
    folder = os.path.join(package_folder, FOLDER_NAME)
    try:
        with open(os.path.join(folder, SOURCES_FILE), encoding="utf-8") as handle:
            lines = [line.split(" ") for line in handle.read().splitlines() if line]
        suffix = lines[0][0]  # first line: the extension suffix the group was built for
        files = {}
        for relative, size, mtime in lines[1:]:
            status = os.stat(os.path.join(package_folder, relative))
            # A wheel records sizes only (installers set their own times); an in-place build records times too.
            if status.st_size != int(size) or (mtime != "-" and status.st_mtime_ns != int(mtime)):
                return None
            name = module_name(relative)
            files[name] = os.path.join(folder, name + suffix)
    except (OSError, ValueError, IndexError):
        return None
    if not files:
        return None
    files[GROUP + "__mypyc"] = os.path.join(folder, GROUP + "__mypyc" + suffix)
    return files


class CompiledModules:
    """A meta path finder for the compiled modules (duck-typed: importlib.abc would cost an import)."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self.group_loaded = False

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> object:
        location = self.files.get(fullname)
        if location is None:
            return None
        from importlib.machinery import ExtensionFileLoader
        from importlib.util import spec_from_file_location

        if fullname != GROUP + "__mypyc" and not self._load_group():
            return None
        return spec_from_file_location(fullname, location, loader=ExtensionFileLoader(fullname, location))

    def _load_group(self) -> bool:
        if not self.group_loaded:
            try:
                __import__(GROUP + "__mypyc")
            except ImportError:
                self.files = {}  # give up on every compiled module: the plain sources run
                return False
            self.group_loaded = True
        return True


def install(package_folder: str) -> CompiledModules | None:
    """Put the finder first on sys.meta_path when fresh compiled modules exist; returns it (None: plain Python)."""
    if os.environ.get("OVERDUE_AID_PURE"):
        return None
    files = _fresh_files(package_folder)
    if files is None:
        return None
    finder = CompiledModules(files)
    sys.meta_path.insert(0, finder)
    return finder
