"""Dates and times typed by people: ISO 8601, 2026年3月1日, 2026/3/1, March 1, 2026.

Times are always timezone-aware; the parsers raise only OverdueError whatever the text.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timezone, tzinfo

from .errors import bad_input

_MONTHS = {name: index for index, names in enumerate([
    (), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")]) for name in names}
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YMD = re.compile(r"^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*[日号]?$")
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONTH_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_CN_SMALL = re.compile(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]$")


def _cn_small_number(text: str) -> int:
    # 十 = 10, 十二 = 12, 二十 = 20, 二十一 = 21
    if "十" not in text:
        return int(text.translate(_CN_DIGITS))
    tens, _, units = text.partition("十")
    return int(tens.translate(_CN_DIGITS) or 1) * 10 + int(units.translate(_CN_DIGITS) or 0)


def _build(year: int, month: int, day: int, text: str, field: str) -> date:
    try:
        value = date(year, month, day)
    except ValueError:
        raise bad_input("errors.date.invalid", field=field, value=text) from None
    if not 1900 <= value.year <= 2200:
        raise bad_input("errors.date.invalid", field=field, value=text)
    return value


def parse_date(text: object, *, field: str = "date") -> date:
    """A calendar date from the forms people use in Chinese and English."""
    if not isinstance(text, str) or not text.strip() or len(text) > 40:
        raise bad_input("errors.date.invalid", field=field, value=str(text)[:40])
    normal = unicodedata.normalize("NFKC", text).strip().lower()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", normal):
            return _build(*map(int, normal.split("-")), text, field)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[t ][\d:.]+(?:z|[+-]\d{2}:?\d{2})?", normal):
            return parse_datetime(text, field=field).date()
    except ValueError:
        raise bad_input("errors.date.invalid", field=field, value=text) from None
    for pattern, order in ((_YMD, "ymd"), (_MDY, "mdy")):
        match = pattern.match(normal)
        if match:
            parts = [int(part) for part in match.groups()]
            year, month, day = parts if order == "ymd" else (parts[2], parts[0], parts[1])
            return _build(year, month, day, text, field)
    match = _MONTH_FIRST.match(normal)
    if match and match.group(1) in _MONTHS:
        return _build(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)), text, field)
    match = _DAY_FIRST.match(normal)
    if match and match.group(2) in _MONTHS:
        return _build(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)), text, field)
    match = _CN_SMALL.match(normal)
    if match:
        year = int(match.group(1).translate(_CN_DIGITS))
        return _build(year, _cn_small_number(match.group(2)), _cn_small_number(match.group(3)), text, field)
    raise bad_input("errors.date.invalid", field=field, value=text)


def parse_datetime(text: object, *, field: str = "time", default_tz: tzinfo | None = None) -> datetime:
    """An aware datetime; a time without an offset is read in `default_tz` (else the machine's zone)."""
    if not isinstance(text, str) or not text.strip() or len(text) > 64:
        raise bad_input("errors.datetime.invalid", field=field, value=str(text)[:40])
    normal = unicodedata.normalize("NFKC", text).strip()
    value: datetime | None = None
    try:
        value = datetime.fromisoformat(normal.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        match = re.fullmatch(r"(.+?)[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?", normal)
        if match:
            day = parse_date(match.group(1), field=field)
            try:
                value = datetime.combine(day, time(int(match.group(2)), int(match.group(3)), int(match.group(4) or 0)))
            except ValueError:
                raise bad_input("errors.datetime.invalid", field=field, value=text) from None
        else:
            try:
                value = datetime.combine(parse_date(normal, field=field), time(0, 0))
            except Exception:
                raise bad_input("errors.datetime.invalid", field=field, value=text) from None
    if not 1900 <= value.year <= 2200:
        raise bad_input("errors.datetime.invalid", field=field, value=text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_tz) if default_tz else value.astimezone()
    return value


def now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


def zone(name: str | None) -> tzinfo | None:
    """An IANA zone by name, or None for an unknown or empty name."""
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


DEFAULT_ZONES = {"cn": "Asia/Shanghai", "us": "America/New_York"}
