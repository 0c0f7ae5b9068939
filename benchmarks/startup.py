#!/usr/bin/env python3
"""Start-up time of `overdue` commands against a hello-world typer app in the same interpreter.

Usage: python benchmarks/startup.py [--runs 15]
Prints the median wall time of each command and its ratio to the hello-world baseline.
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

HELLO = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")
app()
"""

COMMANDS = [
    ["--version"],
    ["case", "list", "--json"],
    ["check", "您的借款已逾期3天，请尽快还款。", "--json"],
    ["guide", "--json"],
]


def median_seconds(argv: list[str], runs: int, env: dict[str, str]) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    overdue = Path(sys.executable).with_name("overdue")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "OVERDUE_HOME": home}
        hello = Path(home) / "hello.py"
        hello.write_text(HELLO)
        baseline = median_seconds([sys.executable, str(hello)], args.runs, env)
        print(f"{'hello-world typer':<40}{baseline * 1000:8.1f} ms   1.00x")
        for command in COMMANDS:
            seconds = median_seconds([str(overdue), *command], args.runs, env)
            label = "overdue " + " ".join(part if len(part) < 12 else part[:10] + "…" for part in command)
            print(f"{label:<40}{seconds * 1000:8.1f} ms   {seconds / baseline:4.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
