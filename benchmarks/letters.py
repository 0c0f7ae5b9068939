"""How long `overdue draft` takes: each output format through the real command line, and composing every letter.

Run from the repository root: .venv/bin/python benchmarks/letters.py [--cmd .venv/bin/overdue] [--runs 5]
It works in a temporary data folder and prints a table of median wall times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmd", default=".venv/bin/overdue")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "OVERDUE_HOME": home, "NO_COLOR": "1"}
        env.pop("OVERDUE_LANG", None)
        created = subprocess.run([args.cmd, "case", "new", "--no-input", "--lender", "稳稳借", "--amount-due", "5430",
                                  "--jurisdiction", "cn", "--borrower-name", "王芳", "--letter-lang", "zh", "--json"],
                                 env=env, capture_output=True, text=True, check=True)
        case_id = str(json.loads(created.stdout)["id"])
        rows = []
        base = [args.cmd, "draft", "instalment", "--case", case_id, "--monthly", "1000", "--start", "2099-01-15"]
        rows.append(("draft --list --json", [_run([args.cmd, "draft", "--list", "--json"], env)
                                              for _ in range(args.runs)]))
        rows.append(("preview (md, --json)", [_run(base + ["--json"], env) for _ in range(args.runs)]))
        for fmt in ("md", "txt", "html", "docx", "pdf"):
            times = [_run(base + ["-o", str(Path(home) / f"letter{run}.{fmt}")], env) for run in range(args.runs)]
            rows.append((f"-o letter.{fmt} (zh, recorded)", times))
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        rows.append(("compose all 38 letters in-process", [_compose_all() for _ in range(args.runs)]))
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  median    min")
    for name, times in rows:
        print(f"{name:<{width}}  {statistics.median(times) * 1000:6.0f} ms {min(times) * 1000:6.0f} ms")
    return 0


def _compose_all() -> float:
    from datetime import date, timedelta
    from decimal import Decimal

    from overdue_aid.case.models import Case
    from overdue_aid.letters.compose import LETTER_TYPES, compose_letter
    from overdue_aid.letters.facts import LetterFacts, build_schedule

    start = time.perf_counter()
    today = date.today()
    for kind in LETTER_TYPES.values():
        for jurisdiction in ("cn", "us"):
            for variant in kind.variants[jurisdiction]:
                for lang in ("zh", "en"):
                    case = Case(id=1, lender="Lender", amount_due=Decimal("5430"), currency="CNY",
                                jurisdiction=jurisdiction, letter_lang=lang, borrower_name="Name",
                                borrower_email="me@example.com", due_date=today - timedelta(days=30))
                    schedule = build_schedule(Decimal("5430"), Decimal("1000"), today + timedelta(days=10))
                    facts = LetterFacts(case=case, today=today, letter_lang=lang, to_date=today + timedelta(days=30),
                                        reason="My shop closed.", schedule=schedule)
                    compose_letter(facts, kind, variant)
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
