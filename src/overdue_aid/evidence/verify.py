"""Prove the log was not changed: recompute every entry's hash, follow each case's chain, re-hash every attachment.

What can be told apart, and how:
- changed: an entry's stored content no longer gives its stored hash;
- re-hashed: the content and hash agree, but the next entry (or the chain head) recorded a different hash for it,
  so someone changed it and computed a new hash;
- removed: a sequence number is missing (in the middle, or at the end compared with the recorded chain head);
- inserted: a second entry at a position the chain does not lead through, or entries past the recorded head;
- file missing / file changed: an attachment is gone from the vault or its bytes no longer give its name.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .log import GENESIS_HASH, hash_content
from .vault import hash_file, vault_files, vault_path


@dataclass(frozen=True)
class Problem:
    kind: str  # changed | rehashed | removed | inserted | head_missing | file_missing | file_changed | file_unreferenced
    case_id: int | None = None
    entry_id: int | None = None
    seq: int | None = None
    seq_to: int | None = None
    sha256: str | None = None
    name: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON form, without empty fields."""
        return {key: value for key, value in asdict(self).items() if value is not None}

    def describe(self) -> str:
        """The problem in words, in the current language."""
        from ..i18n import t

        return t(f"evidence.verify.problem.{self.kind}", case_id=self.case_id, entry_id=self.entry_id, seq=self.seq,
                 seq_to=self.seq_to, sha=(self.sha256 or "")[:16], name=self.name or "")


@dataclass
class VerifyReport:
    entries: int = 0
    files: int = 0
    heads: dict[int, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # not a break of the chain (e.g. a stray vault file)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        """JSON form, each problem with its sentence."""
        return {"ok": self.ok, "entries": self.entries, "files": self.files,
                "heads": {str(case): head for case, head in sorted(self.heads.items())},
                "problems": [{**problem.as_dict(), "message": problem.describe()} for problem in self.problems],
                "notes": [{**note.as_dict(), "message": note.describe()} for note in self.notes]}


def _content_ok(row: sqlite3.Row) -> bool:
    try:
        return hash_content(row) == row["entry_hash"]
    except (TypeError, ValueError):
        return False


def _verify_case(case_id: int, rows: list[sqlite3.Row], head: sqlite3.Row | None, report: VerifyReport) -> None:
    problems = report.problems
    changed = {row["id"] for row in rows if not _content_ok(row)}
    problems.extend(Problem("changed", case_id, row["id"], row["seq"]) for row in rows if row["id"] in changed)
    if head is None and rows:
        problems.append(Problem("head_missing", case_id))
    head_seq = head["last_seq"] if head is not None else max((row["seq"] for row in rows), default=0)
    head_hash = head["head_hash"] if head is not None else None

    # One row per position: the one a later entry (or the head) links to; any other is an insertion.
    referenced = {row["prev_hash"] for row in rows} | {head_hash}
    by_seq: dict[int, list[sqlite3.Row]] = {}
    for row in rows:
        by_seq.setdefault(row["seq"], []).append(row)
    chain: list[sqlite3.Row] = []
    for seq in sorted(by_seq):
        group = by_seq[seq]
        keep = next((row for row in group if row["entry_hash"] in referenced), group[0])
        problems.extend(Problem("inserted", case_id, row["id"], seq) for row in group if row is not keep)
        if seq > head_seq:  # past the head the program recorded: added behind its back
            problems.append(Problem("inserted", case_id, keep["id"], seq))
        else:
            chain.append(keep)

    previous_seq, previous_hash, previous = 0, GENESIS_HASH, None
    for row in chain:
        if row["seq"] > previous_seq + 1:
            problems.append(Problem("removed", case_id, previous["id"] if previous else None, previous_seq + 1,
                                    row["seq"] - 1))
        elif row["prev_hash"] != previous_hash:
            suspect = previous if previous is not None else row
            if suspect["id"] not in changed:
                problems.append(Problem("rehashed", case_id, suspect["id"], suspect["seq"]))
        previous_seq, previous_hash, previous = row["seq"], row["entry_hash"], row
    if head is not None:
        if head_seq > previous_seq:
            problems.append(Problem("removed", case_id, previous["id"] if previous else None, previous_seq + 1,
                                    head_seq))
        elif previous is not None and head_hash != previous_hash and previous["id"] not in changed:
            problems.append(Problem("rehashed", case_id, previous["id"], previous_seq))
        report.heads[case_id] = head_hash
    elif previous is not None:
        report.heads[case_id] = previous_hash


def _verify_files(rows: list[sqlite3.Row], data_dir: Path, report: VerifyReport) -> set[str]:
    seen: dict[str, bool] = {}
    for row in rows:
        try:
            attachments = json.loads(row["attachments"])
        except (TypeError, ValueError):
            continue  # already reported as a changed entry
        for sha, name in attachments:
            if sha not in seen:
                path = vault_path(data_dir, sha)
                seen[sha] = path.is_file() and hash_file(path) == sha
                report.files += 1
                if not path.is_file():
                    report.problems.append(Problem("file_missing", row["case_id"], row["id"], sha256=sha, name=name))
                elif not seen[sha]:
                    report.problems.append(Problem("file_changed", row["case_id"], row["id"], sha256=sha, name=name))
    return set(seen)


def verify_log(conn: sqlite3.Connection, data_dir: Path, case_id: int | None = None) -> VerifyReport:
    """Check every entry, link and attachment (of one case, or all); the report lists each problem found."""
    report = VerifyReport()
    where, params = ("WHERE case_id = ?", (case_id,)) if case_id is not None else ("", ())
    rows = conn.execute(f"SELECT * FROM evidence_entries {where} ORDER BY case_id, seq, id", params).fetchall()
    heads = {row["case_id"]: row for row in conn.execute(f"SELECT * FROM evidence_heads {where}", params)}
    report.entries = len(rows)
    by_case: dict[int, list[sqlite3.Row]] = {case: [] for case in heads}
    for row in rows:
        by_case.setdefault(row["case_id"], []).append(row)
    for case in sorted(by_case):
        _verify_case(case, by_case[case], heads.get(case), report)
    referenced = _verify_files(rows, data_dir, report)
    if case_id is None:  # stray files only mean something against the whole log
        report.notes.extend(Problem("file_unreferenced", sha256=name) for name, _ in vault_files(data_dir)
                            if name not in referenced)
    return report
