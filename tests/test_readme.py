"""README.md stays current: CI runs exactly its test command, and every command has an example."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def fenced_commands_after(heading: str) -> list[str]:
    section = README.split(heading, 1)[1]
    block = re.search(r"```(?:bash)?\n(.*?)```", section, re.S)
    assert block, f"no command block after {heading!r}"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_one_install_and_run_command():
    commands = fenced_commands_after("## Install and start")
    assert len(commands) == 1
    assert "pip install ." in commands[0] and "overdue" in commands[0]


def test_ci_runs_exactly_the_readme_test_command():
    [command] = fenced_commands_after("## Run the tests")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert command in ci.splitlines()


def test_every_command_has_an_example():
    from typer.main import get_command

    from overdue_aid.cli import app

    root = get_command(app)
    missing = []
    for name in root.list_commands(None):
        command = root.get_command(None, name)
        subcommands = getattr(command, "commands", None)
        paths = [f"overdue {name} {sub}" for sub in subcommands] if subcommands else [f"overdue {name}"]
        missing += [path for path in paths if not re.search(re.escape(path) + r"(\s|$)", README)]
    assert missing == []


def test_readme_is_bilingual():
    assert "**English**" in README and "**中文**" in README
