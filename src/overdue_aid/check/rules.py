"""Rule packs as data: cue words, message signals and per-jurisdiction rules, compiled once per process.

- `rules/cues.toml`: classes of words with one meaning (`kin`: 家人, 父母, your mother …), in zh and en.
  All classes share ONE Aho-Corasick automaton, so scanning costs the same however many rules there are.
- `rules/standins.toml` `[alias]`: stand-ins (v信, zfb, w x …) matched wherever their word is.
- `rules/signals.toml`: what a message is about (`#debt`, `#settled`, …), from the same cues.
- `rules/<jurisdiction>/*.toml`: the rules. A pattern such as `"kin & reach"` holds when every named
  cue is found, not negated, in one sentence (or in the message, with `scope = "message"`);
  `@name` cues come from the facts (phones, links, accounts), `#name` from the signals.
"""

import bisect
import tomllib
from datetime import time
from functools import cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from .lazy import LazyPattern
from .normalise import Normalised

# Rule packs ship inside the package (wheel and source tree alike); a plain path is the cheapest way in.
_RULES = Path(__file__).resolve().parent / "rules"
JURISDICTIONS = ("cn", "us")
TAGS_CONDUCT = ("threat", "insult", "third_party", "disclosure", "impersonation", "false_claim",
                "odd_hours", "excessive_charges")
TAGS_SCAM = ("payment_redirect", "suspicious_link", "credential_request", "credit_repair", "advance_fee",
             "contact_redirect")
SEVERITIES = ("high", "medium", "low")

# Sentences end at these; a negation also stops at a clause break (Chinese commas, colons).
_SENTENCE_END = LazyPattern(r"[。！？!?；;\n]+|\.(?=\s|$)|…+")
_CLAUSE_END = LazyPattern(r"[，,:：]")


class Hit(NamedTuple):
    start: int
    end: int
    cue: str


class Pattern(NamedTuple):
    cues: tuple[str, ...]       # words and facts that must all be found (not negated)
    signals: tuple[str, ...]    # message signals that must hold
    absent: tuple[str, ...]     # cues (or #signals) that must not be anywhere in the message
    anchor: str                 # the cue used to look the pattern up
    ordered: bool = False       # "a > b": the cues in this order
    cue_set: frozenset[str] = frozenset()


class Rule(NamedTuple):
    id: str
    tag: str
    severity: str
    basis: str
    advice: str
    patterns: tuple[Pattern, ...]
    unless: tuple[str, ...] = ()           # vetoes in the matching sentence (of the first cue, for scope "message")
    unless_anywhere: tuple[str, ...] = ()  # vetoes anywhere in the message
    needs: tuple[str, ...] = ()
    scope: str = "sentence"
    near: int = 0
    within: str | None = None   # all cues must lie inside this cue's hit (e.g. "@header")
    order: int = 0              # position in its pack: findings come out in pack order


class Signal(NamedTuple):
    name: str
    patterns: tuple[Pattern, ...]
    unless: tuple[str, ...] = ()
    scope: str = "message"


class Scan:
    """What one message contains, in the terms the rules use."""

    __slots__ = ("text", "hits", "by_sentence", "first", "sentence_of_first", "signals")

    def __init__(self, text: str, hits: list[Hit]) -> None:
        self.text = text
        self.hits = hits
        self.by_sentence: dict[int, dict[str, list[Hit]]] = {}
        self.first: dict[str, Hit] = {}
        self.sentence_of_first: dict[str, int] = {}
        self.signals: set[str] = set()


class Match(NamedTuple):
    rule: Rule
    start: int
    end: int


def _read_toml(path: Any) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _word_entry(word: str) -> tuple[str, bool, bool]:
    """'*n't' / 'arrest*': a star lifts the whole-word check on that side (Latin words only)."""
    left_open = word.startswith("*")
    right_open = word.endswith("*")
    core = word.strip("*")
    check_left = not left_open and core[:1].isascii() and core[:1].isalnum()
    check_right = not right_open and core[-1:].isascii() and core[-1:].isalnum()
    return core, check_left, check_right


