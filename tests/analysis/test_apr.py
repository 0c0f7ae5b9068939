"""APR: checked against numpy-financial (regular) and pyxirr (irregular); never hangs on hopeless input."""

import math
import random
import time
from datetime import date, timedelta
from decimal import Decimal

import numpy_financial as npf
import pytest
import pyxirr
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from overdue_aid.analysis.apr import (apr_from_schedule, parse_schedule_csv, regular_apr, schedule_apr,
                                      solve_log_rate)
from overdue_aid.errors import OverdueError


def test_a_known_loan():
    result = regular_apr(received=Decimal("10000"), payment=Decimal("1000"), count=12)
    data = result.as_dict()
    assert data["apr_nominal"] == "35.07"
    assert data["apr_effective"] == "41.30"
    assert data["total_paid"] == "12000.00" and data["total_cost"] == "2000.00"
    assert Decimal(data["period_rate"]) * 12 == pytest.approx(Decimal("35.07"), abs=Decimal("0.01"))


@settings(max_examples=250, deadline=None)
@given(received=st.integers(min_value=100, max_value=1_000_000),
       markup=st.floats(min_value=0.9, max_value=3.0),
       count=st.integers(min_value=1, max_value=120),
       period=st.sampled_from(["month", "week", "day"]),
       fee_share=st.floats(min_value=0, max_value=0.3))
def test_regular_schedules_agree_with_numpy_financial(received, markup, count, period, fee_share):
    payment = Decimal(str(round(received * markup / count, 2)))
    assume(payment > 0)
    fee = Decimal(str(round(received * fee_share, 2)))
    net = Decimal(received) - fee
    expected = npf.rate(count, -float(payment), float(net), 0, guess=0.01, maxiter=1000)
    # numpy-financial's Newton sometimes gives up or lands below -100% a period (no real loan); ours must not.
    assume(not math.isnan(expected) and expected > -1)
    result = regular_apr(received=Decimal(received), payment=payment, count=count, period=period, upfront_fee=fee)
    per_year = {"month": 12, "week": 52, "day": 365}[period]
    assert float(result.apr_nominal) == pytest.approx(expected * per_year * 100, abs=0.01)


def _random_schedule(rng: random.Random):
    start = date(2024, 1, 1) + timedelta(days=rng.randrange(800))
    received = rng.randrange(500, 200_000)
    count = rng.randrange(1, 24)
    days = sorted(rng.sample(range(1, 900), count))
    total = received * rng.uniform(0.95, 2.5)
    weights = [rng.uniform(0.2, 1.0) for _ in days]
    payments = [(start + timedelta(days=day), Decimal(str(round(total * weight / sum(weights), 2))))
                for day, weight in zip(days, weights)]
    return start, Decimal(received), payments


@pytest.mark.parametrize("seed", range(60))
def test_irregular_schedules_agree_with_pyxirr(seed):
    rng = random.Random(seed)
    start, received, payments = _random_schedule(rng)
    expected = pyxirr.xirr([start] + [day for day, _ in payments],
                           [float(received)] + [-float(amount) for _, amount in payments])
    result = schedule_apr(start, received, payments)
    if result.method == "xirr":
        assert float(result.apr_effective) == pytest.approx(expected * 100, abs=0.01)
    # Our own bracketing solver, on the same days, must agree with pyxirr as well (it is the fallback).
    growth = solve_log_rate([(0.0, float(received))] + [(float((day - start).days), -float(amount))
                                                         for day, amount in payments])
    assert math.expm1(growth * 365) * 100 == pytest.approx(expected * 100, abs=0.01)


def test_monthly_dates_are_solved_per_month():
    csv_text = "date,amount\n2026-01-31,9000\n2026-02-28,-1000\n2026-03-31,-1000\n" + "".join(
        f"2026-{month:02d}-{day},-1000\n" for month, day in ((4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30),
                                                            (10, 31), (11, 30)))
    result = apr_from_schedule(csv_text, "loan.csv")
    assert result.period == "month" and result.method == "periods"
    assert float(result.apr_nominal) == pytest.approx(npf.rate(10, -1000, 9000, 0) * 1200, abs=0.01)


