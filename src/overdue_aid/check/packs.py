"""Rule packs as data, compiled once: cue words, stand-ins, message signals and per-jurisdiction rules.

- `rules/cues.toml`: classes of words with one meaning (`kin`: 家人, 父母, your mother …), in zh and en.
  All classes share ONE Aho-Corasick automaton, so scanning costs the same however many rules there are.
- `rules/standins.toml` `[alias]`: stand-ins (v信, zfb, w x …) matched wherever their word is.
- `rules/signals.toml`: what a message is about (`#debt`, `#settled`, …), from the same cues.
- `rules/<jurisdiction>/*.toml`: the rules. A pattern such as `"kin & reach"` holds when every named cue
  is found, not negated, in one sentence (or in the message, with `scope = "message"`); `"reach > kin"`
  wants them in that order; `@name` cues come from the facts (phones, links, accounts), `#name` from the
  signals, `!name` must be absent. Matching itself is in rules.py.
"""

from datetime import time
from functools import cache
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from . import RULES_FOLDER

_RULES = Path(RULES_FOLDER)
JURISDICTIONS = ("cn", "us")
TAGS_CONDUCT = ("threat", "insult", "third_party", "disclosure", "impersonation", "false_claim",
                "odd_hours", "excessive_charges")
TAGS_SCAM = ("payment_redirect", "suspicious_link", "credential_request", "credit_repair", "advance_fee",
             "contact_redirect")
SEVERITIES = ("high", "medium", "low")

class Pattern(NamedTuple):
    cues: tuple[str, ...]       # words and facts that must all be found (not negated)
    signals: tuple[str, ...]    # message signals that must hold
    absent: tuple[str, ...]     # cues (or #signals) that must not be anywhere in the message
    anchor: str                 # the cue used to look the pattern up
    ordered: bool = False       # "a > b": the cues in this order
    cue_set: frozenset[str] = frozenset()
    language: str = ""          # "zh" or "en": only for messages with text in that language; "": any


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
    # A pattern can hold only when its anchor is there: a message with none of these is passed over at once.
    anchor_cues: frozenset[str] = frozenset()
    anchor_signals: frozenset[str] = frozenset()


# Meanings that give way to a longer word around them: 无待还 is settled, not owing; 通缉令 is a poster, not a
# crime; 不要脸 is an insult, not a negation; 银行卡密码 is a credential, not a gift-card secret.
# Each maps to the meanings of the longer word that override it (None: any longer word).
_SHADOWED: dict[str, frozenset[str] | None] = {
    "negation": None, "settled": None, "owing": frozenset({"settled"}), "owing_firm": frozenset({"settled"}),
    "crime": frozenset({"expose_strong"}), "odd_channel": frozenset({"credential"}),
    "visit": frozenset({"visit_neutral"}),
    # 联系 inside 紧急联系人 reaches no one; 'told' inside 'told me' reached the reader, not the person named next;
    # 律师函 inside 律师函费 is a fee, not a document
    "reach": frozenset({"contacts_book", "reach_me"}), "fake_doc": frozenset({"charge"}),
}
def _read_toml(path: Any) -> dict:
    import tomllib  # only when compiling: a cached run imports no TOML parser

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
    automaton: Any  # word -> index into `entries` (ints pickle and load much faster than tuples)
    entries: tuple[tuple[int, tuple[str, ...], bool, bool, tuple[str, ...]], ...]  # length, cues, checks, shadowable
    classes: frozenset[str]


class _LongerWords:
    """Finds the longer cue words that contain a word: one pass of a small automaton of the words that may be
    contained (those with a shadowable meaning) over every word, instead of a search per word (thousands)."""

    def __init__(self, words: Iterable[str], inner_words: Iterable[str]) -> None:
        import ahocorasick

        finder = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
        for word in inner_words:
            finder.add_word(word)
        self.by_inner: dict[str, dict[str, None]] = {}
        if len(finder):
            finder.make_automaton()
            for outer in words:
                for end, length in finder.iter(outer):
                    if length < len(outer):
                        self.by_inner.setdefault(outer[end - length + 1:end + 1], {})[outer] = None

    def containing(self, word: str) -> list[str]:
        """The words longer than `word` that contain it."""
        return list(self.by_inner.get(word, ()))


def _shadowed_names(word: str, names: set[str], by_word: dict[str, set[str]], longer: _LongerWords) -> tuple[str, ...]:
    """The meanings of `word` that a longer cue word containing it can override (see _SHADOWED)."""
    result = []
    containing: list[str] | None = None
    for name in names:
        if name not in _SHADOWED:
            continue
        if containing is None:
            containing = longer.containing(word)
        overriding = _SHADOWED[name]
        if any(overriding is None or overriding & by_word[other] for other in containing):
            result.append(name)
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
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    longer = _LongerWords(by_word, (word for word, names in by_word.items() if not names.isdisjoint(_SHADOWED)))
    entries: dict[tuple, int] = {}  # thousands of words share a few thousand distinct entries
    for core, names in by_word.items():
        entry = (len(core), tuple(sorted(names)), *checks[core], _shadowed_names(core, names, by_word, longer))
        automaton.add_word(core, entries.setdefault(entry, len(entries)))
    automaton.make_automaton()
    return Lexicon(automaton, tuple(entries), frozenset(cues))


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
    """A rule's zh patterns apply to messages with Chinese in them, its en patterns to messages with English;
    one written in both lists (or under `when`) applies to any."""
    languages: dict[str, set[str]] = {}
    for key in ("zh", "en", "when"):
        for text in entry.get(key, []):
            languages.setdefault(text, set()).add(key)
    return tuple(_parse_pattern(text, counts)._replace(language=next(iter(keys)) if keys in ({"zh"}, {"en"}) else "")
                 for text, keys in languages.items())


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
    result = []
    for entry in data:
        patterns = _patterns(entry, counts)
        anchors = {pattern.anchor for pattern in patterns}
        result.append(Signal(name=entry["name"], patterns=patterns, unless=tuple(entry.get("unless", ())),
                             anchor_cues=frozenset(name for name in anchors if not name.startswith("#")),
                             anchor_signals=frozenset(name[1:] for name in anchors if name.startswith("#"))))
    return tuple(result)


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
    text_speak: tuple[str, dict[str, str]]  # one pattern finding them, and what each stands for


def _build_text_speak() -> tuple[str, dict[str, str]]:
    """rules/textspeak.toml: hurried spellings (ur, pls, dont) and the words they stand for, found as whole words."""
    import re

    table: dict[str, str] = _read_toml(_RULES.joinpath("textspeak.toml")).get("word", {})
    spellings = "|".join(re.escape(spelling) for spelling in sorted(table, key=len, reverse=True))
    # whole words of their own: not inside a word of any script (u盾), an abbreviation (u.s.), a contraction or a
    # hyphenated word (u-turn)
    return rf"(?<![\w'.\-])(?:{spellings})(?![\w'\-]|\.\w)", table


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
    # _pickle, not pickle: the C loader alone imports in a third of the time, and loading is all a cached run does
    from _pickle import loads

    from ..derived_cache import current_folder, read_derived, write_derived

    fingerprint = _fingerprint()
    loaded = read_derived("check-rules", fingerprint, "pickle", loads)
    if isinstance(loaded, Compiled):
        return loaded
    result = Compiled(_build_lexicon(), _build_signals(), {name: _build_pack(name) for name in JURISDICTIONS},
                      _build_text_speak())
    if current_folder() is not None:
        import pickle

        write_derived("check-rules", fingerprint, "pickle",
                      pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
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