class Lexicon(NamedTuple):
    automaton: Any
    classes: frozenset[str]


def _shadowed_names(word: str, names: set[str], by_word: dict[str, set[str]]) -> tuple[str, ...]:
    """The meanings of `word` that a longer cue word containing it can override (see _SHADOWED)."""
    result = []
    for name in names:
        if name not in _SHADOWED:
            continue
        overriding = _SHADOWED[name]
        for other, other_names in by_word.items():
            if len(other) > len(word) and word in other and (overriding is None or overriding & other_names):
                result.append(name)
                break
    return tuple(sorted(result))


def _build_lexicon() -> Lexicon:
    """All cue words (and their stand-ins) in one automaton: word → (length, cues, checks, shadowable cues)."""
    import ahocorasick

    cues = _read_toml(_RULES.joinpath("cues.toml"))
    aliases: dict[str, list[str]] = _read_toml(_RULES.joinpath("standins.toml")).get("alias", {})
    by_word: dict[str, set[str]] = {}
    checks: dict[str, tuple[bool, bool]] = {}
    for cue, languages in cues.items():
        for language in ("zh", "en"):
            for word in languages.get(language, []):
                for form in [word] + aliases.get(word.strip("*"), []):
                    core, check_left, check_right = _word_entry(form)
                    by_word.setdefault(core, set()).add(cue)
                    # one word, several classes: a star in any of them opens that side for all
                    left, right = checks.get(core, (True, True))
                    checks[core] = (left and check_left, right and check_right)
    automaton = ahocorasick.Automaton()
    for core, names in by_word.items():
        automaton.add_word(core, (len(core), tuple(sorted(names)), *checks[core], _shadowed_names(core, names, by_word)))
    automaton.make_automaton()
    return Lexicon(automaton, frozenset(cues))


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_new_hit = tuple.__new__  # Hit(start, end, cue) without the Python-level __new__: this is the hot path


def _scan(text: str) -> tuple[list[Hit], list[int]]:
    """Every cue word in the normalised text (overlapping matches included), and the indexes of hits whose
    meaning a longer word around them may override."""
    hits: list[Hit] = []
    suspects: list[int] = []
    if not text:
        return hits, suspects
    last = len(text) - 1
    word_chars = _WORD_CHARS
    for end_index, (length, names, check_left, check_right, shadowable) in compiled().lexicon.automaton.iter(text):
        start = end_index - length + 1
        if check_left and start > 0 and text[start - 1] in word_chars:
            continue
        if check_right and end_index < last and text[end_index + 1] in word_chars:
            continue
        end = end_index + 1
        for name in names:
            if shadowable and name in shadowable:
                suspects.append(len(hits))
            hits.append(_new_hit(Hit, (start, end, name)))
    return hits, suspects


def scan_words(text: str) -> list[Hit]:
    """Every cue word in the normalised text (overlapping matches included)."""
    return _scan(text)[0]


def _parse_pattern(text: str, counts: dict[str, int]) -> Pattern:
    """'kin & reach & #collect & !official': cues, signals (#) and absent cues or signals (!);
    'reach > kin': cues in this order."""
    ordered = ">" in text
    if ordered and "&" in text:
        raise ValueError(f"pattern {text!r} mixes & and >")
    names = [part.strip() for part in text.replace(">", "&").split("&")]
    if not all(names):
        raise ValueError(f"empty cue in pattern {text!r}")
    absent = tuple(name[1:] for name in names if name.startswith("!"))
    present = [name for name in names if not name.startswith("!")]
    cues = tuple(name for name in present if not name.startswith("#"))
    signals = tuple(name[1:] for name in present if name.startswith("#"))
    if not cues and not signals:
        raise ValueError(f"pattern {text!r} names nothing that must be present")
    anchor = min(cues, key=lambda name: counts.get(name, 0)) if cues else "#" + signals[0]
    return Pattern(cues, signals, absent, anchor, ordered, frozenset(cues))


