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
