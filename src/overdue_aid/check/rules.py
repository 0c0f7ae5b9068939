"""Matching: one message's cue hits (words from the automaton, facts from facts.py), sentence by sentence,
against the compiled packs (packs.py). Negation, shadowing by longer words and the signals are handled here.
"""

import bisect
import operator
from functools import partial
from typing import NamedTuple

from .lazy import LazyPattern
from .normalise import Normalised
from .packs import _SHADOWED, Pack, Pattern, Rule, Signal, compiled, signals

# Sentences end at these; a negation also stops at a clause break (Chinese commas, colons).
# A full stop after an abbreviation (u.s., e.g., mr., inc., no. 5, a single initial) ends nothing.
_ABBREVIATION_BEFORE = (r"(?<!\b[a-z])(?<!\b(?:mr|ms|dr|co|jr|sr|st|vs|pp))(?<!\b(?:mrs|inc|ltd|etc|ave))(?<!\b(?:dept|corp))"
                        r"(?!(?<=\bno)\.\s*\d)")
_SENTENCE_END = LazyPattern(rf"[。！？!?；;\n]+|{_ABBREVIATION_BEFORE}\.(?=\s|$)|…+", first="。！？!?；;\n.…")
_CLAUSE_END = LazyPattern(r"[，,:：]")


class Hit(NamedTuple):
    start: int
    end: int
    cue: str


class Scan:
    """What one message contains, in the terms the rules use."""

    __slots__ = ("text", "hits", "by_sentence", "first", "sentence_of_first", "signals", "languages", "negated")

    def __init__(self, text: str, hits: list[Hit]) -> None:
        self.text = text
        self.languages = _languages(text)
        self.hits = hits
        self.by_sentence: dict[int, dict[str, list[Hit]]] = {}
        self.first: dict[str, Hit] = {}
        self.sentence_of_first: dict[str, int] = {}
        self.signals: set[str] = set()
        # Spans of `text` a negation covers, the negation itself included ("will not contact your family"): the
        # learned model cannot tell "will" from "will not", so a tag it rests on such a span is not taken.
        self.negated: list[tuple[int, int]] = []


def _languages(text: str) -> frozenset[str]:
    """Which pattern languages a message needs: zh when it has Chinese characters, en when it has Latin words."""
    if text.isascii():
        return _EN
    chinese = len(text.encode("utf-8", "surrogatepass")) - len(text) >= 2
    latin = _LATIN_WORD.search(text) is not None
    return _BOTH if chinese and latin else _ZH if chinese else _EN


_EN, _ZH, _BOTH = frozenset({"en"}), frozenset({"zh"}), frozenset({"zh", "en"})
_LATIN_WORD = LazyPattern(r"[a-z]{2}")


class Match(NamedTuple):
    rule: Rule
    start: int
    end: int


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
# new_hit((start, end, cue)) is Hit(start, end, cue) without NamedTuple's Python-level __new__: a hot path.
new_hit = partial(tuple.__new__, Hit)


def _scan(text: str) -> tuple[list[Hit], list[int]]:
    """Every cue word in the normalised text (overlapping matches included), and the indexes of hits whose
    meaning a longer word around them may override."""
    hits: list[Hit] = []
    suspects: list[int] = []
    if not text:
        return hits, suspects
    last = len(text) - 1
    word_chars = _WORD_CHARS
    append = hits.append
    make = new_hit
    lexicon = compiled().lexicon
    entries = lexicon.entries
    for end_index, entry in lexicon.automaton.iter(text):
        length, names, check_left, check_right, shadowable = entries[entry]
        start = end_index - length + 1
        if check_left and start > 0 and text[start - 1] in word_chars:
            continue
        if check_right and end_index < last and text[end_index + 1] in word_chars:
            continue
        end = end_index + 1
        if shadowable:
            for name in names:
                if name in shadowable:
                    suspects.append(len(hits))
                append(make((start, end, name)))
        else:
            for name in names:
                append(make((start, end, name)))
    return hits, suspects


def _boundaries(pattern: LazyPattern, text: str) -> list[int]:
    return [match.end() for match in pattern.finditer(text)]


_GOVERNED_WORDS = LazyPattern(r"(?:[^a-z0-9']*[a-z0-9']+){1,3}")  # what an English negation in an if-clause reaches
_NEGATION_CUES = ("negation", "negation_reset", "condition")
_CUE_OF = operator.itemgetter(2)  # Hit.cue, for tests that stay in C
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


