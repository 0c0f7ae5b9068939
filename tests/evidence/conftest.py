"""Fixtures for the evidence tests: a real data dir with cases, and a way to add entries quickly."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from overdue_aid.settings import default_data_dir
from overdue_aid.store.db import connect

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir(data_home) -> Path:
    return default_data_dir()


@pytest.fixture
def cn_case(cli) -> int:
    """A Chinese online-loan case (Asia/Shanghai)."""
    return cli.json("case", "new", "--no-input", "--lender", "稳稳借", "--amount-due", "5430", "--jurisdiction", "cn",
                    "--borrower-name", "王芳")["id"]


@pytest.fixture
def us_case(cli) -> int:
    """A US case whose borrower lives in Chicago."""
    return cli.json("case", "new", "--no-input", "--lender", "Acme Collections", "--amount-due", "$1,250.00",
                    "--jurisdiction", "us", "--timezone", "America/Chicago")["id"]


@pytest.fixture
def conn(data_dir):
    connection = connect(data_dir)
    yield connection
    connection.close()


@pytest.fixture
def add(conn, data_dir):
    """append_entry with sensible defaults: add(case_id, "2026-03-02T23:15:00+08:00", channel="sms", ...)."""
    from overdue_aid.evidence.log import append_entry

    def _add(case_id: int, at: str, **fields):
        fields.setdefault("channel", "sms")
        fields.setdefault("direction", "incoming")
        return append_entry(conn, data_dir, case_id, at=datetime.fromisoformat(at), **fields)
    return _add


def count_entries(data_dir: Path) -> int:
    connection = connect(data_dir)
    try:
        return connection.execute("SELECT COUNT(*) FROM evidence_entries").fetchone()[0]
    finally:
        connection.close()
