"""One matching form per message, with a map back to the text the user received.

Steps, each skipped when it would change nothing: Unicode NFKC (full-width forms), lower case,
Traditional → Simplified (opencc), and removal of zero-width characters and of the spaces and
symbols put between Chinese characters to dodge filters (逾 期, 微-信), and hurried English spellings read as
the words they stand for (ur → your, dont → don't; rules/textspeak.toml). Stand-ins (w x, v信, zfb …,
listed in `rules/standins.toml`) are taught to the cue automaton as aliases, so they cost nothing here. Every character of the matching form remembers the span of the
original it came from, so an excerpt is always an exact substring of the input.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from . import RULES_FOLDER
from .lazy import LazyPattern

_RULES = Path(RULES_FOLDER)


class Normalised(NamedTuple):
    original: str
    text: str
    starts: list[int] | None  # None: the matching form lines up with the original char for char
    ends: list[int] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind text[start:end]."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return at, at
        return self.starts[start], self.ends[end - 1]

    def excerpt(self, start: int, end: int) -> str:
        """The original text behind text[start:end]."""
        first, last = self.span(start, end)
        return self.original[first:last]


def _identity(length: int) -> tuple[list[int], list[int]]:
    return list(range(length)), list(range(1, length + 1))


def _per_char(text: str, starts: list[int] | None, ends: list[int] | None, convert: Any) -> tuple[str, list[int], list[int]]:
    """Apply `convert` character by character when it changes the length of the text."""
    if starts is None or ends is None:
        starts, ends = _identity(len(text))
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    for index, char in enumerate(text):
        out = convert(char)
        pieces.append(out)
        new_starts.extend([starts[index]] * len(out))
        new_ends.extend([ends[index]] * len(out))
    return "".join(pieces), new_starts, new_ends


def _delete_spans(text: str, starts: list[int] | None, ends: list[int] | None,
                  spans: list[tuple[int, int]]) -> tuple[str, list[int], list[int]]:
    """Drop text[s:e] for each (s, e), sorted and not overlapping; keep the map."""
    return _replace_spans(text, starts, ends, [(start, end, "") for start, end in spans])


def _replace_spans(text: str, starts: list[int] | None, ends: list[int] | None,
                   spans: list[tuple[int, int, str]]) -> tuple[str, list[int], list[int]]:
    """Put `new` in place of text[s:e] for each (s, e, new), sorted and not overlapping; every character of `new`
    maps to the whole original span it replaces. Keep the map."""
    if starts is None or ends is None:
        starts, ends = _identity(len(text))
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    at = 0
    for start, end, new in spans:
        pieces.append(text[at:start])
        new_starts.extend(starts[at:start])
        new_ends.extend(ends[at:start])
        if new:
            pieces.append(new)
            new_starts.extend([starts[start]] * len(new))
            new_ends.extend([ends[end - 1]] * len(new))
        at = end
    pieces.append(text[at:])
    new_starts.extend(starts[at:])
    new_ends.extend(ends[at:])
    return "".join(pieces), new_starts, new_ends


@cache
def _text_speak() -> tuple[Any, dict[str, str]]:
    """The finder of hurried English spellings and what each stands for (compiled with the rule packs)."""
    from .lazy import compile_pattern
    from .packs import compiled

    source, table = compiled().text_speak
    return compile_pattern(source).finditer, table


def _text_speak_spans(text: str) -> list[tuple[int, int, str]]:
    """Hurried English spellings in the text (ur, pls, dont) with the words they stand for (rules/textspeak.toml)."""
    finditer, table = _text_speak()
    return [(match.start(), match.end(), table[match.group()]) for match in finditer(text)]


@cache
def _traditional_chars() -> frozenset[str]:
    # Characters opencc's t2s changes, listed once (tests/check compare it with opencc) so that a
    # message without any of them never pays for loading opencc.
    return frozenset(_RULES.joinpath("traditional.txt").read_text("utf-8").replace("\n", ""))


@cache
def _opencc() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


_traditional_search: Any = None  # set by prepare_for_batch: one compiled character class, cheaper per message


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese (same length for single characters). Only a text with a character that
    t2s changes is converted: most messages never pay for opencc."""
    if _traditional_search is not None:
        if _traditional_search(text) is None:
            return text
    elif _traditional_chars().isdisjoint(text):
        return text
    return _opencc().convert(text)


# Characters whose NFKC form matters for matching: full-width letters, digits and symbols (the common
# full-width punctuation ，！（）：；？～ is left alone), compatibility spaces, super- and subscripts,
# ligatures, circled and squared forms, compatibility ideographs, math-styled letters. Only a text with
# one of them goes through NFKC.
_NEEDS_NFKC = LazyPattern(
    "[\u00a0-\u00bf\u2000-\u200a\u2070-\u209f\u2100-\u214f\u2160-\u218f\u2460-\u24ff\u3000\u3200-\u33ff"
    "\uf900-\ufaff\ufb00-\ufb4f\ufe10-\ufe1f\ufe30-\ufe6f\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e"
    "\uff20-\uff5d\uff5f-\uffef\U0001d400-\U0001d7ff]")


# Zero-width and soft-hyphen characters hidden inside words (always removed), and the spaces and symbols put
# between Chinese characters to dodge filters: 逾 期, 通 讯 录, 微-信 (removed only between two Chinese characters).
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_SEPARATOR_CHARS = " \t\u3000-_.·•*~|/\\"


