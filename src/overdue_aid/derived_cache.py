"""Files derived from shipped data (compiled rule packs, parsed catalogs), kept in the data dir's cache folder.

Each file is named `<stem>-<fingerprint>.<suffix>`: the fingerprint changes whenever the source changes, so a
stale file is never read, and writing a new one removes the stale ones. A cache that cannot be read or written
only costs time — never an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable


def read_derived(folder: Path | None, stem: str, fingerprint: str, suffix: str,
                 loads: Callable[[bytes], Any]) -> Any | None:
    """The cached object, or None when there is none (or it cannot be read)."""
    if folder is None:
        return None
    try:
        return loads((folder / f"{stem}-{fingerprint}.{suffix}").read_bytes())
    except Exception:  # missing, truncated or from another version: rebuild  # noqa: BLE001
        return None


def write_derived(folder: Path | None, stem: str, fingerprint: str, suffix: str, data: bytes) -> None:
    """Keep `data` for the next run (owner-only, written atomically) and drop the stale versions."""
    if folder is None:
        return
    try:
        from .store.files import OWNER_FILE, atomic_write_bytes, ensure_private_dir

        ensure_private_dir(folder)
        for old in folder.glob(f"{stem}-*.{suffix}"):
            old.unlink(missing_ok=True)
        atomic_write_bytes(folder / f"{stem}-{fingerprint}.{suffix}", data, overwrite=True, mode=OWNER_FILE)
    except Exception:  # a cache that cannot be written only costs time  # noqa: BLE001
        pass
