"""Bilingual text: `t(key, **params)` over the TOML catalogs in locales/{en,zh}.

A catalog file `locales/<lang>/<name>.toml` contributes keys `<name>.<dotted.path>`.
The catalogs ship inside the wheel as `overdue_aid/locales`; in a source checkout they are
read from the top-level `locales/` folder.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "en"

_current: str | None = None


def locales_root() -> Path:
    """The folder holding one sub-folder per language."""
    packaged = Path(__file__).resolve().parent / "locales"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "locales"


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """OVERDUE_LANG, else the POSIX locale variables in their order of precedence."""
    env = os.environ if environ is None else environ
    explicit = env.get("OVERDUE_LANG", "").strip().lower()
    if explicit:
        return "zh" if explicit.startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip().lower()
        if value:
            return "zh" if value.startswith("zh") else "en"
    return DEFAULT_LANGUAGE


def normalise_language(value: str | None) -> str | None:
    """'zh', 'zh_CN', 'ZH-hans' -> 'zh'; 'en', 'en_US' -> 'en'; anything else -> None."""
    if not value:
        return None
    value = value.strip().lower()
    if value.startswith("zh"):
        return "zh"
    if value.startswith("en"):
        return "en"
    return None


def set_language(lang: str) -> None:
    global _current
    _current = normalise_language(lang) or DEFAULT_LANGUAGE


def current_language() -> str:
    if _current is None:
        return language_from_environment()
    return _current


def _flatten(prefix: str, table: dict, into: dict[str, str]) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(full, value, into)
        else:
            into[full] = value


def _read_catalog_file(path: Path, lang: str, name: str) -> dict[str, object]:
    """One catalog file's keys. Kept parsed in the cache folder (marshal): a one-message command then imports
    no TOML parser and parses nothing, a few milliseconds of its start-up."""
    import marshal

    from .derived_cache import read_derived, write_derived

    stat = path.stat()
    fingerprint = f"{stat.st_size}-{stat.st_mtime_ns}"
    flat = read_derived(f"catalog-{lang}-{name}", fingerprint, "marshal", marshal.loads)
    if isinstance(flat, dict):
        return flat
    import tomllib

    flat = {}
    with path.open("rb") as handle:
        _flatten(name, tomllib.load(handle), flat)
    write_derived(f"catalog-{lang}-{name}", fingerprint, "marshal", marshal.dumps(flat))
    return flat


@cache
def catalog(lang: str) -> dict[str, object]:
    """All keys of one language; values are strings or lists of strings."""
    flat: dict[str, object] = {}
    folder = locales_root() / lang
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_file() and entry.name.endswith(".toml"):
            flat.update(_file_catalog(lang, entry.name.removesuffix(".toml")))
    return flat


@cache
def _file_catalog(lang: str, name: str) -> dict[str, object]:
    """The keys of one catalog file (`<name>.*`): a lookup reads only the file its key lives in."""
    path = locales_root() / lang / f"{name}.toml"
    return _read_catalog_file(path, lang, name) if path.is_file() else {}


def _lookup(key: str, lang: str) -> object | None:
    return _file_catalog(lang, key.split(".", 1)[0]).get(key)


def has_key(key: str, lang: str | None = None) -> bool:
    return _lookup(key, lang or current_language()) is not None


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for `key` in the current (or given) language, with {placeholders} filled."""
    lang = lang or current_language()
    value = _lookup(key, lang)
    if value is None:
        # A missing key is a bug the catalog tests catch; show English, then the key, rather than crash.
        value = _lookup(key, DEFAULT_LANGUAGE)
        value = key if value is None else value
    if isinstance(value, list):
        value = "\n".join(str(item) for item in value)
    text = str(value)
    return text.format(**params) if params else text


def t_list(key: str, lang: str | None = None, **params: object) -> list[str]:
    """A catalog entry that is a list of lines (advice steps, checklists)."""
    lang = lang or current_language()
    value = _lookup(key, lang)
    if value is None:
        value = _lookup(key, DEFAULT_LANGUAGE)
        value = [key] if value is None else value
    items = value if isinstance(value, list) else [value]
    return [str(item).format(**params) if params else str(item) for item in items]


def template_path(lang: str, *parts: str) -> Path:
    """A locale template file, e.g. template_path('zh', 'letters', 'extension.md.j2')."""
    return locales_root().joinpath(lang, *parts)
