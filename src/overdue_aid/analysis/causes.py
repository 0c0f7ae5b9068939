"""Why payments were missed, and the strategy that follows from it.

A one-off shock suits an extension; a lasting shortfall an instalment or pro-rata plan; an error a
dispute; many debts a stop to new borrowing (never 以贷养贷) and free debt advice or legal aid.
Whatever the cause, the debt is dealt with, never ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import bad_input

CAUSES = ("income_loss", "illness", "unexpected_expense", "too_many_debts", "forgot_autodebit",
          "platform_error", "disputed", "other")
# Causes that may pass (job found again, recovery) or last: we ask which.
MAY_LAST = ("income_loss", "illness", "other")
ONE_OFF = ("unexpected_expense", "forgot_autodebit")
ERRORS = ("disputed", "platform_error")
# The cause that shapes the plan most comes first; it names the reason in letters.
PRIORITY = ("disputed", "platform_error", "too_many_debts", "income_loss", "illness", "unexpected_expense",
            "forgot_autodebit", "other")
STRATEGIES = ("dispute", "advice_first", "full", "extension", "instalments", "pro_rata")


@dataclass
class Strategy:
    key: str  # one of STRATEGIES
    plan_kind: str | None  # the plan kind to prefer, None for dispute / advice_first
    why: str  # id under analysis.strategy.why.*
    primary_cause: str | None
    extra_advice: list[str] = field(default_factory=list)  # ids under analysis.extra.*

    @property
    def reason_key(self) -> str | None:
        return f"analysis.cause.{self.primary_cause}" if self.primary_cause else None


def parse_causes(text: str, field_name: str = "causes") -> list[str]:
    """'income_loss, illness' or '1 3' (numbers as in the questionnaire) -> cause ids in questionnaire order."""
    chosen = set()
    for part in re.split(r"[\s,，、;；]+", text.strip()):
        if not part:
            continue
        if part.isdigit() and 1 <= int(part) <= len(CAUSES):
            chosen.add(CAUSES[int(part) - 1])
        elif part.lower().replace("-", "_") in CAUSES:
            chosen.add(part.lower().replace("-", "_"))
        else:
            raise bad_input("analysis.errors.cause", field=field_name, value=part, options=", ".join(CAUSES))
    if not chosen:
        raise bad_input("analysis.errors.no_cause", field=field_name)
    return [cause for cause in CAUSES if cause in chosen]


def primary_cause(causes: list[str]) -> str | None:
    """The cause that weighs most on the plan."""
    return next((cause for cause in PRIORITY if cause in causes), None)


def choose_strategy(causes: list[str], *, temporary: bool, disposable: Decimal, amount_due: Decimal,
                    open_cases: int) -> Strategy:
    """The strategy for these causes and this budget (see the module docstring)."""
    primary = primary_cause(causes)
    extra = []
    if "too_many_debts" in causes:
        extra += ["stop_borrowing", "free_advice"]
    if any(cause in ERRORS for cause in causes):
        return Strategy("dispute", None, "error", primary, extra + ["keep_paying_undisputed"])
    if disposable <= 0:
        return Strategy("advice_first", None, "no_surplus", primary, _unique(extra + ["free_advice", "priority_bills"]))
    several = open_cases >= 2
    if amount_due <= disposable:
        if "too_many_debts" in causes and several:
            return Strategy("pro_rata", "pro_rata", "share_fairly", primary, extra)
        return Strategy("full", "full", "affordable_now", primary, extra)
    kind = "pro_rata" if several else "instalments"
    if "too_many_debts" in causes:
        return Strategy(kind, kind, "many_debts", primary, extra)
    # Without a known cause we plan for a shortfall that lasts: the cautious assumption.
    if not causes or (any(cause in MAY_LAST for cause in causes) and not temporary):
        return Strategy(kind, kind, "lasting", primary, extra)
    return Strategy("extension", "extension", "one_off", primary, extra)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
