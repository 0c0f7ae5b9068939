"""Each saved letter is recorded with its case (table `letters`) and, when the evidence log exists, in the log.

The SHA-256 is taken over the exact bytes written, so the borrower can later prove which letter was sent.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import bad_input
from ..store.db import transaction

_FIELDS = ("type", "variant", "lang", "format", "path", "sha256", "created_at")


@dataclass(frozen=True)
class LetterRecord:
    id: int
    case_id: int
    type: str
    variant: str
    lang: str
    format: str
    path: str
    sha256: str
    evidence_entry_id: int | None
    created_at: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _log_in_evidence(conn: sqlite3.Connection, data_dir: Path, case: Any, *, at: datetime, summary: str,
                     path: Path) -> int:
    """Append an outgoing 'letter' entry with the file attached."""
    from ..evidence.log import append_entry

    entry = append_entry(conn, data_dir, case.id, at=at, channel="letter", direction="outgoing",
                         counterpart_name=case.lender, summary=summary, attachments=(path,), source="letters")
    return entry.id


def record_letter(conn: sqlite3.Connection, data_dir: Path, case: Any, *, letter_type: str, variant: str, lang: str,
                  fmt: str, path: Path, sha256: str, summary: str) -> LetterRecord:
    """Record a saved letter (and its evidence-log entry) in one transaction."""
    at = datetime.now(timezone.utc).replace(microsecond=0)
    stored_path = str(Path(path).resolve())
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO letters (case_id, type, variant, lang, format, path, sha256, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (case.id, letter_type, variant, lang, fmt, stored_path, sha256, at.isoformat()))
        letter_id = cursor.lastrowid
        entry_id = _log_in_evidence(conn, data_dir, case, at=at, summary=summary, path=Path(path))
        if entry_id is not None:
            conn.execute("UPDATE letters SET evidence_entry_id = ? WHERE id = ?", (entry_id, letter_id))
    return LetterRecord(letter_id, case.id, letter_type, variant, lang, fmt, stored_path, sha256, entry_id,
                        at.isoformat())


def list_letters(conn: sqlite3.Connection, case_id: int) -> list[LetterRecord]:
    """The case's recorded letters, oldest first."""
    rows = conn.execute("SELECT id, case_id, type, variant, lang, format, path, sha256, evidence_entry_id, "
                        "created_at FROM letters WHERE case_id = ? ORDER BY id", (case_id,))
    return [LetterRecord(*row) for row in rows]


# ---------------------------------------------------------------- case export / import section


def export_letters(conn: sqlite3.Connection, case_id: int) -> list[dict[str, str]] | None:
    """The `letters` section of a case export: what was sent, when, and its hash."""
    records = list_letters(conn, case_id)
    return [{name: getattr(record, name) for name in _FIELDS} for record in records] or None


def _checked(items: Any) -> list[dict[str, str]]:
    from ..case.models import LETTER_LANGUAGES
    from .compose import FORMATS, LETTER_TYPES

    if not isinstance(items, list):
        raise bad_input("errors.toml.wrong_type", source="TOML", field="letters", expected="list")
    checked = []
    for item in items:
        if not isinstance(item, dict) or set(item) != set(_FIELDS) or not all(isinstance(v, str)
                                                                               for v in item.values()):
            raise bad_input("errors.toml.wrong_type", source="TOML", field="letters", expected="table")
        valid = (item["type"] in LETTER_TYPES and item["lang"] in LETTER_LANGUAGES and item["format"] in FORMATS
                 and len(item["sha256"]) == 64 and all(ch in "0123456789abcdef" for ch in item["sha256"]))
        try:
            datetime.fromisoformat(item["created_at"])
        except ValueError:
            valid = False
        if not valid:
            raise bad_input("errors.toml.wrong_type", source="TOML", field="letters", expected="letter record")
        checked.append(item)
    return checked


def import_letters(conn: sqlite3.Connection, case_id: int | None, items: Any, dry_run: bool) -> None:
    """Add the exported letter records to a case (the evidence-log link stays with the old data dir)."""
    checked = _checked(items)
    if dry_run:
        return
    with transaction(conn):
        conn.executemany(
            "INSERT INTO letters (case_id, type, variant, lang, format, path, sha256, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(case_id, *(item[name] for name in _FIELDS)) for item in checked])


def letter_summary(letter: Any, fmt: str, path: Path, sha256: str) -> str:
    """The evidence-log summary of a saved letter, naming its type in words."""
    from ..i18n import t

    return t("letters.evidence.summary", type=t(f"letters.type_name.{letter.type}"), language=letter.lang,
             format=fmt, name=path.name, sha256=sha256)


def save_letter(conn: sqlite3.Connection, data_dir: Path, letter: Any, fmt: str, data: bytes, target: Path, *,
                overwrite: bool = False) -> LetterRecord:
    """Write the rendered letter atomically (owner-only) and record it; a letter not on record is not left behind."""
    from ..store.files import atomic_write_bytes

    existed = Path(target).exists()
    path = atomic_write_bytes(Path(target), data, overwrite=overwrite, mode=0o600)  # letters hold personal data
    digest = sha256_hex(data)
    try:
        return record_letter(conn, data_dir, letter.facts.case, letter_type=letter.type, variant=letter.variant,
                             lang=letter.lang, fmt=fmt, path=path, sha256=digest,
                             summary=letter_summary(letter, fmt, path, digest))
    except BaseException:
        if not existed:
            path.unlink(missing_ok=True)
        raise
