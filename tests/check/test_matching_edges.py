"""Edge cases of matching: negation that belongs to a cue word, negation inside an if-clause, abbreviations
that end in a full stop, official brand names inside strange domains, digits spaced out to dodge filters."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message
from overdue_aid.check.facts import find_links
from overdue_aid.check.normalise import normalise
from overdue_aid.check.rules import _SENTENCE_END


def test_a_negation_running_into_a_cue_word_with_its_own_negation_does_not_cancel_the_sentence():
    # 绝不 overlaps 不会放过 ("will not let you off"): the threat stands, and so does what follows it.
    verdict = check_message("这笔欠款再拖着不还，我们绝不会放过你。", jurisdiction="cn")
    assert "threat" in verdict.tags, [(f.rule, f.excerpt) for f in verdict.findings]
    # a plain negation in front of an ordinary word still negates it
    assert check_message("本平台绝不会向你收取任何手续费。", jurisdiction="cn").kind == "other"


def test_a_negation_in_an_if_clause_governs_its_verb_not_a_debt_word_further_on():
    verdict = check_message("If we can't get hold of you about your overdue balance, our team will try again tomorrow.",
                            jurisdiction="us")
    assert verdict.kind == "reminder"
    # the governed verb phrase is still negated: "if this wasn't you" keeps its meaning
    assert check_message("If you did not make this purchase, no action is needed.", jurisdiction="us").kind == "other"


def test_abbreviations_with_full_stops_do_not_end_a_sentence():
    for text in ("we met mr. smith at the u.s. office today", "acme inc. sent no. 42 to you, e.g. by post"):
        assert not any(text[end - 1] == "." for end in (m.end() for m in _SENTENCE_END.finditer(text)))
    assert [m.end() for m in _SENTENCE_END.finditer("pay now. then call.")] == [8, 19]


def test_an_abbreviation_keeps_a_threat_in_one_sentence():
    for text in ("Your boss Mr. Okafor will get a call from us about your debt.",
                 "Your mother, Mrs. Ruiz, will be told about your unpaid loan."):
        verdict = check_message(text, jurisdiction="us")
        assert "third_party" in verdict.tags, (text, [(f.rule, f.excerpt) for f in verdict.findings])


def test_a_domain_borrowing_an_official_brand_is_flagged_but_the_official_one_is_not():
    for fake in ("pbccrc-zhengxin.cn", "irs-taxrefund.com", "ssa-benefit.net", "county-court-pay.com"):
        assert "lookalike" in find_links(f"visit {fake} now")[0].flags, fake
    for real in ("www.pbccrc.org.cn", "irs.gov", "www.ssa.gov", "uscourts.gov", "firstbank.com"):
        assert "lookalike" not in find_links(f"visit {real} now")[0].flags, real
    assert "lookalike" in find_links("visit acmeloans-help.cn now", "acmeloans")[0].flags
    verdict = check_message("个人征信有异常，请马上登录 pbccrc-zhengxin.cn 核实。", jurisdiction="cn")
    assert "suspicious_link" in verdict.tags


def test_digits_spaced_out_are_read_as_card_and_phone_numbers_with_exact_excerpts():
    text = "还款请转到卡号 6 2 1 7 0 0 1 2 3 4 5 6 7 8 9 0，有问题打 1 7 0-1 2 3 4-5 6 7 8"
    verdict = check_message(text, jurisdiction="cn")
    assert "6217001234567890" in verdict.facts["accounts"]
    assert "+8617012345678" in verdict.facts["phones"]
    normal = normalise(text)
    start = normal.text.index("6217")
    assert normal.excerpt(start, start + 16) == "6 2 1 7 0 0 1 2 3 4 5 6 7 8 9 0"
    for finding in verdict.findings:
        assert finding.excerpt in text
    # short runs (a list of steps, a version) stay as they are
    assert normalise("steps 1 2 3 then v1.2.3").text == "steps 1 2 3 then v1.2.3"


@pytest.mark.parametrize(("text", "kind", "tags"), [
    # a negation inside brackets negates the aside only
    ("Claim your refund with the QuickPay Helper app (not in the Play Store yet): http://203.0.113.9/qph.apk",
     "scam", ["suspicious_link"]),
    ("Download our claim tool (it is not on Google Play) from http://198.51.100.4/claim.apk today.",
     "scam", ["suspicious_link"]),
    # a negation before brackets still reaches past them
    ("We will never (under any circumstances) ask you to pay into a personal account.", "other", []),
    ("我们不会（任何情况下都不会）联系你的家人。", "other", []),
])
def test_a_negation_in_brackets_stops_at_the_closing_bracket(text, kind, tags):
    verdict = check_message(text, jurisdiction="cn" if not text.isascii() else "us")
    assert (verdict.kind, verdict.tags) == (kind, tags), [(f.rule, f.excerpt) for f in verdict.findings]


@pytest.mark.parametrize(("text", "lookalike"), [
    ("Granite Ridge Recovery: your balance is $220. Pay at graniteridgerecovery.com or call us.", False),
    ("Granite Ridge Recovery: your balance is $220. Pay at graniterr.com or call us.", False),
    ("Granite Ridge Recovery: your balance is $220. Pay at graniteridge.com or call us.", False),
    ("Granite Ridge Recovery: your balance is $220. Pay at graniterr-verify.com now.", True),
    ("Granite Ridge Recovery: your balance is $220. Pay at granite-pay.top now.", True),
])
def test_the_lenders_own_shortened_domain_is_not_a_look_alike(text, lookalike):
    """Lenders register their first word with the next words or their initials (riverbendmc.com); a hyphenated
    or odd-TLD domain with the name in it is still a look-alike."""
    verdict = check_message(text, jurisdiction="us")
    assert ("suspicious_link" in verdict.tags) is lookalike, verdict.facts["urls"]


def test_contact_inside_emergency_contact_reaches_no_one():
    """联系 inside 紧急联系人 is no contact; a contact outside it still is."""
    quiet = check_message("温馨提示：您借款时填写的紧急联系人信息我们会严格保密，请按时还款。")
    assert "third_party" not in quiet.tags
    loud = check_message("再不还钱，我们就联系你的紧急联系人。")
    assert "third_party" in loud.tags


def test_told_me_reaches_the_reader_not_the_person_named_after_it(cli):
    said = cli.json("check", "collector told me my daughter won't get financial aid because of my debt", "--jurisdiction", "us")
    assert "third_party" not in said["tags"]
    reached = cli.json("check", "the collector told my daughter I owe them money and won't pay", "--jurisdiction", "us")
    assert "third_party" in reached["tags"]
    # 告诉我老婆 tells the wife: Chinese 告诉我 is no 'told me'
    wife = cli.json("check", "催收说要把我欠钱的事告诉我老婆")
    assert "third_party" in wife["tags"]
