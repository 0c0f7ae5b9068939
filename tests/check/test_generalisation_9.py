"""check_message on a ninth round of messages written for these tests (voices16: a borrower REPORTING what a collector
did or said — "they texted my brother…", 平台的人给我姐打电话, "the caller said he was with the state attorney general's
office", 他们说除了欠款还要交800块律师费 — in both languages), with the borrower's own acts, lawful steps retold and
scam warnings as hard negatives."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message

from .voices import assert_voice, labelled

VOICES = labelled("voices16.jsonl")


@pytest.mark.parametrize("item", VOICES, ids=[item["id"] for item in VOICES])
def test_ninth_round_voices_get_their_kind_and_tags(item):
    assert_voice(item)


def test_ninth_round_voices_cover_every_conduct_tag_and_stay_balanced():
    tags = [tag for item in VOICES for tag in item["tags"]]
    least = {"third_party": 10, "threat": 5, "insult": 4, "impersonation": 4, "false_claim": 3, "excessive_charges": 4,
             "disclosure": 3}
    for tag, count in least.items():
        assert tags.count(tag) >= count, tag
    assert {item["jurisdiction"] for item in VOICES} == {"cn", "us"}
    assert sum(item["kind"] in ("other", "reminder") for item in VOICES) >= 12


@pytest.mark.parametrize("report, own_act, jurisdiction", [
    ("催收把电话打到我老公单位去了，说我欠他们平台三万", "我打算今晚把网贷的事告诉我老公，欠了三万", "cn"),
    ("The collector called my mom twice about my overdue loan", "I called my mom about my overdue loan, she'll help me budget", "us"),
    ("they texted my sister that I owe them $900", "I'm going to tell my sister about the $900 loan tonight, wish me luck", "us"),
    ("催收说要把我欠钱的事告诉我老婆", "我跟我老婆商量了一下，决定先把信用卡还上", "cn"),
])
def test_a_collector_reaching_the_borrowers_people_is_third_party_and_the_borrowers_own_call_is_not(report, own_act,
                                                                                               jurisdiction):
    assert "third_party" in check_message(report, jurisdiction=jurisdiction).tags
    assert "third_party" not in check_message(own_act, jurisdiction=jurisdiction).tags


@pytest.mark.parametrize("text, jurisdiction", [
    ("对方说如果下周还不上，会按合同约定报送征信", "cn"),
    ("the agent told me they won't contact my family or my job, they just need a payment arrangement on the overdue loan", "us"),
    ("they said they'd report the late payments to the credit bureaus as the agreement allows", "us"),
])
def test_a_lawful_step_retold_is_no_conduct(text, jurisdiction):
    verdict = check_message(text, jurisdiction=jurisdiction)
    assert verdict.kind in ("reminder", "other") and verdict.tags == []


@pytest.mark.parametrize("report, warning, jurisdiction", [
    ("刚才有个人自称是市公安局的，说我网贷逾期要立案，让我马上还钱",
     "【反诈中心】凡是自称公安局要求你还网贷、转账的，一律是诈骗。", "cn"),
    ("a guy claiming to be a county sheriff's deputy called about my loan and said I had to pay him today",
     "Consumer alert: scammers claiming to be sheriff's deputies are calling about loans. Hang up.", "us"),
])
def test_a_claim_to_be_the_police_reported_is_impersonation_and_a_general_warning_is_not(report, warning, jurisdiction):
    assert "impersonation" in check_message(report, jurisdiction=jurisdiction).tags
    assert check_message(warning, jurisdiction=jurisdiction).kind == "other"


def test_a_law_firm_checked_and_found_real_is_no_impersonation():
    verdict = check_message("收到一封律师函，我在司法局网站查了是真的，律所受平台委托让我协商还款，欠款8000", jurisdiction="cn")
    assert "impersonation" not in verdict.tags


@pytest.mark.parametrize("text, jurisdiction", [
    ("催收说要加收1500的上门费，借款合同里根本没有这一项", "cn"),
    ("they charged me a $90 reopening fee on my loan, nothing like that in my agreement", "us"),
])
def test_a_collection_fee_the_contract_never_had_is_an_excessive_charge(text, jurisdiction):
    assert "excessive_charges" in check_message(text, jurisdiction=jurisdiction).tags


def test_a_charge_the_note_sets_out_is_no_excessive_charge():
    verdict = check_message("Oakmont Mortgage: a late fee of $45.00, as set out in your note, has been added to your account.",
                            jurisdiction="us")
    assert "excessive_charges" not in verdict.tags


@pytest.mark.parametrize("text", [
    "催收在微信上轰炸我，一晚上几十条语音",
    "the collector keeps blowing up my phone every morning",
])
def test_calls_bombarding_the_reader_alone_reach_no_third_party(text):
    assert "third_party" not in check_message(text).tags


def test_a_promise_not_to_contact_family_said_politely_is_no_third_party():
    verdict = check_message("【安信贷】您好，您的账单已逾期，我们只与您本人沟通，不会联系您的家人、同事或通讯录联系人。",
                            jurisdiction="cn")
    assert "third_party" not in verdict.tags


def test_a_slur_about_the_writers_own_friend_is_no_insult():
    verdict = check_message("my friend is a deadbeat when it comes to paying back pizza money lol", jurisdiction="us")
    assert "insult" not in verdict.tags
