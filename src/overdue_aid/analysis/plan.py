"""Repayment plans: dated schedules that sum exactly to the total and never ask more than the budget leaves.

Amounts are handled in whole cents (int) while building rows, so rounding can only go where we put it:
on the last row. Dates step in calendar months from the first due date, clamped to the month's end
(31 January + 1 month = 28/29 February, + 2 months = 31 March).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

PLAN_KINDS = ("full", "extension", "instalments", "pro_rata")
# 个性化分期 for credit cards runs at most 5 years (60 instalments) [secondary: cn.md §7]; a plan longer than
# that is not one a lender is likely to accept, so we say so instead of proposing it.
MAX_MONTHS = 60
# An extension is for a one-off shock; if saving up the whole amount takes longer, instalments fit better
# (and 141号文 limits 展期 to about two times [secondary: cn.md §4]).
MAX_EXTENSION_MONTHS = 6


@dataclass(frozen=True)
class ScheduleRow:
    due: date
    amount: Decimal


@dataclass
class Plan:
    kind: str  # 'full' | 'extension' | 'instalments' | 'pro_rata'
    currency: str
    total: Decimal
    rows: list[ScheduleRow]
    monthly_amount: Decimal | None = None
    extension_to: date | None = None
    reason_key: str | None = None  # catalog key of the main cause, e.g. "analysis.cause.income_loss"
    causes: list[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc).replace(microsecond=0))

    def as_dict(self) -> dict[str, Any]:
        """JSON form: money as decimal strings, dates ISO."""
        return {
            "kind": self.kind,
            "currency": self.currency,
            "total": _money_text(self.total),
            "monthly_amount": _money_text(self.monthly_amount),
            "extension_to": self.extension_to.isoformat() if self.extension_to else None,
            "reason_key": self.reason_key,
            "causes": list(self.causes),
            "created_at": self.created_at.isoformat(),
            "rows": [{"due": row.due.isoformat(), "amount": _money_text(row.amount)} for row in self.rows],
        }


@dataclass
class PlanOption:
    """One kind of plan for a case: the plan, or why it cannot be offered (a catalog key and its values)."""

    kind: str
    plan: Plan | None
    problem: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    shares: dict[int, Decimal] = field(default_factory=dict)  # pro-rata: monthly share of every open case

    @property
    def available(self) -> bool:
        return self.plan is not None

    def as_dict(self) -> dict[str, Any]:
        """JSON form of the option."""
        return {
            "kind": self.kind,
            "available": self.available,
            "problem": self.problem,
            "params": {key: _json_value(value) for key, value in self.params.items()},
            "shares": {str(case_id): _money_text(share) for case_id, share in self.shares.items()},
            "plan": self.plan.as_dict() if self.plan else None,
        }


def add_months(start: date, months: int) -> date:
    """`start` plus whole calendar months, clamped to the last day of the target month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (0 if `end` is less than a month later)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return months