def _has_any(text: str, chars: str) -> bool:
    """Cheaper than a regular expression for a handful of characters."""
    return any(char in text for char in chars)


_ZERO_WIDTH = LazyPattern("[\u200b-\u200f\u2060\ufeff\u00ad]+")
# Separators between two non-ASCII word characters; _evasion_spans keeps those between two Chinese characters.
# (A character class spanning the CJK block costs ~3 ms to compile — sre walks the range char by char — which a
# one-message check would pay on every start; these classes compile in a tenth of that.)
_SEPARATED = LazyPattern(r"(?<=(?![\x00-\x7f])\w)([ \t\u3000\-_.·•*~|/\\]{1,3})(?=(?![\x00-\x7f])\w)")


# Scare quotes around a word or two inside a Chinese phrase, which a reported threat puts mid-phrase (说要上门“收拾”我):
# the words read on through them. A longer quotation (误开通“会员自动续费”) is a name of its own and keeps its marks.
_QUOTE_CHARS = "“”「」『』\"'"
_SCARE_QUOTED = LazyPattern(r"(?<=(?![\x00-\x7f])\w)([“「『\"'])((?:(?![\x00-\x7f])\w){1,4})([”」』\"'])(?=(?![\x00-\x7f])\w)")


def _is_chinese(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _evasion_spans(text: str) -> list[tuple[int, int]]:
    """Zero-width characters anywhere; spaces and symbols only when both neighbours are Chinese; scare quotes."""
    spans = [match.span() for match in _ZERO_WIDTH.finditer(text)] if _has_any(text, _ZERO_WIDTH_CHARS) else []
    if _has_any(text, _SEPARATOR_CHARS):
        spans += [match.span(1) for match in _SEPARATED.finditer(text)
                  if _is_chinese(text[match.start(1) - 1]) and _is_chinese(text[match.end(1)])]
    if _has_any(text, _QUOTE_CHARS):
        for match in _SCARE_QUOTED.finditer(text):
            if _is_chinese(text[match.start() - 1]) and _is_chinese(text[match.end()]) and \
                    all(_is_chinese(char) for char in match.group(2)):
                spans += [match.span(1), match.span(3)]
    if len(spans) > 1:
        spans.sort()
        merged = [spans[0]]
        for start, end in spans[1:]:
            if start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        spans = merged
    return spans


# Digits spaced out to dodge filters (6 2 2 8 4 8 …, 1 7 0-1 2 3 4 …): seven or more single digits, each
# apart from the next by one space, dot or dash. Shorter runs (steps 1 2 3, v1.2.3) are left alone.
_SPACED_DIGITS = LazyPattern(r"(?<![\d.\-])\d(?:[ .\-]\d){6,}(?![\d])", first="0-9")


def _spaced_digit_spans(text: str) -> list[tuple[int, int]]:
    """The separators inside runs of spaced-out single digits."""
    spans: list[tuple[int, int]] = []
    for match in _SPACED_DIGITS.finditer(text):
        spans.extend((index, index + 1) for index in range(match.start() + 1, match.end(), 2))
    return spans


def prepare_for_batch() -> None:
    """For many messages: one character class finds the Traditional characters (4 ms to compile, then about
    four times faster than a set test), and opencc loads now."""
    global _traditional_search
    if _traditional_search is None:
        _traditional_search = re.compile("[" + re.escape("".join(sorted(_traditional_chars()))) + "]").search
    _opencc()


_LATIN_LETTER = LazyPattern("[a-z]")


def _nfkc_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


def normalise(text: str) -> Normalised:
    """The matching form of `text` and its map back to `text`."""
    current = text
    starts: list[int] | None = None
    ends: list[int] | None = None
    ascii_only = current.isascii()
    if not ascii_only and _NEEDS_NFKC.search(current) is not None:
        candidate = unicodedata.normalize("NFKC", current)
        if len(candidate) == len(current):
            current = candidate
        else:
            current, starts, ends = _per_char(current, starts, ends, _nfkc_char)
    lowered = current.lower()
    if len(lowered) == len(current):
        current = lowered
    else:
        current, starts, ends = _per_char(current, starts, ends, str.lower)
    if ascii_only or _LATIN_LETTER.search(current):
        words = _text_speak_spans(current)
        if words:
            current, starts, ends = _replace_spans(current, starts, ends, words)
    if ascii_only:
        spans = _spaced_digit_spans(current)
        if spans:
            current, starts, ends = _delete_spans(current, starts, ends, spans)
        return Normalised(text, current, starts, ends)
    simplified = to_simplified(current)
    if len(simplified) == len(current):
        current = simplified
    else:
        current, starts, ends = _per_char(current, starts, ends, to_simplified)
    if "帐" in current:
        current = current.replace("帐", "账")  # Taiwan/HK write 帳戶 → 帐户; the cue words use 账
    if "您" in current:
        current = current.replace("您", "你")  # the polite "you": one form for the cue words
    if "\u2019" in current:
        current = current.replace("\u2019", "'")  # won’t → won't, for the cue words
    spans = _evasion_spans(current)
    digit_spans = _spaced_digit_spans(current)
    if digit_spans:
        spans = sorted(spans + digit_spans)  # evasion spans lie between Chinese characters: no overlap
    if spans:
        current, starts, ends = _delete_spans(current, starts, ends, spans)
    return Normalised(text, current, starts, ends)
