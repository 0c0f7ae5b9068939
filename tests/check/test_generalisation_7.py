"""check_message on a seventh round of messages written for these tests (voices14: conduct said in new ways —
someone close dialled or reached with no debt word, messages written TO an employer, neighbour or relative, the
reader watched at home or at a child's school, a job put at risk, sneers in the name of the reader's family, a face
or ID sent to all contacts, made-up daily fees, a payroll deduction without a court), with everyday and lawful
look-alikes: a family call, a friend who drove past, congratulations, the lender's own account manager, a
privacy promise about emergency contacts, a real collector's notice."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message

from .voices import assert_voice, labelled

VOICES = labelled("voices14.jsonl")


@pytest.mark.parametrize("item", VOICES, ids=[item["id"] for item in VOICES])
def test_seventh_round_voices_get_their_kind_and_tags(item):
    assert_voice(item)


def test_seventh_round_voices_cover_conduct_and_stay_balanced():
    tags = [tag for item in VOICES for tag in item["tags"]]
    assert {item["kind"] for item in VOICES} == {"reminder", "abusive", "other"}
    least = {"third_party": 15, "threat": 10, "insult": 5, "disclosure": 5, "false_claim": 3, "excessive_charges": 2,
             "impersonation": 1}
    for tag, count in least.items():
        assert tags.count(tag) >= count, tag
    assert sum(item["kind"] == "other" for item in VOICES) >= 12
    assert {item["jurisdiction"] for item in VOICES} == {"cn", "us"}


@pytest.mark.parametrize("text, jurisdiction", [
    ("再不回消息，我就直接打你老婆手机。欠的钱你自己看着办。", "cn"),
    ("还钱的事拖了三个月了，再拖我就打你们经理的电话。", "cn"),
])
def test_dialling_someone_close_is_third_party(text, jurisdiction):
    assert "third_party" in check_message(text, jurisdiction=jurisdiction).tags


@pytest.mark.parametrize("text, jurisdiction", [
    ("妈，我打你电话没人接，爸的手机也关机了。", "cn"),
    ("听说催收会打你家里人电话，这种是违法的吧？我准备投诉他们。", "cn"),
])
def test_a_family_call_or_a_victims_question_is_not_a_collectors_contact(text, jurisdiction):
    assert "third_party" not in check_message(text, jurisdiction=jurisdiction).tags


def test_being_watched_needs_money_a_school_or_a_visit_to_be_a_threat():
    """A friend who drove past is no threat; the same words about a balance are."""
    friendly = check_message("We drove past your place on the way to the lake, looks amazing!", jurisdiction="us")
    pressing = check_message("We drove past your place twice today. Call us about the past due balance.",
                             jurisdiction="us")
    assert friendly.kind == "other"
    assert "threat" in pressing.tags


def test_mock_pride_is_an_insult_only_when_a_debt_is_pressed():
    praise = check_message("Your parents must be so proud of you, congrats on paying off the car!", jurisdiction="us")
    sneer = check_message("Still dodging a $400 loan at 35. Your parents must be so proud.", jurisdiction="us")
    assert "insult" not in praise.tags
    assert "insult" in sneer.tags


def test_a_threatened_warrant_is_a_false_claim_not_a_fake_document():
    verdict = check_message("Nonpayment will result in a warrant for your arrest.", jurisdiction="us")
    assert "false_claim" in verdict.tags and "impersonation" not in verdict.tags


def test_a_real_collectors_notice_with_a_summons_is_not_impersonation():
    text = ("Harlow Law Group, attorneys for Pinebrook Bank: a lawsuit has been filed on your account; see the summons "
            "you were served. This communication is from a debt collector.")
    assert "impersonation" not in check_message(text, jurisdiction="us").tags


def test_a_fee_before_a_refund_is_not_a_collection_charge():
    text = "Your refund of $240 is approved. Pay a $30 processing fee to release it."
    assert "excessive_charges" not in check_message(text, jurisdiction="us").tags
