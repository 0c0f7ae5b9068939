"""Fixtures for the letter tests: cases made through the real `case new` command, a real database connection."""

from __future__ import annotations

import pytest

from .support import DUE


@pytest.fixture
def us_case(cli):
    """A US consumer debt with a debt collector, letters in English."""
    return cli.json("case", "new", "--no-input", "--lender", "Acme Recovery LLC", "--amount-due", "$1,250.00",
                    "--principal", "1000", "--due-date", DUE.isoformat(), "--jurisdiction", "us", "--currency", "USD",
                    "--borrower-name", "Jane Doe", "--account-ref", "AC-778899", "--letter-lang", "en")


@pytest.fixture
def zh_case(cli):
    """A mainland online loan whose letters are written in Chinese, with addresses known."""
    case = cli.json("case", "new", "--no-input", "--lender", "稳稳借", "--amount-due", "5430", "--principal", "5000",
                    "--due-date", DUE.isoformat(), "--jurisdiction", "cn", "--borrower-name", "王芳",
                    "--account-ref", "WW-2026-0042", "--letter-lang", "zh", "--late-rate", "日0.1%")
    return cli.json("case", "edit", str(case["id"]), "--borrower-phone", "13800138000",
                    "--borrower-address", "北京市朝阳区幸福路1号")


@pytest.fixture
def conn(data_home):
    from overdue_aid.store.db import connect

    connection = connect(data_home)
    yield connection
    connection.close()
