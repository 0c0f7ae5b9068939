"""The evidence log: append-only entries in SQLite, each hashed together with the hash of the one before.

An entry's hash is the SHA-256 of its canonical content: every stored column except the hash itself, as JSON with
sorted keys, no spaces, strings for times (ISO 8601) and no floats. The previous entry's hash is part of that
content, so changing, removing or inserting an entry breaks the chain (see verify.py). Entries are never updated or
deleted (SQLite triggers refuse it); a correction is a new entry whose `corrects` names the old one.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import bad_input

CHANNELS = ("call", "sms", "app-chat", "wechat", "email", "letter", "visit", "other")
DIRECTIONS = ("incoming", "outgoing")
CONTACTED = ("me", "family", "employer", "colleague", "friend", "contacts-list", "other")
OUTCOMES = ("answered", "unanswered")
GENESIS_HASH = "0" * 64
CONTENT_FORMAT = "overdue-aid/evidence/1"
# A phone's clock or a typed time may run a little ahead; more than this is a mistake.
FUTURE_TOLERANCE = timedelta(minutes=5)

_LIST_COLUMNS = ("contacted", "tags", "attachments")
HASHED_COLUMNS = ("id", "case_id", "seq", "at", "at_utc", "channel", "direction", "counterpart_name",
                  "counterpart_number", "contacted", "summary", "text", "tags", "corrects", "attachments", "source",
                  "outcome", "duration_s", "stop_request", "dedupe_key", "recorded_at", "prev_hash")
_COLUMNS = (*HASHED_COLUMNS, "entry_hash")
_INSERT = f"INSERT INTO evidence_entries ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})"

# Words people type for the choices (Chinese and English), mapped to the stored names.
_CHANNEL_ALIASES = {"phone": "call", "电话": "call", "来电": "call", "通话": "call", "text": "sms", "短信": "sms",
                    "app": "app-chat", "chat": "app-chat", "app内消息": "app-chat", "微信": "wechat",
                    "mail": "email", "e-mail": "email", "邮件": "email", "电子邮件": "email", "信": "letter",
                    "信件": "letter", "信函": "letter", "律师函": "letter", "上门": "visit", "来访": "visit",
                    "其他": "other"}
_DIRECTION_ALIASES = {"in": "incoming", "received": "incoming", "收到": "incoming", "来": "incoming",
                      "对方发来": "incoming", "out": "outgoing", "sent": "outgoing", "发出": "outgoing",
                      "我发出": "outgoing", "去": "outgoing"}
_CONTACTED_ALIASES = {"self": "me", "本人": "me", "我": "me", "我本人": "me", "家人": "family", "亲属": "family",
                      "亲戚": "family", "父母": "family", "配偶": "family", "单位": "employer", "雇主": "employer",
                      "公司": "employer", "老板": "employer", "同事": "colleague", "朋友": "friend",
                      "contacts": "contacts-list", "通讯录": "contacts-list", "通讯录联系人": "contacts-list",
                      "其他人": "other", "其他": "other"}
_OUTCOME_ALIASES = {"connected": "answered", "接通": "answered", "已接": "answered", "接了": "answered",
                    "missed": "unanswered", "未接": "unanswered", "没接": "unanswered", "rejected": "unanswered",
                    "拒接": "unanswered", "挂断": "unanswered"}


@dataclass(frozen=True)
class Entry:
    id: int
    case_id: int
    at: datetime
    channel: str
    direction: str
    counterpart_name: str | None
    counterpart_number: str | None
    contacted: tuple[str, ...]
    summary: str | None
    text: str | None
    tags: tuple[str, ...]
    corrects: int | None
    attachments: list[tuple[str, str]]
    entry_hash: str
    prev_hash: str
    seq: int = 0
    source: str | None = None
    outcome: str | None = None
    duration_s: int | None = None
    stop_request: str | None = None  # None, "all", or "sms,call": the channels the user asked them to stop using
    recorded_at: datetime | None = None
    dedupe_key: str | None = field(default=None, repr=False)

    def stop_channels(self) -> tuple[str, ...]:
        """The channels this entry asked the collector to stop using (all of them for 'all')."""
        if not self.stop_request:
            return ()
        return CHANNELS if self.stop_request == "all" else tuple(self.stop_request.split(","))

    def as_dict(self) -> dict[str, Any]:
        """JSON form: times ISO 8601, lists for tuples, attachments as objects."""
        data = asdict(self)
        data.pop("dedupe_key")
        data["at"] = self.at.isoformat()
        data["recorded_at"] = self.recorded_at.isoformat() if self.recorded_at else None
        data["contacted"] = list(self.contacted)
        data["tags"] = list(self.tags)
        data["attachments"] = [{"sha256": sha, "name": name} for sha, name in self.attachments]
        return data


# Not frozen: an import builds one per row and a frozen dataclass's __init__ sets every field through
# object.__setattr__ (a third of a second per 100,000 rows); nothing changes a Record once made (use replace()).
@dataclass(slots=True)
class Record:
    """A checked entry that has not joined the chain yet (no id, sequence number or hash)."""

    at: datetime
    channel: str
    direction: str
    counterpart_name: str | None = None
    counterpart_number: str | None = None
    contacted: tuple[str, ...] = ("me",)
    summary: str | None = None
    text: str | None = None
    tags: tuple[str, ...] = ()
    corrects: int | None = None
    attachments: tuple[tuple[str, str], ...] = ()
    source: str | None = None
    outcome: str | None = None
    duration_s: int | None = None
    stop_request: str | None = None
    dedupe_key: str | None = None


# ---------------------------------------------------------------- parsing the user's words


def _pick(value: str, options: tuple[str, ...], aliases: dict[str, str], field_name: str) -> str:
    if value in options:  # the stored name itself (what importers pass, row after row): no alias is an option name
        return value
    normal = value.strip().lower()
    normal = aliases.get(normal, aliases.get(value.strip(), normal))
    if normal not in options:
        raise bad_input("errors.field.choice", field=field_name, value=value, options=", ".join(options))
    return normal


def parse_channel(value: str, field_name: str = "--channel") -> str:
    """call, sms, app-chat, wechat, email, letter, visit or other (短信, 电话 … understood)."""
    return _pick(value, CHANNELS, _CHANNEL_ALIASES, field_name)


def parse_direction(value: str, field_name: str = "--direction") -> str:
    """incoming or outgoing (in/out, 收到/发出 understood)."""
    return _pick(value, DIRECTIONS, _DIRECTION_ALIASES, field_name)


def parse_outcome(value: str, field_name: str = "--outcome") -> str:
    """answered or unanswered (接通/未接 understood)."""
    return _pick(value, OUTCOMES, _OUTCOME_ALIASES, field_name)


def parse_contacted(value: str | Iterable[str], field_name: str = "--contacted") -> tuple[str, ...]:
    """Who was contacted: 'me,family' or a list; sorted, without repeats."""
    if isinstance(value, tuple) and value and all(part in CONTACTED for part in value):
        return tuple(sorted(set(value)))  # already stored names (an import's ("me",) on every row)
    parts = value.replace("，", ",").replace("、", ",").split(",") if isinstance(value, str) else list(value)
    chosen = {_pick(part, CONTACTED, _CONTACTED_ALIASES, field_name) for part in parts if part.strip()}
    if not chosen:
        raise bad_input("errors.field.empty", field=field_name)
    return tuple(sorted(chosen))


def parse_stop_request(value: str | Iterable[str], field_name: str = "--stop-channel") -> str:
    """'all' or the channels the user opted out of, as stored ('call,sms')."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    if any(part.strip().lower() == "all" for part in parts):
        return "all"
    chosen = sorted({parse_channel(part, field_name) for part in parts if part.strip()})
    if not chosen:
        raise bad_input("errors.field.empty", field=field_name)
    return ",".join(chosen)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # text may hold tabs and line breaks, nothing else below 32
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def strip_controls(value: str | None, *, multiline: bool = True) -> str | None:
    """Imported text: control characters (other than tabs and line breaks) become spaces instead of an error."""
    return (_CONTROL if multiline else _CONTROL_ONE_LINE).sub(" ", value) if value else value


