"""CSV files (a phone export, a spreadsheet) with a column mapping: `at=Date,text=Body,number=From`.

Read as a stream, row by row. UTF-8 (with or without BOM) or, failing that, GB18030 (what Chinese Excel writes).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Iterator

from ...errors import OverdueError, bad_input
from ..log import strip_controls
from .items import FileCursor, RawItem, open_source

FIELDS = ("at", "channel", "direction", "counterpart_name", "counterpart_number", "contacted", "summary", "text",
          "outcome", "duration")
_FIELD_ALIASES = {"time": "at", "date": "at", "name": "counterpart_name", "counterpart": "counterpart_name",
                  "number": "counterpart_number", "phone": "counterpart_number", "body": "text"}
_DELIMITERS = ",;\t|"


def parse_mapping(text: str | None) -> dict[str, str]:
    """'at=Date,text=Body' -> {'at': 'Date', 'text': 'Body'} (field names checked)."""
    mapping: dict[str, str] = {}
    if not text:
        return mapping
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, column = part.partition("=")
        name = _FIELD_ALIASES.get(name.strip().lower(), name.strip().lower())
        if not sep or not column.strip() or name not in FIELDS:
            raise bad_input("evidence.errors.csv_mapping", part=part.strip(), fields=", ".join(FIELDS))
        mapping[name] = column.strip()
    return mapping


def detect_encoding(handle: BinaryIO) -> str:
    """utf-8-sig if the whole file decodes as UTF-8, else gb18030 (read in chunks: memory stays flat)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    finally:
        handle.seek(0)
    return "utf-8-sig"


def _dialect(handle: BinaryIO, encoding: str) -> type[csv.Dialect] | csv.Dialect:
    sample = handle.read(8192).decode(encoding, errors="ignore")
    handle.seek(0)
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel


def _when(value: str, tz_name: str, path: Path, row_number: int) -> datetime:
    from ...dates import parse_datetime, zone

    value = value.strip()
    if value.isdigit() and len(value) in (10, 13):  # seconds or milliseconds since 1970, as phones export
        return datetime.fromtimestamp(int(value) / (1000 if len(value) == 13 else 1), tz=timezone.utc)
    try:
        return parse_datetime(value, field="at", default_tz=zone(tz_name))
    except OverdueError as err:
        raise bad_input("evidence.errors.import_item", path=str(path), item=row_number, reason=err.message()) from None


def read_csv(path: Path, mapping: dict[str, str], *, tz_name: str, channel: str | None = None,
             direction: str | None = None, encoding: str | None = None,
             cursor: FileCursor | None = None) -> Iterator[RawItem]:
    """Every row as a RawItem; unmapped fields fall back to same-named columns, then to `channel`/`direction`."""
    path = Path(path)
    try:
        with open_source(path, cursor) as raw:
            encoding = encoding or detect_encoding(raw)
            dialect = _dialect(raw, encoding)
            handle = io.TextIOWrapper(raw, encoding=encoding, newline="")
            reader = csv.reader(handle, dialect)
            header = next(reader, None)
            if not header:
                raise bad_input("evidence.errors.csv_empty", path=str(path))
            columns = {name.strip(): position for position, name in enumerate(header)}
            lowered = {name.lower(): position for name, position in columns.items()}
            positions: dict[str, int] = {}
            for name in FIELDS:
                if name in mapping:
                    if mapping[name] not in columns:
                        raise bad_input("evidence.errors.csv_column", path=str(path), column=mapping[name],
                                        columns=", ".join(columns))
                    positions[name] = columns[mapping[name]]
                elif name in lowered:
                    positions[name] = lowered[name]
            if "at" not in positions:
                raise bad_input("evidence.errors.csv_no_time", path=str(path), columns=", ".join(columns))
            if "channel" not in positions and channel is None:
                raise bad_input("evidence.errors.csv_no_channel", path=str(path))
            for row_number, row in enumerate(reader, start=2):
                if not any(cell.strip() for cell in row):
                    continue
                values = {name: (strip_controls(row[position]) or "").strip() if position < len(row) else ""
                          for name, position in positions.items()}
                yield _item(values, row_number, path, tz_name, channel, direction)
    except (csv.Error, UnicodeDecodeError) as err:
        raise bad_input("evidence.errors.csv_malformed", path=str(path), detail=str(err)[:120]) from None


def _item(values: dict[str, str], row_number: int, path: Path, tz_name: str, channel: str | None,
          direction: str | None) -> RawItem:
    duration = None
    if values.get("duration"):
        try:
            duration = max(0, int(float(values["duration"])))
        except ValueError:
            raise bad_input("evidence.errors.import_item", path=str(path), item=row_number,
                            reason=f'duration="{values["duration"][:20]}"') from None
    key = hashlib.sha256("\x1f".join(f"{name}={values.get(name, '')}" for name in FIELDS).encode("utf-8")).hexdigest()
    return RawItem(index=row_number, at=_when(values["at"], tz_name, path, row_number),
                   channel=values.get("channel") or channel or "", direction=values.get("direction") or direction
                   or "incoming", dedupe_key=f"csv:{key}", number=values.get("counterpart_number") or None,
                   name=values.get("counterpart_name") or None, text=values.get("text") or None,
                   summary=values.get("summary") or None, contacted=values.get("contacted") or ("me",),
                   outcome=values.get("outcome") or None, duration_s=duration)
