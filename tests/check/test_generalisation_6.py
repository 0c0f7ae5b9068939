"""check_message on a sixth round of messages written for these tests (voices12: third persons reached in many
ways, with no debt word, across sentences and in messages written TO the third person; voices13: implied threats,
slang insults, false claims, stacked fees, impersonation), with lawful and everyday look-alikes, and the negation
that stops at a topic word ("we will not contact your family about the overdue balance")."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message

from .voices import assert_voice, labelled

VOICES = labelled("voices12.jsonl", "voices13.jsonl")


@pytest.mark.parametrize("item", VOICES, ids=[item["id"] for item in VOICES])
def test_sixth_round_voices_get_their_kind_and_tags(item):
    assert_voice(item)


def test_sixth_round_voices_cover_third_parties_and_stay_balanced():
    tags = [tag for item in VOICES for tag in item["tags"]]
    assert {item["kind"] for item in VOICES} == {"reminder", "abusive", "other"}
    least = {"third_party": 15, "threat": 5, "insult": 3, "false_claim": 3, "excessive_charges": 3, "impersonation": 2}
    for tag, count in least.items():
        assert tags.count(tag) >= count, tag
    assert sum(item["kind"] == "other" for item in VOICES) >= 10
    assert sum(item["kind"] == "reminder" for item in VOICES) >= 8


@pytest.mark.parametrize("text", [
    "We will not be contacting your family or your employer about the overdue balance.",
    "We won't call your relatives regarding the past due amount on your card.",
    "Nobody at your job will hear from us concerning your overdue loan.",
])
def test_a_negated_contact_keeps_the_debt_it_is_about(text):
    """The negation governs the contact; the debt after about/regarding/concerning still makes it a reminder."""
    verdict = check_message(text, jurisdiction="us")
    assert (verdict.kind, verdict.tags) == ("reminder", [])


def test_the_same_contact_unnegated_is_a_third_party():
    verdict = check_message("We will be contacting your family and your employer about the overdue balance.",
                            jurisdiction="us")
    assert "third_party" in verdict.tags


@pytest.mark.parametrize("text, tag", [
    ("Don't worry, we will not contact your family.", "third_party"),
    ("You do not need to worry about jail over this overdue balance.", "false_claim"),
    ("No need to worry about arrest; just call us about the past due payment.", "false_claim"),
])
def test_what_a_reader_need_not_worry_about_stays_negated(text, tag):
    assert tag not in check_message(text, jurisdiction="us").tags


def test_a_message_to_the_third_person_about_the_readers_debt_is_third_party():
    """Written to a parent, a landlord or HR about someone else's debt: the recipient is the third party."""
    for text, jurisdiction in [
        ("Hello Mr. Lopez, your son Adrian has an overdue personal loan with us. Please have him call our office.", "us"),
        ("您好，麻烦转告您的租客小刘，他在我们这里的欠款已经逾期了，请他尽快处理。", "cn"),
    ]:
        verdict = check_message(text, jurisdiction=jurisdiction)
        assert verdict.kind == "abusive" and "third_party" in verdict.tags, text


def test_venting_about_a_collector_is_not_a_collectors_message():
    for text, jurisdiction in [
        ("so a debt collector keeps calling my aunt about my student loan, is that even legal?", "us"),
        ("问一下，网贷逾期被爆通讯录了，这种情况可以去哪里投诉？", "cn"),
    ]:
        assert check_message(text, jurisdiction=jurisdiction).kind == "other", text
