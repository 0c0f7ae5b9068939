"""What waiting costs: the amount due today and after 30, 60 and 90 days under the case's late rate and fees.

Late interest is simple interest on the overdue principal (the usual contract basis for 罚息; the amount due
when no principal is known), a day being 1/365 of a year. A monthly late fee is added for every full 30 days.
Where the late charges alone exceed the binding legal line (caps.py), the lawful amount is shown too.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .caps import CapLine

HORIZONS = (0, 30, 60, 90)
DAYS_A_YEAR = Decimal(365)
CENT = Decimal("0.01")


def _money(value: Decimal) -> str:
    return format(value.quantize(CENT, rounding=ROUND_HALF_UP), "f")


def late_charges(base: Decimal, annual_rate: Decimal, monthly_fee: Decimal, days: int) -> Decimal:
    """Late interest plus late fees for `days` days overdue (unrounded)."""
    return base * annual_rate / 100 * days / DAYS_A_YEAR + monthly_fee * (days // 30)


def cost_of_waiting(*, amount_due: Decimal, principal: Decimal | None, late_rate: Decimal | None,
                    late_fee_monthly: Decimal, today: date, cap: CapLine | None) -> dict[str, Any]:
    """The cost-of-waiting table (JSON-able): points at HORIZONS, cost per day, and the cap comparison."""
    base = principal if principal else amount_due
    rate = late_rate or Decimal(0)
    # Fees expressed as a yearly rate on the base, so late interest and fees are compared with a cap together
    # (民间借贷规定 第29条 adds overdue interest, penalty and other charges).
    fee_rate = late_fee_monthly * 12 / base * 100 if base > 0 else Decimal(0)
    charge_rate = rate + fee_rate
    above = cap is not None and charge_rate > cap.rate
    points = []
    for days in HORIZONS:
        extra = late_charges(base, rate, late_fee_monthly, days)
        lawful_extra = min(extra, base * cap.rate / 100 * days / DAYS_A_YEAR) if above and cap else extra
        points.append({"days": days, "date": (today + timedelta(days=days)).isoformat(),
                       "amount": _money(amount_due + extra), "extra": _money(extra),
                       "lawful_amount": _money(amount_due + lawful_extra), "lawful_extra": _money(lawful_extra)})
    per_day = base * rate / 100 / DAYS_A_YEAR + late_fee_monthly / 30
    lawful_per_day = min(per_day, base * cap.rate / 100 / DAYS_A_YEAR) if above and cap else per_day
    return {
        "base": _money(base),
        "base_is_principal": bool(principal),
        "late_rate": format(rate, "f"),
        "rate_known": late_rate is not None,
        "late_fee_monthly": _money(late_fee_monthly),
        "late_charge_rate": format(charge_rate.quantize(CENT, rounding=ROUND_HALF_UP), "f"),
        "per_day": _money(per_day),
        "lawful_per_day": _money(lawful_per_day),
        "points": points,
        "cap": cap.as_dict() if cap else None,
        "above_cap": above,
    }
