"""English cue words are matched as people type them in a hurry (rules/textspeak.toml): u, ur, pls, 2day, dont."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message
from overdue_aid.check.packs import _RULES, _read_toml, _TextSpeak


@pytest.fixture(scope="module")
def text_speak() -> _TextSpeak:
    return _TextSpeak(_read_toml(_RULES / "textspeak.toml")["word"])


def test_every_replaceable_word_gets_its_hurried_spellings(text_speak):
    assert text_speak.variants("your family") == ["ur family"]
    assert set(text_speak.variants("please pay today")) == {
        "pls pay today", "plz pay today", "please pay 2day", "pls pay 2day", "plz pay 2day"}
    assert "ur gonna regret" in text_speak.variants("you're going to regret")
    assert text_speak.variants("youth") == [] and text_speak.variants("yours") == []  # whole words only


def test_a_word_next_to_a_star_keeps_its_spelling_and_variants_are_bounded(text_speak):
    # "*u owe" would match the end of any word ("menu owe")
    assert text_speak.variants("*you owe") == [] and text_speak.variants("you*") == []
    many = "you your you're you'll you've you'd please people"
    assert 0 < len(text_speak.variants(many)) <= 8


@pytest.mark.parametrize("text, kind, tags", [
    ("u better pay 2day or we tell ur boss what kind of person u r", "abusive", ["third_party"]),
    ("pls dont make us come to ur house, we kno where u live and who u live with", "abusive", ["threat"]),
    ("hi its Sam from Acme Auto Finance, ur payment is 5 days late. pls pay in the app or call the number on ur "
     "statement", "reminder", []),
    ("u coming 2nite? pls bring ur charger, mine died lol", "other", []),
    ("thx for covering me, ill pay u back 2day when i get paid", "other", []),
])
def test_text_speak_messages_get_the_labels_their_spelled_out_forms_get(text, kind, tags):
    verdict = check_message(text, jurisdiction="us")
    assert (verdict.kind, verdict.tags) == (kind, tags), [(f.rule, f.excerpt) for f in verdict.findings]
    for finding in verdict.findings:
        assert finding.excerpt in text
