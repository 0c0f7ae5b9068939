"""The true annual rate of a loan from what the borrower actually received and what they pay back.

Nominal APR = period rate x periods a year (how Chinese regulators and US Regulation Z state it); effective
APR = (1 + period rate)^(periods a year) - 1. Fees taken or paid upfront (砍头息) reduce what was received:
民法典 第670条 says interest is then computed on the amount actually lent.

Regular schedules (every payment a whole number of months or weeks after the money arrived) are solved on
those periods; irregular dates use XIRR (pyxirr; our own solver if it gives up), reported per day.
The solver brackets the root and bisects on log(1 + r), so it ends on every input: it finds the rate or
says there is none.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from ..dates import parse_date
from ..errors import OverdueError, bad_input
from ..money import parse_amount
from .plan import add_months, months_between

PERIODS_PER_YEAR = {"month": 12, "week": 52, "day": 365}
MAX_PAYMENTS = 10_000
# log(1 + r) per period is searched in [log(1e-6), log(101)]: from losing 99.9999% to 10,000% a period.
_LOG_LOW, _LOG_HIGH = math.log(1e-6), math.log(101.0)
_GRID = 600


@dataclass
class AprResult:
    period: str  # month | week | day
    method: str  # annuity | periods | xirr
    period_rate: Decimal  # fraction per period
    apr_nominal: Decimal  # percent
    apr_effective: Decimal  # percent
    received: Decimal
    upfront_fee: Decimal
    total_paid: Decimal
    total_cost: Decimal
    payments: int
    deducted_upfront: Decimal | None = None  # contract amount minus what arrived (砍头息)

    def as_dict(self) -> dict[str, Any]:
        """JSON form: percentages and money as decimal strings."""
        return {
            "apr_nominal": percent_text(self.apr_nominal),
            "apr_effective": percent_text(self.apr_effective),
            "period_rate": percent_text(self.period_rate * 100, places=6),
            "period": self.period,
            "periods_per_year": PERIODS_PER_YEAR[self.period],
            "method": self.method,
            "received": _money(self.received),
            "upfront_fee": _money(self.upfront_fee),
            "net_received": _money(self.received - self.upfront_fee),
            "total_paid": _money(self.total_paid),
            "total_cost": _money(self.total_cost),
            "payments": self.payments,
            "deducted_upfront": _money(self.deducted_upfront) if self.deducted_upfront is not None else None,
        }


def _money(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")


def percent_text(value: Decimal, places: int = 2) -> str:
    """A percentage as a decimal string; astronomically large ones in E notation rather than 700 digits."""
    if abs(value) >= Decimal("1e15"):
        return f"{value:.3E}"
    with localcontext() as ctx:
        ctx.prec = 60
        return format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


def _npv_sign(flows: list[tuple[float, float]], growth: float) -> float:
    """The sign of sum(a / (1+r)^t) at log(1+r) = growth, scaled so nothing overflows."""
    exponents = [-time * growth for time, _ in flows]
    top = max(exponents)
    return math.fsum(amount * math.exp(exponent - top) for (_, amount), exponent in zip(flows, exponents))


def solve_log_rate(flows: list[tuple[float, float]]) -> float | None:
    """log(1 + r) where the cash flows (time in periods, amount) have zero present value; None if no root.

    Brackets a sign change on a grid (nearest to r = 0 when there are several), then bisects to the end of
    float precision. Never raises on odd input.
    """
    if not flows or all(amount == 0 for _, amount in flows) or len({time for time, _ in flows}) < 2:
        return None
    grid = [_LOG_LOW + (_LOG_HIGH - _LOG_LOW) * index / _GRID for index in range(_GRID + 1)]
    signs = [_npv_sign(flows, point) for point in grid]
    # (distance from r = 0, low, high): an exact zero on the grid is a bracket of width 0.
    candidates = [(abs(point), point, point) for point, sign in zip(grid, signs) if sign == 0]
    candidates += [(min(abs(grid[i]), abs(grid[i + 1])), grid[i], grid[i + 1]) for i in range(_GRID)
                   if signs[i] != 0 and signs[i + 1] != 0 and (signs[i] > 0) != (signs[i + 1] > 0)]
    if not candidates:
        return None
    _, low, high = min(candidates)
    low_sign = _npv_sign(flows, low)
    if low_sign == 0:
        return low
    for _ in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        middle_sign = _npv_sign(flows, middle)
        if middle_sign == 0:
            return middle
        if (middle_sign > 0) == (low_sign > 0):
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _result(growth: float, period: str, method: str, *, received: Decimal, upfront_fee: Decimal,
            total_paid: Decimal, payments: int, contract_amount: Decimal | None) -> AprResult:
    periods = PERIODS_PER_YEAR[period]
    with localcontext() as ctx:
        ctx.prec = 40
        log_rate = Decimal(repr(growth))
        period_rate = log_rate.exp() - 1
        effective = ((log_rate * periods).exp() - 1) * 100
    deducted = contract_amount - received if contract_amount is not None and contract_amount > received else None
    return AprResult(period=period, method=method, period_rate=period_rate, apr_nominal=period_rate * periods * 100,
                     apr_effective=effective, received=received, upfront_fee=upfront_fee, total_paid=total_paid,
                     total_cost=total_paid - received, payments=payments, deducted_upfront=deducted)


def _check_received(received: Decimal, upfront_fee: Decimal) -> None:
    if received <= 0:
        raise bad_input("analysis.apr.errors.received", field="--received")
    if upfront_fee >= received:
        raise bad_input("analysis.apr.errors.fee_too_large", field="--upfront-fee", fee=_money(upfront_fee),
                        received=_money(received))


def regular_apr(*, received: Decimal, payment: Decimal, count: int, period: str = "month",
                upfront_fee: Decimal = Decimal(0), contract_amount: Decimal | None = None) -> AprResult:
    """APR of `count` equal payments, one each period, after receiving `received` (less any upfront fee)."""
    if period not in PERIODS_PER_YEAR:
        raise bad_input("analysis.apr.errors.period", field="--period", value=period)
    if count < 1 or count > MAX_PAYMENTS:
        raise bad_input("analysis.apr.errors.count", field="--count", value=count, limit=MAX_PAYMENTS)
    _check_received(received, upfront_fee)
    if payment <= 0:
        raise bad_input("analysis.apr.errors.payment", field="--payment")
    flows = [(0.0, float(received - upfront_fee))] + [(float(k), -float(payment)) for k in range(1, count + 1)]
    growth = solve_log_rate(flows)
    if growth is None:
        raise bad_input("analysis.apr.errors.no_solution")
    return _result(growth, period, "annuity", received=received, upfront_fee=upfront_fee,
                   total_paid=payment * count + upfront_fee, payments=count, contract_amount=contract_amount)


def _regular_times(start: date, dates: list[date]) -> tuple[str, list[float]] | None:
    """('month'|'week', periods) if every date is a whole number of months (or weeks) after `start`."""
    months = [months_between(start, day) for day in dates]
    if all(add_months(start, count) == day for count, day in zip(months, dates)):
        return "month", [float(count) for count in months]
    days = [(day - start).days for day in dates]
    if all(count % 7 == 0 for count in days):
        return "week", [count / 7 for count in days]
    return None


def _xirr_log_daily(start: date, dates: list[date], flows: list[Decimal]) -> float | None:
    """log(1 + daily rate) from pyxirr's XIRR (ACT/365), or our own solver on days if pyxirr gives up."""
    try:
        import pyxirr

        annual = pyxirr.xirr([start, *dates], [float(amount) for amount in flows], silent=True)
    except Exception:  # pyxirr raises on inputs it cannot handle; our own solver decides then
        annual = None
    if annual is not None and math.isfinite(annual) and annual > -1:
        return math.log1p(annual) / 365
    return solve_log_rate([(float((day - start).days), float(amount))
                           for day, amount in zip([start, *dates], flows)])


