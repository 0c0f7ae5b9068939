"""The rule packs are data: they load, name known cues and tags, cite a basis, and have advice in both languages."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files

import pytest

from overdue_aid.check import packs, rules
from overdue_aid.i18n import catalog

RULES = files("overdue_aid.check").joinpath("rules")
FACT_CUES = {"@money", "@amount_due", "@percent", "@percent_big", "@account", "@crypto", "@named_holder", "@url",
             "@badlink", "@oddlink", "@shortlink", "@apk", "@phone", "@mobile", "@virtual_phone", "@service_line",
             "@header", "@start", "@handle", "@you", "@personal_number"}


def _names(pattern: packs.Pattern) -> set[str]:
    return set(pattern.cues) | {name.lstrip("#") for name in pattern.absent if not name.startswith("#")}


@pytest.mark.parametrize("jurisdiction", packs.JURISDICTIONS)
def test_each_pack_loads_with_unique_ids_known_tags_and_cues(jurisdiction):
    pack = packs.pack(jurisdiction)
    known_cues = packs.lexicon().classes | FACT_CUES
    known_signals = {signal.name for signal in packs.signals()}
    ids = [rule.id for rule in pack.rules]
    assert len(ids) == len(set(ids))
    for rule in pack.rules:
        assert rule.id.startswith(jurisdiction + ".")
        assert rule.tag in packs.TAGS_CONDUCT + packs.TAGS_SCAM
        assert rule.severity in packs.SEVERITIES
        assert rule.basis.strip()
        assert rule.patterns
        for pattern in rule.patterns:
            assert _names(pattern) <= known_cues, (rule.id, _names(pattern) - known_cues)
            assert set(pattern.signals) <= known_signals
        assert set(rule.needs) <= known_signals


@pytest.mark.parametrize("jurisdiction", packs.JURISDICTIONS)
def test_every_rule_has_zh_and_en_patterns_in_the_toml(jurisdiction):
    for path in RULES.joinpath(jurisdiction).iterdir():
        if path.name.endswith(".toml"):
            for entry in tomllib.loads(path.read_text("utf-8"))["rule"]:
                assert entry.get("zh") is not None and entry.get("en") is not None, entry["id"]


def test_every_spec_tag_has_a_rule_in_each_jurisdiction():
    for jurisdiction in packs.JURISDICTIONS:
        tags = {rule.tag for rule in packs.pack(jurisdiction).rules} | {"odd_hours"}
        assert tags == set(packs.TAGS_CONDUCT + packs.TAGS_SCAM)


def test_basis_cites_the_reference_short_forms():
    cn = " ".join(rule.basis for rule in packs.pack("cn").rules)
    us = " ".join(rule.basis for rule in packs.pack("us").rules)
    for cited in ("民法典", "个人信息保护法", "治安管理处罚法(2012年修正)", "反电信网络诈骗法", "征信业管理条例"):
        assert cited in cn
    for cited in ("§1692d", "§1692c(b)", "§1692e", "§1692f(1)", "CROA"):
        assert cited in us


def test_advice_keys_and_tag_titles_exist_in_both_languages():
    for lang in ("en", "zh"):
        texts = catalog(lang)
        for jurisdiction in packs.JURISDICTIONS:
            pack = packs.pack(jurisdiction)
            for key in {rule.advice for rule in pack.rules} | {pack.quiet_hours.advice}:
                assert f"check.advice.step.{key}" in texts
            assert f"check.advice.complain.{jurisdiction}" in texts
        for tag in packs.TAGS_CONDUCT + packs.TAGS_SCAM:
            assert f"check.tag.{tag}" in texts


def test_cue_words_are_already_in_matching_form():
    from overdue_aid.check.normalise import normalise

    data = tomllib.loads(RULES.joinpath("cues.toml").read_text("utf-8"))
    for name, languages in data.items():
        for word in languages.get("zh", []) + languages.get("en", []):
            core = word.strip("*")
            assert normalise(core).text == core, (name, word)


def test_a_negated_threat_is_not_a_match_but_the_same_words_are():
    found = rules.evaluate(rules.build_scan(_normal("再不还钱就通知你的家人。"), []), packs.pack("cn"))
    assert {match.rule.tag for match in found} == {"third_party"}
    found = rules.evaluate(rules.build_scan(_normal("我们不会通知你的家人。"), []), packs.pack("cn"))
    assert found == []


def test_pattern_syntax_errors_are_caught():
    with pytest.raises(ValueError):
        packs._parse_pattern("kin & > reach", {})
    with pytest.raises(ValueError):
        packs._parse_pattern("!kin", {})


def _normal(text):
    from overdue_aid.check.normalise import normalise

    return normalise(text)


def test_odd_hours_windows_are_data():
    cn, us = packs.pack("cn").quiet_hours, packs.pack("us").quiet_hours
    assert re.match(r"\d\d:\d\d", cn.odd_from.isoformat()) and cn.odd_from_inclusive and not us.odd_from_inclusive


def test_a_negated_command_negates_its_verb_only():
    # "Don't make your overdue loan a family affair": the debt and the family stay; "Don't worry" changes nothing.
    from overdue_aid.check.core import check_message

    assert check_message("We have your brother-in-law's number too. Don't make your overdue loan a family affair.",
                         jurisdiction="us").tags == ["third_party"]
    assert check_message("Don't worry, we will not contact your family.", jurisdiction="us").tags == []
    assert check_message("Do not ignore this notice about your overdue loan.", jurisdiction="us").kind == "reminder"
