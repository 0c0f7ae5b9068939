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
