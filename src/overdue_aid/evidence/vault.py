"""The attachment vault: files copied into the data dir, named by their SHA-256, read-only and owner-only.

Layout: <data_dir>/vault/ab/abcdef… (the first two hex digits as a folder), so a name is its own checksum
and the same file stored twice takes the room of one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import OverdueError, bad_input
from ..store.files import ensure_private_dir

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
READ_ONLY_FILE = 0o400
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    original_name: str
    size: int
    created: bool  # False when the vault already held the same content


def vault_dir(data_dir: Path) -> Path:
    """The vault folder of a data dir (not created)."""
    return Path(data_dir) / "vault"


def vault_path(data_dir: Path, sha256: str) -> Path:
    """Where the file with this SHA-256 lives."""
    return vault_dir(data_dir) / sha256[:2] / sha256


def _check_source(source: Path) -> int:
    try:
        info = source.stat()
    except FileNotFoundError:
        raise bad_input("evidence.errors.attachment_missing", path=str(source)) from None
    except PermissionError:
        raise bad_input("errors.file.unreadable", path=str(source)) from None
    if source.is_dir():
        raise bad_input("errors.file.is_dir", path=str(source))
    if info.st_size > MAX_ATTACHMENT_BYTES:
        raise bad_input("evidence.errors.attachment_too_large", path=str(source), size_mb=info.st_size // (1024 * 1024),
                        limit_mb=MAX_ATTACHMENT_BYTES // (1024 * 1024))
    return info.st_size


def store_file(data_dir: Path, source: Path) -> StoredFile:
    """Copy `source` into the vault (hashing while copying) and return its SHA-256."""
    source = Path(source)
    _check_source(source)
    folder = ensure_private_dir(vault_dir(data_dir))
    fd, temp_name = tempfile.mkstemp(prefix=".incoming.", dir=folder)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as target, source.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:  # the file grew while we copied it
                    raise bad_input("evidence.errors.attachment_too_large", path=str(source),
                                    size_mb=size // (1024 * 1024), limit_mb=MAX_ATTACHMENT_BYTES // (1024 * 1024))
                digest.update(chunk)
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
        sha = digest.hexdigest()
        final = vault_path(data_dir, sha)
        ensure_private_dir(final.parent)
        created = not final.exists()
        if created:
            os.chmod(temp_name, READ_ONLY_FILE)
            os.replace(temp_name, final)
        else:
            os.unlink(temp_name)
        return StoredFile(sha256=sha, original_name=source.name, size=size, created=created)
    except PermissionError:
        raise bad_input("errors.file.unreadable", path=str(source)) from None
    except OSError as err:
        raise OverdueError("errors.file.write_failed", path=str(folder), reason=err.strerror or str(err)) from None
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


def discard_new(data_dir: Path, stored: list[StoredFile]) -> None:
    """Remove files this operation added when it could not be saved (nothing half-written)."""
    for item in stored:
        if item.created:
            path = vault_path(data_dir, item.sha256)
            try:
                path.unlink()
            except FileNotFoundError:
                pass


def hash_file(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def vault_files(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every (name, path) in the vault, for finding files no entry refers to."""
    root = vault_dir(data_dir)
    if not root.is_dir():
        return
    for folder in sorted(root.iterdir()):
        if folder.is_dir():
            for item in sorted(folder.iterdir()):
                if item.is_file() and not item.name.startswith("."):
                    yield item.name, item
