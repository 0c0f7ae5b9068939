#!/usr/bin/env python3
"""Start-up of `overdue check TEXT --json` against a hello-world typer command in the same interpreter.

Usage: python benchmarks/check_startup.py [--runs 31]

Runs are interleaved (hello, check, hello, check …) so that machine noise hits both alike, with byte-code
caching on and after one warm-up run (which compiles the rule packs into the data dir's cache, as a
user's first run does). Prints the median of each and the ratio. Target (issue 4): at most 1.5x.
A message with a phone number also loads phonenumbers, one with an amount the decimal module; those cases are
shown separately. What a run builds once and keeps in the data dir's cache folder (compiled rule packs, parsed
catalogs, compiled regular-expression programs) is built in the warm-up run, as a user's first run builds it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import HELLO  # noqa: E402  the same hello-world app as benchmarks/startup.py

MESSAGES = {
    "no phone number": "您的借款已逾期3天，请尽快还款。",
    "with a phone number": "Your account is past due. Call us at 305-555-0177.",
    "amount and family": "【金桔贷】您已逾期15天，欠款12,345.60元，今天不还就联系你的紧急联系人。",
}


def _once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=31)
    args = parser.parse_args()
    overdue = Path(sys.executable).with_name("overdue")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "OVERDUE_HOME": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        hello = Path(home) / "hello.py"
        hello.write_text(HELLO)
        hello_argv = [sys.executable, str(hello)]
        for label, text in MESSAGES.items():
            check_argv = [str(overdue), "check", text, "--json"]
            _once(hello_argv, env), _once(check_argv, env)  # warm-up: byte code, rule-pack cache
            base, check = [], []
            for _ in range(args.runs):
                base.append(_once(hello_argv, env))
                check.append(_once(check_argv, env))
            base_ms, check_ms = statistics.median(base) * 1000, statistics.median(check) * 1000
            print(f"{label:<22} hello-world typer {base_ms:6.1f} ms   overdue check --json {check_ms:6.1f} ms   "
                  f"{check_ms / base_ms:4.2f}x  [target <= 1.5x]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
