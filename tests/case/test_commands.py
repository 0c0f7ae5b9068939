import json

from overdue_aid.case.toml_io import read_case_file


def test_new_case_with_flags_prints_it_with_id(cli):
    result = cli("case", "new", "--no-input", "--lender", "稳稳借", "--amount-due", "1.2万",
                 "--due-date", "2026年3月1日", "--jurisdiction", "cn", "--json")
    assert result.exit_code == 0, result.stderr
    case = json.loads(result.stdout)
    assert case["id"] == 1
    assert case["amount_due"] == "12000.00"
    assert case["currency"] == "CNY"
    assert case["due_date"] == "2026-03-01"


def test_no_input_lists_every_missing_field_and_exits_2(cli):
    result = cli("case", "new", "--no-input", "--lang", "zh")
    assert result.exit_code == 2
    assert "出借方" in result.stderr and "--amount-due" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_unknown_case_is_one_line_in_chinese(cli):
    result = cli("case", "show", "999", "--lang", "zh")
    assert result.exit_code == 1
    assert "找不到" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_export_then_import_gives_equal_case(cli, saved_case, tmp_path):
    target = tmp_path / "case.toml"
    assert cli("case", "export", str(saved_case["id"]), "-o", str(target)).exit_code == 0
    exported, _ = read_case_file(target)
    imported = cli.json("case", "import", str(target))
    assert imported["id"] != saved_case["id"]
    for key, value in saved_case.items():
        if key not in ("id", "updated_at"):
            assert imported[key] == value, key
    assert exported.amount_due == imported_amount(imported)


def imported_amount(case):
    from decimal import Decimal

    return Decimal(case["amount_due"])


def test_new_case_answered_at_the_prompts_in_chinese(cli):
    answers = "\n".join([
        "好借钱",        # lender
        "HJQ-778",      # account ref
        "张三",          # name
        "",             # jurisdiction: default cn
        "",             # currency: default CNY
        "很多",          # not an amount -> asked again
        "壹万贰仟元整",   # amount due
        "1万",           # principal
        "2026年3月1日",  # due date
        "日0.05%",       # late rate
        "",             # fees: skip
        "",             # letter language: default zh
    ]) + "\n"
    result = cli("case", "new", "--lang", "zh", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "你是向谁借的钱" in result.stderr
    assert "已保存为案件 1" in result.stdout
    case = cli.json("case", "show", "1")
    assert case["lender"] == "好借钱" and case["amount_due"] == "12000.00" and case["principal"] == "10000.00"
    assert case["jurisdiction"] == "cn" and case["currency"] == "CNY" and case["letter_lang"] == "zh"
    assert case["late_rate"] == "18.25" and case["due_date"] == "2026-03-01"
    listing = cli("case", "list", "--lang", "zh")
    assert "好借钱" in listing.stdout and "12,000.00 元" in listing.stdout


def test_edit_changes_only_given_fields(cli, saved_case):
    edited = cli.json("case", "edit", str(saved_case["id"]), "--amount-due", "¥3,256.78", "--status", "closed")
    assert edited["amount_due"] == "3256.78" and edited["status"] == "closed"
    assert edited["lender"] == saved_case["lender"]
    assert cli("case", "edit", str(saved_case["id"]), "--no-input").exit_code == 2


def test_bad_flags_are_all_reported_together(cli):
    result = cli("case", "new", "--no-input", "--lender", "A", "--amount-due", "-5", "--due-date", "someday")
    assert result.exit_code == 2
    assert "-5" in result.stderr and "someday" in result.stderr
    assert cli.json("case", "list") == []
