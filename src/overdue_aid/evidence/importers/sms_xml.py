"""Android "SMS Backup & Restore" files: <smses><sms …/><mms …/></smses> and <calls><call …/></calls>.

Parsed with defusedxml as a stream (iterparse; each element is cleared once read), so memory stays flat however
large the backup, and a DTD (the door to entity-expansion and external-entity attacks) is refused outright.
Attribute meanings follow the app's format: `date` is milliseconds since 1970 (UTC); sms `type` 1 inbox,
2 sent (3 draft, 4 outbox, 5 failed, 6 queued were never exchanged); mms `msg_box` likewise; call `type` 1 incoming,
2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked, 7 answered elsewhere; `duration` in seconds.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ...errors import bad_input
from ..log import strip_controls
from .items import FileCursor, RawItem, open_source

_SMS_DIRECTION = {"1": "incoming", "2": "outgoing"}
_CALL_INCOMING_ANSWERED = {"1", "7"}
_CALL_UNANSWERED = {"3", "4", "5", "6"}


def _when(value: str | None, path: Path, index: int) -> datetime:
    try:
        millis = int(value or "")
        return datetime.fromtimestamp(millis / 1000, tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise bad_input("evidence.errors.import_item", path=str(path), item=index,
                        reason=f'date="{(value or "")[:20]}"') from None


def _key(*parts: str | None) -> str:
    return hashlib.sha256("\x1f".join(part or "" for part in parts).encode("utf-8")).hexdigest()


def _sms(attrs: dict[str, str], path: Path, index: int) -> RawItem | None:
    direction = _SMS_DIRECTION.get(attrs.get("type", ""))
    if direction is None:
        return None  # drafts, outbox, failed: never exchanged
    return RawItem(index=index, at=_when(attrs.get("date"), path, index), channel="sms", direction=direction,
                   number=_one_line(attrs.get("address")), name=_contact_name(attrs),
                   text=strip_controls(attrs.get("body")),
                   dedupe_key=_key("sms", attrs.get("address"), attrs.get("date"), attrs.get("type"),
                                   attrs.get("body")))


def _mms(element, path: Path, index: int) -> RawItem | None:
    direction = _SMS_DIRECTION.get(element.get("msg_box", ""))
    if direction is None:
        return None
    texts = [part.get("text", "") for part in element.iter("part")
             if part.get("ct") == "text/plain" and part.get("text")]
    text = "\n".join(texts) or element.get("sub") or None
    return RawItem(index=index, at=_when(element.get("date"), path, index), channel="sms", direction=direction,
                   number=_one_line(element.get("address")), name=_contact_name(element.attrib),
                   text=strip_controls(text),
                   dedupe_key=_key("mms", element.get("address"), element.get("date"), element.get("msg_box"), text))


def _call(attrs: dict[str, str], path: Path, index: int) -> RawItem:
    kind = attrs.get("type", "")
    try:
        duration = max(0, int(attrs.get("duration") or 0))
    except ValueError:
        raise bad_input("evidence.errors.import_item", path=str(path), item=index,
                        reason=f'duration="{attrs.get("duration", "")[:20]}"') from None
    if kind == "2":
        direction, outcome = "outgoing", "answered" if duration > 0 else "unanswered"
    elif kind in _CALL_INCOMING_ANSWERED:
        direction, outcome = "incoming", "answered"
    elif kind in _CALL_UNANSWERED:
        direction, outcome = "incoming", "unanswered"
    else:
        direction, outcome = "incoming", None  # a type this app version did not document
    return RawItem(index=index, at=_when(attrs.get("date"), path, index), channel="call", direction=direction,
                   number=_one_line(attrs.get("number")), name=_contact_name(attrs), outcome=outcome, duration_s=duration,
                   dedupe_key=_key("call", attrs.get("number"), attrs.get("date"), kind, attrs.get("duration")))


def _one_line(value: str | None) -> str | None:
    return strip_controls(value, multiline=False)


def _contact_name(attrs) -> str | None:
    name = (_one_line(attrs.get("contact_name")) or "").strip()
    return None if not name or name == "(Unknown)" else name


def read_backup(path: Path, cursor: FileCursor | None = None) -> Iterator[RawItem]:
    """Every message or call in the file, in file order (raises bad_input on a malformed or hostile file)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    path = Path(path)
    index = 0
    try:
        with open_source(path, cursor) as handle:
            root = None
            for event, element in iterparse(handle, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    if root is None:
                        root = element
                        if element.tag not in ("smses", "calls"):
                            raise bad_input("evidence.errors.not_a_backup", path=str(path), tag=element.tag[:40])
                    continue
                if element is root or element.tag not in ("sms", "mms", "call"):
                    continue
                index += 1
                if element.tag == "sms":
                    item = _sms(element.attrib, path, index)
                elif element.tag == "mms":
                    item = _mms(element, path, index)
                else:
                    item = _call(element.attrib, path, index)
                root.clear()  # type: ignore[union-attr]  # drop what was read: memory does not grow with the file
                if item is not None:
                    yield item
    except DefusedXmlException as err:
        raise bad_input("evidence.errors.xml_forbidden", path=str(path), detail=type(err).__name__) from None
    except ParseError as err:
        line, column = getattr(err, "position", (0, 0))
        raise bad_input("evidence.errors.xml_malformed", path=str(path), line=line, column=column) from None
