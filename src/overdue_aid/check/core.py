"""The message check: one message in, a verdict out (kind, tags, findings with excerpts, facts, advice).

Pure and fast: no terminal, no network, no files but the rule packs shipped in the package (read once per
process). The JSON of `Verdict.as_dict` is the contract of shared/spec/message-check.md.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from ..errors import bad_input
from .facts import Facts, extract
from .learned import Opinion, kind_probabilities, opinion, thresholds
from .lazy import LazyPattern
from .normalise import Normalised, normalise
from .packs import JURISDICTIONS, TAGS_CONDUCT, TAGS_SCAM, Pack, pack
from .rules import Match, Scan, build_scan, evaluate

KINDS = ("scam", "abusive", "reminder", "other")
LEARNED_RULE = ".learned."  # in the rule id of a finding the learned model added: cn.learned.threat
_SCAM = frozenset(TAGS_SCAM)
_CONDUCT = frozenset(TAGS_CONDUCT)
_TEXT_CONDUCT = tuple(tag for tag in TAGS_CONDUCT if tag != "odd_hours")  # odd_hours comes from the time alone
# What the learned model may add: a link is suspicious by what the facts find in it (a raw IP, a look-alike of the
# lender's name, a shortener, an .apk), which the rules read exactly; the model cannot.
_TEXT_SCAM = tuple(tag for tag in TAGS_SCAM if tag != "suspicious_link")
_LATIN_WORD = LazyPattern(r"[a-z]{2,}")
_FIRST_SENTENCE = LazyPattern(r"[。！？!?，,\n]|\.(?=\s)")
_ODD_HOURS_EXCERPT = 40


class Finding(NamedTuple):
    tag: str
    rule: str
    severity: str
    excerpt: str
    basis: str
    advice: str = ""  # the advice key of the rule (catalog check.advice.step.<key>)

    @property
    def learned(self) -> bool:
        """Added by the learned model (learned.py), not by a rule of the pack."""
        return LEARNED_RULE in self.rule

    def as_dict(self) -> dict[str, str]:
        """The spec's finding object."""
        return {"tag": self.tag, "rule": self.rule, "severity": self.severity, "excerpt": self.excerpt,
                "basis": self.basis}


@dataclass
class Verdict:
    kind: str
    tags: list[str]
    findings: list[Finding]
    facts: dict[str, Any]
    message_id: str | int | None = None
    jurisdiction: str = "cn"
    language: str = "zh"
    received_at: datetime | None = None
    text: str = field(default="", repr=False)
    advice_keys: tuple[str, ...] = ()  # of every rule that held (some findings fold into wider ones)

    def advice_key(self) -> tuple[str, tuple[str, ...], str]:
        """What the advice depends on: kind, the rules' advice keys, jurisdiction."""
        keys = self.advice_keys or tuple(dict.fromkeys(finding.advice or finding.tag for finding in self.findings))
        return self.kind, keys, self.jurisdiction

    def advice(self, advice_lang: str) -> list[str]:
        """Next steps in `advice_lang`: safety first for a scam, then per finding, evidence, complaints, caveat."""
        return list(advice_steps(*self.advice_key(), advice_lang))

    def as_dict(self, advice_lang: str | None = None) -> dict[str, Any]:
        """Exactly the JSON object of the spec (`id`, `kind`, `tags`, `findings`, `facts`, `advice`);
        without `advice_lang`, the same object without `advice`."""
        data = {
            "id": self.message_id,
            "kind": self.kind,
            "tags": list(self.tags),
            "findings": [finding.as_dict() for finding in self.findings],
            "facts": self.facts,
        }
        if advice_lang is not None:
            data["advice"] = self.advice(advice_lang)
        return data


