"""A learned second opinion on a message's kind, beside the rule packs.

Why: hand-written cue words fit the sets they were written from and transfer poorly to messages in voices nobody
has seen (the sealed sets under benchmarks/data measured it). A linear model over character n-grams, trained on every labelled
training set, reads the whole message instead of looking for listed words, so it errs in other places than the
rules. It is only ever a second opinion: when the rules found no scam or conduct tag and the model is confident
that the message is a scam (or abusive), the check adds the model's likeliest tag of that group, with the clause
that weighs most for it as the excerpt and the basis of that tag's rules in the pack. It never removes a finding,
and the rules veto it where they know better (core.second_opinions).

The model is data, like the packs: `rules/learned-kind.bin`, written by benchmarks/train_check_model.py (which
also reports its leave-one-set-out figures). Layout: one line of JSON (the header: outputs, hash bits, scales,
intercepts, thresholds, what it was trained on), then per output (kinds first) one byte per bucket: the
quantised weight plus 128.
Pure: no terminal, no network; the file is read once per process, and only when a message needs the opinion.
"""

import json
import math
import os
import re
from functools import cache
from typing import Final, NamedTuple

# i64: a native 64-bit int in the compiled module (mypyc's plain int is tagged, and a product above 2**30 takes
# its slow, allocating path: every FNV step did); plain int in pure Python, with the same numbers.
from mypy_extensions import i64

from . import RULES_FOLDER

MODEL_FILE = os.path.join(RULES_FOLDER, "learned-kind.bin")
KIND_OUTPUTS = ("scam", "abusive", "reminder", "other")
_LATIN_WORD = re.compile(r"[a-z][a-z0-9']*")
# Clauses for the excerpt: the model's weight is summed per clause, and the heaviest one is quoted.
_CLAUSE_END = re.compile(r"[。！？!?；;\n，,]+|\.(?=\s)")
_PREFIX: Final = 5  # a long English word also counts by its first letters: typos and endings vary
# Features are hashed into buckets (the "hashing trick"): the model is then a plain array, read in a fraction of a
# millisecond, with no table of feature strings to build at start-up. FNV-1a over code points: the same numbers in
# plain and compiled Python, and in the trainer.
_FNV_START: Final = 2166136261
_FNV_PRIME: Final = 16777619
_MASK32: Final = 0xFFFFFFFF
_WORD_SEED: Final = 0x9E3779B1  # words, prefixes and word pairs hash apart from character runs
_PREFIX_SEED: Final = 0x85EBCA77
_PAIR_SEED: Final = 0xC2B2AE3D


def _fnv(seed: i64, text: str) -> i64:
    value = seed
    for char in text:
        code: i64 = ord(char)
        if 49 <= code <= 57:  # digits 1-9 read as 0, as in _Tally.walk()
            code = 48
        value = ((value ^ code) * _FNV_PRIME) & _MASK32
    return value