def _clean_text(value: str | None, limit: int, field_name: str, *, multiline: bool) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > limit or (_CONTROL if multiline else _CONTROL_ONE_LINE).search(value):
        raise bad_input("errors.field.invalid", field=field_name, value=value[:30])
    return value


def check_time(at: datetime, *, field_name: str = "--at", now: datetime | None = None) -> datetime:
    """An aware time that is not in the future."""
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise bad_input("errors.datetime.invalid", field=field_name, value=str(at))
    now = now or datetime.now(timezone.utc)
    if at > now + FUTURE_TOLERANCE:
        raise bad_input("evidence.errors.future", field=field_name, value=at.isoformat())
    return at


def prepare_message_tags() -> None:
    """Before tagging many messages (an import): the check sets itself up for throughput rather than start-up."""
    from ..check.normalise import prepare_for_batch

    prepare_for_batch()


def message_tags(text: str | None, *, jurisdiction: str, at: datetime, sender: str | None) -> tuple[str, ...]:
    """The message check's tags for a message text (none for an entry without text)."""
    if not text:
        return ()
    from ..check.core import check_tags  # imported on first use: rule packs load only when needed

    return check_tags(text, jurisdiction=jurisdiction, received_at=at, sender=sender)


@lru_cache(maxsize=16)
def _zone(tz_name: str) -> Any:
    from ..dates import zone

    return zone(tz_name)


