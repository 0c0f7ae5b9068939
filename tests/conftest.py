"""Shared fixtures: every test gets its own data dir and a fixed, non-Chinese environment."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from overdue_aid.cli import app


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("OVERDUE_HOME", str(home))
    for name in ("OVERDUE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return home


class Cli:
    """Runs `overdue …` through typer's CliRunner with separate stdout and stderr."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict | None = None):
        return self.runner.invoke(app, list(args), input=input, env=env)

    def json(self, *args: str, input: str | None = None):
        result = self(*args, "--json", input=input)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def saved_case(cli):
    """A Chinese online-loan case saved through the real command."""
    return cli.json("case", "new", "--no-input", "--lender", "稳稳借", "--amount-due", "5,430.00",
                    "--principal", "5000", "--due-date", "2026-03-01", "--late-rate", "日0.05%",
                    "--jurisdiction", "cn", "--borrower-name", "王芳", "--account-ref", "WW-2026-0042")