def _inside_longer_hit(inner: Hit, hits: list[Hit]) -> bool:
    """The same test as _inside_longer_word, by one plain pass over the hits (cheaper for a short message)."""
    overriding = _SHADOWED[inner.cue]
    inner_start, inner_end, _ = inner
    length = inner_end - inner_start
    floor = inner_start - _LONGEST_CUE
    for start, end, cue in hits:
        if floor <= start <= inner_start and end >= inner_end and end - start > length and \
                (overriding is None or cue in overriding):
            return True
    return False


_FEW_HITS = 64  # up to this many, plain passes beat building an index (which keeps long texts linear)


def _drop_shadowed(hits: list[Hit], suspects: list[int]) -> list[Hit]:
    """Without the words whose meaning a longer word around them overrides (不要脸 is no negation, 无待还 no
    debt, 通缉令 a poster rather than a crime)."""
    if not suspects:
        return hits
    if len(hits) <= _FEW_HITS:
        dropped = {position for position in suspects if _inside_longer_hit(hits[position], hits)}
    else:
        spans_by_start: dict[int, list[tuple[int, str]]] = {}
        for hit in hits:
            spans_by_start.setdefault(hit.start, []).append((hit.end, hit.cue))
        dropped = {position for position in suspects if _inside_longer_word(hits[position], spans_by_start)}
    return [hit for position, hit in enumerate(hits) if position not in dropped] if dropped else hits


def _absorbed_negations(hits: list[Hit]) -> set[Hit]:
    """Negations that run into a cue word carrying its own negation (绝不 against 不会放过 in 绝不会放过): their
    negating characters belong to that word, which already says what it means, so they negate nothing."""
    negations = sorted(hit for hit in hits if hit.cue == "negation")
    if not negations:
        return set()
    words_by_start: dict[int, list[Hit]] = {}
    for hit in hits:
        if hit.cue not in _NEGATION_CUES:
            words_by_start.setdefault(hit.start, []).append(hit)
    negation_starts = [hit.start for hit in negations]
    absorbed = set()
    for negation in negations:
        for start in range(negation.start + 1, negation.end):
            for word in words_by_start.get(start, ()):
                if word.end <= negation.end:
                    continue
                index = bisect.bisect_left(negation_starts, word.start)
                while index < len(negations) and negations[index].start < word.end:
                    if negations[index].end <= word.end:
                        absorbed.add(negation)
                        break
                    index += 1
    return absorbed


_GOVERNED_VERB = LazyPattern(r"[^a-z0-9']*[a-z0-9']+")  # the one word a negated command governs
_IMPERATIVE_OPENINGS = {("do", "n't"), ("don", "n't"), ("do", "not"), ("", "never")}


def _is_imperative(text: str, neg: Hit, sentence_ends: list[int]) -> bool:
    """A negated command at the start of its sentence: "Don't …", "Do not …", "Never …"."""
    index = bisect.bisect_right(sentence_ends, neg.start)
    sentence_start = sentence_ends[index - 1] if index > 0 else 0
    opening = text[sentence_start:neg.start].strip(" \t\n\"'“”‘’-—:")
    return (opening, text[neg.start:neg.end]) in _IMPERATIVE_OPENINGS


def _clause_start(position: int, clause_ends: list[int], sentence_ends: list[int]) -> int:
    index = bisect.bisect_left(clause_ends, position)
    start = clause_ends[index - 1] if index > 0 else 0
    index = bisect.bisect_left(sentence_ends, position)
    return max(start, sentence_ends[index - 1]) if index > 0 else start


def _bracket_end(text: str, neg: Hit) -> int:
    """Where a negation inside brackets stops: at their closing bracket ("the app (not on the App Store yet) at
    http://…" negates the aside, not the link after it). A negation outside brackets reaches on (len(text))."""
    opened = text.rfind("(", 0, neg.start)
    if opened < 0 or text.find(")", opened, neg.start) >= 0:
        return len(text)
    closed = text.find(")", neg.end)
    return closed if closed >= 0 else len(text)


