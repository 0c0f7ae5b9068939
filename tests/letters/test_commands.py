"""`overdue draft` through the real CLI on a real database: list, preview, prompts, --no-input, files, records."""

from __future__ import annotations

import json

from .support import DUE, LATER, SOON, assert_no_placeholders, draft_json, en_date, log_contact, \
    save_extension_plan, save_instalment_plan, sha256_file, zh_date


def test_list_shows_every_type_on_one_line_each(cli):
    result = cli("draft", "--list")
    assert result.exit_code == 0, result.stderr
    for name in ("extension", "instalment", "waiver", "dispute", "conduct", "complaint", "phone-script"):
        assert name in result.stdout
    listed = cli.json("draft", "--list")
    assert [item["type"] for item in listed] == ["extension", "instalment", "waiver", "dispute", "conduct",
                                                 "complaint", "phone-script"]
    assert all("\n" not in item["description"] for item in listed)
    assert [v["name"] for v in listed[4]["variants"]["us"]] == ["lawful", "contact-me", "stop-contact"]
    assert "推迟还款" in cli("draft", "--list", "--lang", "zh").stdout


def test_preview_prints_the_letter_and_says_it_is_not_legal_advice(cli, zh_case):
    result = cli("draft", "extension", "--case", str(zh_case["id"]), "--to", LATER.isoformat(), "--reason",
                 "income_loss")
    assert result.exit_code == 0, result.stderr
    for expected in ("展期还款申请", "稳稳借", "王芳", "WW-2026-0042", "5,430.00 元", zh_date(DUE), zh_date(LATER),
                     "我的收入突然大幅减少。"):
        assert expected in result.stdout, expected
    assert_no_placeholders(result.stdout)
    assert "not legal advice" in result.stderr and "not legal advice" not in result.stdout


def test_json_gives_the_text_and_the_facts_used(cli, zh_case):
    data = draft_json(cli, "waiver", "--case", str(zh_case["id"]), "--reason", "My shop closed in May.")
    assert data["type"] == "waiver" and data["lang"] == "zh" and data["jurisdiction"] == "cn"
    assert data["paper"] == "A4" and data["saved"] is None
    assert "减免逾期利息和费用申请" in data["text"] and "原因是：My shop closed in May." in data["text"]
    assert "年化36.5%" in data["text"]  # 日0.1% as an annual rate
    assert data["facts"]["case"]["amount_due"] == "5430.00" and data["facts"]["reason"] == "My shop closed in May."
    assert data["notes"] and data["markdown"].startswith("# 减免逾期利息和费用申请")


def test_the_letter_language_follows_lang_on_the_command_line_else_the_case(cli, zh_case):
    case = str(zh_case["id"])
    args = ("phone-script", "--case", case)
    assert draft_json(cli, *args)["lang"] == "zh"
    assert draft_json(cli, *args, "--lang", "en")["lang"] == "en"
    assert draft_json(cli, "--lang", "en", *args)["lang"] == "en"
    env_only = cli("draft", *args, "--json", env={"OVERDUE_LANG": "en"})
    assert json.loads(env_only.stdout)["lang"] == "zh"  # the environment sets the program's language only
    both = cli("draft", *args, "--lang", "zh", "--letter-lang", "en", "--json")
    assert json.loads(both.stdout)["lang"] == "en"


def test_no_input_lists_every_missing_fact_and_exits_2(cli):
    case = cli.json("case", "new", "--no-input", "--lender", "Quick Cash", "--amount-due", "$800",
                    "--jurisdiction", "us", "--currency", "USD", "--letter-lang", "en")
    result = cli("draft", "extension", "--case", str(case["id"]), "--no-input")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--to DATE" in result.stderr and "--reason" in result.stderr and "Traceback" not in result.stderr
    result = cli("draft", "dispute", "--case", str(case["id"]), "--no-input", "--lang", "zh")
    assert result.exit_code == 2 and "你的姓名" in result.stderr and "--borrower-name" in result.stderr
    result = cli("draft", "instalment", "--case", str(case["id"]), "--no-input")
    assert result.exit_code == 2 and "--monthly" in result.stderr and "overdue plan" in result.stderr
    result = cli("draft", "conduct", "--case", str(case["id"]), "--variant", "contact-me", "--no-input")
    assert result.exit_code == 2 and "your name" in result.stderr and "--borrower-address" in result.stderr


def test_missing_facts_are_asked_for_and_the_name_is_saved_to_the_case(cli):
    case = cli.json("case", "new", "--no-input", "--lender", "Quick Cash", "--amount-due", "$800",
                    "--jurisdiction", "us", "--currency", "USD", "--letter-lang", "en")
    answers = f"yesterday\n{SOON.isoformat()}\nincome_loss\n"
    result = cli("draft", "dispute", "--case", str(case["id"]), input="Jane Roe\n")
    assert result.exit_code == 0, result.stderr
    assert "Jane Roe" in result.stdout and "Saved to case" in result.stdout
    assert cli.json("case", "show", str(case["id"]))["borrower_name"] == "Jane Roe"
    result = cli("draft", "extension", "--case", str(case["id"]), input=answers)
    assert result.exit_code == 0, result.stderr
    assert "is not a date we understand" in result.stderr  # a bad answer is asked again, not fatal
    assert f"I will pay $800.00 by {en_date(SOON)}." in result.stdout and "My income fell sharply." in result.stdout


