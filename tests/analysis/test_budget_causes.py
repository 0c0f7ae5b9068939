"""Budget figures and flags; causes -> strategy."""

from decimal import Decimal

import pytest

from overdue_aid.analysis.budget import build_budget
from overdue_aid.analysis.causes import CAUSES, choose_strategy, parse_causes
from overdue_aid.errors import OverdueError

D = Decimal


def budget(**values):
    base = {"income_earnings": D(6000), "spend_housing": D(1500), "spend_food": D(1200),
            "spend_utilities": D(300), "spend_transport": D(200)}
    return build_budget("CNY", {**base, **values})


def test_disposable_income_ratio_and_months_to_clear():
    household = budget(income_benefits=D(500), other_debt_payments=D(1000), savings=D(100))
    assert household.income_total == D(6500)
    assert household.essentials_total == D(3200)
    assert household.disposable == D(2200)
    assert household.debt_service_ratio() == D(1000) / D(6500)
    assert household.months_to_clear(D(5000)) == 3
    summary = household.summary(owed=D(5000), plan_payment=D(2200))
    assert summary["disposable"] == "2200.00"
    assert summary["debt_service_ratio"] == "15.38"
    assert summary["debt_service_ratio_with_plan"] == "49.23"
    assert summary["flags"] == []


def test_flags():
    assert "negative_surplus" in budget(spend_housing=D(6000)).flags()
    assert "no_surplus" in budget(other_debt_payments=D(2800)).flags()
    assert "high_dsr" in budget(other_debt_payments=D(3100)).flags()
    assert "high_dsr" in budget().flags(plan_payment=D(3001))
    # Essentials under 30% of income, or nothing for food, ask for a second look.
    assert "low_essentials" in budget(spend_housing=D(0), spend_food=D(500)).flags()
    assert "low_essentials" in budget(spend_food=D(0), spend_housing=D(3000)).flags()
    assert budget().months_to_clear(D(1)) == 1
    assert budget(spend_housing=D(6000)).months_to_clear(D(1)) is None


def test_an_expense_over_100_times_income_is_bad_input_naming_the_field():
    with pytest.raises(OverdueError) as caught:
        build_budget("CNY", {"income_earnings": D(100), "spend_food": D(10001)}, {"spend_food": "Food (--spend-food)"})
    assert caught.value.exit_code == 2 and caught.value.params["field"] == "Food (--spend-food)"


def test_no_income_is_allowed_and_flags_the_shortfall():
    household = build_budget("CNY", {"spend_food": D(800)})
    assert household.disposable == D(-800)
    assert household.debt_service_ratio() is None
    assert "negative_surplus" in household.flags()


def test_parse_causes_by_number_or_name():
    assert parse_causes("4, 1") == ["income_loss", "too_many_debts"]
    assert parse_causes("disputed，other") == ["disputed", "other"]
    with pytest.raises(OverdueError):
        parse_causes("9")
    with pytest.raises(OverdueError):
        parse_causes(" ")
    assert len(CAUSES) == 8


@pytest.mark.parametrize("causes, temporary, disposable, due, cases, key, kind", [
    (["disputed"], False, D(3000), D(1000), 1, "dispute", None),
    (["platform_error", "income_loss"], False, D(3000), D(5000), 1, "dispute", None),
    (["income_loss"], False, D(0), D(5000), 1, "advice_first", None),
    (["forgot_autodebit"], False, D(3000), D(1000), 1, "full", "full"),
    (["unexpected_expense"], False, D(1000), D(3000), 1, "extension", "extension"),
    (["illness"], True, D(1000), D(3000), 1, "extension", "extension"),
    (["illness"], False, D(1000), D(3000), 1, "instalments", "instalments"),
    (["income_loss"], False, D(1000), D(3000), 3, "pro_rata", "pro_rata"),
    (["too_many_debts"], False, D(1000), D(3000), 1, "instalments", "instalments"),
    (["too_many_debts"], False, D(5000), D(3000), 2, "pro_rata", "pro_rata"),
    ([], False, D(1000), D(3000), 1, "instalments", "instalments"),
])
def test_causes_shape_the_strategy(causes, temporary, disposable, due, cases, key, kind):
    strategy = choose_strategy(causes, temporary=temporary, disposable=disposable, amount_due=due, open_cases=cases)
    assert (strategy.key, strategy.plan_kind) == (key, kind)


def test_many_debts_always_bring_stop_borrowing_and_free_advice():
    for disposable in (D(0), D(100), D(10000)):
        strategy = choose_strategy(["too_many_debts"], temporary=False, disposable=disposable,
                                   amount_due=D(3000), open_cases=2)
        assert "stop_borrowing" in strategy.extra_advice and "free_advice" in strategy.extra_advice
        assert strategy.reason_key == "analysis.cause.too_many_debts"
