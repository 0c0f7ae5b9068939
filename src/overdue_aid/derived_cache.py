"""Files derived from shipped data (compiled rule packs, parsed catalogs, compiled regular expressions), kept in
the data dir's cache folder so that a later run loads instead of rebuilding.

The folder is set once per run: by the root command when the data dir already exists (so --help alone creates
nothing), and by the commands that check messages (which create it). Each file is named
`<stem>-<fingerprint>.<suffix>`: the fingerprint changes whenever the source changes, so a stale file is never
read, and writing a new one removes the stale ones. A cache that cannot be read or written only costs time —
never an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

_folder: Path | None = None


def use_folder(folder: Path | None) -> None:
    """Keep derived files in `folder` from now on (None: build everything afresh, write nothing)."""
    global _folder
    _folder = folder


def current_folder() -> Path | None:
    return _folder


def read_derived(stem: str, fingerprint: str, suffix: str, loads: Callable[[bytes], Any]) -> Any | None:
    """The cached object, or None when there is none (or it cannot be read)."""
    if _folder is None:
        return None
    try:
        return loads((_folder / f"{stem}-{fingerprint}.{suffix}").read_bytes())
    except Exception:  # missing, truncated or from another version: rebuild  # noqa: BLE001
        return None


def write_derived(stem: str, fingerprint: str, suffix: str, data: bytes) -> None:
    """Keep `data` for the next run (owner-only, written atomically) and drop the stale versions."""
    folder = _folder
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
