"""Rate lines from the reference sheets, dated LPR, and the cost of waiting."""

from datetime import date
from decimal import Decimal

from overdue_aid.analysis.caps import binding_line, cap_lines, lpr_at
from overdue_aid.analysis.waiting import cost_of_waiting

D = Decimal


def test_lpr_is_dated_data():
    assert lpr_at(date(2019, 8, 1)) is None
    assert lpr_at(date(2023, 7, 1)).rate == D("3.55")
    latest = lpr_at(date(2026, 1, 1))
    assert (latest.rate, latest.since, latest.status) == (D("3.00"), date(2025, 5, 20), "secondary")


def test_private_loans_use_four_times_the_lpr_at_the_contract_date():
    line = binding_line(cap_lines("cn", lender_kind="private", contract_date=date(2023, 7, 1)))
    assert (line.id, line.rate) == ("cn_private_4lpr", D("14.20"))
    assert line.params["date_assumed"] is False
    assumed = binding_line(cap_lines("cn", lender_kind="private", fallback_date=date(2026, 3, 1)))
    assert assumed.rate == D("12.00") and assumed.params["date_assumed"] is True
    old = binding_line(cap_lines("cn", lender_kind="private", contract_date=date(2019, 5, 1)))
    assert (old.id, old.rate) == ("cn_private_old_24", D(24))


def test_licensed_lenders_get_the_regulatory_line_marked_secondary():
    lines = cap_lines("cn", lender_kind="licensed")
    assert [(line.id, line.binding) for line in lines] == [("cn_licensed_24", True), ("cn_void_36", False)]
    assert lines[0].status == "secondary"


def test_us_lines_depend_on_state_and_service():
    assert cap_lines("us", region="TX") == []
    assert [line.id for line in cap_lines("us", region="ny")] == ["us_ny_civil_16", "us_ny_criminal_25"]
    military = cap_lines("us", region="TX", servicemember=True)
    assert [(line.id, line.status, line.binding) for line in military] == [("us_mla_36", "unverified", False)]


def test_cost_of_waiting_within_the_line():
    result = cost_of_waiting(amount_due=D("5430"), principal=D("5000"), late_rate=D("18.25"),
                             late_fee_monthly=D(0), today=date(2026, 3, 1),
                             cap=binding_line(cap_lines("cn", lender_kind="licensed")))
    assert [point["amount"] for point in result["points"]] == ["5430.00", "5505.00", "5580.00", "5655.00"]
    assert [point["date"] for point in result["points"]] == ["2026-03-01", "2026-03-31", "2026-04-30", "2026-05-30"]
    assert result["per_day"] == "2.50"
    assert result["above_cap"] is False
    assert all(point["lawful_amount"] == point["amount"] for point in result["points"])


def test_late_charges_above_the_line_show_what_is_lawful():
    cap = binding_line(cap_lines("cn", lender_kind="private", contract_date=date(2025, 9, 1)))
    result = cost_of_waiting(amount_due=D("5430"), principal=D("5000"), late_rate=D("18.25"),
                             late_fee_monthly=D("50"), today=date(2026, 3, 1), cap=cap)
    assert result["above_cap"] is True
    assert result["late_charge_rate"] == "30.25"  # 18.25% + 50 x 12 / 5000
    ninety = result["points"][-1]
    assert ninety["amount"] == "5805.00"  # 225 interest + 3 fees of 50
    assert ninety["lawful_amount"] == "5577.95"  # 12% a year on 5000 for 90 days
    assert D(result["lawful_per_day"]) < D(result["per_day"])


def test_unknown_rate_counts_only_fees_on_the_amount_due():
    result = cost_of_waiting(amount_due=D("1000"), principal=None, late_rate=None, late_fee_monthly=D("35"),
                             today=date(2026, 3, 1), cap=None)
    assert result["rate_known"] is False and result["base_is_principal"] is False
    assert [point["extra"] for point in result["points"]] == ["0.00", "35.00", "70.00", "105.00"]
