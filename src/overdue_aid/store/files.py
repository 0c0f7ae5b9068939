"""Atomic, owner-only file writes that never silently overwrite."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from ..errors import OverdueError, bad_input

OWNER_DIR = 0o700
OWNER_FILE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=OWNER_DIR)
    try:
        os.chmod(path, OWNER_DIR)
    except OSError as err:
        raise OverdueError("errors.file.permissions", path=str(path), reason=err.strerror or str(err)) from None
    return path


def atomic_write_bytes(path: Path, data: bytes, *, overwrite: bool = False, mode: int = 0o644) -> Path:
    """Write `data` to `path` all at once: a crash leaves either the old file or the new one.

    Without `overwrite` an existing file is an error (exit 2) and stays untouched.
    """
    return atomic_write_stream(path, lambda handle: handle.write(data), overwrite=overwrite, mode=mode)


def atomic_write_stream(path: Path, write: Callable[[BinaryIO], object], *, overwrite: bool = False,
                        mode: int = 0o644) -> Path:
    """Like atomic_write_bytes, for output too large to hold in memory: `write(handle)` fills a temporary file."""
    path = Path(path)
    if path.is_dir():
        raise bad_input("errors.file.is_dir", path=str(path))
    if path.exists() and not overwrite:
        raise bad_input("errors.file.exists", path=str(path))
    parent = path.parent if str(path.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    except OSError as err:
        raise OverdueError("errors.file.write_failed", path=str(path), reason=err.strerror or str(err)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        if overwrite:
            os.replace(temp_name, path)
        else:
            # link() fails if the target appeared meanwhile, so a racing writer is never clobbered.
            os.link(temp_name, path)
            os.unlink(temp_name)
    except FileExistsError:
        os.unlink(temp_name)
        raise bad_input("errors.file.exists", path=str(path)) from None
    except OSError as err:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise OverdueError("errors.file.write_failed", path=str(path), reason=err.strerror or str(err)) from None
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise
    return path


def atomic_write_text(path: Path, text: str, *, overwrite: bool = False, mode: int = 0o644) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), overwrite=overwrite, mode=mode)


def read_text_file(path: Path, *, limit: int = 50 * 1024 * 1024) -> str:
    """A user-named text file, with a clear error for missing, unreadable, binary or huge files."""
    with open_user_file(path) as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise bad_input("errors.file.too_large", path=str(path))
        try:
            return handle.read().decode("utf-8")
        except UnicodeDecodeError:
            raise bad_input("errors.file.not_utf8", path=str(path)) from None


@contextmanager
def open_user_file(path: Path) -> Iterator[BinaryIO]:
    """Open a file the user named (binary); missing, unreadable or a folder is a clear error (exit 2)."""
    try:
        handle = Path(path).open("rb")
    except FileNotFoundError:
        raise bad_input("errors.file.not_found", path=str(path)) from None
    except IsADirectoryError:
        raise bad_input("errors.file.is_dir", path=str(path)) from None
    except PermissionError:
        raise bad_input("errors.file.unreadable", path=str(path)) from None
    with handle:
        yield handle