def make_record(*, at: datetime, channel: str, direction: str, jurisdiction: str, tz_name: str,
                counterpart_name: str | None = None, counterpart_number: str | None = None,
                contacted: str | Iterable[str] = ("me",), summary: str | None = None, text: str | None = None,
                attachments: Sequence[tuple[str, str]] = (), corrects: int | None = None, source: str | None = None,
                outcome: str | None = None, duration_s: int | None = None, stop_request: str | None = None,
                dedupe_key: str | None = None, time_field: str = "--at",
                now: datetime | None = None) -> Record:
    """Check and normalise one entry's values (raises bad_input), tagging its text with the message check."""
    local = check_time(at, field_name=time_field, now=now).astimezone(_zone(tz_name) or timezone.utc)
    channel = parse_channel(channel)
    text = _clean_text(text, 100_000, "--text", multiline=True)
    number = _clean_text(counterpart_number, 60, "--number", multiline=False)
    direction = parse_direction(direction)
    if duration_s is not None and (not isinstance(duration_s, int) or duration_s < 0):
        raise bad_input("errors.field.invalid", field="--duration", value=str(duration_s))
    return Record(
        at=local,
        channel=channel,
        direction=direction,
        counterpart_name=_clean_text(counterpart_name, 200, "--counterpart", multiline=False),
        counterpart_number=number,
        contacted=parse_contacted(contacted),
        summary=_clean_text(summary, 5000, "--summary", multiline=True),
        text=text,
        # The check judges what a lender, collector or scammer sent; the user's own words are not checked.
        tags=(message_tags(text, jurisdiction=jurisdiction, at=local, sender=number)
              if direction == "incoming" else ()),
        corrects=corrects,
        attachments=tuple((sha, name) for sha, name in attachments),
        source=_clean_text(source, 300, "source", multiline=False),
        outcome=parse_outcome(outcome) if outcome else None,
        duration_s=duration_s,
        stop_request=parse_stop_request(stop_request) if stop_request else None,
        dedupe_key=dedupe_key,
    )


# ---------------------------------------------------------------- hashing


# Built once: json.dumps with options builds a new encoder on every call, which shows in a 100,000-row import.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _json_list(values: Iterable[Any]) -> str:
    return _COMPACT.encode([list(v) if isinstance(v, tuple) else v for v in values])