def _cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def _money_text(amount: Decimal | None) -> str | None:
    return None if amount is None else format(amount.quantize(Decimal("0.01")), "f")


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _money_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def monthly_rows(total: Decimal, per_row: Decimal, start: date) -> list[ScheduleRow]:
    """Monthly rows of `per_row` from `start` until `total` is paid; the last row takes what is left."""
    total_cents, row_cents = _cents(total), _cents(per_row)
    if total_cents <= 0 or row_cents <= 0:
        raise ValueError("monthly_rows needs a positive total and row amount")
    count = -(-total_cents // row_cents)
    amounts = [row_cents] * (count - 1) + [total_cents - row_cents * (count - 1)]
    return [ScheduleRow(add_months(start, index), _from_cents(cents)) for index, cents in enumerate(amounts)]


def equal_instalment(total: Decimal, count: int) -> Decimal:
    """The instalment (rounded up to the cent) that pays `total` in at most `count` equal rows."""
    return _from_cents(-(-_cents(total) // count))


def pro_rata_shares(disposable: Decimal, owed: dict[int, Decimal]) -> dict[int, Decimal]:
    """Split the disposable income between debts in proportion to what each is owed (largest remainder)."""
    budget_cents = max(_cents(disposable), 0)
    owed_cents = {case_id: _cents(amount) for case_id, amount in owed.items() if amount > 0}
    whole = sum(owed_cents.values())
    if whole == 0 or budget_cents == 0:
        return {case_id: Decimal("0.00") for case_id in owed}
    floors = {case_id: budget_cents * cents // whole for case_id, cents in owed_cents.items()}
    left = budget_cents - sum(floors.values())
    # The cents the floors left over go to the largest remainders (then the lower case number), as advisers do.
    order = sorted(owed_cents, key=lambda case_id: (-(budget_cents * owed_cents[case_id] % whole), case_id))
    for case_id in order[:left]:
        floors[case_id] += 1
    return {case_id: _from_cents(floors.get(case_id, 0)) for case_id in owed}


def _plan(kind: str, currency: str, total: Decimal, rows: list[ScheduleRow], **extra: Any) -> Plan:
    return Plan(kind=kind, currency=currency, total=total, rows=rows, **extra)


def propose_plans(*, case_id: int, total: Decimal, currency: str, disposable: Decimal, start: date,
                  owed_open: dict[int, Decimal], extension_to: date | None = None, months: int | None = None,
                  causes: list[str] | None = None, reason_key: str | None = None) -> list[PlanOption]:
    """The four kinds of plan for one case, each either a schedule the budget allows or the reason why not.

    `disposable` is what the household budget leaves each month; `owed_open` is what every open case in
    the same currency is owed (this one included), for the pro-rata share.
    """
    common = {"reason_key": reason_key, "causes": list(causes or [])}
    if disposable <= 0:
        return [PlanOption(kind, None, "analysis.plan.problem.no_surplus", {"disposable": disposable})
                for kind in PLAN_KINDS]
    options = [
        _full(total, currency, disposable, start, common),
        _extension(total, currency, disposable, start, extension_to, common),
        _instalments(total, currency, disposable, start, months, common),
        _pro_rata(case_id, total, currency, disposable, start, owed_open, common),
    ]
    return options


def _full(total: Decimal, currency: str, disposable: Decimal, start: date, common: dict) -> PlanOption:
    if total > disposable:
        return PlanOption("full", None, "analysis.plan.problem.full_too_much",
                          {"needed": total, "disposable": disposable})
    return PlanOption("full", _plan("full", currency, total, [ScheduleRow(start, total)], **common))


def _extension(total: Decimal, currency: str, disposable: Decimal, start: date, extension_to: date | None,
               common: dict) -> PlanOption:
    # A lump sum at the new date must be saved from the monthly surplus: total <= surplus x whole months.
    needed_months = max(1, -(-_cents(total) // _cents(disposable)))
    if needed_months > MAX_EXTENSION_MONTHS:
        return PlanOption("extension", None, "analysis.plan.problem.extension_too_long",
                          {"months": needed_months, "limit": MAX_EXTENSION_MONTHS})
    earliest = add_months(start, needed_months)
    if extension_to is None:
        extension_to = earliest
    elif months_between(start, extension_to) < 1:
        return PlanOption("extension", None, "analysis.plan.problem.extension_too_soon",
                          {"date": extension_to, "earliest": add_months(start, 1)})
    elif total > disposable * months_between(start, extension_to):
        return PlanOption("extension", None, "analysis.plan.problem.extension_unaffordable",
                          {"date": extension_to, "earliest": earliest})
    return PlanOption("extension", _plan("extension", currency, total, [ScheduleRow(extension_to, total)],
                                         extension_to=extension_to, **common))


def _instalments(total: Decimal, currency: str, disposable: Decimal, start: date, months: int | None,
                 common: dict) -> PlanOption:
    if months is None:
        months = max(2, -(-_cents(total) // _cents(disposable)))
        if months > MAX_MONTHS:
            return PlanOption("instalments", None, "analysis.plan.problem.too_long",
                              {"months": months, "limit": MAX_MONTHS})
    instalment = equal_instalment(total, months)
    if instalment > disposable:
        return PlanOption("instalments", None, "analysis.plan.problem.instalments_unaffordable",
                          {"months": months, "needed": instalment, "disposable": disposable})
    rows = monthly_rows(total, instalment, start)
    return PlanOption("instalments", _plan("instalments", currency, total, rows, monthly_amount=instalment, **common))


def _pro_rata(case_id: int, total: Decimal, currency: str, disposable: Decimal, start: date,
              owed_open: dict[int, Decimal], common: dict) -> PlanOption:
    owed = dict(owed_open)
    owed[case_id] = total
    shares = pro_rata_shares(disposable, owed)
    share = shares[case_id]
    if share <= 0:
        return PlanOption("pro_rata", None, "analysis.plan.problem.share_too_small", {"disposable": disposable},
                          shares=shares)
    months = -(-_cents(total) // _cents(share))
    if months > MAX_MONTHS:
        return PlanOption("pro_rata", None, "analysis.plan.problem.too_long",
                          {"months": months, "limit": MAX_MONTHS}, shares=shares)
    rows = monthly_rows(total, share, start)
    return PlanOption("pro_rata", _plan("pro_rata", currency, total, rows, monthly_amount=share, **common),
                      shares=shares)


# When the preferred kind cannot be offered, the next one that keeps the debt moving.
_FALLBACK = {
    "full": ("full", "instalments", "pro_rata", "extension"),
    "extension": ("extension", "instalments", "pro_rata", "full"),
    "instalments": ("instalments", "pro_rata", "extension", "full"),
    "pro_rata": ("pro_rata", "instalments", "extension", "full"),
}


def recommend(options: list[PlanOption], preferred: str | None) -> PlanOption | None:
    """The preferred kind if the budget allows it, else the nearest that does; None if nothing fits."""
    by_kind = {option.kind: option for option in options}
    for kind in _FALLBACK.get(preferred or "", ()):
        option = by_kind.get(kind)
        if option is not None and option.available:
            return option
    return None


def check_schedule(plan: Plan) -> None:
    """Raise ValueError unless the rows are dated in order and sum exactly to the total (used on import)."""
    if not plan.rows:
        raise ValueError("a plan needs at least one row")
    if any(later.due < earlier.due for earlier, later in zip(plan.rows, plan.rows[1:])):
        raise ValueError("rows out of date order")
    if any(row.amount <= 0 for row in plan.rows):
        raise ValueError("rows must be positive")
    if sum((row.amount for row in plan.rows), Decimal(0)) != plan.total:
        raise ValueError("rows do not sum to the total")
