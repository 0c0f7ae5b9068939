"""The legal and regulatory rate lines of shared/reference/{cn,us}.md, as data the report compares against.

Each line keeps the reference sheet's status mark (confirmed / secondary / unverified). Only lines a claim
can fairly be measured against are `binding`; the others are shown for information, worded as "reported".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any

# 民间借贷规定 第31条: contracts made before 2020-08-20 keep the old 24%/36% lines for interest up to 2020-08-19.
NEW_RULES_FROM = date(2020, 8, 20)
LENDER_KINDS = ("licensed", "private")


@dataclass(frozen=True)
class Lpr:
    rate: Decimal  # percent a year
    since: date
    status: str


@dataclass(frozen=True)
class CapLine:
    id: str  # sentence under analysis.caps.<id>
    rate: Decimal  # percent a year
    status: str  # the reference sheet's mark: confirmed | secondary | unverified
    binding: bool  # a claim may be measured against it (else: information only)
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"id": self.id, "rate": format(self.rate, "f"), "status": self.status, "binding": self.binding,
                "params": {key: value.isoformat() if isinstance(value, date) else
                           format(value, "f") if isinstance(value, Decimal) else value
                           for key, value in self.params.items()}}


@cache
def lpr_table() -> tuple[str, tuple[Lpr, ...]]:
    """The dated one-year LPR quotes shipped with the package (and the month they were last checked)."""
    data = tomllib.loads(files("overdue_aid.analysis").joinpath("data", "lpr_cn.toml").read_text("utf-8"))
    quotes = tuple(sorted((Lpr(Decimal(item["rate"]), item["from"], item["status"]) for item in data["quote"]),
                          key=lambda quote: quote.since))
    return data["checked"], quotes


def lpr_at(day: date) -> Lpr | None:
    """The one-year LPR in force on `day`, or None before the first quote (2019-08-20)."""
    found = None
    for quote in lpr_table()[1]:
        if quote.since <= day:
            found = quote
    return found


def cap_lines(jurisdiction: str, *, lender_kind: str = "licensed", region: str | None = None,
              contract_date: date | None = None, fallback_date: date | None = None,
              servicemember: bool = False) -> list[CapLine]:
    """The lines that apply to a loan, lowest binding line first."""
    if jurisdiction == "cn":
        lines = _cn_lines(lender_kind, contract_date, fallback_date or date.today())
    else:
        lines = _us_lines(region, servicemember)
    return sorted(lines, key=lambda line: (not line.binding, line.rate))


def _cn_lines(lender_kind: str, contract_date: date | None, fallback_date: date) -> list[CapLine]:
    if lender_kind == "private":
        if contract_date is not None and contract_date < NEW_RULES_FROM:
            return [CapLine("cn_private_old_24", Decimal(24), "confirmed", True, {"date": contract_date}),
                    CapLine("cn_void_36", Decimal(36), "confirmed", False)]
        day = contract_date or fallback_date
        lpr = lpr_at(day) or lpr_table()[1][0]
        return [CapLine("cn_private_4lpr", lpr.rate * 4, "confirmed", True,
                        {"lpr": lpr.rate, "lpr_since": lpr.since, "lpr_status": lpr.status,
                         "date": day, "date_assumed": contract_date is None, "checked": lpr_table()[0]})]
    return [CapLine("cn_licensed_24", Decimal(24), "secondary", True),
            CapLine("cn_void_36", Decimal(36), "confirmed", False)]


def _us_lines(region: str | None, servicemember: bool) -> list[CapLine]:
    lines = []
    if (region or "").strip().upper() in ("NY", "NEW YORK"):
        lines += [CapLine("us_ny_civil_16", Decimal(16), "secondary", True),
                  CapLine("us_ny_criminal_25", Decimal(25), "secondary", False)]
    if servicemember:
        lines.append(CapLine("us_mla_36", Decimal(36), "unverified", False))
    return lines


def binding_line(lines: list[CapLine]) -> CapLine | None:
    """The lowest line a claim can be measured against, if any."""
    binding = [line for line in lines if line.binding]
    return min(binding, key=lambda line: line.rate) if binding else None
