"""`overdue analyse`, `plan`, `apr` through the real CLI and a real SQLite file."""

import json
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from overdue_aid.analysis.plan import Plan
from overdue_aid.analysis.store import chosen_plan, household_budget, latest_analysis
from overdue_aid.store.db import connect

BUDGET = ["--income-earnings", "6000", "--spend-housing", "1500", "--spend-food", "1200",
          "--spend-utilities", "300", "--spend-transport", "200"]


def _db(data_home):
    return connect(data_home)


def _count(data_home, table):
    conn = sqlite3.connect(data_home / "overdue.db")
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_analyse_with_flags_saves_the_result_with_the_case(cli, saved_case, data_home):
    result = cli.json("analyse", str(saved_case["id"]), "--no-input", "--cause", "income_loss", *BUDGET,
                      "--lender-kind", "private", "--contract-date", "2025-09-01")
    assert result["causes"] == ["income_loss"]
    assert result["strategy"] == "instalments" and result["recommended_plan"] == "instalments"
    assert result["budget"]["disposable"] == "2800.00"
    waiting = result["cost_of_waiting"]
    assert [point["days"] for point in waiting["points"]] == [0, 30, 60, 90]
    assert waiting["above_cap"] is True and waiting["cap"]["rate"] == "12.00"
    conn = _db(data_home)
    stored = latest_analysis(conn, saved_case["id"])
    assert stored["id"] == result["id"] and stored["strategy"] == "instalments"
    assert household_budget(conn).disposable == Decimal("2800.00")
    shown = cli.json("case", "show", str(saved_case["id"]))
    assert shown["analysis"]["id"] == result["id"] and shown["plan"] is None


