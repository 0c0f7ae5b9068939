"""Analyses, chosen plans and the household budget in SQLite (schema 002_analysis.sql).

Other capabilities (letters, case show, case export) read them through latest_analysis, chosen_plan and
household_budget.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import bad_input
from ..store.db import transaction
from .budget import INCOME_ITEMS, SPENDING_ITEMS, Budget
from .plan import PLAN_KINDS, Plan, ScheduleRow, check_schedule

_BUDGET_MONEY = ([f"income_{item}" for item in INCOME_ITEMS] + [f"spend_{item}" for item in SPENDING_ITEMS]
                 + ["other_debt_payments", "savings"])


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


# ---- household budget ---------------------------------------------------------------------------

def household_budget(conn: sqlite3.Connection) -> Budget | None:
    """The household's saved budget, or None before the first analysis."""
    row = conn.execute("SELECT * FROM household_budget WHERE id = 1").fetchone()
    if row is None:
        return None
    return Budget(
        currency=row["currency"],
        income={item: Decimal(row[f"income_{item}"]) for item in INCOME_ITEMS},
        spending={item: Decimal(row[f"spend_{item}"]) for item in SPENDING_ITEMS},
        other_debt_payments=Decimal(row["other_debt_payments"]),
        savings=Decimal(row["savings"]),
        people=row["people"],
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def save_budget(conn: sqlite3.Connection, budget: Budget) -> Budget:
    """Replace the household budget (there is one per data dir)."""
    stamp = _now()
    values = {f"income_{k}": _dec(v) for k, v in budget.income.items()}
    values.update({f"spend_{k}": _dec(v) for k, v in budget.spending.items()})
    values.update(other_debt_payments=_dec(budget.other_debt_payments), savings=_dec(budget.savings),
                  currency=budget.currency, people=budget.people, updated_at=stamp.isoformat())
    columns = ", ".join(values)
    with transaction(conn):
        conn.execute(f"INSERT OR REPLACE INTO household_budget (id, {columns}) VALUES (1, {', '.join('?' for _ in values)})",
                     list(values.values()))
    budget.updated_at = stamp
    return budget


# ---- analyses -----------------------------------------------------------------------------------

def save_analysis(conn: sqlite3.Connection, case_id: int, result: dict[str, Any],
                  created_at: datetime | None = None) -> dict[str, Any]:
    """Store one analysis result (a JSON-able dict with at least 'causes' and 'strategy'); returns it with id."""
    stamp = created_at or _now()
    stored = {**result, "case_id": case_id, "created_at": stamp.isoformat()}
    stored.pop("id", None)
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO analyses (case_id, created_at, causes, strategy, data) VALUES (?, ?, ?, ?, ?)",
            (case_id, stamp.isoformat(), json.dumps(stored["causes"]), stored["strategy"],
             json.dumps(stored, ensure_ascii=False)))
    return {**stored, "id": cursor.lastrowid}


def latest_analysis(conn: sqlite3.Connection, case_id: int) -> dict | None:
    """The newest analysis of the case (causes, budget summary, strategy key, cost of waiting), or None."""
    row = conn.execute("SELECT id, data FROM analyses WHERE case_id = ? ORDER BY id DESC LIMIT 1",
                       (case_id,)).fetchone()
    if row is None:
        return None
    return {**json.loads(row["data"]), "id": row["id"]}


def _all_analyses(conn: sqlite3.Connection, case_id: int) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT data FROM analyses WHERE case_id = ? ORDER BY id", (case_id,))
    return [json.loads(row["data"]) for row in rows]


# ---- plans --------------------------------------------------------------------------------------

def save_plan(conn: sqlite3.Connection, case_id: int, plan: Plan) -> Plan:
    """Record `plan` as the case's chosen plan (the newest saved plan is the chosen one)."""
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO plans (case_id, kind, currency, total, monthly_amount, extension_to, reason_key, causes,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (case_id, plan.kind, plan.currency, _dec(plan.total), _dec(plan.monthly_amount),
             plan.extension_to.isoformat() if plan.extension_to else None, plan.reason_key,
             json.dumps(list(plan.causes)), plan.created_at.isoformat()))
        conn.executemany("INSERT INTO plan_rows (plan_id, seq, due, amount) VALUES (?, ?, ?, ?)",
                         [(cursor.lastrowid, seq, row.due.isoformat(), _dec(row.amount))
                          for seq, row in enumerate(plan.rows)])
    return plan


def _plan_from_row(conn: sqlite3.Connection, row: sqlite3.Row) -> Plan:
    rows = conn.execute("SELECT due, amount FROM plan_rows WHERE plan_id = ? ORDER BY seq", (row["id"],))
    return Plan(
        kind=row["kind"], currency=row["currency"], total=Decimal(row["total"]),
        rows=[ScheduleRow(date.fromisoformat(item["due"]), Decimal(item["amount"])) for item in rows],
        monthly_amount=Decimal(row["monthly_amount"]) if row["monthly_amount"] is not None else None,
        extension_to=date.fromisoformat(row["extension_to"]) if row["extension_to"] else None,
        reason_key=row["reason_key"], causes=json.loads(row["causes"]),
        created_at=datetime.fromisoformat(row["created_at"]),
    )


def chosen_plan(conn: sqlite3.Connection, case_id: int) -> Plan | None:
    """The plan most recently chosen for the case, or None."""
    row = conn.execute("SELECT * FROM plans WHERE case_id = ? ORDER BY id DESC LIMIT 1", (case_id,)).fetchone()
    return None if row is None else _plan_from_row(conn, row)