def schedule_apr(start: date, received: Decimal, payments: list[tuple[date, Decimal]], *,
                 upfront_fee: Decimal = Decimal(0), contract_amount: Decimal | None = None) -> AprResult:
    """APR of money received on `start` and repaid by dated `payments` (amounts positive)."""
    _check_received(received, upfront_fee)
    if not payments:
        raise bad_input("analysis.apr.errors.schedule_empty", field="--schedule")
    dates = [day for day, _ in payments]
    total_paid = sum((amount for _, amount in payments), Decimal(0)) + upfront_fee
    net = received - upfront_fee
    regular = _regular_times(start, dates)
    if regular is not None:
        period, times = regular
        growth = solve_log_rate([(0.0, float(net))] + [(time, -float(amount))
                                                       for time, (_, amount) in zip(times, payments)])
        method = "periods"
    else:
        period, method = "day", "xirr"
        growth = _xirr_log_daily(start, dates, [net] + [-amount for _, amount in payments])
    if growth is None:
        raise bad_input("analysis.apr.errors.no_solution")
    return _result(growth, period, method, received=received, upfront_fee=upfront_fee, total_paid=total_paid,
                   payments=len(payments), contract_amount=contract_amount)


def parse_schedule_csv(text: str, source: str, *, has_received: bool) -> tuple[list[tuple[date, Decimal]], bool]:
    """Rows `date,amount` (a header line and # comments allowed), dates never going back.

    Amounts are positive, or the first row has one sign and the rest the other. Returns the rows (amounts
    positive) and whether the first row is the money received (i.e. not `has_received`).
    """
    rows: list[tuple[int, date, Decimal, bool]] = []
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not cells or cells[0].startswith("#"):
            continue
        where = f"{source}, row {number}"
        if len(cells) != 2:
            if not rows and len(cells) >= 2 and _is_header(cells):
                continue
            raise bad_input("analysis.apr.errors.row_columns", field=where, count=len(cells))
        if not rows and _is_header(cells):
            continue
        if len(rows) >= MAX_PAYMENTS:
            raise bad_input("analysis.apr.errors.schedule_too_long", field=source, limit=MAX_PAYMENTS)
        day = parse_date(cells[0], field=f"{where}, date")
        negative = cells[1].startswith(("-", "−"))
        amount = parse_amount(cells[1].lstrip("-−").strip(), field=f"{where}, amount")
        if rows and day < rows[-1][1]:
            raise bad_input("analysis.apr.errors.out_of_order", field=f"{where}, date", value=day.isoformat(),
                            previous=rows[-1][1].isoformat())
        rows.append((number, day, amount, negative))
    if not rows:
        raise bad_input("analysis.apr.errors.schedule_empty", field=source)
    signs = [negative for *_, negative in rows]
    payment_signs = set(signs if has_received else signs[1:])
    if len(payment_signs) > 1 or (not has_received and len(rows) > 1 and any(signs) and signs[0] == signs[1]):
        raise bad_input("analysis.apr.errors.signs", field=source)
    if not has_received and len(rows) < 2:
        raise bad_input("analysis.apr.errors.schedule_short", field=source)
    return [(day, amount) for _, day, amount, _ in rows], not has_received


def _is_header(cells: list[str]) -> bool:
    try:
        parse_date(cells[0])
        return False
    except OverdueError:
        return not any(char.isdigit() for char in cells[0])


def apr_from_schedule(text: str, source: str, *, received: Decimal | None = None, start: date | None = None,
                      upfront_fee: Decimal = Decimal(0), contract_amount: Decimal | None = None) -> AprResult:
    """APR from a CSV schedule: the first row is the money received, unless `received` (and `start`) are given."""
    rows, first_is_received = parse_schedule_csv(text, source, has_received=received is not None)
    if first_is_received:
        (start, received), payments = rows[0], rows[1:]
    else:
        if start is None:
            raise bad_input("analysis.apr.errors.start_needed", field="--start")
        payments = rows
        if payments[0][0] < start:
            raise bad_input("analysis.apr.errors.out_of_order", field=f"{source}, row 1, date",
                            value=payments[0][0].isoformat(), previous=start.isoformat())
    assert received is not None
    return schedule_apr(start, received, payments, upfront_fee=upfront_fee, contract_amount=contract_amount)
