"""check_message on a fourth round of messages written for these tests, by meaning rather than by phrase:
implied threats (a car parked downstairs, "we have plenty of people", "come down or we come up"), relatives,
bosses and landlords reached in many ways (打招呼, 坐坐, 递过话, "loop in", "touch base", "him"/"her" in a later
sentence), police, courts, arbitration bodies and law firms named in many ways, insults, debts said without a
debt word, made-up fees, and everyday messages that share their words (a treat owed, a wifi password, news)."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message

from .voices import assert_voice, labelled

VOICES = labelled("voices9.jsonl", "voices10.jsonl", "voices11.jsonl")


@pytest.mark.parametrize("item", VOICES, ids=[item["id"] for item in VOICES])
def test_new_voices_get_their_kind_and_tags(item):
    assert_voice(item)


def test_new_voices_cover_the_weak_meanings_and_stay_balanced():
    kinds = {item["kind"] for item in VOICES}
    tags = [tag for item in VOICES for tag in item["tags"]]
    assert kinds == {"reminder", "abusive", "scam", "other"}
    least = {"threat": 5, "third_party": 5, "impersonation": 5, "insult": 5, "excessive_charges": 3}
    for tag, count in least.items():
        assert tags.count(tag) >= count, tag
    assert sum(item["kind"] == "other" for item in VOICES) >= 25
    assert sum(item["kind"] == "reminder" for item in VOICES) >= 25


@pytest.mark.parametrize("text, jurisdiction", [
    ("We won't contact your employer or your family about this; it stays between us. Your payment is 10 days late.", "us"),
    ("我们不会打扰您的家人和同事，请您本人尽快处理逾期账单。", "cn"),
    ("If the balance stays unpaid, we may refer the account to an attorney, as permitted by law.", "us"),
    ("逾期信息将按合同约定报送金融信用信息基础数据库，请尽快在App内还款。", "cn"),
])
def test_promises_and_lawful_next_steps_stay_plain_reminders(text, jurisdiction):
    verdict = check_message(text, jurisdiction=jurisdiction)
    assert (verdict.kind, verdict.tags) == ("reminder", [])


@pytest.mark.parametrize("text, jurisdiction", [
    ("你欠我一顿火锅啊，上次说好你请的，周末走起？", "cn"),
    ("hey can you send me the wifi password again", "us"),
    ("我表姐说她同事网贷逾期了，催收天天打到她单位，好惨。", "cn"),
    ("lol my brother just called me a deadbeat for forgetting his birthday", "us"),
    ("A new inquiry was added to your credit report. If you don't recognize it, you can dispute it in the app.", "us"),
])
def test_words_of_debt_that_are_no_debt_of_the_reader_stay_other(text, jurisdiction):
    verdict = check_message(text, jurisdiction=jurisdiction)
    assert (verdict.kind, verdict.tags) == ("other", [])


def test_a_relative_named_first_and_reached_as_him_later_is_a_third_party():
    text = "你姐夫在城东开店的吧，门面挺大。明天我们过去找他喝喝茶，聊聊你欠款的事。"
    verdict = check_message(text, jurisdiction="cn")
    assert "third_party" in verdict.tags
    assert any(finding.rule == "cn.third-party.them" for finding in verdict.findings)


def test_a_question_built_on_a_negation_does_not_cancel_what_follows():
    """要不要 holds 不要, which would otherwise cancel the rest of the clause."""
    verdict = check_message("你微信好友我们这边都有，要不要我们一个个去问问她们认不认识你", jurisdiction="cn")
    assert verdict.kind == "abusive" and "third_party" in verdict.tags


def test_the_readers_own_post_is_shamed_not_disclosed():
    verdict = check_message("欠钱不还还有脸发朋友圈晒旅游？真是个没皮没脸的东西。", jurisdiction="cn")
    assert verdict.tags == ["insult"]
    threatened = check_message("欠钱不还？明天就把你的照片发朋友圈。", jurisdiction="cn")
    assert "disclosure" in threatened.tags


def test_arrest_papers_from_a_court_are_impersonation_and_a_false_claim():
    verdict = check_message("台端逾期款項已移送地方法院，法院將於近日發出拘票，請即刻處理。", jurisdiction="cn")
    assert {"false_claim", "impersonation"} <= set(verdict.tags)
    lawful = check_message("Your account is 45 days past due. We may file a lawsuit to collect the balance.", jurisdiction="us")
    assert lawful.tags == []
