"""Cases in SQLite. All writes run in a transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from ..errors import OverdueError
from ..store.db import transaction
from .models import Case

_DECIMAL_FIELDS = {"amount_due", "principal", "late_rate", "fees"}
_DATE_FIELDS = {"due_date"}
_TIME_FIELDS = {"created_at", "updated_at"}
_COLUMNS = [spec.name for spec in fields(Case) if spec.name != "id"]


def _to_row(case: Case) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in _COLUMNS:
        value = getattr(case, name)
        if isinstance(value, Decimal):
            value = format(value, "f")
        elif isinstance(value, (date, datetime)):
            value = value.isoformat()
        row[name] = value
    return row


def _from_row(row: sqlite3.Row) -> Case:
    values: dict[str, Any] = {"id": row["id"]}
    for name in _COLUMNS:
        value = row[name]
        if value is not None:
            if name in _DECIMAL_FIELDS:
                value = Decimal(value)
            elif name in _DATE_FIELDS:
                value = date.fromisoformat(value)
            elif name in _TIME_FIELDS:
                value = datetime.fromisoformat(value)
        values[name] = value
    return Case(**values)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def insert_case(conn: sqlite3.Connection, case: Case) -> Case:
    stamp = _now()
    case = case.with_changes(created_at=case.created_at or stamp, updated_at=stamp)
    row = _to_row(case)
    with transaction(conn):
        cursor = conn.execute(
            f"INSERT INTO cases ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values()))
    return case.with_changes(id=cursor.lastrowid)


def get_case(conn: sqlite3.Connection, case_id: int) -> Case:
    row = conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        raise OverdueError("errors.case.not_found", case_id=case_id)
    return _from_row(row)


def list_cases(conn: sqlite3.Connection, *, status: str | None = None) -> list[Case]:
    if status:
        rows = conn.execute("SELECT * FROM cases WHERE status = ? ORDER BY id", (status,))
    else:
        rows = conn.execute("SELECT * FROM cases ORDER BY id")
    return [_from_row(row) for row in rows]


def update_case(conn: sqlite3.Connection, case: Case) -> Case:
    if case.id is None:
        raise ValueError("update_case needs a saved case")
    case = case.with_changes(updated_at=_now())
    row = _to_row(case)
    row.pop("created_at")
    with transaction(conn):
        cursor = conn.execute(
            f"UPDATE cases SET {', '.join(f'{name} = ?' for name in row)} WHERE id = ?", [*row.values(), case.id])
        if cursor.rowcount != 1:
            raise OverdueError("errors.case.not_found", case_id=case.id)
    return case
