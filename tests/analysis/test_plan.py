"""Plans: exact sums, real calendar dates, never more than the budget leaves (property tests)."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from overdue_aid.analysis.plan import (MAX_MONTHS, PLAN_KINDS, add_months, months_between, pro_rata_shares,
                                       propose_plans, recommend)

CENTS = st.integers(min_value=1, max_value=50_000_000).map(lambda cents: Decimal(cents) / 100)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


def test_month_steps_clamp_to_the_end_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 1, 31), 2) == date(2026, 3, 31)  # anchored on the 31st, not chained
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert months_between(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert months_between(date(2026, 1, 31), date(2026, 2, 27)) == 0


@settings(max_examples=300, deadline=None)
@given(DAYS, st.integers(min_value=0, max_value=120))
def test_add_months_lands_on_a_real_day_in_the_right_month(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or result.day < start.day
    assert months_between(start, result) == months


@settings(max_examples=400, deadline=None)
@given(total=CENTS, disposable=CENTS, start=DAYS,
       months=st.none() | st.integers(min_value=1, max_value=MAX_MONTHS),
       extension_months=st.none() | st.integers(min_value=0, max_value=12),
       others=st.lists(CENTS, max_size=4))
def test_every_plan_sums_exactly_and_fits_the_budget(total, disposable, start, months, extension_months, others):
    owed = {index + 2: amount for index, amount in enumerate(others)}
    extension_to = add_months(start, extension_months) if extension_months is not None else None
    options = propose_plans(case_id=1, total=total, currency="CNY", disposable=disposable, start=start,
                            owed_open=owed, extension_to=extension_to, months=months, causes=["income_loss"],
                            reason_key="analysis.cause.income_loss")
    assert [option.kind for option in options] == list(PLAN_KINDS)
    for option in options:
        if option.plan is None:
            assert option.problem.startswith("analysis.plan.problem.")
            continue
        plan = option.plan
        assert sum(row.amount for row in plan.rows) == total
        assert all(row.amount > 0 and row.amount == row.amount.quantize(Decimal("0.01")) for row in plan.rows)
        assert [row.due for row in plan.rows] == sorted(row.due for row in plan.rows)
        assert plan.rows[0].due >= start
        # Cumulative: by each due date no more is asked than the months so far leave over.
        paid = Decimal(0)
        for row in plan.rows:
            paid += row.amount
            assert paid <= disposable * (months_between(start, row.due) + 1)
        if option.kind in ("full", "instalments", "pro_rata"):
            assert max(row.amount for row in plan.rows) <= disposable
        if option.kind in ("instalments", "pro_rata"):
            assert len(plan.rows) <= MAX_MONTHS
            assert all(row.amount == plan.monthly_amount for row in plan.rows[:-1])
            assert [row.due for row in plan.rows] == [add_months(start, k) for k in range(len(plan.rows))]
        if option.kind == "extension":
            assert total <= disposable * months_between(start, plan.extension_to)
        if option.kind == "pro_rata":
            assert sum(option.shares.values()) == disposable
            assert plan.monthly_amount == option.shares[1]


@settings(max_examples=300, deadline=None)
@given(CENTS, st.dictionaries(st.integers(min_value=1, max_value=50), CENTS, min_size=1, max_size=8))
def test_pro_rata_shares_add_up_to_the_budget_in_proportion(disposable, owed):
    shares = pro_rata_shares(disposable, owed)
    assert sum(shares.values()) == disposable
    whole = sum(owed.values())
    for case_id, share in shares.items():
        exact = disposable * owed[case_id] / whole
        assert abs(share - exact) < Decimal("0.01")


def test_instalments_round_to_the_last_row():
    options = propose_plans(case_id=1, total=Decimal("100.00"), currency="CNY", disposable=Decimal("40.00"),
                            start=date(2026, 1, 31), owed_open={}, months=3)
    plan = next(option.plan for option in options if option.kind == "instalments")
    assert [row.amount for row in plan.rows] == [Decimal("33.34"), Decimal("33.34"), Decimal("33.32")]
    assert [row.due for row in plan.rows] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


def test_no_surplus_means_no_plan_and_no_recommendation():
    options = propose_plans(case_id=1, total=Decimal("500"), currency="CNY", disposable=Decimal("0"),
                            start=date(2026, 3, 1), owed_open={})
    assert not any(option.available for option in options)
    assert recommend(options, "instalments") is None


def test_recommendation_falls_back_when_the_extension_would_take_too_long():
    options = propose_plans(case_id=1, total=Decimal("10000"), currency="CNY", disposable=Decimal("1000"),
                            start=date(2026, 3, 1), owed_open={})
    extension = next(option for option in options if option.kind == "extension")
    assert extension.problem == "analysis.plan.problem.extension_too_long"
    assert recommend(options, "extension").kind == "instalments"


def test_a_too_long_plan_is_refused_not_stretched():
    options = propose_plans(case_id=1, total=Decimal("100000"), currency="CNY", disposable=Decimal("100"),
                            start=date(2026, 3, 1), owed_open={})
    instalments = next(option for option in options if option.kind == "instalments")
    assert instalments.problem == "analysis.plan.problem.too_long"
    assert instalments.params["months"] == 1000
