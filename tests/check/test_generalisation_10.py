"""check_message on a tenth round of messages written for these tests (voices17): a borrower retelling or quoting
what a scammer or a collector sent ("got this, is it real??", 收到这个，是真的吗), chat logs with name prefixes and
opt-out tails, and first-person posts that are, or are not, about a debt the writer owes. Reported speech counts
the same as the message itself for scams; the borrower's own plans to pay in the official app do not."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message
from overdue_aid.check.packs import TAGS_SCAM

from .voices import assert_voice, labelled

VOICES = labelled("voices17.jsonl")


@pytest.mark.parametrize("item", VOICES, ids=[item["id"] for item in VOICES])
def test_tenth_round_voices_get_their_kind_and_tags(item):
    assert_voice(item)


def test_tenth_round_voices_cover_every_scam_tag_and_stay_balanced():
    tags = [tag for item in VOICES for tag in item["tags"]]
    for tag in TAGS_SCAM:
        assert tags.count(tag) >= 1, tag
    assert tags.count("payment_redirect") >= 8
    assert sum(item["kind"] == "other" for item in VOICES) >= 10
    assert sum(item["kind"] == "reminder" for item in VOICES) >= 10
    assert sum("\n" in item["text"] for item in VOICES) >= 4  # chat logs


# (direct message, jurisdiction): each is a scam on its own.
_DIRECT = [
    ("请将本期还款转入财务个人账户 6222 0210 3344 5566（户名：周丽），转账后截图给客服。", "cn"),
    ("您的贷款已审批通过，需先缴纳解冻保证金2000元才能放款。", "cn"),
    ("我们可以内部删除你征信上的逾期记录，收费三千。", "cn"),
    ("Your loan payment portal is offline. Send this month's $310 to our agent's personal Venmo @harbor-kyle.", "us"),
    ("Your account is frozen. Call our resolution desk at (646) 555-0148, do not call the number on your card.", "us"),
    ("Congratulations, your $5,000 loan is approved. Pay the $150 insurance fee with a prepaid card to receive it.", "us"),
]
_FRAMES = {
    "cn": ["收到这个，是真的吗：“{}”", "刚收到一条短信：{} 这是骗子吧？", "催收发来的原话：“{}”我该怎么办"],
    "us": ["got this, is it real?? '{}'", "Just got this text: \"{}\" scam or not?", "my lender (?) sent me this: {} what do I do"],
}


@pytest.mark.parametrize("text, jurisdiction", _DIRECT)
def test_a_scam_quoted_by_the_reader_keeps_its_scam_tags(text, jurisdiction):
    """Told or quoted by the borrower who received it, a scam is the same scam: the frame adds and removes nothing."""
    direct = {tag for tag in check_message(text, jurisdiction=jurisdiction).tags if tag in TAGS_SCAM}
    assert direct, text
    for frame in _FRAMES[jurisdiction]:
        quoted = check_message(frame.format(text), jurisdiction=jurisdiction)
        assert quoted.kind == "scam", frame
        assert {tag for tag in quoted.tags if tag in TAGS_SCAM} == direct, frame


@pytest.mark.parametrize("text, jurisdiction", [
    ("I'll pay the rest through the official app on Friday.", "us"),
    ("I'm going to pay my loan in the lender's app tonight, then send my mom a screenshot.", "us"),
    ("我打算明天在官方App里把这期还了，再转给我妈看看截图。", "cn"),
    ("催收打给我了，我说下周在App里还。", "cn"),
])
def test_the_borrowers_own_plan_to_pay_is_no_redirect(text, jurisdiction):
    """The writer paying, or a collector calling (打给我 = called me), names no payee."""
    verdict = check_message(text, jurisdiction=jurisdiction)
    assert "payment_redirect" not in verdict.tags
    assert verdict.kind != "scam"


@pytest.mark.parametrize("text, jurisdiction", [
    ("刚有人打电话说我的网贷账户要注销，让我加他微信，我直接挂了，你也小心点", "cn"),
    ("heads up, my neighbor got a text saying she'd be arrested over a payday loan unless she paid in gift cards. "
     "don't fall for it", "us"),
])
def test_a_scam_the_writer_warns_a_friend_about_is_no_scam_message(text, jurisdiction):
    """Hung up and warning others (你也小心点, "don't fall for it"): the reader is warned, not targeted."""
    assert check_message(text, jurisdiction=jurisdiction).kind == "other"


@pytest.mark.parametrize("text, jurisdiction, kind", [
    ("The collector told me they'll sue if I don't pay by the 30th.", "us", "reminder"),
    ("Talked to my lawyer friend, she said collectors can't call before 8am.", "us", "other"),
    ("银行发短信说我信用卡逾期了，让我尽快还款。", "cn", "reminder"),
    ("姐，我那个网贷逾期了，最近好烦。", "cn", "other"),
])
def test_a_retold_creditor_contact_is_the_writers_debt(text, jurisdiction, kind):
    """What a collector or lender said to the writer makes the post about the writer's own debt; talk about debts in
    general, or the writer's own debt mentioned to a friend with no creditor's contact retold, does not."""
    assert check_message(text, jurisdiction=jurisdiction).kind == kind
