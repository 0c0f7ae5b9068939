"""The message check: tell a scam from a reminder and name the collection rules a message breaks.

The hot modules (normalise, facts, rules, core) may also exist compiled to C by mypyc in _native/ (see
hatch_build.py). They are used only when they were built from exactly the sources beside them, so an edited source
never runs as a stale compiled copy; OVERDUE_AID_PURE=1 forces the plain Python modules.
"""

import os

# The rule packs ship inside the package (wheel and source tree alike). Named here, in a module that is never
# compiled, because a compiled module's __file__ is its extension in _native/.
RULES_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rules")
_NATIVE_FOLDER = "_native"
_SHARED_LIBRARY = "native__mypyc"  # the compiled group's own module; hatch_build.GROUP + "__mypyc"


def _fresh_native_folder() -> str | None:
    """The folder of the compiled modules when every source they were built from is unchanged, else None."""
    if os.environ.get("OVERDUE_AID_PURE"):
        return None
    here = os.path.dirname(__file__)
    folder = os.path.join(here, _NATIVE_FOLDER)
    try:
        with open(os.path.join(folder, "sources.txt"), encoding="utf-8") as handle:
            lines = [line.split(" ") for line in handle.read().splitlines() if line]
        for name, size, mtime in lines:
            status = os.stat(os.path.join(here, name))
            # A wheel records sizes only (installers set their own times); an in-place build records times too.
            if status.st_size != int(size) or (mtime != "-" and status.st_mtime_ns != int(mtime)):
                return None
    except (OSError, ValueError):
        return None
    return folder if lines else None


def _use_native() -> str | None:
    folder = _fresh_native_folder()
    if folder is None:
        return None
    __path__.insert(0, folder)
    try:
        # Load the compiled group now: one built for another interpreter, or damaged, must not break the check.
        __import__(f"{__name__}.{_SHARED_LIBRARY}")
    except ImportError:
        __path__.remove(folder)
        return None
    return folder


NATIVE: str | None = _use_native()
