"""Regular expressions compiled on first use: a one-message run pays only for the patterns it needs."""

from __future__ import annotations

import re
from typing import Iterator


class LazyPattern:
    """Like re.compile(source, flags), compiled the first time it is used.

    `first`, when given, is a character class (without brackets) holding the first character of every match:
    the pattern then starts with a lookahead on it, which lets the engine pass over other characters quickly
    (the matches are the same).
    """

    __slots__ = ("source", "flags", "first", "_compiled")

    def __init__(self, source: str, flags: int = 0, first: str | None = None) -> None:
        self.source = source
        self.flags = flags
        self.first = first
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            source = self.source if self.first is None else f"(?=[{self.first}])(?:{self.source})"
            self._compiled = re.compile(source, self.flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        """re.Pattern.search."""
        return (self._compiled or self.compiled).search(text)

    def match(self, text: str) -> re.Match[str] | None:
        """re.Pattern.match."""
        return (self._compiled or self.compiled).match(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """re.Pattern.finditer."""
        return (self._compiled or self.compiled).finditer(text)

    def findall(self, text: str) -> list:
        """re.Pattern.findall."""
        return (self._compiled or self.compiled).findall(text)
