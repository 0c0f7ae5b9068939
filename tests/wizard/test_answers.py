"""`overdue wizard --answers FILE --no-input`: the scripted path, its template and its errors."""

from __future__ import annotations

import json
import tomllib
import zipfile
from pathlib import Path

import pytest

from overdue_aid.wizard.flow import answers_template


def write_template(cli, tmp_path: Path, lang: str) -> Path:
    result = cli("wizard", "--answers-template", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    path = tmp_path / f"answers-{lang}.toml"
    path.write_text(result.stdout, "utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_is_commented_valid_toml_in_the_users_language(cli, tmp_path, lang):
    path = write_template(cli, tmp_path, lang)
    text = path.read_text("utf-8")
    document = tomllib.loads(text)
    assert list(document) == ["welcome", "check", "case", "analysis", "plan", "letters", "evidence"]
    assert document["welcome"]["lang"] == lang
    assert ("# Which debt is this about?" in text) if lang == "en" else ("# 说的是哪一笔欠款？" in text)
    assert isinstance(document["evidence"]["contacts"], list)
    assert text == answers_template(lang)


def test_the_template_runs_as_it_is_and_does_every_step(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_template(cli, tmp_path, "zh")
    result = cli("wizard", "--answers", str(path), "--no-input", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["skipped"] == []
    case = cli.json("case", "show", str(data["case_id"]))
    assert case["lender"] == "稳稳借" and case["amount_due"] == "5430.00" and case["late_rate"] == "18.25"
    assert case["letter_lang"] == "zh" and case["jurisdiction"] == "cn"
    # the message check ran on the template's message
    verdict = data["steps"]["check"]["verdict"]
    assert verdict["kind"] == "reminder" and verdict["facts"]["lender"] == "稳稳借" and verdict["advice"]
    # the analysis and the chosen plan are saved with the case
    from overdue_aid.analysis.store import chosen_plan, latest_analysis
    from overdue_aid.store.db import connect

    conn = connect(tmp_path / "home")
    assert latest_analysis(conn, data["case_id"])["causes"] == ["income_loss"]
    plan = chosen_plan(conn, data["case_id"])
    assert plan.kind == "instalments" and sum(row.amount for row in plan.rows) == plan.total
    assert data["summary"]["checklist"][0]["key"] == "verify_debt"
    assert any(item["key"] == "first_payment" for item in data["summary"]["checklist"])
    # the letter is a real PDF, and the bundle holds the checked message, the contact and the letter
    files = {item["kind"]: Path(item["path"]) for item in data["summary"]["files"]}
    assert files["letter"] == tmp_path / "overdue-aid-files" / f"case{data['case_id']}-instalment-zh.pdf"
    assert files["letter"].read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(files["bundle"]) as bundle:
        entries = [entry["content"] for entry in json.loads(bundle.read("evidence.json"))["entries"]]
    assert [(entry["channel"], entry["source"]) for entry in entries] == \
        [("letter", "letters"), ("sms", "wizard"), ("call", "wizard")]
    assert entries[1]["text"] == tomllib.loads(path.read_text("utf-8"))["check"]["message"]
    assert [channel["contact"] for channel in data["summary"]["help"]["channels"]][1:3] == ["12378", "12363"]
    # a finished scripted run leaves no progress behind
    assert not (tmp_path / "home" / "wizard" / "progress.json").exists()


def test_missing_and_invalid_answers_are_all_listed_and_nothing_is_saved(cli, tmp_path):
    path = write_template(cli, tmp_path, "en")
    text = path.read_text("utf-8")
    text = text.replace('amount_due = "$1,250.00"', 'amount_due = "a lot"').replace('lender = "ACME Loans"\n', "")
    text = text.replace('due_date = "2026-03-01"', 'due_date = "2026-02-30"').replace("[plan]", "[plan]\nhurry = true")
    text = text.replace('income_earnings = "6000"', 'income_earnings = "-5"')
    path.write_text(text, "utf-8")
    result = cli("wizard", "--answers", str(path), "--no-input")
    assert result.exit_code == 2
    for expected in ("case.lender: missing", "case.amount_due", "a lot", "case.due_date", "2026-02-30",
                     "plan.hurry: there is no such question"):
        assert expected in result.stderr, expected
    assert "analysis.income_earnings" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert cli.json("case", "list") == []


def test_a_missing_step_and_a_skipped_case_are_reported_in_chinese(cli, tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('[welcome]\nlang = "zh"\njurisdiction = "cn"\n[case]\nskip = true\n[typo]\nx = 1\n', "utf-8")
    result = cli("wizard", "--answers", str(path), "--no-input", "--lang", "zh")
    assert result.exit_code == 2
    assert "[case]：这一步不能跳过" in result.stderr and "[typo]：没有这个步骤" in result.stderr
    assert "[letters]：缺少这一步" in result.stderr


def test_skipped_steps_are_skipped(cli, tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('[case]\ncase = "new"\nlender = "ACME Loans"\namount_due = "$300"\n'
                    + "".join(f"[{step}]\nskip = true\n" for step in ("check", "analysis", "plan", "letters", "evidence")),
                    "utf-8")
    data = cli.json("wizard", "--answers", str(path), "--no-input")
    assert data["skipped"] == ["check", "analysis", "plan", "letters", "evidence"]
    assert data["jurisdiction"] == "us" and data["summary"]["files"] == []
    assert cli.json("case", "show", str(data["case_id"]))["currency"] == "USD"


def test_no_input_without_answers_and_resume_without_progress_are_bad_input(cli, tmp_path):
    result = cli("wizard", "--no-input")
    assert result.exit_code == 2 and "--answers" in result.stderr
    malformed = tmp_path / "bad.toml"
    malformed.write_text("[case\n", "utf-8")
    result = cli("wizard", "--answers", str(malformed), "--no-input")
    assert result.exit_code == 2 and "bad.toml" in result.stderr
    result = cli("wizard", "--answers", str(tmp_path / "none.toml"), "--no-input")
    assert result.exit_code == 2
