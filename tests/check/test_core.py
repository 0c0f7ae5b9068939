"""check_message on messages written for these tests (not the development set), through the pure core."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from overdue_aid.check.core import KINDS, check_message, check_tags, derive_kind

from .voices import SPEC_TAGS, assert_voice, labelled

VOICES = labelled("voices.jsonl", "voices2.jsonl", "voices3.jsonl", "voices4.jsonl", "voices5.jsonl", "voices6.jsonl")


@pytest.mark.parametrize("item", VOICES, ids=[item["id"] for item in VOICES])
def test_messages_in_other_voices_get_their_kind_and_tags(item):
    assert_voice(item)


def test_every_finding_quotes_the_message_and_names_a_basis():
    for item in VOICES:
        verdict = check_message(item["text"], jurisdiction=item["jurisdiction"])
        for finding in verdict.findings:
            assert finding.excerpt in item["text"]
            assert finding.basis and finding.tag in SPEC_TAGS
            assert finding.rule.startswith(item["jurisdiction"] + ".")


def test_json_object_has_exactly_the_spec_fields():
    verdict = check_message("【易借花】您的借款已逾期7天，应还1.2万元，再不还就通知你全家。", jurisdiction="cn",
                            message_id="m-7")
    data = verdict.as_dict("en")
    assert list(data) == ["id", "kind", "tags", "findings", "facts", "advice"]
    assert data["id"] == "m-7" and data["kind"] == "abusive" and data["tags"] == ["third_party"]
    assert set(data["findings"][0]) == {"tag", "rule", "severity", "excerpt", "basis"}
    assert data["facts"]["amount_due"] == "12000" and data["facts"]["currency"] == "CNY"
    assert data["facts"]["lender"] == "易借花" and data["facts"]["days_overdue"] == 7
    json.dumps(data, ensure_ascii=False)


def test_tags_are_sorted_and_unique():
    verdict = check_message("老赖！再不还钱就把你的照片发到你们家族群，明天派人去你家门口堵你。", jurisdiction="cn")
    assert verdict.tags == sorted(set(verdict.tags))
    assert {"insult", "threat", "disclosure", "third_party"} <= set(verdict.tags)


def test_advice_follows_the_requested_language_not_the_message():
    verdict = check_message("Send the 6-digit code we just texted you so we can stop the charge.", jurisdiction="us")
    zh = verdict.as_dict("zh")["advice"]
    en = verdict.as_dict("en")["advice"]
    assert verdict.kind == "scam"
    assert any("验证码" in step for step in zh) and not any("验证码" in step for step in en)


def test_scam_advice_puts_safety_first():
    steps = check_message("请把收到的验证码发给我，帮你解冻借款账户。", jurisdiction="cn").advice("en")
    assert steps[0].startswith("Do not pay")
    assert any("110" in step for step in steps[:4])


def test_reminder_advice_never_suggests_a_new_loan_or_ignoring():
    steps = check_message("【易借花】您本期账单980元明天到期，请登录App还款。", jurisdiction="cn").advice("zh")
    assert any("不要借新贷还旧贷" in step for step in steps)
    assert any("不要置之不理" in step for step in steps)


@pytest.mark.parametrize("text", [
    "我们不会联系你的家人，也不会上门，只想和你本人商量还款计划。",
    "We will not contact your employer or family about this account; please call us to set up a plan.",
    "Your account is 60 days past due. We may file a lawsuit and report to the credit bureaus as your agreement allows.",
    "【易借花】逾期信息将按合同约定报送征信系统，如有异议请在App内提交。",
])
def test_negations_and_lawful_next_steps_are_not_violations(text):
    verdict = check_message(text)
    assert verdict.kind == "reminder" and verdict.tags == []


@pytest.mark.parametrize("text", [
    "【中通快递】您的包裹已到驿站，取件码 3-2-1187。",
    "周六去爬山吗？早上七点地铁站见",
    "Your Rideway driver is 2 minutes away.",
    "【招财银行】您尾号6621的储蓄卡入账工资9,800.00元。",
    "Your monthly statement is ready. No payment is due.",
])
def test_everyday_messages_stay_other_without_tags(text):
    verdict = check_message(text)
    assert (verdict.kind, verdict.tags) == ("other", [])


@pytest.mark.parametrize(("jurisdiction", "stamp", "odd"), [
    ("cn", "2026-04-02T22:00:00+08:00", True),
    ("cn", "2026-04-02T21:59:59+08:00", False),
    ("cn", "2026-04-03T07:59:59+08:00", True),
    ("cn", "2026-04-03T08:00:00+08:00", False),
    ("us", "2026-04-02T21:00:00-05:00", False),
    ("us", "2026-04-02T21:00:01-05:00", True),
    ("us", "2026-04-03T07:59:59-05:00", True),
    ("us", "2026-04-03T08:00:00-05:00", False),
])
def test_odd_hours_boundaries_in_the_messages_own_time(jurisdiction, stamp, odd):
    text = "您的借款已逾期，请尽快还款。" if jurisdiction == "cn" else "Your loan payment is past due. Please pay in the app."
    verdict = check_message(text, jurisdiction=jurisdiction, received_at=datetime.fromisoformat(stamp))
    assert ("odd_hours" in verdict.tags) is odd
    assert verdict.kind == ("abusive" if odd else "reminder")


def test_odd_hours_never_marks_an_everyday_message():
    verdict = check_message("到家了，晚安", jurisdiction="cn", received_at=datetime.fromisoformat("2026-04-02T23:30:00+08:00"))
    assert verdict.tags == [] and verdict.kind == "other"


def test_excerpts_quote_the_original_through_traditional_fullwidth_and_spacing():
    text = "再不還錢，就爆你通 訊 錄，加ｖ信 ｋｆ８８８ 轉帳處理。"
    verdict = check_message(text, jurisdiction="cn")
    assert "third_party" in verdict.tags
    for finding in verdict.findings:
        assert finding.excerpt and finding.excerpt in text


def test_jurisdiction_defaults_from_the_message_language():
    assert check_message("您的借款已逾期").jurisdiction == "cn"
    assert check_message("Your loan is past due").jurisdiction == "us"


def test_unknown_jurisdiction_is_bad_input():
    from overdue_aid.errors import OverdueError

    with pytest.raises(OverdueError) as caught:
        check_message("hello", jurisdiction="uk")
    assert caught.value.exit_code == 2


def test_kind_follows_the_spec_order():
    assert derive_kind({"threat", "payment_redirect"}, True) == "scam"
    assert derive_kind({"odd_hours"}, True) == "abusive"
    assert derive_kind(set(), True) == "reminder"
    assert derive_kind(set(), False) == "other"
    assert set(KINDS) == {"scam", "abusive", "reminder", "other"}


def test_check_tags_gives_exactly_the_verdicts_tags():
    # check_tags skips building the verdict (the evidence import tags every message with it): same labels.
    late = datetime(2026, 3, 2, 23, 30, tzinfo=timezone(timedelta(hours=8)))
    for item in VOICES:
        for received_at in (None, late):
            expected = check_message(item["text"], jurisdiction=item.get("jurisdiction"), received_at=received_at).tags
            assert list(check_tags(item["text"], jurisdiction=item.get("jurisdiction"), received_at=received_at)) == \
                expected, item["text"]


def test_a_finding_inside_a_wider_one_of_the_same_tag_is_folded_into_it():
    verdict = check_message("再不还钱，明天就去你单位找你领导谈谈，让全公司都知道。", jurisdiction="cn")
    third_party = [finding.excerpt for finding in verdict.findings if finding.tag == "third_party"]
    assert third_party and all(not (a != b and a in b) for a in third_party for b in third_party), third_party
