"""check_message on a fifth round of messages written for these tests (data/voices_debt_scam.jsonl): whether a
message is about a debt the READER owes (a reminder) or only talks about loans (other), and scams reached by new
channels and phrasings (a code read back, a skipped app, a fee-free offer, a student account to close)."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message
from overdue_aid.check.packs import TAGS_SCAM

from .voices import assert_voice, labelled

VOICES = labelled("voices_debt_scam.jsonl")


@pytest.mark.parametrize("item", VOICES, ids=[item["id"] for item in VOICES])
def test_new_voices_get_their_kind_and_tags_with_quoted_grounded_findings(item):
    assert_voice(item)


def test_new_voices_cover_both_targets_and_stay_balanced():
    kinds = [item["kind"] for item in VOICES]
    tags = {tag for item in VOICES for tag in item["tags"]}
    assert set(kinds) == {"reminder", "scam", "other"}
    assert set(TAGS_SCAM) <= tags
    assert kinds.count("other") >= 20 and kinds.count("reminder") >= 20
    assert {item["jurisdiction"] for item in VOICES} == {"cn", "us"}


# Nothing owed or already arranged, someone else's debt, news and talks: other. A debt said in passing: reminder.
@pytest.mark.parametrize("text, jurisdiction, kind", [
    ("【青柠分期】本期账单已出，本期应还0.00元，无需还款。", "cn", "other"),
    ("Harbor Energy: your bill is ready. Amount due: $0.00.", "us", "other"),
    ("Crestline Card: AutoPay is on. Your statement balance will be paid automatically.", "us", "other"),
    ("【青柠分期】您已成功设置自动还款，到期将自动扣款。", "cn", "other"),
    ("Stonegate Recovery: this account has been closed as paid in full.", "us", "other"),
    ("我同事的网贷又逾期了，催收天天打他电话。", "cn", "other"),
    ("My cousin's car loan is three months past due, he might lose the car.", "us", "other"),
    ("News: state regulators cap late fees on payday loans at $15.", "us", "other"),
    ("周六上午社区举办公益讲座：信用卡逾期了怎么办？欢迎参加。", "cn", "other"),
    ("Northgate Auto Loans: your $289.50 installment is scheduled for Friday. Please keep funds available.", "us",
     "reminder"),
    ("Grandma: don't forget the $60 you borrowed for the bus pass, no hurry dear", "us", "reminder"),
    ("宿舍群：这个月电费一共240，每人60，今晚前转我哈", "cn", "reminder"),
])
def test_only_a_debt_of_the_reader_makes_a_reminder(text, jurisdiction, kind):
    verdict = check_message(text, jurisdiction=jurisdiction)
    assert (verdict.kind, verdict.tags) == (kind, [])


def test_a_code_read_back_is_a_credential_request_but_a_code_kept_to_yourself_is_not():
    asked = check_message("Crestline security: we just texted you a code. Read it back to our agent on this line.",
                          jurisdiction="us")
    assert asked.kind == "scam" and "credential_request" in asked.tags
    kept = check_message("Crestline: your sign-in code is 402211. Never share it with anyone.", jurisdiction="us")
    assert kept.kind == "other" and kept.tags == []


def test_a_fee_free_offer_is_no_advance_fee_but_a_fee_before_the_money_is():
    free = check_message("Crestline Bank: you're pre-approved for a card with no annual fee. Apply in our app.",
                         jurisdiction="us")
    assert "advance_fee" not in free.tags and free.kind != "scam"
    fee = check_message("Congratulations, your $5,000 loan is approved! Pay the $95 release fee first.", jurisdiction="us")
    assert fee.kind == "scam" and "advance_fee" in fee.tags


def test_skipping_the_app_to_pay_a_person_is_a_redirect_but_a_call_that_reached_the_writer_is_not():
    redirect = check_message("不用走App了，直接支付宝转我个人，今天就给你处理。", jurisdiction="cn")
    assert redirect.kind == "scam" and "payment_redirect" in redirect.tags
    venting = check_message("无语，我那个网贷的催收今天打到我们单位去了。", jurisdiction="cn")
    assert not set(venting.tags) & set(TAGS_SCAM)
