#!/usr/bin/env python3
"""Where the time of `overdue check --batch` goes: microseconds a message for each stage, in-process, one core.

Usage: .venv/bin/python benchmarks/check_stages.py [--count 20000] [--length 200]

Uses the same 200-character messages as check_speed.py. Each stage runs over all messages on the results of the
stage before it (best of three), so the figures add up to about the whole check. The two "floor" lines are work
that no pure-Python design of this check can avoid: parsing and writing the JSON Lines, and walking the
Aho-Corasick automaton over the text (pyahocorasick yields one Python tuple per cue-word hit).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_speed import make_batch  # noqa: E402  the same messages as the throughput benchmark


def best_of(runs: int, function: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `runs` timings, and the result of the last run."""
    best = float("inf")
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--length", type=int, default=200)
    args = parser.parse_args()

    from overdue_aid.check.batch import BatchTally, json_lines
    from overdue_aid.check.core import detect_language
    from overdue_aid.check.facts import extract
    from overdue_aid.check.normalise import normalise, prepare_for_batch
    from overdue_aid.check.packs import compiled, pack
    from overdue_aid.check.rules import build_scan, evaluate

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.jsonl"
        make_batch(path, args.count, args.length)
        raw = path.read_bytes().splitlines()
    prepare_for_batch()
    rules = pack("cn")
    automaton = compiled().lexicon.automaton
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    gc.disable()  # the stages keep every result alive; collections would be charged to whichever stage runs
    count = len(raw)
    rows: list[tuple[str, float]] = []

    def stage(name: str, function: Callable[[], Any]) -> Any:
        seconds, result = best_of(3, function)
        rows.append((name, seconds / count * 1e6))
        return result

    stage("floor: JSON parse + write", lambda: [encode(json.loads(line)) for line in raw])
    texts = [json.loads(line)["text"] for line in raw]
    normals = stage("normalise", lambda: [normalise(text) for text in texts])
    stage("detect language", lambda: [detect_language(normal.text) for normal in normals])
    facts = stage("facts", lambda: [extract(text, normal.text, jurisdiction="cn") for text, normal in zip(texts, normals)])
    stage("floor: automaton walk alone", lambda: [list(automaton.iter(normal.text)) for normal in normals])
    scans = stage("scan, group, signals", lambda: [build_scan(normal, fact.hits) for normal, fact in zip(normals, facts)])
    stage("rules", lambda: [evaluate(scan, rules) for scan in scans])
    gc.enable()
    whole, _ = best_of(3, lambda: sum(1 for _ in json_lines(raw, "en", BatchTally())))
    print(f"{count} messages of {args.length} characters, microseconds a message (best of 3):")
    for name, micros in rows:
        print(f"  {name:<32}{micros:8.1f}")
    print(f"  {'whole batch (json_lines)':<32}{whole / count * 1e6:8.1f}   = {count / whole:,.0f} msg/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
