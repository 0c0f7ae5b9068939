"""The household budget (one per data dir, shared by every case), in the spirit of the UK Standard Financial Statement.

Income from all sources, minus essential spending, other debt payments and savings, is the disposable
income a repayment plan may use. The flags say where the statement needs another look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from ..errors import bad_input

INCOME_ITEMS = ("earnings", "partner", "benefits", "other")
SPENDING_ITEMS = ("housing", "food", "utilities", "transport", "children", "medical", "insurance", "other")
# Debt advisers treat more than half of income going to debt repayments as unsustainable.
DSR_LIMIT = Decimal("0.5")
# Essential spending below 30% of income is rarely real: statements that low usually leave something out,
# the plan built on them then fails, and lenders often reject them as not credible. So we ask for a second look.
ESSENTIALS_MIN_SHARE = Decimal("0.3")
# An expense over 100 times the whole income is almost surely a typo (an extra zero or two): bad input.
TYPO_FACTOR = 100
ZERO = Decimal("0.00")


def _sum(values: Any) -> Decimal:
    return sum(values, ZERO)


@dataclass
class Budget:
    currency: str
    income: dict[str, Decimal]  # INCOME_ITEMS -> monthly amount
    spending: dict[str, Decimal]  # SPENDING_ITEMS -> monthly amount
    other_debt_payments: Decimal = ZERO
    savings: Decimal = ZERO
    people: int = 1
    updated_at: datetime | None = field(default=None, compare=False)

    @property
    def income_total(self) -> Decimal:
        return _sum(self.income.values())

    @property
    def essentials_total(self) -> Decimal:
        return _sum(self.spending.values())

    @property
    def disposable(self) -> Decimal:
        """What is left each month for the debts being planned (may be negative)."""
        return self.income_total - self.essentials_total - self.other_debt_payments - self.savings

    def debt_service_ratio(self, plan_payment: Decimal = ZERO) -> Decimal | None:
        """Share of income going to debt repayments (other debts plus `plan_payment`); None without income."""
        if self.income_total <= 0:
            return None
        return (self.other_debt_payments + plan_payment) / self.income_total

    def months_to_clear(self, owed: Decimal) -> int | None:
        """Months the whole disposable income needs to pay `owed`; None if nothing is left over."""
        if owed <= 0:
            return 0
        if self.disposable <= 0:
            return None
        return int((owed / self.disposable).to_integral_value(rounding=ROUND_CEILING))

    def flags(self, plan_payment: Decimal = ZERO) -> list[str]:
        """Warnings about the statement, as ids under analysis.flag.*."""
        found = []
        if self.disposable < 0:
            found.append("negative_surplus")
        elif self.disposable == 0:
            found.append("no_surplus")
        ratio = self.debt_service_ratio(plan_payment)
        if ratio is not None and ratio > DSR_LIMIT:
            found.append("high_dsr")
        if self.income_total > 0 and (self.essentials_total < self.income_total * ESSENTIALS_MIN_SHARE
                                      or self.spending.get("food", ZERO) == 0):
            found.append("low_essentials")
        return found

    def summary(self, owed: Decimal | None = None, plan_payment: Decimal | None = None) -> dict[str, Any]:
        """The figures a report, a letter or a script needs (JSON-able)."""
        ratio = self.debt_service_ratio()
        with_plan = self.debt_service_ratio(plan_payment) if plan_payment is not None else None
        return {
            "currency": self.currency,
            "people": self.people,
            "income": {name: _text(value) for name, value in self.income.items()},
            "spending": {name: _text(value) for name, value in self.spending.items()},
            "income_total": _text(self.income_total),
            "essentials_total": _text(self.essentials_total),
            "other_debt_payments": _text(self.other_debt_payments),
            "savings": _text(self.savings),
            "disposable": _text(self.disposable),
            "debt_service_ratio": _percent(ratio),
            "debt_service_ratio_with_plan": _percent(with_plan),
            "owed": _text(owed) if owed is not None else None,
            "months_to_clear": self.months_to_clear(owed) if owed is not None else None,
            "flags": self.flags(plan_payment or ZERO),
        }


def _text(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")


def _percent(ratio: Decimal | None) -> str | None:
    return None if ratio is None else format((ratio * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")


def build_budget(currency: str, values: dict[str, Decimal | int], labels: dict[str, str] | None = None) -> Budget:
    """A Budget from parsed answers (keys: income_<item>, spend_<item>, other_debt_payments, savings, people).

    Missing items are zero. Raises bad input (naming the field) for an expense over 100 times the income.
    """
    labels = labels or {}
    income = {item: Decimal(values.get(f"income_{item}", ZERO)) for item in INCOME_ITEMS}
    spending = {item: Decimal(values.get(f"spend_{item}", ZERO)) for item in SPENDING_ITEMS}
    for name, amount in {**{f"income_{k}": v for k, v in income.items()},
                         **{f"spend_{k}": v for k, v in spending.items()}}.items():
        if amount < 0:
            raise bad_input("errors.money.negative", field=labels.get(name, name), value=str(amount))
    budget = Budget(currency=currency, income=income, spending=spending,
                    other_debt_payments=Decimal(values.get("other_debt_payments", ZERO)),
                    savings=Decimal(values.get("savings", ZERO)), people=int(values.get("people", 1)))
    if budget.people < 1:
        raise bad_input("analysis.errors.people", field=labels.get("people", "people"), value=budget.people)
    if budget.income_total > 0:
        limit = budget.income_total * TYPO_FACTOR
        outgoings = {**{f"spend_{k}": v for k, v in spending.items()},
                     "other_debt_payments": budget.other_debt_payments, "savings": budget.savings}
        for name, amount in outgoings.items():
            if amount > limit:
                raise bad_input("analysis.errors.expense_vs_income", field=labels.get(name, name),
                                value=_text(amount), income=_text(budget.income_total))
        if budget.essentials_total > limit:
            raise bad_input("analysis.errors.expense_vs_income", field=labels.get("essentials", "essentials"),
                            value=_text(budget.essentials_total), income=_text(budget.income_total))
    return budget


def budget_values(budget: Budget) -> dict[str, Decimal | int]:
    """The answers that rebuild `budget` (the inverse of build_budget)."""
    values: dict[str, Decimal | int] = {f"income_{k}": v for k, v in budget.income.items()}
    values.update({f"spend_{k}": v for k, v in budget.spending.items()})
    values.update(other_debt_payments=budget.other_debt_payments, savings=budget.savings, people=budget.people)
    return values