def _all_plans(conn: sqlite3.Connection, case_id: int) -> list[Plan]:
    return [_plan_from_row(conn, row) for row in conn.execute("SELECT * FROM plans WHERE case_id = ? ORDER BY id",
                                                               (case_id,)).fetchall()]


def case_summary(conn: sqlite3.Connection, case_id: int) -> dict[str, Any]:
    """What `case show` adds: the latest analysis and the chosen plan (None when there is none)."""
    plan = chosen_plan(conn, case_id)
    return {"analysis": latest_analysis(conn, case_id), "plan": plan.as_dict() if plan else None}


# ---- case export / import (registered in case/export_sections.py) ------------------------------

def export_section(conn: sqlite3.Connection, case_id: int) -> dict[str, Any] | None:
    """The case's analyses and plans for its TOML export (TOML has no null, so analyses travel as JSON text)."""
    analyses = _all_analyses(conn, case_id)
    plans = _all_plans(conn, case_id)
    if not analyses and not plans:
        return None
    section: dict[str, Any] = {}
    if analyses:
        section["analyses"] = [{"created_at": datetime.fromisoformat(item["created_at"]),
                                "data": json.dumps(item, ensure_ascii=False, sort_keys=True)} for item in analyses]
    if plans:
        section["plans"] = [_plan_to_toml(plan) for plan in plans]
    return section


def _plan_to_toml(plan: Plan) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": plan.kind, "currency": plan.currency, "total": _dec(plan.total),
                            "causes": list(plan.causes), "created_at": plan.created_at,
                            "rows": [{"due": row.due, "amount": _dec(row.amount)} for row in plan.rows]}
    if plan.monthly_amount is not None:
        body["monthly_amount"] = _dec(plan.monthly_amount)
    if plan.extension_to is not None:
        body["extension_to"] = plan.extension_to
    if plan.reason_key:
        body["reason_key"] = plan.reason_key
    return body


def _bad(field: str) -> Exception:
    return bad_input("analysis.errors.import_section", field=f"analysis.{field}")


def _money(raw: Any, field: str) -> Decimal:
    if not isinstance(raw, str):
        raise _bad(field)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise _bad(field) from None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise _bad(field)
    return value


def _aware(raw: Any, field: str) -> datetime:
    if not isinstance(raw, datetime) or raw.tzinfo is None:
        raise _bad(field)
    return raw


def _plan_from_toml(raw: Any, where: str) -> Plan:
    from .causes import CAUSES

    if not isinstance(raw, dict) or raw.get("kind") not in PLAN_KINDS or raw.get("currency") not in ("CNY", "USD"):
        raise _bad(where)
    rows_raw = raw.get("rows")
    if not isinstance(rows_raw, list) or not rows_raw:
        raise _bad(f"{where}.rows")
    rows = []
    for index, item in enumerate(rows_raw):
        if not isinstance(item, dict) or not isinstance(item.get("due"), date) or isinstance(item.get("due"), datetime):
            raise _bad(f"{where}.rows[{index}]")
        rows.append(ScheduleRow(item["due"], _money(item.get("amount"), f"{where}.rows[{index}].amount")))
    causes = raw.get("causes", [])
    if not isinstance(causes, list) or any(cause not in CAUSES for cause in causes):
        raise _bad(f"{where}.causes")
    extension_to = raw.get("extension_to")
    if extension_to is not None and (not isinstance(extension_to, date) or isinstance(extension_to, datetime)):
        raise _bad(f"{where}.extension_to")
    reason_key = raw.get("reason_key")
    if reason_key is not None and not (isinstance(reason_key, str) and reason_key.startswith("analysis.")):
        raise _bad(f"{where}.reason_key")
    plan = Plan(kind=raw["kind"], currency=raw["currency"], total=_money(raw.get("total"), f"{where}.total"),
                rows=rows, extension_to=extension_to, reason_key=reason_key, causes=causes,
                monthly_amount=(_money(raw["monthly_amount"], f"{where}.monthly_amount")
                                if "monthly_amount" in raw else None),
                created_at=_aware(raw.get("created_at"), f"{where}.created_at"))
    try:
        check_schedule(plan)
    except ValueError:
        raise _bad(f"{where}.rows") from None
    return plan


def import_section(conn: sqlite3.Connection, case_id: int | None, value: Any, dry_run: bool) -> None:
    """Validate (dry_run) or store the analyses and plans of an imported case."""
    if not isinstance(value, dict) or set(value) - {"analyses", "plans"}:
        raise _bad("")
    analyses = []
    for index, item in enumerate(value.get("analyses", [])):
        where = f"analyses[{index}]"
        if not isinstance(item, dict):
            raise _bad(where)
        stamp = _aware(item.get("created_at"), f"{where}.created_at")
        try:
            data = json.loads(item.get("data", ""))
        except (TypeError, ValueError):
            raise _bad(f"{where}.data") from None
        if not isinstance(data, dict) or not isinstance(data.get("causes"), list) or not isinstance(data.get("strategy"), str):
            raise _bad(f"{where}.data")
        analyses.append((stamp, data))
    plans = [_plan_from_toml(item, f"plans[{index}]") for index, item in enumerate(value.get("plans", []))]
    if dry_run:
        return
    assert case_id is not None
    with transaction(conn):
        for stamp, data in analyses:
            save_analysis(conn, case_id, data, created_at=stamp)
        for plan in plans:
            save_plan(conn, case_id, plan)
