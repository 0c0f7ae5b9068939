"""English is read as people type it in a hurry (rules/textspeak.toml): u, ur, pls, 2day, dont stand for their words."""

from __future__ import annotations

import pytest

from overdue_aid.check.core import check_message
from overdue_aid.check.normalise import normalise


def test_hurried_spellings_are_read_as_their_words_and_excerpts_quote_what_was_typed():
    normal = normalise("U better pay 2day or ur boss hears about it, dont test us")
    assert normal.text == "you better pay today or your boss hears about it, don't test us"
    assert normal.excerpt(0, 3) == "U"  # "you" maps back to the one letter typed
    at = normal.text.index("your boss")
    assert normal.excerpt(at, at + len("your boss")) == "ur boss"


@pytest.mark.parametrize("text", ["Uber: your ride is here", "the menu is ur-shaped", "make a u-turn", "v1.2 build u2",
                                  "U.S. Department of Education", "请插入u盾"])
def test_only_whole_words_are_read_as_text_speak(text):
    assert normalise(text).text == text.lower()


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
