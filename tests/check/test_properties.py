"""Any text at all: never a crash, always JSON, every excerpt a substring of the input."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from overdue_aid.check.core import check_message

# Characters the checker treats specially, so random text hits its edge cases often.
_SPECIAL = st.sampled_from(list("逾期欠款还钱你家人通讯录微信验证码账户冻结派人上门老赖不会不要！？。，、：…"
                                "　\u200b\u00ad½İﬁ①％＄￥０９ＡＺ帳戶還錢 -_.*|/\\@$%:1234567890kKwW元万千")
                           + ["http://", ".apk", "xn--", "170", "6222 0000 1234 5678", "【易借花】", "don't", "never"])
_TEXT = st.lists(st.one_of(st.text(max_size=20), _SPECIAL), max_size=60).map("".join)
_BIG = st.text(min_size=1, max_size=300).map(lambda chunk: (chunk * (100_000 // len(chunk) + 1))[:100_000])


def _assert_sound(text: str, jurisdiction: str | None = None) -> None:
    verdict = check_message(text, jurisdiction=jurisdiction)
    data = verdict.as_dict("zh")
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["tags"] == sorted(set(data["tags"]))
    for finding in verdict.findings:
        assert finding.excerpt in text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from([None, "cn", "us"]))
def test_any_text_gives_a_sound_verdict(text, jurisdiction):
    _assert_sound(text, jurisdiction)


_REAL = ("【易借花】您的借款已逾期15天，应还5,430.00元，再不还就爆你通 讯 录，加v信 kf_01 转账。http://198.51.100.2/a.apk "
         "Your account is past due. Call 305-555-0177 or we will contact your family. Pay $400 at pay-now.top today. ")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_BIG)
@example((_REAL * 600)[:100_000])
@example(("逾期" * 50_000)[:100_000])
@example(("1" * 100_000))
def test_texts_up_to_100_kb_give_a_sound_verdict(text):
    _assert_sound(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=200).filter(lambda text: text.strip() and text.strip() != "-"
                                                  and not text.lstrip().startswith("-")))
def test_the_command_prints_json_for_any_text(cli, text):
    result = cli("check", text, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert all(finding["excerpt"] in text for finding in data["findings"])