def _patterns(entry: dict, counts: dict[str, int]) -> tuple[Pattern, ...]:
    texts = dict.fromkeys(text for key in ("zh", "en", "when") for text in entry.get(key, []))
    return tuple(_parse_pattern(text, counts) for text in texts)


def _pattern_counts(entries: Iterable[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        for key in ("zh", "en", "when"):
            for text in entry.get(key, []):
                for name in text.replace(">", "&").split("&"):
                    counts[name.strip()] = counts.get(name.strip(), 0) + 1
    return counts


def _build_signals() -> tuple[Signal, ...]:
    """Message signals, evaluated in file order (a later one may use an earlier one)."""
    data = _read_toml(_RULES.joinpath("signals.toml"))["signal"]
    counts = _pattern_counts(data)
    return tuple(Signal(name=entry["name"], patterns=_patterns(entry, counts),
                        unless=tuple(entry.get("unless", ())), scope=entry.get("scope", "message"))
                 for entry in data)


class QuietHours(NamedTuple):
    """When a debt message is `odd_hours`: from `odd_from` (inclusive or not) to `odd_until`, local time."""

    id: str
    severity: str
    basis: str
    advice: str
    odd_from: time
    odd_from_inclusive: bool
    odd_until: time

    def is_odd(self, at: time) -> bool:
        """True when a message received at `at` (local wall-clock time) falls in the forbidden hours."""
        late = at >= self.odd_from if self.odd_from_inclusive else at > self.odd_from
        return late or at < self.odd_until


class Pack(NamedTuple):
    jurisdiction: str
    rules: tuple[Rule, ...]
    by_anchor: dict[str, tuple[tuple[Rule, Pattern], ...]]
    quiet_hours: QuietHours


def _build_pack(jurisdiction: str) -> Pack:
    """The compiled rules of one jurisdiction."""
    entries: list[dict] = []
    defaults: list[dict] = []
    quiet: dict | None = None
    for path in sorted(_RULES.joinpath(jurisdiction).iterdir(), key=lambda p: p.name):
        if path.name.endswith(".toml"):
            data = _read_toml(path)
            quiet = data.get("odd_hours", quiet)
            for entry in data.get("rule", []):
                entries.append(entry)
                defaults.append(data.get("defaults", {}))
    counts = _pattern_counts(entries)
    rules = []
    for entry, default in zip(entries, defaults):
        merged = {**default, **entry}
        rules.append(Rule(
            id=merged["id"], tag=merged["tag"], severity=merged["severity"], basis=merged["basis"],
            advice=merged.get("advice", merged["tag"]),
            patterns=_patterns(merged, counts),
            unless=tuple(merged.get("unless", ())), unless_anywhere=tuple(merged.get("unless_anywhere", ())),
            needs=tuple(merged.get("needs", ())), scope=merged.get("scope", "sentence"), near=int(merged.get("near", 0)),
            within=merged.get("within"), order=len(rules)))
    by_anchor: dict[str, list[tuple[Rule, Pattern]]] = {}
    for rule in rules:
        for pattern in rule.patterns:
            by_anchor.setdefault(pattern.anchor, []).append((rule, pattern))
    if quiet is None:
        raise ValueError(f"rule pack {jurisdiction} has no [odd_hours] table")
    hours = QuietHours(id=quiet["id"], severity=quiet["severity"], basis=quiet["basis"], advice=quiet["advice"],
                       odd_from=time.fromisoformat(quiet["odd_from"]), odd_from_inclusive=bool(quiet["odd_from_inclusive"]),
                       odd_until=time.fromisoformat(quiet["odd_until"]))
    return Pack(jurisdiction, tuple(rules), {key: tuple(value) for key, value in by_anchor.items()}, hours)


class Compiled(NamedTuple):
    lexicon: Lexicon
    signals: tuple[Signal, ...]
    packs: dict[str, Pack]


_cache_folder: Path | None = None


def use_cache_folder(folder: Path | None) -> None:
    """Keep the compiled packs in `folder` between runs (the CLI passes the data dir's cache folder)."""
    global _cache_folder
    _cache_folder = folder


def _fingerprint() -> str:
    """Changes whenever a rule file or this compiler changes: file count, total size, latest modification."""
    import os

    count = size = latest = 0
    for folder in (_RULES, _RULES / "cn", _RULES / "us"):
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_file():
                    stat = entry.stat()
                    count, size, latest = count + 1, size + stat.st_size, max(latest, stat.st_mtime_ns)
    stat = os.stat(__file__)
    return f"{count}-{size}-{latest}-{stat.st_size}-{stat.st_mtime_ns}"


@cache
def compiled() -> Compiled:
    """Lexicon, signals and every pack, compiled once per process (and kept on disk when a cache folder is set)."""
    import pickle

    target = _cache_folder / f"check-rules-{_fingerprint()}.pickle" if _cache_folder is not None else None
    if target is not None:
        try:
            loaded = pickle.loads(target.read_bytes())
            if isinstance(loaded, Compiled):
                return loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            pass  # missing or stale: compile afresh
    result = Compiled(_build_lexicon(), _build_signals(), {name: _build_pack(name) for name in JURISDICTIONS})
    if target is not None:
        try:
            from ..store.files import atomic_write_bytes, ensure_private_dir

            ensure_private_dir(target.parent)
            for old in target.parent.glob("check-rules-*.pickle"):
                old.unlink(missing_ok=True)
            atomic_write_bytes(target, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), overwrite=True,
                               mode=0o600)
        except Exception:  # a cache that cannot be written only costs time  # noqa: BLE001
            pass
    return result


def lexicon() -> Lexicon:
    """All cue words in one automaton."""
    return compiled().lexicon


def signals() -> tuple[Signal, ...]:
    """Message signals, in evaluation order."""
    return compiled().signals


def pack(jurisdiction: str) -> Pack:
    """The compiled rules of one jurisdiction."""
    if jurisdiction not in JURISDICTIONS:
        raise ValueError(jurisdiction)
    return compiled().packs[jurisdiction]


def _boundaries(pattern: LazyPattern, text: str) -> list[int]:
    return [match.end() for match in pattern.finditer(text)]


_NEGATION_CUES = ("negation", "negation_reset", "condition")
# Meanings that give way to a longer word around them: 无待还 is settled, not owing; 通缉令 is a poster, not a
# crime; 不要脸 is an insult, not a negation; 银行卡密码 is a credential, not a gift-card secret.
# Each maps to the meanings of the longer word that override it (None: any longer word).
_SHADOWED: dict[str, frozenset[str] | None] = {
    "negation": None, "settled": None, "owing": frozenset({"settled"}), "owing_firm": frozenset({"settled"}),
    "crime": frozenset({"expose_strong"}), "odd_channel": frozenset({"credential"}),
}
_CANCELLING = frozenset({"negation", "settled"})
_HITS_KEPT = 32  # per cue and sentence: enough to find close pairs, bounded on huge inputs
_LONGEST_CUE = 40


def _inside_longer_word(inner: Hit, spans_by_start: dict[int, list[tuple[int, str]]]) -> bool:
    overriding = _SHADOWED[inner.cue]
    for start in range(max(0, inner.start - _LONGEST_CUE), inner.start + 1):
        for end, cue in spans_by_start.get(start, ()):
            if end >= inner.end and end - start > inner.end - inner.start and (overriding is None or cue in overriding):
                return True
    return False


def _drop_shadowed(hits: list[Hit], suspects: list[int]) -> list[Hit]:
    """Without the words whose meaning a longer word around them overrides (不要脸 is no negation, 无待还 no
    debt, 通缉令 a poster rather than a crime)."""
    if not suspects:
        return hits
    spans_by_start: dict[int, list[tuple[int, str]]] = {}
    for hit in hits:
        spans_by_start.setdefault(hit.start, []).append((hit.end, hit.cue))
    dropped = {position for position in suspects if _inside_longer_word(hits[position], spans_by_start)}
    return [hit for position, hit in enumerate(hits) if position not in dropped] if dropped else hits


def _clause_start(position: int, clause_ends: list[int], sentence_ends: list[int]) -> int:
    index = bisect.bisect_left(clause_ends, position)
    start = clause_ends[index - 1] if index > 0 else 0
    index = bisect.bisect_left(sentence_ends, position)
    return max(start, sentence_ends[index - 1]) if index > 0 else start


def _cancelled(text: str, hits: list[Hit], sentence_ends: list[int]) -> set[int]:
    """Indexes (in the sorted `hits`) of hits that do not count: anything a negation ('不会', 'will not',
    'never') before it cancels, and a 'settled' word inside a condition ("if you already paid, ignore this").

    A negation reaches to the end of its clause (Chinese, or an English if-clause) or sentence (English,
    where lists run on past commas), or to a word such as 但 / but / otherwise.
    """
    negations = [hit for hit in hits if hit.cue == "negation"]
    settled = [position for position, hit in enumerate(hits) if hit.cue == "settled"]
    resets = [hit.start for hit in hits if hit.cue == "negation_reset"]
    conditions = sorted(hit.end for hit in hits if hit.cue == "condition")
    clause_ends = _boundaries(_CLAUSE_END, text)
    scopes: list[tuple[int, int]] = []
    for neg in negations:
        index = bisect.bisect_left(sentence_ends, neg.end)
        stop = sentence_ends[index] if index < len(sentence_ends) else len(text)
        clause_start = _clause_start(neg.start, clause_ends, sentence_ends)
        condition_index = bisect.bisect_left(conditions, clause_start)
        in_if_clause = condition_index < len(conditions) and conditions[condition_index] <= neg.start
        # Chinese negation stays in its clause; so does one inside an if-clause ("if this wasn't you, call …").
        index = bisect.bisect_left(clause_ends, neg.end)
        if (not text[neg.start:neg.end].isascii() or in_if_clause) and index < len(clause_ends):
            stop = min(stop, clause_ends[index])
        index = bisect.bisect_left(resets, neg.end)
        if index < len(resets):
            stop = min(stop, resets[index])
        scopes.append((neg.end, stop))
    cancelled = set()
    for position in settled:
        hit = hits[position]
        condition_index = bisect.bisect_left(conditions, _clause_start(hit.start, clause_ends, sentence_ends))
        if condition_index < len(conditions) and conditions[condition_index] <= hit.start:
            cancelled.add(position)
    if not scopes:
        return cancelled
    scopes.sort()
    merged: list[list[int]] = []
    for start, stop in scopes:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([start, stop])
    starts = [scope[0] for scope in merged]
    for position, hit in enumerate(hits):
        if hit.cue in _NEGATION_CUES:
            continue
        index = bisect.bisect_right(starts, hit.start) - 1
        if index >= 0 and hit.start < merged[index][1]:
            cancelled.add(position)
    return cancelled


def build_scan(normal: Normalised, extra_hits: list[Hit]) -> Scan:
    """Group the cue hits (words and facts) by sentence, dropping shadowed and cancelled ones; set the signals."""
    text = normal.text
    hits, suspects = _scan(text)
    hits = _drop_shadowed(hits, suspects)
    hits.extend(extra_hits)
    hits.sort()
    scan = Scan(text, hits)
    ends = _boundaries(_SENTENCE_END, text)
    cancelled = _cancelled(text, hits, ends) if any(hit.cue in _CANCELLING for hit in hits) else ()
    by_sentence = scan.by_sentence
    first = scan.first
    bisect_right = bisect.bisect_right
    for position, hit in enumerate(hits):
        if cancelled and position in cancelled:
            continue
        cue = hit.cue
        sentence = bisect_right(ends, hit.start)
        found = by_sentence.get(sentence)
        if found is None:
            found = by_sentence[sentence] = {}
        seen = found.get(cue)
        if seen is None:
            found[cue] = [hit]
        elif len(seen) < _HITS_KEPT:
            seen.append(hit)
        if cue not in first:
            first[cue] = hit
            scan.sentence_of_first[cue] = sentence
    for signal in signals():
        if _signal_holds(signal, scan):
            scan.signals.add(signal.name)
    return scan


def _pattern_span(pattern: Pattern, found: dict[str, list[Hit]], near: int, within: str | None) -> tuple[int, int] | None:
    """The span of one hit of every cue of the pattern (close together when `near`, inside `within`)."""
    lists = []
    for cue in pattern.cues:
        hits = found.get(cue)
        if not hits:
            return None
        lists.append(hits)
    boxes = found.get(within, ()) if within is not None else None
    if within is not None and not boxes:
        return None
    for pivot in lists[0]:
        if pattern.ordered:
            chosen = [pivot]
            for hits in lists[1:]:
                following = [hit for hit in hits if hit.start >= chosen[-1].end]
                if not following:
                    break
                chosen.append(following[0])
            if len(chosen) < len(lists):
                continue
        else:
            chosen = [pivot] + [min(hits, key=lambda hit: abs(hit.start - pivot.start)) for hits in lists[1:]]
        start = min(hit.start for hit in chosen)
        end = max(hit.end for hit in chosen)
        if near and end - start > near:
            continue
        if boxes is not None and not any(box.start <= start and end <= box.end for box in boxes):
            continue
        return start, end
    return None


def _present(scan: Scan, name: str) -> bool:
    return name[1:] in scan.signals if name.startswith("#") else name in scan.first


def _find(pattern: Pattern, scan: Scan, scope: str, near: int = 0, unless: tuple[str, ...] = (),
          within: str | None = None) -> tuple[int, int] | None:
    if any(name not in scan.signals for name in pattern.signals):
        return None
    if any(_present(scan, name) for name in pattern.absent):
        return None
    if not pattern.cues:
        return (0, 0)
    if scope == "message":
        if not all(cue in scan.first for cue in pattern.cues):
            return None
        anchor = scan.first[pattern.cues[0]]
        if unless:
            found = scan.by_sentence.get(scan.sentence_of_first[pattern.cues[0]], {})
            if any(name in found if name[0] != "#" else name[1:] in scan.signals for name in unless):
                return None
        return anchor.start, anchor.end
    needed = pattern.cue_set
    for found in scan.by_sentence.values():
        if not needed <= found.keys():
            continue
        if unless and any(name in found if name[0] != "#" else name[1:] in scan.signals for name in unless):
            continue
        span = _pattern_span(pattern, found, near, within)
        if span is not None:
            return span
    return None


def _signal_holds(signal: Signal, scan: Scan) -> bool:
    """Signals look at the whole message: plain set tests."""
    present = scan.first.keys()
    signals = scan.signals
    for pattern in signal.patterns:
        if not pattern.cue_set <= present or not all(name in signals for name in pattern.signals):
            continue
        if any(_present(scan, name) for name in pattern.absent) or any(_present(scan, name) for name in signal.unless):
            continue
        return True
    return False


def evaluate(scan: Scan, rules: Pack) -> list[Match]:
    """The first match of every rule whose pattern holds, in pack order."""
    matches: dict[str, Match] = {}
    candidates: list[tuple[Rule, Pattern]] = []
    for cue in scan.first:
        candidates.extend(rules.by_anchor.get(cue, ()))
    for name in scan.signals:
        candidates.extend(rules.by_anchor.get("#" + name, ()))
    present = scan.first.keys()
    for rule, pattern in candidates:
        if rule.id in matches or not pattern.cue_set <= present:
            continue
        if rule.needs and not all(name in scan.signals for name in rule.needs):
            continue
        if rule.unless_anywhere and any(_present(scan, name) for name in rule.unless_anywhere):
            continue
        span = _find(pattern, scan, rule.scope, rule.near, rule.unless, rule.within)
        if span is not None:
            matches[rule.id] = Match(rule, *span)
    return sorted(matches.values(), key=lambda match: match.rule.order)
