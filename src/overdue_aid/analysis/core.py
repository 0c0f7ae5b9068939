"""One analysis of a case: causes -> budget -> cost of waiting -> strategy and plans (pure, JSON-able result)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..case.models import Case
from ..errors import bad_input
from .budget import Budget
from .caps import binding_line, cap_lines
from .causes import choose_strategy
from .plan import PlanOption, propose_plans, recommend
from .waiting import cost_of_waiting


def local_today(case: Case) -> date:
    """Today in the borrower's time zone."""
    from ..dates import zone

    return datetime.now(zone(case.effective_timezone())).date()


def check_plannable(case: Case, budget: Budget) -> None:
    """Bad input unless the case owes something and shares the budget's currency."""
    if case.amount_due <= 0:
        raise bad_input("analysis.errors.nothing_owed", case_id=case.id)
    if case.currency != budget.currency:
        raise bad_input("analysis.errors.currency", case_id=case.id, case_currency=case.currency,
                        budget_currency=budget.currency)


def open_debts(case: Case, cases: list[Case]) -> dict[int, Decimal]:
    """What every open case in the same currency is owed, this case included (for the pro-rata share)."""
    owed = {other.id: other.amount_due for other in cases
            if other.status == "open" and other.currency == case.currency and other.id is not None}
    owed[case.id] = case.amount_due
    return owed


def plan_options(case: Case, budget: Budget, owed: dict[int, Decimal], *, causes: list[str], temporary: bool,
                 start: date, extension_to: date | None = None,
                 months: int | None = None) -> tuple[Any, list[PlanOption], PlanOption | None]:
    """(strategy, every plan option, the recommended option or None)."""
    strategy = choose_strategy(causes, temporary=temporary, disposable=budget.disposable,
                               amount_due=case.amount_due, open_cases=len(owed))
    options = propose_plans(case_id=case.id, total=case.amount_due, currency=case.currency,
                            disposable=budget.disposable, start=start, owed_open=owed, extension_to=extension_to,
                            months=months, causes=causes, reason_key=strategy.reason_key)
    chosen = recommend(options, strategy.plan_kind) if strategy.plan_kind else None
    return strategy, options, chosen


LOAN_ANSWERS = ("lender_kind", "contract_date", "late_fee", "servicemember")


def previous_loan_answers(previous: dict[str, Any] | None) -> dict[str, Any]:
    """The loan answers of an earlier analysis of the case, as answer texts (defaults for the next one)."""
    if not previous:
        return {}
    found = {name: previous.get(name) for name in LOAN_ANSWERS if previous.get(name) is not None}
    if "servicemember" in found:
        found["servicemember"] = "yes" if found["servicemember"] else "no"
    return found


def analyse(case: Case, answers: dict[str, Any], budget: Budget, owed: dict[int, Decimal], today: date) -> dict[str, Any]:
    """The whole analysis as a JSON-able dict (keys and figures, no sentences)."""
    check_plannable(case, budget)
    causes = answers["causes"]
    lines = cap_lines(case.jurisdiction, lender_kind=answers.get("lender_kind", "licensed"), region=case.region,
                      contract_date=answers.get("contract_date"), fallback_date=case.due_date or today,
                      servicemember=answers.get("servicemember", False))
    waiting = cost_of_waiting(amount_due=case.amount_due, principal=case.principal, late_rate=case.late_rate,
                              late_fee_monthly=answers.get("late_fee", Decimal(0)), today=today,
                              cap=binding_line(lines))
    strategy, options, chosen = plan_options(case, budget, owed, causes=causes,
                                             temporary=answers.get("temporary", False), start=today)
    preferred = next((option for option in options if option.kind == strategy.plan_kind), None)
    plan_payment = chosen.plan.monthly_amount if chosen and chosen.plan else None
    return {
        "case_id": case.id,
        "currency": case.currency,
        "amount_due": format(case.amount_due, "f"),
        "causes": causes,
        "primary_cause": strategy.primary_cause,
        "reason_key": strategy.reason_key,
        "temporary": answers.get("temporary", False),
        "lender_kind": answers.get("lender_kind") if case.jurisdiction == "cn" else None,
        "contract_date": answers["contract_date"].isoformat() if answers.get("contract_date") else None,
        "servicemember": answers.get("servicemember", False) if case.jurisdiction == "us" else None,
        "late_fee": format(answers.get("late_fee", Decimal(0)), "f"),
        "jurisdiction": case.jurisdiction,
        "region": case.region,
        "strategy": strategy.key,
        "strategy_why": strategy.why,
        "extra_advice": strategy.extra_advice,
        "recommended_plan": chosen.kind if chosen else None,
        "preferred_problem": preferred.problem if preferred is not None and chosen is not preferred else None,
        "budget": budget.summary(owed=sum(owed.values(), Decimal(0)), plan_payment=plan_payment),
        "cost_of_waiting": waiting,
        "caps": [line.as_dict() for line in lines],
        "plans": [option.as_dict() for option in options],
        "today": today.isoformat(),
    }