# An import repeats the same few lists (contacted ["me"], no tags, no attachments) on every row.
_json_list_cached = lru_cache(maxsize=1024)(_json_list)


def _json_list_of(values: Iterable[Any]) -> str:
    try:
        return _json_list_cached(values)  # type: ignore[arg-type]  # a tuple is hashable; a list goes below
    except TypeError:  # a list rather than a tuple: not hashable, encoded directly
        return _json_list(values)


# The canonical content of a new row, written straight from its values: the keys are fixed, so their sorted order
# is known in advance and the dict, its sort and the encoder's walk are saved on every row. Byte-identical to
# _CANONICAL.encode (tests/evidence/test_log.py checks it against json.dumps); anything but None, str and int (never in a new
# row) goes through _CANONICAL itself.
_CONTENT_NAMES = tuple(sorted(("format", *HASHED_COLUMNS)))
_CONTENT_TEMPLATE = "{" + ",".join(f"{_CANONICAL.encode(name)}:%s" for name in _CONTENT_NAMES) + "}"
_CONTENT_SOURCES = tuple(-1 if name == "format" else HASHED_COLUMNS.index(name) for name in _CONTENT_NAMES)
_JSON_TEXT_POSITIONS = frozenset(HASHED_COLUMNS.index(name) for name in _LIST_COLUMNS)
_FORMAT_JSON = _CANONICAL.encode(CONTENT_FORMAT)
_encode_string = json.encoder.encode_basestring  # what _CANONICAL uses for a str (ensure_ascii=False)


def _json_value(value: Any) -> str:
    if value is None:
        return "null"
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if kind is int:
        return int.__repr__(value)
    return _CANONICAL.encode(value)


def _compile_row_content() -> Any:
    # Generated once: one %-format over the columns in sorted-key order, no per-column loop on every row.
    parts = ["_FORMAT_JSON" if source < 0 else f"values[{source}]" if source in _JSON_TEXT_POSITIONS
             else f"_json_value(values[{source}])" for source in _CONTENT_SOURCES]
    code = f"lambda values: (_CONTENT_TEMPLATE % ({', '.join(parts)},)).encode('utf-8')"
    return eval(code, {"_CONTENT_TEMPLATE": _CONTENT_TEMPLATE, "_FORMAT_JSON": _FORMAT_JSON,
                       "_json_value": _json_value})


# Canonical content of a row given in HASHED_COLUMNS order, its list columns already as canonical JSON text.
_row_content_bytes = _compile_row_content()


def _content_bytes(values: dict[str, Any]) -> bytes:
    content = {"format": CONTENT_FORMAT, **{name: values[name] for name in HASHED_COLUMNS}}
    return _CANONICAL.encode(content).encode("utf-8")


def canonical_content(row: dict[str, Any] | sqlite3.Row) -> bytes:
    """The bytes an entry's hash is taken over: every hashed column, JSON, sorted keys, UTF-8."""
    values: dict[str, Any] = {name: row[name] for name in HASHED_COLUMNS}
    for name in _LIST_COLUMNS:
        try:
            values[name] = json.loads(values[name])
        except (TypeError, ValueError):
            values[name] = {"unreadable": str(values[name])}  # a damaged column still hashes (to another value)
    return _content_bytes(values)


def hash_content(row: dict[str, Any] | sqlite3.Row) -> str:
    """SHA-256 (hex) of an entry's canonical content."""
    return hashlib.sha256(canonical_content(row)).hexdigest()


def utc_key(at: datetime) -> str:
    """A fixed-width UTC form of a time, so text order is time order."""
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# ---------------------------------------------------------------- writing


def _head(conn: sqlite3.Connection, case_id: int) -> tuple[int, str]:
    """The last link of the case's chain: from the heads table, so a removed tail leaves a visible gap."""
    row = conn.execute("SELECT last_seq, head_hash FROM evidence_heads WHERE case_id = ?", (case_id,)).fetchone()
    if row is not None:
        return row[0], row[1]
    row = conn.execute("SELECT seq, entry_hash FROM evidence_entries WHERE case_id = ? ORDER BY seq DESC LIMIT 1",
                       (case_id,)).fetchone()
    return (row[0], row[1]) if row is not None else (0, GENESIS_HASH)


