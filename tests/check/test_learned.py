"""The learned second opinion (check/learned.py, rules/learned-kind.bin): the shipped model, how the check uses it,
and what happens when it is missing or damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overdue_aid.check import learned
from overdue_aid.check.core import ABUSIVE_WITHOUT_MONEY, check_message, second_opinions_of
from overdue_aid.check.packs import TAGS_CONDUCT, TAGS_SCAM, pack
from overdue_aid.cli import app

# A collector's message the rule packs have no words for (it is in a training set: this tests the mechanism,
# the sealed sets measure how it generalises).
_UNLISTED = "你那个紧急联系人李某某，我们会每天给她打电话，直到你出现为止。"


@pytest.fixture()
def model_file(monkeypatch, tmp_path):
    """Point the check at another model file for one test; the shipped one is read again afterwards."""
    def use(content: bytes | None):
        path = tmp_path / "learned-kind.bin"
        if content is not None:
            path.write_bytes(content)
        monkeypatch.setattr(learned, "MODEL_FILE", str(path))
        learned.model.cache_clear()
    yield use
    learned.model.cache_clear()


def test_the_shipped_model_loads_with_every_kind_and_text_tag_and_thresholds_in_range():
    model = learned.model()
    assert model is not None
    assert tuple(model.outputs[:4]) == learned.KIND_OUTPUTS
    assert set(model.outputs[4:]) == (set(TAGS_SCAM) | set(TAGS_CONDUCT)) - {"odd_hours"}
    assert 0 < model.thresholds["scam"] < 1 and 0 < model.thresholds["abusive"] < 1
    probabilities = learned.kind_probabilities("hello")
    assert probabilities is not None and abs(sum(probabilities.values()) - 1) < 1e-9


def test_features_read_digits_alike_and_are_the_same_every_run():
    assert learned.buckets("逾期3天，欠款1,234元", 17) == learned.buckets("逾期9天，欠款5,678元", 17)
    assert learned.buckets("逾期3天", 17) != learned.buckets("还款3天", 17)
    # FNV-1a over code points: fixed numbers, not Python's per-process string hash
    def fnv(*codes: int) -> int:
        value = 2166136261
        for code in codes:
            value = ((value ^ code) * 16777619) & 0xFFFFFFFF
        return value & 0x1FFFF

    assert learned.buckets("逾期", 17) == [fnv(ord("逾")), fnv(ord("逾"), ord("期")), fnv(ord("期"))]


def test_a_message_the_rules_miss_gets_the_models_tag_with_an_excerpt_and_the_tags_basis():
    verdict = check_message(_UNLISTED, jurisdiction="cn")
    learned_findings = [finding for finding in verdict.findings if ".learned." in finding.rule]
    assert learned_findings, verdict.findings
    finding = learned_findings[0]
    assert finding.rule == f"cn.learned.{finding.tag}" and finding.severity == "medium" and finding.learned
    assert finding.tag in TAGS_CONDUCT and verdict.kind == "abusive"
    assert finding.excerpt and finding.excerpt in _UNLISTED
    assert finding.basis in {rule.basis for rule in pack("cn").rules if rule.tag == finding.tag}


def test_the_learned_finding_reaches_the_json_and_the_advice(tmp_path):
    result = CliRunner().invoke(app, ["check", _UNLISTED, "--json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "abusive"
    assert any(finding["rule"].startswith("cn.learned.") and finding["excerpt"] in _UNLISTED
               for finding in data["findings"])
    assert any("evidence" in line.lower() for line in data["advice"])


@pytest.mark.parametrize("lang, note", [("en", "learned reading"), ("zh", "统计判断")])
def test_the_panel_says_which_finding_the_model_added(lang, note):
    result = CliRunner().invoke(app, ["--lang", lang, "check", _UNLISTED], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert note in result.output
    ruled = CliRunner().invoke(app, ["--lang", lang, "check", "你这个老赖，再不还钱我们就去你单位找你领导"],
                               env={"COLUMNS": "200"})
    assert ruled.exit_code == 0 and note not in ruled.output


def test_without_a_model_file_the_rules_decide_alone(model_file):
    with_model = check_message(_UNLISTED, jurisdiction="cn")
    model_file(None)
    alone = check_message(_UNLISTED, jurisdiction="cn")
    assert not any(".learned." in finding.rule for finding in alone.findings)
    assert len(alone.findings) < len(with_model.findings)


@pytest.mark.parametrize("content", [b"", b"not json\n", b'{"outputs": ["scam"], "bits": 4}\n' + b"\x00" * 3,
                                     b'{"outputs": ["scam", "abusive", "reminder", "other", "threat"], "bits": 4,'
                                     b' "scales": [1,1,1,1,1], "intercepts": [0,0,0,0,0], "thresholds": {}}\n'
                                     + b"\x80" * 64])
def test_a_damaged_model_file_never_breaks_the_check(model_file, content):
    model_file(content)
    verdict = check_message(_UNLISTED, jurisdiction="cn")
    assert verdict.kind in ("abusive", "reminder", "other")
    assert not any(".learned." in finding.rule for finding in verdict.findings)


@pytest.mark.parametrize("text, jurisdiction", [
    ("Don't worry, we will not contact your family.", "us"),
    ("我们不会联系你的任何亲友，请本人尽快处理逾期欠款。", "cn"),
    ("We'll swing by your place tonight to drop off the kids' bikes.", "us"),
    ("Bayview Lending: your payment is past due. Pay at bayviewlending.com/pay.", "us"),
    ("heads up, my neighbor got a text saying she'd be arrested over a payday loan unless she paid in gift cards. "
     "don't fall for it", "us"),
])
def test_the_rules_keep_the_last_word_where_they_know_better(text, jurisdiction):
    """Negated clauses, a family chat with no money in it, a link the facts find official, a warning to a friend:
    the model reads words, not their relations, and adds nothing here."""
    assert not any(".learned." in finding.rule for finding in check_message(text, jurisdiction=jurisdiction).findings)


# A menace that names no money: the rules see no debt in it, so the model's word counts only from its own, higher
# threshold (abusive_without_money).
_MENACE_WITHOUT_MONEY = "明早八点我们的人在你小区门口等你，你不下来，我们就上楼敲门。"


def test_a_menace_that_names_no_money_passes_the_higher_gate():
    offers = second_opinions_of(_MENACE_WITHOUT_MONEY, jurisdiction="cn", floor=0.0)
    assert [gate for gate, *_ in offers] == [ABUSIVE_WITHOUT_MONEY]
    limits = learned.thresholds()
    assert limits["abusive"] <= limits[ABUSIVE_WITHOUT_MONEY] < 1
    verdict = check_message(_MENACE_WITHOUT_MONEY, jurisdiction="cn")
    assert verdict.kind == "abusive" and any(finding.learned for finding in verdict.findings)


def test_a_model_without_the_higher_gate_never_calls_a_moneyless_message_abusive(model_file):
    shipped = Path(learned.MODEL_FILE).read_bytes()
    header, _, columns = shipped.partition(b"\n")
    fields = json.loads(header)
    del fields["thresholds"][ABUSIVE_WITHOUT_MONEY]
    model_file(json.dumps(fields).encode("utf-8") + b"\n" + columns)
    assert not any(finding.learned for finding in check_message(_MENACE_WITHOUT_MONEY, jurisdiction="cn").findings)


@pytest.mark.parametrize("text, jurisdiction", [
    ("The collector told me they'll sue if I don't pay by the 30th.", "us"),
    ("如果本月底前仍未还款，我司将依法提起诉讼，请知悉。", "cn"),
])
def test_a_lawful_next_step_is_no_threat_the_model_may_add(text, jurisdiction):
    verdict = check_message(text, jurisdiction=jurisdiction)
    assert not any(finding.learned and finding.tag == "threat" for finding in verdict.findings)
