"""check_message on a third round of messages written for these tests, in voices unlike the development set:
paraphrased debts (a bounced autopay, 房租还没转我), euphemistic and indirect threats, third parties reached by
roundabout words, collection fees by another name, and everyday messages that share their words."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message

from .voices import assert_voice, labelled

VOICES = labelled("voices7.jsonl", "voices8.jsonl")


@pytest.mark.parametrize("item", VOICES, ids=[item["id"] for item in VOICES])
def test_new_voices_get_their_kind_and_tags(item):
    assert_voice(item)


def test_new_voices_cover_every_weak_spot_and_stay_balanced():
    kinds = {item["kind"] for item in VOICES}
    tags = {tag for item in VOICES for tag in item["tags"]}
    assert kinds == {"reminder", "abusive", "scam", "other"}
    assert {"threat", "third_party", "excessive_charges"} <= tags
    assert sum(item["kind"] == "other" for item in VOICES) >= 15


@pytest.mark.parametrize("text, jurisdiction", [
    ("Your balance is overdue. We will not be contacting your family or your employer.", "us"),
    ("我们不会联系你的家人和同事，逾期账单请在App内处理。", "cn"),
])
def test_a_promise_not_to_contact_people_is_no_third_party(text, jurisdiction):
    verdict = check_message(text, jurisdiction=jurisdiction)
    assert verdict.kind == "reminder" and verdict.tags == []


@pytest.mark.parametrize("text, jurisdiction", [
    ("Mom says drive safe tonight, the road by the lake gets dark.", "us"),
    ("晚上回家那段路挺黑的，到家了给我发个消息。", "cn"),
    ("【XX晚报】记者调查发现，部分催收公司仍在爆通讯录，监管部门表示将严厉打击。", "cn"),
    ("lol my aunt almost fell for that 'your SSN is suspended' call today. she hung up", "us"),
])
def test_the_same_words_without_a_debt_of_the_reader_stay_other(text, jurisdiction):
    verdict = check_message(text, jurisdiction=jurisdiction)
    assert (verdict.kind, verdict.tags) == ("other", [])


def test_the_same_dark_road_is_a_threat_when_a_debt_is_pressed():
    verdict = check_message("晚上回家那段路挺黑的，欠的钱再拖下去你自己看着办。", jurisdiction="cn")
    assert verdict.kind == "abusive" and "threat" in verdict.tags
