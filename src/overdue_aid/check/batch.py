"""`overdue check --batch`: JSON Lines in, one JSON object a line out, in input order, in constant memory.

Pure: takes an iterable of raw lines (bytes) and yields output records; the command writes them and shows
progress. A bad line becomes {"id": …, "error": "…"} and the batch goes on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator

from ..errors import OverdueError
from ..i18n import t
from .core import advice_steps, check_message
from .normalise import prepare_for_batch
from .packs import JURISDICTIONS


@dataclass
class BatchTally:
    total: int = 0
    failed: int = 0


def _line_error(line_no: int, message_id: Any, key: str, **params: object) -> dict[str, Any]:
    return {"id": message_id if message_id is not None else line_no, "error": t(key, line=line_no, **params)}


def _record(raw: bytes | str, line_no: int, advice_lang: str | None) -> Any:
    """The Verdict for one input line, an error object, or None for a blank line."""
    try:
        text_line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as err:
        return _line_error(line_no, None, "check.errors.line_not_json", detail=str(err))
    if not text_line.strip():
        return None
    try:
        item = json.loads(text_line)
    except ValueError as err:
        return _line_error(line_no, None, "check.errors.line_not_json", detail=str(err))
    if not isinstance(item, dict):
        return _line_error(line_no, None, "check.errors.line_not_object")
    message_id = item.get("id", line_no)
    text = item.get("text")
    if not isinstance(text, str):
        return _line_error(line_no, message_id, "check.errors.line_no_text")
    jurisdiction = item.get("jurisdiction")
    lang = item.get("lang")
    received = item.get("received_at")
    sender = item.get("sender")
    try:
        if jurisdiction is not None and (not isinstance(jurisdiction, str) or jurisdiction.lower() not in JURISDICTIONS):
            raise OverdueError("check.errors.jurisdiction", value=jurisdiction)
        received_at = None
        if received is not None:
            from ..dates import parse_datetime

            received_at = parse_datetime(received if isinstance(received, str) else "", field="received_at")
        verdict = check_message(text, jurisdiction=jurisdiction, received_at=received_at,
                                sender=sender if isinstance(sender, str) else None,
                                lang=lang if isinstance(lang, str) else None, message_id=message_id)
    except OverdueError as err:
        return _line_error(line_no, message_id, "check.errors.line_bad_field", detail=err.message())
    return verdict


def _records(lines: Iterable[bytes | str], advice_lang: str, tally: BatchTally) -> Iterator[Any]:
    """A Verdict, or an {"id", "error"} dict, per non-blank line, in order; `tally` counts both."""
    prepare_for_batch()
    for line_no, raw in enumerate(lines, start=1):
        record = _record(raw, line_no, advice_lang)
        if record is None:
            continue
        tally.total += 1
        if isinstance(record, dict):
            tally.failed += 1
        yield record


def check_lines(lines: Iterable[bytes | str], advice_lang: str, tally: BatchTally) -> Iterator[dict[str, Any]]:
    """One record (the spec's object, or {"id", "error"}) per non-blank line, in order; `tally` counts."""
    for record in _records(lines, advice_lang, tally):
        yield record if isinstance(record, dict) else record.as_dict(advice_lang)


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@lru_cache(maxsize=1024)
def _advice_json(kind: str, keys: tuple[str, ...], jurisdiction: str, lang: str) -> str:
    return _ENCODE(list(advice_steps(kind, keys, jurisdiction, lang)))


def json_lines(lines: Iterable[bytes | str], advice_lang: str, tally: BatchTally) -> Iterator[str]:
    """Like check_lines, already encoded as compact JSON (the advice, shared by many lines, encoded once)."""
    for record in _records(lines, advice_lang, tally):
        if isinstance(record, dict):
            yield _ENCODE(record)
        else:
            yield _ENCODE(record.as_dict())[:-1] + ',"advice":' + _advice_json(*record.advice_key(), advice_lang) + "}"
