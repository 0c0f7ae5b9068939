"""Helpers for the letter tests: plans and evidence made through the other capabilities' public functions."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

# Dates relative to today, so the cases never become "old debts" as the calendar moves on.
TODAY = date.today()
DUE = TODAY - timedelta(days=90)
SOON = TODAY + timedelta(days=20)
LATER = TODAY + timedelta(days=45)


def zh_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def en_date(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


# Text that must never appear in a finished letter: template syntax, Python's None, gaps and to-dos,
# and the private-use marks that wrap inserted values before export.
PLACEHOLDERS = ("{{", "}}", "{%", "None", "[", "TODO", "\ue000", "\ue001")


def assert_no_placeholders(text: str) -> None:
    found = [marker for marker in PLACEHOLDERS if marker in text]
    assert found == [], f"placeholders {found} in:\n{text}"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def save_instalment_plan(conn, case_id: int, *, monthly: str, start: date, total: str, currency: str = "CNY",
                         causes=("income_loss",)):
    """A chosen instalment plan, saved through the analysis capability's public functions."""
    from overdue_aid.analysis.plan import Plan, monthly_rows
    from overdue_aid.analysis.store import save_plan

    rows = monthly_rows(Decimal(total), Decimal(monthly), start)
    plan = Plan(kind="instalments", currency=currency, total=Decimal(total), rows=rows,
                monthly_amount=Decimal(monthly), reason_key=f"analysis.cause.{causes[0]}", causes=list(causes))
    return save_plan(conn, case_id, plan)


def save_extension_plan(conn, case_id: int, *, total: str, to: date, currency: str = "CNY",
                        causes=("illness",)):
    from overdue_aid.analysis.plan import Plan, ScheduleRow
    from overdue_aid.analysis.store import save_plan

    plan = Plan(kind="extension", currency=currency, total=Decimal(total), rows=[ScheduleRow(to, Decimal(total))],
                extension_to=to, reason_key=f"analysis.cause.{causes[0]}", causes=list(causes))
    return save_plan(conn, case_id, plan)


def log_contact(conn, data_home, case_id: int, when: str, *, tz: str = "Asia/Shanghai", contacted=("me",),
                summary: str | None = None, channel: str = "call", outcome: str | None = None):
    """One incoming collection contact in the evidence log."""
    from overdue_aid.evidence.log import append_entry

    at = datetime.fromisoformat(when).replace(tzinfo=ZoneInfo(tz))
    return append_entry(conn, data_home, case_id, at=at, channel=channel, direction="incoming",
                        counterpart_number="+86 400 000 0000", contacted=tuple(contacted), summary=summary,
                        outcome=outcome)


def draft_json(cli, *args: str, input: str | None = None) -> dict:
    result = cli("draft", *args, "--json", input=input)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)
