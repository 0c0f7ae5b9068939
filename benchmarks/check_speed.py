#!/usr/bin/env python3
"""Throughput of `overdue check --batch` on 200-character messages, against merely reading and writing the JSON Lines.

Usage: python benchmarks/check_speed.py [--count 100000] [--length 200] [--runs 3]

The messages are made by joining texts from the project's test messages (tests/check/data/*.jsonl) and, when
present, the shared development set, cut to --length characters: collection threats, scams, reminders and
everyday texts in Chinese and English, as a batch would see them. Both commands run pinned to one CPU core
(taskset) when available. Prints messages per second for each and the ratio of the two times.
Targets (issue 4): at least 20,000 messages/s, and within 10x of plain read + write.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*sorted((ROOT / "tests" / "check" / "data").glob("*.jsonl")), ROOT.parent / "shared" / "data" / "messages-dev.jsonl"]

PLAIN = """
import json, sys
dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
out = sys.stdout
for line in sys.stdin.buffer:
    item = json.loads(line)
    out.write(dumps({"id": item.get("id"), "text": item["text"]}) + "\\n")
"""


def _texts() -> list[str]:
    texts = []
    for path in SOURCES:
        if path.is_file():
            texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    if not texts:
        raise SystemExit("no source messages found")
    return texts


def make_batch(path: Path, count: int, length: int, seed: int = 4) -> None:
    """`count` lines {"id", "text"} with texts of exactly `length` characters."""
    rng = random.Random(seed)
    texts = _texts()
    with path.open("w", encoding="utf-8") as handle:
        for number in range(1, count + 1):
            parts: list[str] = []
            while sum(len(part) + 1 for part in parts) < length:
                parts.append(rng.choice(texts))
            handle.write(json.dumps({"id": number, "text": " ".join(parts)[:length]}, ensure_ascii=False) + "\n")


def _pinned(argv: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *argv] if shutil.which("taskset") else argv


def timed(argv: list[str], source: Path, env: dict[str, str]) -> float:
    with source.open("rb") as stdin:
        start = time.perf_counter()
        result = subprocess.run(_pinned(argv), stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{argv[0]} failed: {result.stderr.decode()[-500:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--length", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    overdue = Path(sys.executable).with_name("overdue")
    with tempfile.TemporaryDirectory() as home:
        batch = Path(home) / "batch.jsonl"
        make_batch(batch, args.count, args.length)
        env = {**os.environ, "OVERDUE_HOME": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([str(overdue), "check", "warm up", "--json"], env=env, stdout=subprocess.DEVNULL, check=True)
        plain = statistics.median(timed([sys.executable, "-c", PLAIN], batch, env) for _ in range(args.runs))
        check = statistics.median(timed([str(overdue), "check", "--batch", "-", "--json"], batch, env)
                                  for _ in range(args.runs))
    size_mb = batch.stat().st_size / 1e6 if batch.exists() else 0
    print(f"{args.count} messages of {args.length} characters"
          f"{' (pinned to CPU 0)' if shutil.which('taskset') else ''}{f', {size_mb:.1f} MB' if size_mb else ''}")
    print(f"{'plain JSON Lines read + write':<34}{plain:7.2f} s {args.count / plain:10,.0f} msg/s")
    print(f"{'overdue check --batch':<34}{check:7.2f} s {args.count / check:10,.0f} msg/s   "
          f"{check / plain:.1f}x plain  [targets: >= 20,000 msg/s, <= 10x]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