def _cancelled(text: str, hits: list[Hit], sentence_ends: list[int],
               negated: list[tuple[int, int]]) -> set[int]:
    """Indexes (in the sorted `hits`) of hits that do not count: anything a negation ('不会', 'will not',
    'never') before it cancels, and a 'settled' word inside a condition ("if you already paid, ignore this").

    A negation reaches to the end of its clause (Chinese, or an English if-clause) or sentence (English,
    where lists run on past commas), or to a word such as 但 / but / otherwise. Each negation's whole span (from
    its first character) is added to `negated`.
    """
    negations = [hit for hit in hits if hit.cue == "negation"]
    settled = [position for position, hit in enumerate(hits) if hit.cue == "settled"]
    resets = [hit.start for hit in hits if hit.cue == "negation_reset"]
    conditions = sorted(hit.end for hit in hits if hit.cue == "condition")
    clause_ends = _boundaries(_CLAUSE_END, text)
    brackets = "(" in text  # NFKC has made （ a (
    scopes: list[tuple[int, int]] = []
    for neg in negations:
        index = bisect.bisect_left(sentence_ends, neg.end)
        stop = sentence_ends[index] if index < len(sentence_ends) else len(text)
        clause_start = _clause_start(neg.start, clause_ends, sentence_ends)
        condition_index = bisect.bisect_left(conditions, clause_start)
        in_if_clause = condition_index < len(conditions) and conditions[condition_index] <= neg.start
        # Chinese negation stays in its clause; so does one inside an if-clause ("if this wasn't you, call …").
        index = bisect.bisect_left(clause_ends, neg.end)
        english = text[neg.start:neg.end].isascii()
        if (not english or in_if_clause) and index < len(clause_ends):
            stop = min(stop, clause_ends[index])
        # In an if-clause the negation governs the verb phrase right after it ("if we can't reach you"), not a debt
        # word further on ("… about the overdue loan"); a command governs only its verb ("Don't make your overdue
        # loan a family affair").
        reach = _GOVERNED_WORDS if english and in_if_clause else \
            _GOVERNED_VERB if english and _is_imperative(text, neg, sentence_ends) else None
        if reach is not None:
            governed = reach.match(text, neg.end)
            if governed is not None:
                stop = min(stop, governed.end())
        index = bisect.bisect_left(resets, neg.end)
        if index < len(resets):
            stop = min(stop, resets[index])
        if brackets:
            stop = min(stop, _bracket_end(text, neg))
        scopes.append((neg.start + 1, stop))  # also a word that starts inside the negation: 无需支付 → 需支付
        negated.append((neg.start, stop))
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
    absorbed = _absorbed_negations(hits) if suspects else set()
    hits = _drop_shadowed(hits, suspects)
    if absorbed:
        hits = [hit for hit in hits if hit not in absorbed]
    hits.extend(extra_hits)
    hits.sort()
    scan = Scan(text, hits)
    ends = _boundaries(_SENTENCE_END, text)
    cancelled = _cancelled(text, hits, ends, scan.negated) if not _CANCELLING.isdisjoint(map(_CUE_OF, hits)) else ()
    by_sentence = scan.by_sentence
    first = scan.first
    sentence_of_first = scan.sentence_of_first
    # The hits are sorted by start, so their sentence numbers only grow: walk the sentence ends once
    # (sentence = how many ends lie at or before the hit's start, as bisect_right would say).
    sentence = 0
    ends_count = len(ends)
    next_end = ends[0] if ends_count else _PAST_END
    found: dict[str, list[Hit]] = {}
    found_sentence = -1
    counted = [hit for position, hit in enumerate(hits) if position not in cancelled] if cancelled else hits
    for hit in counted:
        start = hit[0]
        while next_end <= start:
            sentence += 1
            next_end = ends[sentence] if sentence < ends_count else _PAST_END
        if sentence != found_sentence:
            found = by_sentence.setdefault(sentence, {})
            found_sentence = sentence
        cue = hit[2]
        seen = found.get(cue)
        if seen is None:
            found[cue] = [hit]
            if cue not in first:
                first[cue] = hit
                sentence_of_first[cue] = sentence
        elif len(seen) < _HITS_KEPT:
            seen.append(hit)
    held = scan.signals
    present = first.keys()
    for signal in signals():
        # Most signals have none of their anchors in a given message: passed over without a call.
        if (not signal.anchor_cues.isdisjoint(present) or not signal.anchor_signals.isdisjoint(held)) and \
                _signal_holds(signal, scan):
            held.add(signal.name)
    return scan


_PAST_END = 1 << 62


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
        if not pattern.cue_set <= present or pattern.signals and not all(name in signals for name in pattern.signals):
            continue
        if pattern.absent and any(_present(scan, name) for name in pattern.absent) or \
                signal.unless and any(_present(scan, name) for name in signal.unless):
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
    languages = scan.languages
    for rule, pattern in candidates:
        if rule.id in matches or not pattern.cue_set <= present or pattern.language and pattern.language not in languages:
            continue
        if rule.needs and not all(name in scan.signals for name in rule.needs):
            continue
        if rule.unless_anywhere and any(_present(scan, name) for name in rule.unless_anywhere):
            continue
        span = _find(pattern, scan, rule.scope, rule.near, rule.unless, rule.within)
        if span is not None:
            matches[rule.id] = Match(rule, *span)
    return sorted(matches.values(), key=lambda match: match.rule.order)
