"""Regular expressions compiled on first use: a one-message run pays only for the patterns it needs.

Compiling is itself most of a one-message run's matching time (re parses and compiles in Python: 3-6 ms for the
patterns one message needs). So the compiled programs are kept in the cache folder between runs, and a later run
hands them straight to the C engine. The programs are CPython's own (re._parser and re._compiler, as
re._compiler.compile does it), keyed by the interpreter's version and the engine's MAGIC number; anything
unexpected falls back to plain re.compile.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

_PROGRAMS_STEM = "regex-programs"
_programs: dict[tuple[str, int], tuple] = {}  # (source, flags) -> program, for the folder below
_programs_folder: Path | None = None
_programs_changed = False


def _fingerprint() -> str:
    import _sre

    return f"{sys.hexversion:x}-{_sre.MAGIC}"


def _known_programs(folder: Path) -> dict[tuple[str, int], tuple]:
    global _programs, _programs_folder, _programs_changed
    if folder != _programs_folder:
        import marshal

        from ..derived_cache import read_derived

        loaded = read_derived(_PROGRAMS_STEM, _fingerprint(), "marshal", marshal.loads)
        _programs, _programs_folder, _programs_changed = (loaded if isinstance(loaded, dict) else {}), folder, False
    return _programs


def _save_programs() -> None:
    import marshal

    from ..derived_cache import current_folder, write_derived

    if _programs_changed and _programs_folder is not None and current_folder() == _programs_folder:
        try:
            data = marshal.dumps(_programs)
        except ValueError:  # cannot happen with str sources and int flags; a cache is never worth an error
            return
        write_derived(_PROGRAMS_STEM, _fingerprint(), "marshal", data)


_save_registered = False


def _register_save() -> None:
    global _save_registered
    if not _save_registered:
        import atexit

        atexit.register(_save_programs)  # once, however many folders a test run goes through
        _save_registered = True


def compile_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(source, flags), from the kept program when there is one."""
    global _programs_changed
    from ..derived_cache import current_folder

    folder = current_folder()
    if folder is None:
        return re.compile(source, flags)
    import _sre

    flags = int(flags)  # re.I and friends are enums, which marshal does not keep
    programs = _known_programs(folder)
    key = (source, flags)
    program = programs.get(key)
    if program is not None:
        try:
            return _sre.compile(source, *program)
        except Exception:  # a program this engine does not take: compile afresh  # noqa: BLE001
            pass
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(source, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # named opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        compiled = _sre.compile(source, *program)
    except Exception:  # re's internals differ from what we know: the public way  # noqa: BLE001
        return re.compile(source, flags)
    if not _programs_changed:
        _register_save()
        _programs_changed = True
    programs[key] = program
    return compiled

# The methods of re.Pattern a LazyPattern hands out. After the first use each is the compiled pattern's own bound
# method, stored on the instance: later calls cost what a call on a compiled pattern costs (no Python frame).
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyPattern:
    """Like re.compile(source, flags), compiled the first time any of its methods (or `.compiled`) is used.

    `first`, when given, is a character class (without brackets) holding the first character of every match:
    the pattern then starts with a lookahead on it, which lets the engine pass over other characters quickly
    (the matches are the same).
    """

    def __init__(self, source: str, flags: int = 0, first: str | None = None) -> None:
        self.source = source
        self.flags = flags
        self.first = first

    def _compile(self) -> re.Pattern[str]:
        source = self.source if self.first is None else f"(?=[{self.first}])(?:{self.source})"
        compiled = compile_pattern(source, self.flags)
        self.compiled = compiled
        for name in _METHODS:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not yet on the instance: the compiled pattern and its methods.
        if name == "compiled" or name in _METHODS:
            compiled = self._compile()
            return compiled if name == "compiled" else getattr(compiled, name)
        raise AttributeError(name)
