"""What every importer yields: one message or call, before it is checked and joins the chain."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, BinaryIO, Iterator

from ...store.files import open_user_file


@dataclass(slots=True)  # not frozen: one per record read, and a frozen __init__ is three times slower
class RawItem:
    index: int  # position in the file (row or element number), for error messages
    at: datetime
    channel: str
    direction: str
    dedupe_key: str  # the same record imported twice is added once
    number: str | None = None
    name: str | None = None
    text: str | None = None
    summary: str | None = None
    contacted: str | tuple[str, ...] = ("me",)
    outcome: str | None = None
    duration_s: int | None = None


class FileCursor:
    """How far a reader has got in its file, in bytes, for the progress bar."""

    def __init__(self) -> None:
        self.handle: IO[bytes] | None = None
        self.size = 0

    def attach(self, handle: IO[bytes]) -> None:
        """Follow this open file."""
        import os

        self.handle = handle
        self.size = os.fstat(handle.fileno()).st_size

    def position(self) -> int:
        """Bytes read so far (the size once the file is closed)."""
        try:
            return self.handle.raw.tell() if self.handle is not None else 0  # type: ignore[attr-defined]
        except (OSError, ValueError):  # closed at the end of the file
            return self.size


@contextmanager
def open_source(path: Path, cursor: FileCursor | None = None) -> Iterator[BinaryIO]:
    """Open a file to import (binary); a missing, unreadable or folder path is a clear error (exit 2)."""
    with open_user_file(path) as handle:
        if cursor is not None:
            cursor.attach(handle)
        yield handle