def detect_language(text: str) -> str:
    """'zh' when Chinese characters are at least as many as Latin words, else 'en'."""
    if text.isascii():
        return "en"
    # Chinese characters take three bytes in UTF-8: the extra bytes count them (and CJK punctuation) cheaply.
    chinese = (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2
    return "zh" if chinese and chinese >= len(_LATIN_WORD.findall(text.lower())) else "en"


def derive_kind(tags: set[str] | list[str], about_debt: bool) -> str:
    """The spec's order: scam tags, then conduct tags, then a debt, else other."""
    found = set(tags)
    if found & _SCAM:
        return "scam"
    if found & _CONDUCT:
        return "abusive"
    return "reminder" if about_debt else "other"


def _odd_hours_excerpt(normal: Any) -> str:
    match = _FIRST_SENTENCE.search(normal.text)
    end = min(match.end() if match else len(normal.text), _ODD_HOURS_EXCERPT, len(normal.text))
    return normal.excerpt(0, end).strip()


def _scan_message(text: str, jurisdiction: str | None, lang: str | None, received_at: datetime | None,
                  details: bool) -> tuple[Normalised, str, str, Pack, Facts, Scan]:
    """What check_message and check_tags share: the matching form, language, jurisdiction, facts and scan."""
    if not isinstance(text, str):
        raise bad_input("check.errors.not_text")
    normal = normalise(text)
    language = lang if lang in ("zh", "en") else detect_language(normal.text)
    where = (jurisdiction or ("cn" if language == "zh" else "us")).lower()
    if where not in JURISDICTIONS:
        raise bad_input("check.errors.jurisdiction", value=jurisdiction)
    facts = extract(text, normal.text, jurisdiction=where, received_at=received_at, details=details)
    return normal, language, where, pack(where), facts, build_scan(normal, facts.hits)


def _is_odd_hours(rules: Pack, received_at: datetime | None, tags: set[str], scan: Scan) -> bool:
    """A message about a debt (or with any finding) received in the pack's forbidden hours. The message's own
    wall-clock time: an offset-aware time is read in its own offset, a naive one as local."""
    return received_at is not None and bool(tags or "debt" in scan.signals or "collect" in scan.signals) and \
        rules.quiet_hours.is_odd(received_at.time())


def check_message(text: str, *, jurisdiction: str | None = None, received_at: datetime | None = None,
                  sender: str | None = None, lang: str | None = None, message_id: str | int | None = None) -> Verdict:
    """Check one message. `lang` is the message's language if known (it picks the default jurisdiction); the
    advice language is chosen in as_dict. `sender` is part of the contract for callers that know it; the rules do
    not use it yet (a message's own words and numbers decide)."""
    normal, language, where, rules, facts, scan = _scan_message(text, jurisdiction, lang, received_at, True)
    matches = evaluate(scan, rules)
    # Every rule that held speaks in the advice, even when its finding is folded into a wider one below.
    advice_keys = [match.rule.advice or match.rule.tag for match in matches]
    findings = [Finding(match.rule.tag, match.rule.id, match.rule.severity, normal.excerpt(match.start, match.end),
                        match.rule.basis, match.rule.advice) for match in _widest_per_tag(matches)]
    tags = {finding.tag for finding in findings}
    second = _second_opinion(scan, where, tags)
    if second is not None:
        rule = _rules_of(where, (second.tag,))[0]  # a learned finding takes the basis and advice of the first
        findings.append(Finding(second.tag, f"{where}{LEARNED_RULE}{second.tag}", "medium",
                                normal.excerpt(second.start, second.end), rule.basis, rule.advice))
        advice_keys.append(rule.advice or second.tag)
        tags.add(second.tag)
    if _is_odd_hours(rules, received_at, tags, scan):
        hours = rules.quiet_hours
        findings.append(Finding("odd_hours", hours.id, hours.severity, _odd_hours_excerpt(normal), hours.basis,
                                hours.advice))
        advice_keys.append(hours.advice or "odd_hours")
        tags.add("odd_hours")
    return Verdict(kind=derive_kind(tags, "debt" in scan.signals), tags=sorted(tags), findings=findings,
                   facts=facts.as_dict(), message_id=message_id, jurisdiction=where, language=language,
                   received_at=received_at, text=text, advice_keys=tuple(dict.fromkeys(advice_keys)))


def _second_opinion(scan: Scan, where: str, tags: set[str]) -> Opinion | None:
    """The learned model's opinion (learned.py), asked only when the rules found no scam tag: it may add one scam
    tag, or, when the rules found no conduct tag either, one conduct tag. It never takes a finding away."""
    if tags & _SCAM:
        return None
    limits = thresholds()
    for gate, probability, candidate, vetoed in second_opinions(scan, where, tags, limits):
        if candidate is not None and not vetoed and probability >= limits.get(gate, 2.0):
            return candidate
    return None


def second_opinions(scan: Scan, where: str, tags: set[str], floors: dict[str, float]
                    ) -> list[tuple[str, float, Opinion | None, bool]]:
    """Per kind the model may add: its gate (the name of the threshold it must reach: scam, abusive, or
    abusive_without_money), its probability, its opinion (only from `floors[gate]` up: choosing the tag and the
    clause costs more than the kind), and whether the rules veto it.

    The model reads words, not their relations, so the rules keep the last word where they know better. A kind is
    not asked at all: scam when the message holds none of the words the scam rules are looked up by (a scam asks
    for something: a payment, a fee, a code, a call); abusive when the rules found a conduct tag already. Where the
    rules see no money in a message (conduct is a collector's, and a family chat about a visit has none), abusive
    must reach a higher threshold: collectors' menaces often name no debt ("our people will wait for you outside
    your office at nine"). A tag is vetoed when its own model finds it less likely than not, when the clause it
    rests on is negated, or when the message holds a cue that vetoes a rule of that tag or says the message is no
    demand on the reader at all (a warning against fraud, someone else's debt)."""
    groups: list[tuple[str, str, tuple[str, ...]]] = []
    if not _anchors(where, _TEXT_SCAM).isdisjoint(scan.first):
        groups.append(("scam", "scam", _TEXT_SCAM))
    if not tags & _CONDUCT:
        if not scan.signals.isdisjoint(_ABOUT_A_DEBT):
            groups.append(("abusive", "abusive", _TEXT_CONDUCT))
        elif floors.get(ABUSIVE_WITHOUT_MONEY, 2.0) <= 1.0:
            groups.append((ABUSIVE_WITHOUT_MONEY, "abusive", _TEXT_CONDUCT))
    if not groups or len("".join(scan.text.split())) < _SHORTEST_TEXT:
        return []
    probabilities = kind_probabilities(scan.text)
    if probabilities is None:
        return []
    result: list[tuple[str, float, Opinion | None, bool]] = []
    for gate, kind, group in groups:
        probability = probabilities[kind]
        candidate = opinion(scan.text, kind, probability, group) if probability >= floors.get(gate, 2.0) else None
        vetoed = candidate is not None and (
            candidate.tag_probability < 0.5 or _rests_on_a_negation(scan, candidate) or _vetoed(scan, where, candidate)
            or kind == "scam" and _anchors(where, (candidate.tag,)).isdisjoint(scan.first))
        result.append((gate, probability, candidate, vetoed))
    return result


_SHORTEST_TEXT = 6  # characters (spaces aside) the model needs to read
# Conduct tags are a collector's conduct (the spec): where the rules see money in a message (a debt, a collection, a
# loan, an amount, a demand) the model's word counts from the abusive threshold; elsewhere (a family chat about a
# visit on Saturday has none, and neither has "we'll be at your office at nine") only from this higher one.
ABUSIVE_WITHOUT_MONEY = "abusive_without_money"
_ABOUT_A_DEBT = frozenset({"debt", "collect", "moneyish", "lending", "fee_scam", "demand"})
_NOT_A_DEMAND = frozenset({"fraud_warning", "not_to_reader", "others_debt"})  # cue classes of rules/cues.toml
# Cue classes that refuse a tag only the model offers: a menace in a message that names a lawful next step (a
# lawsuit, a report to the credit bureau) is most likely that step, which is no threat (the conventions beside the
# spec); the rules' own threat patterns, which read the words around it, still speak.
_MODEL_VETOES = {"threat": frozenset({"lawful_step"})}
_NONE: frozenset[str] = frozenset()


def _rests_on_a_negation(scan: Scan, candidate: Opinion) -> bool:
    """True when the clause the model's tag rests on overlaps what a negation covers ("we will not contact your
    family"): the model reads words, not that they are denied."""
    return any(start < candidate.end and candidate.start < stop for start, stop in scan.negated)


def _vetoed(scan: Scan, where: str, candidate: Opinion) -> bool:
    """True when the message holds a cue (or signal) that vetoes one of the pack's rules for the candidate's tag,
    or a cue that says the message is no demand on the reader."""
    cues, signal_names = _vetoes(where, candidate.tag)
    return not cues.isdisjoint(scan.first) or not signal_names.isdisjoint(scan.signals) or \
        not _NOT_A_DEMAND.isdisjoint(scan.first) or not _MODEL_VETOES.get(candidate.tag, _NONE).isdisjoint(scan.first)


@lru_cache(maxsize=64)
def _rules_of(jurisdiction: str, tags: tuple[str, ...]) -> tuple[Any, ...]:
    """The pack's rules for `tags`, in pack order."""
    return tuple(rule for rule in pack(jurisdiction).rules if rule.tag in tags)


@lru_cache(maxsize=64)
def _anchors(jurisdiction: str, tags: tuple[str, ...]) -> frozenset[str]:
    """The cues the pack's rules for `tags` are looked up by."""
    return frozenset(pattern.anchor for rule in _rules_of(jurisdiction, tags) for pattern in rule.patterns)


@lru_cache(maxsize=64)
def _vetoes(jurisdiction: str, tag: str) -> tuple[frozenset[str], frozenset[str]]:
    """The cue classes and signals in the `unless` lists of the pack's rules for `tag`."""
    names = {name for rule in _rules_of(jurisdiction, (tag,)) for name in (*rule.unless, *rule.unless_anywhere)}
    return (frozenset(name for name in names if not name.startswith("#")),
            frozenset(name[1:] for name in names if name.startswith("#")))


def _widest_per_tag(matches: list[Match]) -> list[Match]:
    """One finding per piece of text and tag: a match lying inside a wider match of the same tag (找你领导 inside
    你单位找你领导谈谈) adds nothing a reader needs, so only the wider one stays. Pack order is kept."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda item: item.start - item.end):  # widest first
        if not any(other.rule.tag == match.rule.tag and other.start <= match.start and match.end <= other.end
                   for other in kept):
            kept.append(match)
    return sorted(kept, key=lambda item: item.rule.order)


def check_tags(text: str, *, jurisdiction: str | None = None, received_at: datetime | None = None,
               sender: str | None = None, lang: str | None = None) -> tuple[str, ...]:
    """The sorted tags check_message gives, without building the verdict: for callers that keep only the tags
    (the evidence log checks every imported message)."""
    _, _, where, rules, _, scan = _scan_message(text, jurisdiction, lang, received_at, False)
    tags = {match.rule.tag for match in evaluate(scan, rules)}
    second = _second_opinion(scan, where, tags)
    if second is not None:
        tags.add(second.tag)
    if _is_odd_hours(rules, received_at, tags, scan):
        tags.add("odd_hours")
    return tuple(sorted(tags))


@lru_cache(maxsize=512)
def advice_steps(kind: str, keys: tuple[str, ...], jurisdiction: str, lang: str) -> tuple[str, ...]:
    """The advice lines for a verdict (cached: many messages share kind, findings and language)."""
    from ..i18n import has_key, t_list

    steps: list[str] = []
    if kind == "scam":
        steps += t_list("check.advice.scam_first", lang=lang)
    for key in keys:
        name = f"check.advice.step.{key}"
        if has_key(name, lang):
            steps += t_list(name, lang=lang)
    if kind in ("scam", "abusive"):
        steps += t_list("check.advice.keep_evidence", lang=lang)
        steps += t_list(f"check.advice.complain.{jurisdiction}", lang=lang)
    elif kind == "reminder":
        steps += t_list("check.advice.reminder", lang=lang)
    else:
        steps += t_list("check.advice.other", lang=lang)
    if kind != "other":
        steps += t_list("check.advice.caveat", lang=lang)
    return tuple(dict.fromkeys(steps))


def second_opinions_of(text: str, *, jurisdiction: str | None = None, lang: str | None = None, floor: float = 0.0
                       ) -> list[tuple[str, float, str | None, bool]]:
    """For benchmarks/train_check_model.py: what the model would offer for `text` on top of the rules from the
    probability `floor` up — per kind: its gate (the threshold's name), probability, tag (None without one or
    below the floor) and whether the rules veto it."""
    _, _, where, rules, _, scan = _scan_message(text, jurisdiction, lang, None, False)
    tags = {match.rule.tag for match in evaluate(scan, rules)}
    if tags & _SCAM:
        return []
    floors = {"scam": floor, "abusive": floor, ABUSIVE_WITHOUT_MONEY: floor}
    return [(gate, probability, candidate.tag if candidate else None, vetoed)
            for gate, probability, candidate, vetoed in second_opinions(scan, where, tags, floors)]
