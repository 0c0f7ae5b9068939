"""overdue guide / rights / help-channels through the real CLI."""

from __future__ import annotations

import re

import pytest

from overdue_aid.guide.content import RULES, STATUSES


def test_guide_gives_the_six_steps_in_order_and_warns_against_new_loans(cli):
    data = cli.json("guide", "--lang", "zh")
    assert [step["id"] for step in data["steps"]] == ["verify", "contact", "help", "privacy", "plan", "prevent"]
    assert [step["number"] for step in data["steps"]] == [1, 2, 3, 4, 5, 6]
    assert all(step["points"] for step in data["steps"])
    assert any("以贷养贷" in item for item in data["never"])
    assert any("不理" in item for item in data["never"])
    assert "不构成法律意见" in data["disclaimer"]


def test_guide_for_people_prints_every_step_title(cli):
    result = cli("guide")
    assert result.exit_code == 0, result.stderr
    data = cli.json("guide")
    for step in data["steps"]:
        assert step["title"] in result.stdout
    assert "not legal advice" in result.stdout


@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_every_right_names_its_source_and_a_known_status(cli, jurisdiction):
    data = cli.json("rights", "--jurisdiction", jurisdiction)
    rules = data["may"] + data["may_not"]
    assert len(rules) == len(RULES[jurisdiction])
    assert data["may"] and data["may_not"]
    for rule in rules:
        assert rule["source"].strip() and rule["text"].strip()
        assert rule["status"] in STATUSES
    assert any("not legal advice" in caveat for caveat in data["caveats"])
    assert any("not a crime" in caveat for caveat in data["caveats"])


def test_chinese_guideline_limits_are_not_called_law(cli):
    data = cli.json("rights", "--jurisdiction", "cn", "--lang", "zh")
    by_id = {rule["id"]: rule for rule in data["may_not"]}
    for rule_id in ("night_contact", "call_attempts", "connected_calls", "third_parties"):
        assert by_id[rule_id]["status"] in ("self-regulatory", "standard")
        assert by_id[rule_id]["reported"] is True
    assert "22" in by_id["night_contact"]["text"]
    assert "6" in by_id["call_attempts"]["text"] and "3" in by_id["connected_calls"]["text"]
    # rules-map §3 caveat 3: the guideline numbers are not a statute
    assert any("不是法律条文" in caveat for caveat in data["caveats"])
    human = cli("rights", "--jurisdiction", "cn", "--lang", "zh")
    assert "据报道" in human.stdout and "GB/T 45251-2025" in human.stdout


def test_us_rights_cite_the_fdcpa_and_regulation_f(cli):
    data = cli.json("rights", "-j", "us")
    sources = " ".join(rule["source"] for rule in data["may_not"])
    for section in ("§1692c(a)(1)", "§1006.14(b)(2)", "§1692c(b)", "§1692e(4)", "§1692g"):
        assert section in sources
    assert any("original lender" in caveat for caveat in data["caveats"])


def test_help_channels_lists_the_hotlines_and_flags_unverified_numbers(cli):
    data = cli.json("help-channels", "--jurisdiction", "cn")
    assert [block["jurisdiction"] for block in data["jurisdictions"]] == ["cn"]
    channels = {channel["id"]: channel for channel in data["jurisdictions"][0]["channels"]}
    for number in ("12378", "12363", "110", "96110"):
        assert channels[number]["contact"] == number
    assert channels["fanzha_app"]["contact"] == "国家反诈中心 App"
    for unverified in ("12348", "12315", "12321"):
        assert channels[unverified]["mark"] == "unverified"
        assert "not confirmed" in channels[unverified]["note"]
    assert list(channels).index("lender") < list(channels).index("12378") < list(channels).index("110")


def test_help_channels_without_jurisdiction_shows_both_in_chinese(cli):
    data = cli.json("help-channels", "--lang", "zh")
    assert [block["jurisdiction"] for block in data["jurisdictions"]] == ["cn", "us"]
    us = {channel["id"]: channel for channel in data["jurisdictions"][1]["channels"]}
    assert "(855) 411-2372" in us["cfpb"]["contact"]
    assert "reportfraud.ftc.gov" in us["ftc"]["contact"]
    assert {"state_ag", "legal_aid"} <= set(us)
    human = cli("help-channels", "--lang", "zh")
    assert human.exit_code == 0 and "12378" in human.stdout and "CFPB" in human.stdout


def test_unknown_jurisdiction_is_exit_2_in_the_users_language(cli):
    result = cli("rights", "--jurisdiction", "uk", "--lang", "zh")
    assert result.exit_code == 2
    assert "uk" in result.stderr and "cn, us" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_no_guide_text_advises_borrowing_to_repay_or_ignoring_the_debt():
    from overdue_aid.i18n import catalog

    for lang, borrow, ignore in (("en", r"(take|get) (out )?a new loan", r"\bignore\b"),
                                 ("zh", r"借新(债|贷)还旧", r"不理|无视")):
        for key, value in catalog(lang).items():
            if not key.startswith("guide."):
                continue
            for line in value if isinstance(value, list) else [value]:
                if re.search(borrow, line) or re.search(ignore, line):
                    assert re.search(r"^(Never|千万不要)", line), (key, line)
