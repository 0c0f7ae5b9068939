"""Regular expressions compiled on first use: a one-message run pays only for the patterns it needs."""

from __future__ import annotations

import re
from typing import Any

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
        compiled = re.compile(source, self.flags)
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