class _Tally:
    """Walks a text's features and, as each is found, adds its weight in up to four output columns of `data` (at
    `offsets`), and keeps the feature itself when asked to (the trainer's buckets()).

    Why a walker and not a list of features: on the check's hot path (the kind of every message the rules leave
    open) a list would hold one boxed int per feature; summing as they are found keeps every number a native
    64-bit int in the compiled module (i64: plain int in pure Python, where the numbers are the same)."""

    def __init__(self, bits: i64, data: bytes, offsets: list[int], keep: bool) -> None:
        self.mask: i64 = (1 << bits) - 1
        self.data = data
        lanes = offsets + [offsets[0]] * (4 - len(offsets))  # unused lanes repeat the first; their sums are unread
        self.at0: i64 = lanes[0]
        self.at1: i64 = lanes[1]
        self.at2: i64 = lanes[2]
        self.at3: i64 = lanes[3]
        self.sum0: i64 = 0
        self.sum1: i64 = 0
        self.sum2: i64 = 0
        self.sum3: i64 = 0
        self.count: i64 = 0
        self.keep = keep
        self.found: list[int] = []

    def add(self, hashed: i64) -> None:
        bucket = hashed & self.mask
        self.count += 1
        if self.keep:
            self.found.append(bucket)
            return
        data = self.data
        self.sum0 += data[self.at0 + bucket]
        self.sum1 += data[self.at1 + bucket]
        self.sum2 += data[self.at2 + bucket]
        self.sum3 += data[self.at3 + bucket]

    def walk(self, text: str) -> None:
        """The model's features of a matching form (normalise(...).text), one per occurrence: characters and their
        pairs outside ASCII (Chinese words are one to three characters), every three-character run, and for
        Latin script the words, their first letters, and word pairs."""
        flat = " ".join(text.split())
        codes: list[int] = list(map(ord, flat))  # one pass in C; indexing a list of ints is cheap, compiled or not
        length: i64 = len(codes)
        # Amounts, phones and dates differ; their shapes are the signal: digits 1-9 read as 0.
        following: i64 = codes[0] if length else 0
        if 49 <= following <= 57:
            following = 48
        after: i64 = codes[1] if length > 1 else 0
        if 49 <= after <= 57:
            after = 48
        start: i64 = 0
        while start < length:
            code = following
            following = after
            if start + 2 < length:
                after = codes[start + 2]
                if 49 <= after <= 57:
                    after = 48
            first = ((_FNV_START ^ code) * _FNV_PRIME) & _MASK32
            if code > 127:
                self.add(first)
            if start + 1 < length:
                second = ((first ^ following) * _FNV_PRIME) & _MASK32
                if code > 127 or following > 127:
                    self.add(second)
                if start + 2 < length:
                    self.add(((second ^ after) * _FNV_PRIME) & _MASK32)
            start += 1
        previous: i64 = 0
        for word in _LATIN_WORD.findall(flat):
            hashed = _fnv(_WORD_SEED, word)
            self.add(hashed)
            if len(word) > _PREFIX:
                self.add(_fnv(_PREFIX_SEED, word[:_PREFIX]))
            if previous:
                self.add(((previous ^ hashed ^ _PAIR_SEED) * _FNV_PRIME) & _MASK32)
            previous = hashed


def buckets(text: str, bits: int) -> list[int]:
    """The model's features of a matching form (see _Tally.walk), hashed to `bits` bits: what the trainer counts."""
    tally = _Tally(bits, b"", [0], True)
    tally.walk(text)
    return tally.found


class Model:
    """The loaded model: per output a column of one byte per bucket (the weight plus 128), a scale and an
    intercept. The kind columns come first in the file and are read at once; the tag columns (needed only when
    the model has an opinion) on first use."""

    def __init__(self, header: dict, kind_columns: bytes) -> None:
        self.outputs: list[str] = header["outputs"]
        self.bits: int = header["bits"]
        self.scales: list[float] = header["scales"]
        self.intercepts: list[float] = header["intercepts"]
        self.thresholds: dict[str, float] = header["thresholds"]
        self.column = {name: index for index, name in enumerate(self.outputs)}
        self.kind_columns = kind_columns
        self.tag_columns: bytes | None = None
        self.tags_at = 0  # where the tag columns start in the file

    def _columns(self, column: int) -> tuple[bytes, int]:
        """The bytes holding `column` and its offset in them."""
        size = 1 << self.bits
        if column < len(KIND_OUTPUTS):
            return self.kind_columns, column * size
        if self.tag_columns is None:
            with open(MODEL_FILE, "rb") as handle:
                handle.seek(self.tags_at)
                self.tag_columns = handle.read()
            if len(self.tag_columns) != (len(self.outputs) - len(KIND_OUTPUTS)) * size:
                raise ValueError("the learned model's file is cut short")
        return self.tag_columns, (column - len(KIND_OUTPUTS)) * size

    def scores(self, text: str, names: tuple[str, ...]) -> list[float]:
        """The linear scores of the outputs `names` for `text`: one walk of its features per four outputs."""
        result: list[float] = []
        for first in range(0, len(names), 4):
            group = names[first:first + 4]
            columns = [self.column[name] for name in group]
            located = [self._columns(column) for column in columns]
            data = located[0][0]
            if any(where[0] is not data for where in located):  # kind and tag columns in one group: one at a time
                for name in group:
                    result.extend(self.scores(text, (name,)))
                continue
            tally = _Tally(self.bits, data, [offset for _, offset in located], False)
            tally.walk(text)
            if not tally.count:
                result.extend(self.intercepts[column] for column in columns)
                continue
            norm = 1.0 / math.sqrt(tally.count)
            bias: int = 128 * tally.count
            sums: list[int] = [tally.sum0 - bias, tally.sum1 - bias, tally.sum2 - bias, tally.sum3 - bias]
            for lane, column in enumerate(columns):
                result.append(float(sums[lane]) * self.scales[column] * norm + self.intercepts[column])
        return result


