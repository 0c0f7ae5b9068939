"""check_message on an eighth round of messages written for these tests (voices15: scam meanings in new voices —
a fee into a personal card before a new loan, a credit line borrowed out and passed on, a wallet named by a phone
number, "stop paying your lender and pay us", deposits that "prove" the means to repay, overcharge and keep-it-open
lures on chat apps), with their lawful look-alikes, and the reminder/other line: money the writer owes the reader, a
debt paid in full, a payment app's request, a fraud alert on a transfer."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message

from .voices import assert_voice, labelled

VOICES = labelled("voices15.jsonl")


@pytest.mark.parametrize("item", VOICES, ids=[item["id"] for item in VOICES])
def test_eighth_round_voices_get_their_kind_and_tags(item):
    assert_voice(item)


def test_eighth_round_voices_cover_every_scam_tag_and_stay_balanced():
    tags = [tag for item in VOICES for tag in item["tags"]]
    least = {"payment_redirect": 12, "advance_fee": 6, "contact_redirect": 6, "credit_repair": 3}
    for tag, count in least.items():
        assert tags.count(tag) >= count, tag
    assert {item["jurisdiction"] for item in VOICES} == {"cn", "us"}
    assert sum(item["kind"] == "other" for item in VOICES) >= 15
    assert sum(item["kind"] == "reminder" for item in VOICES) >= 6


@pytest.mark.parametrize("scam, lawful, jurisdiction", [
    ("您的账户存在异常，为避免被注销，请添加QQ 3356781209 联系风控专员处理。",
     "您的账户因长期未使用将被关闭，如需保留请携带身份证到网点办理。", "cn"),
    ("You were automatically enrolled in Payment Protection. To cancel, text our specialist on WhatsApp +1 302 555 0110.",
     "You were enrolled in Overdraft Protection. To cancel, call the number on the back of your card.", "us"),
])
def test_the_same_account_lure_sent_to_a_chat_app_is_a_redirect_and_to_the_official_line_is_not(scam, lawful,
                                                                                               jurisdiction):
    assert "contact_redirect" in check_message(scam, jurisdiction=jurisdiction).tags
    assert check_message(lawful, jurisdiction=jurisdiction).kind == "other"


@pytest.mark.parametrize("text, jurisdiction", [
    ("最高可贷20万，先交1800元保证金到我个人卡，马上放款。", "cn"),
    ("Borrow up to $5,000, bad credit OK. Pay the $60 activation fee first and funds go out today.", "us"),
])
def test_a_fee_before_a_new_loan_is_an_advance_fee(text, jurisdiction):
    assert "advance_fee" in check_message(text, jurisdiction=jurisdiction).tags


@pytest.mark.parametrize("text, jurisdiction", [
    ("【招联】最高可贷20万，日息低至0.02%，无任何前期费用，官方App申请。", "cn"),
    ("Maple Bank: Borrow up to $25,000 with no fees and rates from 7.99% APR. Apply in our app.", "us"),
])
def test_a_lenders_own_loan_advert_is_no_scam(text, jurisdiction):
    assert check_message(text, jurisdiction=jurisdiction).kind == "other"


def test_an_interest_free_loan_with_a_deposit_is_an_advance_fee_not_credit_repair():
    """免息 in a new loan offer is a loan term: a fee before it is an advance fee, not a fee to cut a debt."""
    tags = check_message("今年免息贷款政策下来了，能贷20万，先交2000块保证金就给你走绿色通道。", jurisdiction="cn").tags
    assert "advance_fee" in tags and "credit_repair" not in tags


def test_cancelling_an_account_by_borrowing_out_its_credit_line_is_credit_repair_and_a_redirect():
    verdict = check_message("你的借款资格需要注销，注销前请把可借额度全部借出，再转入指定账户清零，完成后退回。",
                            jurisdiction="cn")
    assert {"credit_repair", "payment_redirect"} <= set(verdict.tags)


def test_telling_the_reader_not_to_borrow_elsewhere_is_a_plain_reminder():
    verdict = check_message("别去其他平台借钱还这个了，先跟我们协商个分期方案，这期先还一部分。", jurisdiction="cn")
    assert (verdict.kind, verdict.tags) == ("reminder", [])


def test_an_account_the_lender_will_close_is_no_cancellation_scam():
    """将被注销 (the lender closes it) is an account problem; 未按规定注销 (the reader must) is the 注销 scam."""
    closing = check_message("【乐享分期】您的借款账户因违规操作将被注销，为避免影响征信，请立即添加专属处理员微信 lx_6688。",
                            jurisdiction="cn")
    assert closing.tags == ["contact_redirect"]
    must = check_message("【乐享分期】您的校园贷账户未按规定注销，将影响个人征信，请添加注销专员微信 lx_6688。",
                         jurisdiction="cn")
    assert {"contact_redirect", "credit_repair"} <= set(must.tags)


def test_a_discount_for_paying_in_crypto_is_a_redirect_not_credit_repair():
    verdict = check_message("逾期款可以用USDT归还，还能减免30%，收款地址：TQ7xkP3mN8vR2aLz9wE5cYu1bH6dJ4sFgT", jurisdiction="cn")
    assert "payment_redirect" in verdict.tags and "credit_repair" not in verdict.tags


@pytest.mark.parametrize("text", [
    "Credit Fix Center: verify your identity by sending a photo of your driver's license to this number.",
    "Support: share your screen with our agent using the link we'll send and enter your PIN when asked.",
])
def test_a_credential_sent_to_a_number_is_no_payment(text):
    tags = check_message(text, jurisdiction="us").tags
    assert "credential_request" in tags and "payment_redirect" not in tags


def test_selfies_sent_to_the_contacts_are_exposure_not_a_credential_request():
    tags = check_message("Pay by 6pm or we send your selfie and ID to everyone in your contacts.", jurisdiction="us").tags
    assert "credential_request" not in tags and "disclosure" in tags


def test_a_callback_promised_or_a_senders_address_is_no_contact_redirect():
    for text in ("Eastwood Bank Fraud Dept: we blocked a suspicious transfer of $980. A specialist will call you "
                 "shortly - please read them the 6-digit code we send.",
                 "From: Security <no-reply@lendwell-verify.co>\nYour loan account is on hold. Confirm your username and "
                 "password within 24 hours."):
        assert "contact_redirect" not in check_message(text, jurisdiction="us").tags, text


def test_a_debt_paid_off_is_no_reminder_unless_an_amount_is_still_due():
    """An overdue word beside 已全部还清 tells what was paid; a new amount due beside it is still a debt."""
    assert check_message("【清河银行】您尾号3308的信用卡逾期款项1,200元已全部还清，感谢您的配合。", jurisdiction="cn").kind == "other"
    assert check_message("Your past-due balance of $420 has been paid in full. Thank you.", jurisdiction="us").kind == "other"
    assert check_message("上期逾期欠款已全部还清，本期应还1,200元将于3月25日到期。", jurisdiction="cn").kind == "reminder"
