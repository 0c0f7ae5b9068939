"""The `overdue evidence` commands through the real CLI: prompts, --no-input, --json everywhere, errors."""

from __future__ import annotations

import json

from .conftest import count_entries


def test_add_asks_for_what_is_missing(cli, cn_case, data_dir):
    answers = "\n".join([
        "2026-03-02 23:15",  # when
        "短信",  # channel
        "",  # direction: default incoming
        "稳稳借催收部",  # counterpart
        "10691234567",  # number
        "me,家人",  # contacted
        "说要联系我妈",  # summary
        "再不还就打给你妈妈",  # text
        "",  # attachments
    ]) + "\n"
    result = cli("evidence", "add", "--case", str(cn_case), input=answers)
    assert result.exit_code == 0, result.stderr
    assert "Saved as entry 1 of case 1" in result.stdout
    entry = cli.json("evidence", "show", "1")
    assert entry["at"] == "2026-03-02T23:15:00+08:00" and entry["channel"] == "sms"
    assert entry["contacted"] == ["family", "me"] and entry["counterpart_name"] == "稳稳借催收部"
    assert entry["text"] == "再不还就打给你妈妈" and entry["summary"] == "说要联系我妈"
    assert "How did they contact you?" in result.stderr


def test_a_bad_answer_is_asked_again(cli, cn_case):
    answers = "now\npigeon\ncall\n\n\n\nme\nunanswered\n\n\n"
    result = cli("evidence", "add", "--case", str(cn_case), input=answers)
    assert result.exit_code == 0, result.stderr
    assert '"pigeon" is not one of' in result.stderr
    assert cli.json("evidence", "show", "1")["outcome"] == "unanswered"


def test_no_input_names_what_is_missing_and_writes_nothing(cli, cn_case, data_dir):
    result = cli("evidence", "add", "--no-input", "--case", str(cn_case))
    assert result.exit_code == 2 and "--channel" in result.stderr
    assert count_entries(data_dir) == 0


def test_the_case_is_asked_for_when_there_are_several(cli, cn_case, us_case):
    result = cli("evidence", "add", "--no-input", "--channel", "sms")
    assert result.exit_code == 2 and "--case" in result.stderr
    answers = f"{us_case}\n2026-03-02 22:00\nsms\n\n\n\n\n\nPay now\n\n"
    result = cli("evidence", "add", input=answers)
    assert result.exit_code == 0, result.stderr
    assert cli.json("evidence", "show", "1")["at"] == "2026-03-02T22:00:00-06:00"


def test_a_future_date_is_refused_in_the_users_language(cli, cn_case, data_dir):
    result = cli("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "sms", "--at", "2099-01-01 10:00",
                 "--lang", "zh")
    assert result.exit_code == 2 and "未来的时间" in result.stderr and "Traceback" not in result.stderr
    assert count_entries(data_dir) == 0


def test_stop_request_and_contact_after_it_show_in_the_us_stats(cli, us_case):
    def add(*args):
        return cli.json("evidence", "add", "--no-input", "--case", str(us_case), *args)

    add("--channel", "letter", "--direction", "outgoing", "--at", "2026-03-02 10:00", "--stop-request",
        "--summary", "Cease letter sent by certified mail")
    add("--channel", "call", "--outcome", "unanswered", "--at", "2026-03-06 21:30")
    stats = cli.json("evidence", "stats", "--case", str(us_case))
    found = {item["rule_id"]: item for item in stats["breaches"]}
    assert found["us.after_cease"]["count"] == 1 and found["us.after_cease"]["status"] == "law"
    assert found["us.hours_fdcpa"]["dates"] == ["2026-03-06"]
    assert stats["timezone"] == "America/Chicago"
    human = cli("evidence", "stats", "--case", str(us_case))
    assert "FDCPA §1692c(c)" in human.stdout and "not legal advice" in human.stdout


def test_every_subcommand_speaks_json(cli, cn_case, tmp_path):
    added = cli.json("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "sms",
                     "--at", "2026-03-02 23:15", "--text", "还钱")
    assert added["id"] == 1 and len(added["entry_hash"]) == 64
    assert [entry["id"] for entry in cli.json("evidence", "list")] == [1]
    assert cli.json("evidence", "show", "1")["corrected_by"] == []
    assert cli.json("evidence", "verify")["ok"] is True
    assert cli.json("evidence", "stats")["contacts"] == 1
    assert cli.json("evidence", "export", "-o", str(tmp_path / "b.zip"))["entries"] == 1
    error = cli("evidence", "show", "42", "--json")
    assert error.exit_code == 1 and json.loads(error.stdout)["error"]["key"] == "evidence.errors.entry_not_found"


def test_list_filters_and_human_output(cli, cn_case):
    for at, channel in (("2026-03-01 10:00", "call"), ("2026-03-02 23:15", "sms")):
        cli.json("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", channel, "--at", at,
                 "--summary", "[red]not markup[/red]")
    assert [e["channel"] for e in cli.json("evidence", "list", "--since", "2026-03-02")] == ["sms"]
    assert [e["channel"] for e in cli.json("evidence", "list", "--until", "2026-03-01")] == ["call"]
    assert [e["channel"] for e in cli.json("evidence", "list", "--channel", "电话")] == ["call"]
    human = cli("evidence", "list", "--lang", "zh")
    assert human.exit_code == 0 and "证据记录（共 2 条）" in human.stdout and "[red]not" in human.stdout
