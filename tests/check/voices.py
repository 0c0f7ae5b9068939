"""Shared by the tests that run labelled messages written for them (data/voices*.jsonl): loading a file, and the
one check every such message must pass."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from overdue_aid.check.core import check_message
from overdue_aid.check.packs import TAGS_CONDUCT, TAGS_SCAM

DATA = Path(__file__).parent / "data"
SPEC_TAGS = set(TAGS_CONDUCT) | set(TAGS_SCAM)


def labelled(*names: str) -> list[dict]:
    """The labelled messages of these data files, in order."""
    return [json.loads(line) for name in names for line in (DATA / name).read_text("utf-8").splitlines()
            if line.strip()]


def assert_voice(item: dict) -> None:
    """The message gets its labelled kind and tags, and every finding quotes it and names a basis of its own pack."""
    received = datetime.fromisoformat(item["received_at"]) if item.get("received_at") else None
    verdict = check_message(item["text"], jurisdiction=item["jurisdiction"], received_at=received)
    assert (verdict.kind, verdict.tags) == (item["kind"], item["tags"]), [(f.rule, f.excerpt) for f in verdict.findings]
    for finding in verdict.findings:
        assert finding.excerpt and finding.excerpt in item["text"]
        assert finding.basis and finding.tag in SPEC_TAGS
        assert finding.rule.startswith(item["jurisdiction"] + ".")
