"""Case export/import through real TOML files; bad files change nothing."""

import tomllib

import pytest


def case_count(cli):
    return len(cli.json("case", "list"))


def test_export_writes_decimal_strings_and_dates(cli, saved_case, tmp_path):
    target = tmp_path / "case.toml"
    result = cli("case", "export", str(saved_case["id"]), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(target.read_text("utf-8"))
    assert data["case"]["amount_due"] == "5430.00"
    assert str(data["case"]["due_date"]) == "2026-03-01"
    assert data["case"]["lender"] == "稳稳借"
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_export_never_overwrites_without_force(cli, saved_case, tmp_path):
    target = tmp_path / "case.toml"
    target.write_text("keep me")
    result = cli("case", "export", str(saved_case["id"]), "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text() == "keep me"
    assert cli("case", "export", str(saved_case["id"]), "-o", str(target), "--force").exit_code == 0
    assert "稳稳借" in target.read_text("utf-8")


@pytest.mark.parametrize("body, named", [
    ('format = "overdue-aid/case"\n[case]\nlender = "A"\namount_due = "10"\ncurrency = "CNY"\n'
     'jurisdiction = "cn"\nletter_lang = "zh"\ncolour = "blue"\n', "case.colour"),
    ('[case]\nlender = "A"\namount_due = "ten"\ncurrency = "CNY"\njurisdiction = "cn"\nletter_lang = "zh"\n', "ten"),
    ('[case]\nlender = ["A"]\namount_due = "10"\ncurrency = "CNY"\njurisdiction = "cn"\nletter_lang = "zh"\n',
     "case.lender"),
    ('[case]\nlender = "A"\namount_due = "10"\ncurrency = "EUR"\njurisdiction = "cn"\nletter_lang = "zh"\n', "EUR"),
    ('[case]\nlender = "A"\n', "case.amount_due"),
    ('[case]\nlender = "A"\namount_due = 10\n\ncurrency = "CNY\n', "line 5"),
    ('[case]\nlender = "A"\namount_due = "10"\ncurrency = "CNY"\njurisdiction = "cn"\nletter_lang = "zh"\n'
     '[surprise]\nx = 1\n', "surprise"),
])
def test_bad_files_exit_2_naming_the_problem_and_change_nothing(cli, saved_case, tmp_path, body, named):
    source = tmp_path / "bad.toml"
    source.write_text(body, "utf-8")
    before = case_count(cli)
    result = cli("case", "import", str(source))
    assert result.exit_code == 2, result.stderr
    assert named in result.stderr
    assert "Traceback" not in result.stderr
    assert case_count(cli) == before


def test_missing_import_file_is_a_clear_error(cli, tmp_path):
    result = cli("case", "import", str(tmp_path / "nope.toml"), "--lang", "zh")
    assert result.exit_code == 2
    assert "找不到文件" in result.stderr