def test_instalment_without_a_plan_asks_for_the_monthly_amount_and_start(cli, us_case):
    result = cli("draft", "instalment", "--case", str(us_case["id"]), input=f"0\n300\n{SOON.isoformat()}\n")
    assert result.exit_code == 0, result.stderr
    assert "more than zero" in result.stderr
    assert "$300.00" in result.stdout and "$50.00" in result.stdout and "$1,250.00" in result.stdout
    flags = draft_json(cli, "instalment", "--case", str(us_case["id"]), "--monthly", "300", "--start",
                       SOON.isoformat())
    assert [row["amount"] for row in flags["facts"]["schedule"]] == ["300.00"] * 4 + ["50.00"]
    assert flags["facts"]["schedule_source"] == "user"
    only_monthly = cli("draft", "instalment", "--case", str(us_case["id"]), "--monthly", "625", input=f"{SOON}\n")
    assert only_monthly.exit_code == 0 and only_monthly.stdout.count("$625.00") >= 2


def test_the_saved_plan_supplies_schedule_reason_and_date_and_caps_the_promise(cli, zh_case, conn):
    save_instalment_plan(conn, zh_case["id"], monthly="1000", start=SOON, total="5430")
    data = draft_json(cli, "instalment", "--case", str(zh_case["id"]))
    assert data["facts"]["schedule_source"] == "plan" and data["facts"]["schedule_total"] == "5430.00"
    assert "我的收入突然大幅减少。" in data["text"] and "第6期" in data["text"]
    over = cli("draft", "instalment", "--case", str(zh_case["id"]), "--monthly", "1500", "--start", SOON.isoformat())
    assert over.exit_code == 2 and "1,000.00" in over.stderr
    extension = cli("draft", "extension", "--case", str(zh_case["id"]), "--to", LATER.isoformat(), "--no-input")
    assert extension.exit_code == 2 and "分期" not in extension.stdout
    save_extension_plan(conn, zh_case["id"], total="5430", to=LATER)
    data = draft_json(cli, "extension", "--case", str(zh_case["id"]), "--no-input")
    assert f"我承诺在{zh_date(LATER)}前还款5,430.00 元。" in data["text"]
    assert "我生病了" in data["text"]


def test_after_a_dispute_letter_no_later_letter_accepts_the_amount(cli, us_case, tmp_path):
    args = ("extension", "--case", str(us_case["id"]), "--to", SOON.isoformat(), "--reason", "illness")
    assert "I will pay $1,250.00" in draft_json(cli, *args)["text"]
    assert cli("draft", "dispute", "--case", str(us_case["id"]), "-o", str(tmp_path / "d.txt")).exit_code == 0
    text = draft_json(cli, *args)["text"]
    assert "I will pay" not in text and "I do not accept that this amount is correct" in text


def test_old_debts_need_an_explicit_choice_to_promise(cli):
    case = cli.json("case", "new", "--no-input", "--lender", "Old Loans Inc", "--amount-due", "$2000",
                    "--due-date", "2019-04-01", "--jurisdiction", "us", "--currency", "USD", "--letter-lang", "en")
    args = ("extension", "--case", str(case["id"]), "--to", SOON.isoformat(), "--reason", "illness")
    refused = cli("draft", *args, "--no-input")
    assert refused.exit_code == 2 and "limitation period" in refused.stderr and "--promise-old-debt" in refused.stderr
    declined = cli("draft", *args, input="no\n")
    assert declined.exit_code == 2
    chosen = cli("draft", *args, "--promise-old-debt")
    assert chosen.exit_code == 0 and "I will pay $2,000.00" in chosen.stdout and "revive" in chosen.stderr