def test_analyse_report_in_chinese_has_tables_chart_and_caveats(cli, saved_case):
    result = cli("analyse", str(saved_case["id"]), "--no-input", "--cause", "too_many_debts", *BUDGET, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "家庭每月收支" in out and "拖着不还要多付多少" in out and "█" in out
    assert "以贷养贷" in out and "不构成法律意见" in out
    assert "持牌机构" in out and "二手来源" in out  # the 24% line keeps its [secondary] mark


def test_second_case_reuses_the_household_budget(cli, saved_case):
    cli.json("analyse", str(saved_case["id"]), "--no-input", "--cause", "illness", *BUDGET)
    other = cli.json("case", "new", "--no-input", "--lender", "快快花", "--amount-due", "3000", "--jurisdiction", "cn")
    result = cli.json("analyse", str(other["id"]), "--no-input", "--cause", "income_loss")
    assert result["budget"]["disposable"] == "2800.00"
    assert result["strategy"] == "pro_rata"
    pro_rata = next(option for option in result["plans"] if option["kind"] == "pro_rata")
    assert sum(Decimal(share) for share in pro_rata["shares"].values()) == Decimal("2800.00")


def test_answers_file(cli, saved_case, tmp_path):
    answers = tmp_path / "answers.toml"
    answers.write_text('causes = ["unexpected_expense"]\nlate_fee = "30"\n\n[budget]\nincome_earnings = 8000\n'
                       'spend_housing = "2000"\nspend_food = "1500"\nspend_utilities = "300"\nspend_transport = "300"\n',
                       "utf-8")
    result = cli.json("analyse", str(saved_case["id"]), "--no-input", "--answers", str(answers))
    assert result["causes"] == ["unexpected_expense"] and result["late_fee"] == "30.00"
    assert result["strategy"] == "extension" and result["recommended_plan"] == "extension"


def test_no_input_lists_everything_missing(cli, saved_case, data_home):
    result = cli("analyse", str(saved_case["id"]), "--no-input")
    assert result.exit_code == 2
    for flag in ("--cause", "--income-earnings", "--spend-housing", "--spend-food", "--spend-utilities",
                 "--spend-transport"):
        assert flag in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert _count(data_home, "analyses") == 0


@pytest.mark.parametrize("args, field", [
    (["--income-earnings", "-100"], "--income-earnings"),
    (["--spend-food", "700000"], "--spend-food"),
    (["--people", "0"], "--people"),
    (["--cause", "bad_luck"], "--cause"),
])
def test_bad_answers_name_the_field_and_save_nothing(cli, saved_case, data_home, args, field):
    flags = [*BUDGET]
    for index in range(0, len(args), 2):
        if args[index] in flags:
            flags[flags.index(args[index]) + 1] = args[index + 1]
        else:
            flags += args[index:index + 2]
    if "--cause" not in flags:
        flags += ["--cause", "income_loss"]
    result = cli("analyse", str(saved_case["id"]), "--no-input", *flags)
    assert result.exit_code == 2, result.stdout
    assert field in result.stderr and "Traceback" not in result.stderr
    assert _count(data_home, "analyses") == 0 and _count(data_home, "household_budget") == 0


def test_prompts_reask_until_the_answer_parses(cli, saved_case):
    answers = "\n".join(["1", "no", "", "-5", "6000", "", "", "", "1500", "1200", "300", "200",
                         "", "", "", "", "", "", "", "", ""]) + "\n"
    result = cli("analyse", str(saved_case["id"]), "--json", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "negative" in result.stderr  # -5 was refused and asked again
    data = json.loads(result.stdout)
    assert data["budget"]["income_total"] == "6000.00" and data["causes"] == ["income_loss"]


def test_plan_choose_saves_the_plan_for_letters(cli, saved_case, data_home, tmp_path):
    case_id = str(saved_case["id"])
    cli.json("analyse", case_id, "--no-input", "--cause", "income_loss", *BUDGET)
    result = cli.json("plan", case_id, "--no-input", "--months", "3", "--start", "2026-01-31",
                      "--choose", "instalments")
    rows = result["chosen"]["rows"]
    assert [row["due"] for row in rows] == ["2026-01-31", "2026-02-28", "2026-03-31"]
    assert sum(Decimal(row["amount"]) for row in rows) == Decimal("5430.00")
    plan = chosen_plan(_db(data_home), saved_case["id"])
    assert isinstance(plan, Plan) and plan.kind == "instalments"
    assert plan.rows[1].due == date(2026, 2, 28) and plan.monthly_amount == Decimal("1810.00")
    assert plan.reason_key == "analysis.cause.income_loss" and plan.causes == ["income_loss"]
    shown = cli("case", "show", case_id)
    assert "Instalments" in shown.stdout and "2026-02-28" in shown.stdout
    # export and import carry the analysis and the plan
    target = tmp_path / "case.toml"
    assert cli("case", "export", case_id, "-o", str(target)).exit_code == 0
    imported = cli.json("case", "import", str(target))
    copy = chosen_plan(_db(data_home), imported["id"])
    assert copy.rows == plan.rows and copy.total == plan.total and copy.kind == plan.kind
    assert latest_analysis(_db(data_home), imported["id"])["causes"] == ["income_loss"]


def test_plan_prompt_choice(cli, saved_case, data_home):
    cli.json("analyse", str(saved_case["id"]), "--no-input", "--cause", "income_loss", *BUDGET)
    result = cli("plan", str(saved_case["id"]), "--start", "2026-03-01", input="full\npro_rata\n")
    assert result.exit_code == 0, result.stderr
    assert "does not fit" in result.stderr  # paying 5,430 at once was refused, and the question asked again
    assert "Recommended" in result.stdout and "Saved" in result.stdout
    assert chosen_plan(_db(data_home), saved_case["id"]).kind == "pro_rata"


@pytest.mark.parametrize("args, needle", [
    (["--choose", "full"], "does not fit"),
    (["--choose", "forever"], "--choose"),
    (["--months", "0"], "--months"),
    (["--extension-to", "2026-02-01", "--start", "2026-03-01"], "--extension-to"),
])
def test_plan_bad_input_saves_nothing(cli, saved_case, data_home, args, needle):
    cli.json("analyse", str(saved_case["id"]), "--no-input", "--cause", "income_loss", *BUDGET)
    result = cli("plan", str(saved_case["id"]), "--no-input", *args)
    assert result.exit_code == 2 and needle in result.stderr
    assert _count(data_home, "plans") == 0


def test_plan_needs_a_budget_first(cli, saved_case):
    result = cli("plan", str(saved_case["id"]), "--no-input")
    assert result.exit_code == 2 and "overdue analyse" in result.stderr


def test_apr_json_and_caps(cli):
    data = cli.json("apr", "--received", "10000", "--payment", "1000", "--count", "12", "--jurisdiction", "cn")
    assert {"apr_nominal", "apr_effective", "period_rate", "total_paid", "total_cost"} <= set(data)
    assert (data["apr_nominal"], data["apr_effective"]) == ("35.07", "41.30")
    assert data["total_cost"] == "2000.00"
    assert [(line["id"], line["above"]) for line in data["caps"]] == [("cn_licensed_24", True), ("cn_void_36", False)]


def test_apr_says_plainly_what_follows(cli):
    result = cli("apr", "--received", "9000", "--contract-amount", "10000", "--payment", "1000", "--count", "12",
                 "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "12378" in result.stdout and "砍头息" in result.stdout and "第670条" in result.stdout
    us = cli("apr", "--received", "1000", "--payment", "100", "--count", "12", "--jurisdiction", "us",
             "--region", "TX")
    assert "vary" in us.stdout


def test_apr_schedule_file(cli, tmp_path):
    schedule = tmp_path / "loan.csv"
    schedule.write_text("date,amount\n2026-01-05,10000\n2026-02-05,3500\n2026-03-17,3500\n2026-04-01,3600\n", "utf-8")
    data = cli.json("apr", "--schedule", str(schedule))
    assert data["method"] == "xirr" and data["apr_effective"] == "40.43"


@pytest.mark.parametrize("content, args, needle", [
    (None, ["--received", "1000", "--payment", "100", "--count", "0"], "--count"),
    ("", [], "no rows"),
    ("2026-03-01,1000\n2026-02-01,500\n", [], "row 2"),
    ("2026-03-01,1000\n2026-03-01,1200\n", [], "no interest rate"),
    ("2026-03-01,1000\nnext month,500\n", [], "row 2"),
])
def test_apr_bad_input_exits_2_with_a_clear_message(cli, tmp_path, content, args, needle):
    if content is not None:
        schedule = tmp_path / "loan.csv"
        schedule.write_text(content, "utf-8")
        args = ["--schedule", str(schedule), *args]
    result = cli("apr", "--no-input", *args)
    assert result.exit_code == 2, result.stdout
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_apr_no_input_lists_missing(cli):
    result = cli("apr", "--no-input", "--received", "1000")
    assert result.exit_code == 2 and "--payment" in result.stderr and "--count" in result.stderr


def test_dispute_and_no_surplus_give_no_plan_but_never_say_ignore_it(cli, saved_case):
    disputed = cli.json("analyse", str(saved_case["id"]), "--no-input", "--cause", "disputed", *BUDGET)
    assert disputed["strategy"] == "dispute" and disputed["recommended_plan"] is None
    assert "keep_paying_undisputed" in disputed["extra_advice"]
    broke = cli("analyse", str(saved_case["id"]), "--no-input", "--cause", "income_loss", "--spend-housing", "6000")
    assert broke.exit_code == 0, broke.stderr
    assert "spend more than you earn" in broke.stdout and "do not ignore the debt" in broke.stdout
    assert "Get free advice" in broke.stdout


def test_import_with_a_bad_analysis_section_imports_nothing(cli, saved_case, tmp_path, data_home):
    cli.json("analyse", str(saved_case["id"]), "--no-input", "--cause", "illness", *BUDGET)
    cli.json("plan", str(saved_case["id"]), "--no-input", "--choose", "instalments")
    target = tmp_path / "case.toml"
    assert cli("case", "export", str(saved_case["id"]), "-o", str(target)).exit_code == 0
    text = target.read_text("utf-8")
    assert "[[analysis.plans]]" in text
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('kind = "instalments"', 'kind = "never"'), "utf-8")
    result = cli("case", "import", str(broken))
    assert result.exit_code == 2 and "analysis.plans[0]" in result.stderr
    assert len(cli.json("case", "list")) == 1 and _count(data_home, "plans") == 1


def test_case_show_includes_the_chosen_plan_in_json(cli, saved_case):
    cli.json("analyse", str(saved_case["id"]), "--no-input", "--cause", "unexpected_expense", *BUDGET)
    cli.json("plan", str(saved_case["id"]), "--no-input", "--choose", "extension", "--start", "2026-03-01")
    shown = cli.json("case", "show", str(saved_case["id"]))
    assert shown["plan"]["kind"] == "extension"
    assert shown["plan"]["extension_to"] == "2026-05-01"  # 5430 needs two months of the 2800 left over
    assert shown["plan"]["rows"] == [{"due": "2026-05-01", "amount": "5430.00"}]
    assert shown["analysis"]["strategy"] == "extension"


def test_apr_asks_for_what_is_missing(cli):
    result = cli("apr", "--jurisdiction", "cn", "--json", input="1.2万\n0\n1200\n12\n")
    assert result.exit_code == 0, result.stderr
    assert "more than 0" in result.stderr  # a payment of 0 is refused and asked again
    data = json.loads(result.stdout)
    assert data["net_received"] == "12000.00" and data["total_paid"] == "14400.00"
