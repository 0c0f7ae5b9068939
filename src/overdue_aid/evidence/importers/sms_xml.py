"""Android "SMS Backup & Restore" files: <smses><sms …/><mms …/></smses> and <calls><call …/></calls>.

Parsed with defusedxml's SAX reader as a stream, fed a chunk at a time and handing on the records of each chunk,
so memory stays flat however large the backup, and a DTD (the door to entity-expansion and external-entity attacks)
is refused outright. SAX rather than ElementTree's iterparse: defusedxml's ElementTree parser is the pure-Python one,
which spent more time per message naming every attribute than the rest of the import spent reading it.
Attribute meanings follow the app's format: `date` is milliseconds since 1970 (UTC); sms `type` 1 inbox,
2 sent (3 draft, 4 outbox, 5 failed, 6 queued were never exchanged); mms `msg_box` likewise; call `type` 1 incoming,
2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked, 7 answered elsewhere; `duration` in seconds.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Mapping

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


def _sms(attrs: Mapping[str, str], path: Path, index: int) -> RawItem | None:
    direction = _SMS_DIRECTION.get(attrs.get("type", ""))
    if direction is None:
        return None  # drafts, outbox, failed: never exchanged
    return RawItem(index=index, at=_when(attrs.get("date"), path, index), channel="sms", direction=direction,
                   number=_one_line(attrs.get("address")), name=_contact_name(attrs),
                   text=strip_controls(attrs.get("body")),
                   dedupe_key=_key("sms", attrs.get("address"), attrs.get("date"), attrs.get("type"),
                                   attrs.get("body")))


def _mms(attrs: Mapping[str, str], texts: list[str], path: Path, index: int) -> RawItem | None:
    """An mms from its attributes and the texts of its text/plain parts."""
    direction = _SMS_DIRECTION.get(attrs.get("msg_box", ""))
    if direction is None:
        return None
    text = "\n".join(texts) or attrs.get("sub") or None
    return RawItem(index=index, at=_when(attrs.get("date"), path, index), channel="sms", direction=direction,
                   number=_one_line(attrs.get("address")), name=_contact_name(attrs),
                   text=strip_controls(text),
                   dedupe_key=_key("mms", attrs.get("address"), attrs.get("date"), attrs.get("msg_box"), text))


def _call(attrs: Mapping[str, str], path: Path, index: int) -> RawItem:
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


_CHUNK = 1 << 16  # bytes fed to the parser at a time; the records of each chunk are handed on before the next


class _BackupReader:
    """The SAX content handler: turns the elements of a backup into RawItems as they are parsed.

    Records are kept in `items` until the reader hands them on (after each chunk), so at most one chunk's worth is
    held. An mms is built at its end tag, from the text parts read inside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[RawItem] = []
        self.index = 0
        self.depth = 0
        self.mms: dict[str, str] | None = None  # the open mms element's attributes
        self.mms_texts: list[str] = []

    def startElement(self, name: str, attrs) -> None:  # noqa: N802  SAX's names
        self.depth += 1
        if self.depth == 1:
            if name not in ("smses", "calls"):
                raise bad_input("evidence.errors.not_a_backup", path=str(self.path), tag=name[:40])
            return
        if self.mms is not None:
            if name == "part" and attrs.get("ct") == "text/plain" and attrs.get("text"):
                self.mms_texts.append(attrs.get("text"))
            return
        if name == "sms":
            self.index += 1
            item = _sms(attrs, self.path, self.index)
            if item is not None:
                self.items.append(item)
        elif name == "call":
            self.index += 1
            self.items.append(_call(attrs, self.path, self.index))
        elif name == "mms":
            self.index += 1
            self.mms = dict(attrs.items())
            self.mms_texts = []

    def endElement(self, name: str) -> None:  # noqa: N802
        self.depth -= 1
        if name == "mms" and self.mms is not None and self.depth == 1:
            item = _mms(self.mms, self.mms_texts, self.path, self.index)
            self.mms = None
            if item is not None:
                self.items.append(item)

    # The rest of SAX's content handler: nothing to do.
    def setDocumentLocator(self, locator) -> None:  # noqa: N802
        pass

    def startDocument(self) -> None:  # noqa: N802
        pass

    def endDocument(self) -> None:  # noqa: N802
        pass

    def characters(self, content: str) -> None:
        pass

    def ignorableWhitespace(self, whitespace: str) -> None:  # noqa: N802
        pass

    def processingInstruction(self, target: str, data: str) -> None:  # noqa: N802
        pass

    def startPrefixMapping(self, prefix, uri) -> None:  # noqa: N802
        pass

    def endPrefixMapping(self, prefix) -> None:  # noqa: N802
        pass

    def skippedEntity(self, name: str) -> None:  # noqa: N802
        pass


def read_backup(path: Path, cursor: FileCursor | None = None) -> Iterator[RawItem]:
    """Every message or call in the file, in file order (raises bad_input on a malformed or hostile file)."""
    from xml.sax import SAXParseException

    from defusedxml import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser

    path = Path(path)
    reader = _BackupReader(path)
    parser = DefusedExpatParser(forbid_dtd=True)
    parser.setContentHandler(reader)
    try:
        with open_source(path, cursor) as handle:
            while True:
                chunk = handle.read(_CHUNK)
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()  # a file cut short is malformed here
                if reader.items:
                    items, reader.items = reader.items, []
                    yield from items
                if not chunk:
                    break
    except DefusedXmlException as err:
        raise bad_input("evidence.errors.xml_forbidden", path=str(path), detail=type(err).__name__) from None
    except SAXParseException as err:
        raise bad_input("evidence.errors.xml_malformed", path=str(path), line=err.getLineNumber(),
                        column=err.getColumnNumber()) from None