def test_money_taken_off_upfront_counts_as_cost():
    result = regular_apr(received=Decimal("9000"), payment=Decimal("1000"), count=12,
                         contract_amount=Decimal("10000"))
    assert result.deducted_upfront == Decimal("1000")
    assert float(result.apr_nominal) == pytest.approx(npf.rate(12, -1000, 9000, 0) * 1200, abs=0.01)


@pytest.mark.parametrize("flows", [
    [(0.0, 100.0), (0.0, -120.0)],                # everything on the day the money arrived
    [(0.0, 100.0), (1.0, 0.0), (2.0, 0.0)],        # payments add up to nothing
    [(0.0, 100.0), (1.0, 50.0)],                   # money only ever comes in
    [(0.0, 1.0), (1.0, -1e12)],                    # beyond 10,000% a period
])
def test_no_solution_is_reported_quickly(flows):
    began = time.monotonic()
    assert solve_log_rate(flows) is None
    assert time.monotonic() - began < 1


def test_no_solution_is_bad_input_not_a_crash():
    with pytest.raises(OverdueError) as caught:
        apr_from_schedule("2026-01-01,100\n2026-01-01,-120\n", "x.csv")
    assert caught.value.exit_code == 2 and caught.value.key == "analysis.apr.errors.no_solution"


@pytest.mark.parametrize("text, key", [
    ("", "analysis.apr.errors.schedule_empty"),
    ("date,amount\n# nothing\n", "analysis.apr.errors.schedule_empty"),
    ("2026-01-01,1000\n", "analysis.apr.errors.schedule_short"),
    ("2026-03-01,1000\n2026-02-01,-500\n", "analysis.apr.errors.out_of_order"),
    ("2026-01-01,1000\n2026-02-01,-500,extra\n", "analysis.apr.errors.row_columns"),
    ("2026-01-01,1000\n2026-02-01,lots\n", "errors.money.invalid"),
    ("2026-01-01,1000\nsoon,-500\n", "errors.date.invalid"),
    ("2026-01-01,1000\n2026-02-01,-500\n2026-03-01,500\n", "analysis.apr.errors.signs"),
])
def test_bad_schedules_name_the_problem(text, key):
    with pytest.raises(OverdueError) as caught:
        parse_schedule_csv(text, "loan.csv", has_received=False)
    assert caught.value.key == key and caught.value.exit_code == 2
    if key not in ("analysis.apr.errors.schedule_empty", "analysis.apr.errors.schedule_short",
                   "analysis.apr.errors.signs"):
        assert "row 2" in caught.value.params["field"]


def test_signed_and_unsigned_schedules_read_the_same():
    signed, _ = parse_schedule_csv("2026-01-01,1000\n2026-02-01,-600\n2026-03-01,-600\n", "a", has_received=False)
    plain, _ = parse_schedule_csv("date,amount\n2026-01-01,1000\n2026-02-01,600\n2026-03-01,600\n", "b",
                                  has_received=False)
    assert signed == plain


@pytest.mark.parametrize("kwargs, key", [
    ({"count": 0}, "analysis.apr.errors.count"),
    ({"payment": Decimal(0)}, "analysis.apr.errors.payment"),
    ({"received": Decimal(0)}, "analysis.apr.errors.received"),
    ({"upfront_fee": Decimal(1000)}, "analysis.apr.errors.fee_too_large"),
    ({"period": "year"}, "analysis.apr.errors.period"),
])
def test_bad_regular_input(kwargs, key):
    values = {"received": Decimal(1000), "payment": Decimal(100), "count": 12, **kwargs}
    with pytest.raises(OverdueError) as caught:
        regular_apr(**values)
    assert caught.value.key == key and caught.value.exit_code == 2


def test_extreme_rates_do_not_overflow():
    data = regular_apr(received=Decimal(100), payment=Decimal(50), count=365, period="day").as_dict()
    assert data["apr_nominal"] == "18250.00"
    assert "E+" in data["apr_effective"]
    assert Decimal(data["apr_effective"]) > Decimal("1e60")
