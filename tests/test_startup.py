"""Fast start: the CLI imports no heavy module until a command needs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("rich", "reportlab", "docx", "phonenumbers", "opencc", "jinja2", "questionary", "defusedxml", "cn2an",
         "pyxirr", "numpy", "pydantic", "platformdirs")
PROBE = """
import json, sys
sys.argv = ["overdue", *{args!r}]
from overdue_aid import cli
try:
    cli.main()
except SystemExit:
    pass
print(json.dumps(sorted({{name.split('.')[0] for name in sys.modules}})), file=sys.stderr)
"""


def imported_by(*args: str) -> set[str]:
    env = {**os.environ, "OVERDUE_HOME": os.environ["OVERDUE_HOME"]}
    result = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True,
                            env=env, timeout=60)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_version_imports_nothing_heavy():
    assert imported_by("--version") & set(HEAVY) == set()


def test_json_listing_imports_nothing_heavy():
    assert imported_by("case", "list", "--json") & set(HEAVY) == set()


def test_a_command_loads_only_its_own_capability():
    loaded = imported_by("case", "list", "--json")
    from overdue_aid.cli import COMMANDS

    others = {f"overdue_aid.{package}.commands" for package in COMMANDS.values() if package != "case"}
    env_modules = subprocess.run(
        [sys.executable, "-c", PROBE.replace("name.split('.')[0]", "name").format(args=["case", "list", "--json"])],
        capture_output=True, text=True, env=dict(os.environ), timeout=60)
    full = set(json.loads(env_modules.stderr.strip().splitlines()[-1]))
    assert "overdue_aid.case.commands" in full
    assert full & others == set()
    assert loaded


def test_checking_a_message_with_chinese_numerals_does_not_load_cn2an():
    # cn2an's import alone is about 90 ms, as long as the rest of a one-message check.
    loaded = imported_by("check", "您的账单已逾期，应还叁仟伍佰元整，请于今日处理。", "--json")
    assert "cn2an" not in loaded and "overdue_aid" in loaded