def test_saved_letter_is_recorded_with_its_hash_and_in_the_evidence_log(cli, us_case, tmp_path, conn):
    from overdue_aid.evidence.log import list_entries
    from overdue_aid.letters.record import list_letters

    target = tmp_path / "letter.docx"
    result = cli("draft", "conduct", "--case", str(us_case["id"]), "--variant", "stop-contact", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "Recorded with case" in result.stdout and "§1692c(c)" in result.stderr
    [record] = list_letters(conn, us_case["id"])
    assert (record.type, record.variant, record.format, record.lang) == ("conduct", "stop-contact", "docx", "en")
    assert record.sha256 == sha256_file(target) and record.path == str(target.resolve())
    [entry] = [e for e in list_entries(conn, us_case["id"]) if e.id == record.evidence_entry_id]
    assert (entry.channel, entry.direction, entry.source) == ("letter", "outgoing", "letters")
    assert entry.attachments[0][0] == record.sha256 and record.sha256 in entry.summary


def test_existing_files_are_never_overwritten_without_force(cli, us_case, tmp_path):
    target = tmp_path / "letter.txt"
    target.write_text("my own notes", "utf-8")
    args = ("draft", "phone-script", "--case", str(us_case["id"]), "-o", str(target))
    refused = cli(*args)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text("utf-8") == "my own notes"
    assert cli(*args, "--force").exit_code == 0
    assert "Phone script: calling Acme Recovery LLC" in target.read_text("utf-8")


def test_format_comes_from_the_file_name_and_binary_formats_need_a_file(cli, us_case, tmp_path):
    data = draft_json(cli, "dispute", "--case", str(us_case["id"]), "-o", str(tmp_path / "x.HTML"))
    assert data["saved"]["format"] == "html" and data["format"] == "html"
    result = cli("draft", "dispute", "--case", str(us_case["id"]), "--format", "pdf")
    assert result.exit_code == 2 and "-o" in result.stderr
    html = cli("draft", "dispute", "--case", str(us_case["id"]), "--format", "html")
    assert html.exit_code == 0 and html.stdout.startswith("<!DOCTYPE html>")


def test_bad_requests_exit_2_with_one_clear_line(cli, us_case):
    case = str(us_case["id"])
    cases = [(("draft", "letter-of-love", "--case", case), "extension, instalment"),
             (("draft", "conduct", "--case", case, "--variant", "12378"), "contact-me"),
             (("draft", "extension"), "--case"),
             (("draft", "--case", case), "--list"),
             (("draft", "extension", "--case", case, "--to", "2001-01-01", "--reason", "illness"), "2001-01-01"),
             (("draft", "extension", "--case", case, "--to", "soon"), "--to"),
             (("draft", "dispute", "--case", case, "--format", "rtf"), "rtf"),
             (("draft", "dispute", "--case", case, "-o", "letter.doc"), ".doc")]
    for args, expected in cases:
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert expected in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)
    assert cli("draft", "dispute", "--case", "999").exit_code == 1


def test_conduct_and_complaint_use_the_evidence_log(cli, zh_case, conn, data_home):
    case_id = zh_case["id"]
    log_contact(conn, data_home, case_id, "2026-03-02T23:15:00", summary="凌晨打电话催收")
    log_contact(conn, data_home, case_id, "2026-03-05T10:00:00", contacted=("family",), summary="打给我母亲")
    conduct = draft_json(cli, "conduct", "--case", str(case_id))["text"]
    assert "深夜或清晨联系：2026年3月2日" in conduct and "就这笔欠款联系其他人：2026年3月5日" in conduct
    complaint = draft_json(cli, "complaint", "--case", str(case_id), "--variant", "12363", "--credit-report")
    text = complaint["text"]
    assert "2026年3月2日 23:15" in text and "凌晨打电话催收" in text and "打给我母亲；联系了我的家人" in text
    assert "《征信业管理条例》第25条、第26条" in text and complaint["facts"]["contacts"] == 2
    assert_no_placeholders(text)


def test_complaint_without_evidence_asks_what_happened(cli, us_case):
    result = cli("draft", "complaint", "--case", str(us_case["id"]), "--no-input")
    assert result.exit_code == 2 and "what happened" in result.stderr
    data = draft_json(cli, "complaint", "--case", str(us_case["id"]), "--variant", "state-ag", "--reason",
                      "They called my boss twice.")
    assert "They called my boss twice." in data["text"] and "Office of the Attorney General" in data["text"]


def test_case_export_carries_the_letters_and_import_restores_them(cli, us_case, tmp_path):
    letter = tmp_path / "l.md"
    assert cli("draft", "dispute", "--case", str(us_case["id"]), "-o", str(letter)).exit_code == 0
    exported = tmp_path / "case.toml"
    assert cli("case", "export", str(us_case["id"]), "-o", str(exported)).exit_code == 0
    assert sha256_file(letter) in exported.read_text("utf-8")
    imported = cli.json("case", "import", str(exported))
    from overdue_aid.letters.record import list_letters
    from overdue_aid.store.db import connect
    from overdue_aid.settings import default_data_dir

    [record] = list_letters(connect(default_data_dir()), imported["id"])
    assert record.sha256 == sha256_file(letter) and record.evidence_entry_id is None


def test_listing_and_json_drafts_import_no_document_library(us_case):
    import os
    import subprocess
    import sys

    probe = ("import json, sys\nsys.argv = ['overdue', *sys.argv[1:]]\nfrom overdue_aid import cli\n"
             "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
             "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})), file=sys.stderr)\n")
    loaded = {}
    for name, args in (("list", ["draft", "--list", "--json"]),
                       ("draft", ["draft", "dispute", "--case", str(us_case["id"]), "--json"])):
        result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60,
                                env=dict(os.environ))
        loaded[name] = set(json.loads(result.stderr.strip().splitlines()[-1]))
        assert loaded[name] & {"rich", "reportlab", "docx"} == set(), args
    assert "jinja2" not in loaded["list"] and "jinja2" in loaded["draft"]  # templates load only to compose
