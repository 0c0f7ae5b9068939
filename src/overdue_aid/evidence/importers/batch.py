"""Bring a file's records into a case's log: one transaction, written in batches as the file streams by.

The whole import is a single SQLite transaction, so a malformed or hostile file, a date in the future, or a crash
(even kill -9) midway leaves the log exactly as it was: valid, with nothing half-written; a re-run then imports the
file completely. Rows go in with executemany in batches, so memory stays flat however long the file. A record
whose import key the case's log already holds is skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import gc
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Iterator

from ...case.models import Case
from ...errors import OverdueError, bad_input
from ...store.db import transaction
from ..log import Record, append_records, known_dedupe_keys, make_record, prepare_message_tags
from ..stats import normalise_number
from .items import RawItem

# Rows per transaction: each commit rewrites the index pages it touched, so fewer commits import faster (5,000 is
# ~8% faster than 2,000); a crash loses at most one uncommitted batch, which a re-run adds.
BATCH_SIZE = 5000


@dataclass
class ImportResult:
    case_id: int
    source: str
    read: int = 0  # records in the file
    added: int = 0
    duplicates: int = 0  # already in the log (an earlier import of the same records)
    filtered_out: int = 0  # not from one of the numbers asked for

    def as_dict(self) -> dict[str, object]:
        """JSON form of the result."""
        return {"case_id": self.case_id, "source": self.source, "read": self.read, "added": self.added,
                "duplicates": self.duplicates, "filtered_out": self.filtered_out}


def number_filter(numbers: Iterable[str]) -> Callable[[str | None], bool]:
    """A test for 'is this one of the numbers asked for' (+86 or not, spaces or not)."""
    wanted = [normalise_number(number).lstrip("+") for number in numbers if normalise_number(number)]
    if not wanted:
        return lambda number: True

    def matches(number: str | None) -> bool:
        # +8613800138000 and 13800138000 are the same phone: compare the common ending.
        have = normalise_number(number).lstrip("+")
        return any(have and (have.endswith(want[-11:]) or want.endswith(have)) for want in wanted)
    return matches


def _record(item: RawItem, case: Case, tz_name: str, source: str, path: str, now: datetime | None) -> Record:
    try:
        return make_record(at=item.at, channel=item.channel, direction=item.direction, jurisdiction=case.jurisdiction,
                           tz_name=tz_name, counterpart_name=item.name,
                           counterpart_number=item.number, contacted=item.contacted, summary=item.summary,
                           text=item.text, source=source, outcome=item.outcome, duration_s=item.duration_s,
                           dedupe_key=item.dedupe_key, time_field="date", now=now)
    except OverdueError as err:
        raise bad_input("evidence.errors.import_item", path=path, item=item.index, reason=err.message()) from None


# A larger page cache for the import's index inserts (bounded, so memory stays flat); set inside the transaction,
# given back after. It changes no durability setting: the one transaction still commits or rolls back as a whole.
IMPORT_CACHE_KIB = 8192
# Young-generation collections run every 700 allocations by default; an import allocates millions of short-lived,
# cycle-free objects, so collecting less often saves time without letting memory grow (cycles are still collected).
IMPORT_GC_THRESHOLD = 20000


@contextmanager
def _import_tuning(conn: sqlite3.Connection) -> Iterator[None]:
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    thresholds = gc.get_threshold()
    conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    gc.set_threshold(max(IMPORT_GC_THRESHOLD, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")


def import_items(conn: sqlite3.Connection, case: Case, items: Iterator[RawItem], *, source: str, path: str = "",
                 numbers: Iterable[str] = (), progress: Callable[[], None] | None = None,
                 batch_size: int = BATCH_SIZE, now: datetime | None = None) -> ImportResult:
    """Append the new records of `items` to the case's log, all or nothing; see the module docstring."""
    matches = number_filter(numbers)
    result = ImportResult(case_id=case.id or 0, source=source)
    batch: list[RawItem] = []
    tz_name = case.effective_timezone()

    def flush() -> None:
        known = known_dedupe_keys(conn, case.id or 0, [item.dedupe_key for item in batch])
        fresh: list[Record] = []
        for item in batch:
            if item.dedupe_key in known:
                result.duplicates += 1
                continue
            known.add(item.dedupe_key)
            fresh.append(_record(item, case, tz_name, source, path or source, now))
        append_records(conn, case.id or 0, fresh, return_entries=False)
        result.added += len(fresh)
        batch.clear()
        if progress is not None:
            progress()

    prepare_message_tags()
    with transaction(conn), _import_tuning(conn):
        for item in items:
            result.read += 1
            if not matches(item.number):
                result.filtered_out += 1
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
        flush()
    return result