def known_dedupe_keys(conn: sqlite3.Connection, case_id: int, keys: Sequence[str]) -> set[str]:
    """Which of these import keys the case's log already holds."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        rows = conn.execute(f"SELECT dedupe_key FROM evidence_entries WHERE case_id = ? AND dedupe_key IN "
                            f"({', '.join('?' for _ in chunk)})", (case_id, *chunk))
        found.update(row[0] for row in rows)
    return found


def append_records(conn: sqlite3.Connection, case_id: int, records: Sequence[Record], *,
                   return_entries: bool = True) -> list[Entry]:
    """Add checked records to the end of the case's chain in one transaction; returns the new entries.

    Imports pass return_entries=False: they need only the count, and building 100,000 objects shows.
    """
    from ..store.db import transaction

    if not records:
        return []
    recorded_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    rows: list[tuple[Any, ...]] = []
    entries: list[Entry] = []
    with transaction(conn):
        last_seq, prev_hash = _head(conn, case_id)
        next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM evidence_entries").fetchone()[0]
        for offset, record in enumerate(records):
            row_prev_hash = prev_hash
            values = (next_id + offset, case_id, last_seq + 1 + offset, record.at.isoformat(), utc_key(record.at),
                      record.channel, record.direction, record.counterpart_name, record.counterpart_number,
                      _json_list_of(record.contacted), record.summary, record.text, _json_list_of(record.tags),
                      record.corrects, _json_list_of(record.attachments), record.source, record.outcome,
                      record.duration_s, record.stop_request, record.dedupe_key, recorded_at, row_prev_hash)
            prev_hash = hashlib.sha256(_row_content_bytes(values)).hexdigest()
            rows.append((*values, prev_hash))
            if return_entries:
                entries.append(Entry(
                    id=values[0], case_id=case_id, at=record.at, channel=record.channel, direction=record.direction,
                    counterpart_name=record.counterpart_name, counterpart_number=record.counterpart_number,
                    contacted=record.contacted, summary=record.summary, text=record.text, tags=record.tags,
                    corrects=record.corrects, attachments=list(record.attachments), entry_hash=prev_hash,
                    prev_hash=row_prev_hash, seq=values[2], source=record.source, outcome=record.outcome,
                    duration_s=record.duration_s, stop_request=record.stop_request,
                    recorded_at=datetime.fromisoformat(recorded_at), dedupe_key=record.dedupe_key))
        conn.executemany(_INSERT, rows)
        conn.execute("INSERT INTO evidence_heads (case_id, last_seq, head_hash, updated_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(case_id) DO UPDATE SET last_seq = excluded.last_seq, "
                     "head_hash = excluded.head_hash, updated_at = excluded.updated_at",
                     (case_id, last_seq + len(records), prev_hash, recorded_at))
    return entries


def _check_corrects(conn: sqlite3.Connection, case_id: int, corrects: int | None) -> None:
    if corrects is None:
        return
    row = conn.execute("SELECT case_id FROM evidence_entries WHERE id = ?", (corrects,)).fetchone()
    if row is None or row[0] != case_id:
        raise bad_input("evidence.errors.corrects_unknown", entry_id=corrects, case_id=case_id)


def append_entry(conn: sqlite3.Connection, data_dir: Path, case_id: int, *, at: datetime, channel: str,
                 direction: str, counterpart_name: str | None = None, counterpart_number: str | None = None,
                 contacted: tuple[str, ...] = ("me",), summary: str | None = None, text: str | None = None,
                 attachments: tuple[Path, ...] = (), corrects: int | None = None, source: str | None = None,
                 outcome: str | None = None, duration_s: int | None = None,
                 stop_request: str | None = None) -> Entry:
    """Record one contact: attachments go into the vault, the text through the message check, the entry onto the chain."""
    from ..case.repo import get_case
    from .vault import discard_new, store_file

    case = get_case(conn, case_id)
    _check_corrects(conn, case_id, corrects)
    record = make_record(at=at, channel=channel, direction=direction, jurisdiction=case.jurisdiction,
                         tz_name=case.effective_timezone(), counterpart_name=counterpart_name,
                         counterpart_number=counterpart_number, contacted=contacted, summary=summary, text=text,
                         corrects=corrects, source=source or "manual", outcome=outcome, duration_s=duration_s,
                         stop_request=stop_request)
    stored = []
    try:
        for path in attachments:
            stored.append(store_file(data_dir, Path(path)))
        record = replace(record, attachments=tuple((item.sha256, item.original_name) for item in stored))
        return append_records(conn, case_id, [record])[0]
    except BaseException:
        discard_new(data_dir, stored)  # nothing half-written: files of an entry that was not saved go again
        raise


# ---------------------------------------------------------------- reading


def _entry_from_values(row: dict[str, Any] | sqlite3.Row) -> Entry:
    return Entry(
        id=row["id"], case_id=row["case_id"], at=datetime.fromisoformat(row["at"]), channel=row["channel"],
        direction=row["direction"], counterpart_name=row["counterpart_name"],
        counterpart_number=row["counterpart_number"], contacted=tuple(json.loads(row["contacted"])),
        summary=row["summary"], text=row["text"], tags=tuple(json.loads(row["tags"])), corrects=row["corrects"],
        attachments=[(sha, name) for sha, name in json.loads(row["attachments"])], entry_hash=row["entry_hash"],
        prev_hash=row["prev_hash"], seq=row["seq"], source=row["source"], outcome=row["outcome"],
        duration_s=row["duration_s"], stop_request=row["stop_request"],
        recorded_at=datetime.fromisoformat(row["recorded_at"]) if row["recorded_at"] else None,
        dedupe_key=row["dedupe_key"],
    )


def list_entries(conn: sqlite3.Connection, case_id: int | None = None, *, since: date | datetime | None = None,
                 until: date | datetime | None = None, channel: str | None = None,
                 tag: str | None = None) -> list[Entry]:
    """Entries in time order, filtered by case, time (dates are inclusive local days), channel and tag."""
    where: list[str] = []
    params: list[Any] = []
    if case_id is not None:
        where.append("case_id = ?")
        params.append(case_id)
    if channel is not None:
        where.append("channel = ?")
        params.append(parse_channel(channel))
    if tag is not None:
        where.append("EXISTS (SELECT 1 FROM json_each(evidence_entries.tags) WHERE value = ?)")
        params.append(tag.strip())
    for value, op in ((since, ">="), (until, "<=")):
        if isinstance(value, datetime):
            where.append(f"at_utc {op} ?")
            params.append(utc_key(value))
    sql = "SELECT * FROM evidence_entries" + (f" WHERE {' AND '.join(where)}" if where else "")
    entries = [_entry_from_values(row) for row in conn.execute(sql + " ORDER BY at_utc, id", params)]
    if isinstance(since, date) and not isinstance(since, datetime):
        entries = [entry for entry in entries if entry.at.date() >= since]
    if isinstance(until, date) and not isinstance(until, datetime):
        entries = [entry for entry in entries if entry.at.date() <= until]
    return entries


def get_entry(conn: sqlite3.Connection, entry_id: int) -> Entry:
    """One entry by number (exit 1 if there is none)."""
    from ..errors import OverdueError

    row = conn.execute("SELECT * FROM evidence_entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise OverdueError("evidence.errors.entry_not_found", entry_id=entry_id)
    return _entry_from_values(row)


def corrected_by(conn: sqlite3.Connection, entry_id: int) -> list[int]:
    """Entries that correct this one."""
    return [row[0] for row in conn.execute("SELECT id FROM evidence_entries WHERE corrects = ? ORDER BY id",
                                           (entry_id,))]