@cache
def model() -> Model | None:
    """The shipped model, or None when the file is missing or unreadable (the rules then decide alone)."""
    try:
        with open(MODEL_FILE, "rb") as handle:
            header = json.loads(handle.readline())
            if list(header["outputs"][:len(KIND_OUTPUTS)]) != list(KIND_OUTPUTS):
                return None
            size = len(KIND_OUTPUTS) << header["bits"]
            kind_columns = handle.read(size)
            loaded = Model(header, kind_columns)
            loaded.tags_at = handle.tell()
        return loaded if len(kind_columns) == size else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


class Opinion(NamedTuple):
    kind: str  # "scam" or "abusive"
    probability: float
    tag: str
    tag_probability: float  # of the tag's own one-against-the-rest model
    start: int  # the clause of the matching form the tag rests on
    end: int


def kind_probabilities(text: str) -> dict[str, float] | None:
    """The model's probability of each kind for a matching form (None without a model)."""
    loaded = model()
    if loaded is None:
        return None
    scores = loaded.scores(text, KIND_OUTPUTS)
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return {kind: value / total for kind, value in zip(KIND_OUTPUTS, exps)}


def thresholds() -> dict[str, float]:
    """The probabilities from which the check takes the model's word for a kind (chosen by the trainer)."""
    loaded = model()
    return loaded.thresholds if loaded is not None else {}


def opinion(text: str, kind: str, probability: float, tags: tuple[str, ...]) -> Opinion | None:
    """The model's likeliest tag among `tags` for a message it takes to be of `kind`, and the clause it rests
    on; None without a model or a readable tag column."""
    loaded = model()
    candidates = tuple(tag for tag in tags if loaded is not None and tag in loaded.column)
    if loaded is None or not candidates:
        return None
    try:
        tag_scores = loaded.scores(text, candidates)
        best = max(tag_scores)
        tag = candidates[tag_scores.index(best)]
        start, end = heaviest_clause(loaded, text, tag)
    except (OSError, ValueError):  # the tag columns unreadable: no opinion rather than a crash
        return None
    return Opinion(kind, probability, tag, 1.0 / (1.0 + math.exp(-best)), start, end)


def heaviest_clause(loaded: Model, text: str, output: str) -> tuple[int, int]:
    """The span of the clause of `text` whose features weigh most for `output` (leading/trailing spaces off)."""
    best = (0, len(text))
    best_score = -math.inf
    start = 0
    for stop, after in [(match.start(), match.end()) for match in _CLAUSE_END.finditer(text)] + [(len(text), 0)]:
        clause = text[start:stop]
        if clause.strip():
            score = loaded.scores(clause, (output,))[0]
            if score > best_score:
                left = start + len(clause) - len(clause.lstrip())
                best, best_score = (left, left + len(clause.strip())), score
        start = after
    return best
