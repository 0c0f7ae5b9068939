"""Catalog checks: valid TOML, same keys and placeholders in both languages, no key used in code missing."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from overdue_aid.i18n import catalog, language_from_environment, t

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
SOURCE = ROOT / "src" / "overdue_aid"
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)")
# Literal keys passed to the text functions, to error constructors and as help texts.
KEY_USE = re.compile(
    r"""(?:\bt|\bt_list|bad_input|OverdueError|help|short_help)\(\s*f?["']([a-z_][\w-]*(?:\.[\w-]+)+)["']"""
    r"""|help\s*=\s*["']([a-z_][\w-]*(?:\.[\w-]+)+)["']"""
)
FSTRING_KEY = re.compile(r"""\bt(?:_list)?\(\s*f["']([a-z_][\w.-]*)\{""")


def catalog_files(lang: str) -> list[Path]:
    return sorted((LOCALES / lang).glob("*.toml"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_catalog_is_valid_toml(lang):
    files = catalog_files(lang)
    assert files, f"no catalogs for {lang}"
    for path in files:
        with path.open("rb") as handle:
            tomllib.load(handle)  # raises on invalid TOML, naming the line


def test_both_languages_have_the_same_files_and_keys():
    assert [p.name for p in catalog_files("en")] == [p.name for p in catalog_files("zh")]
    en, zh = catalog("en"), catalog("zh")
    assert sorted(set(en) - set(zh)) == [], "keys only in English"
    assert sorted(set(zh) - set(en)) == [], "keys only in Chinese"


def _placeholders(value: object) -> set[str]:
    items = value if isinstance(value, list) else [value]
    return {name for item in items for name in PLACEHOLDER.findall(str(item))}


def test_every_key_has_the_same_placeholders_in_both_languages():
    en, zh = catalog("en"), catalog("zh")
    different = {key: (_placeholders(en[key]), _placeholders(zh[key]))
                 for key in en if key in zh and _placeholders(en[key]) != _placeholders(zh[key])}
    assert different == {}


def test_chinese_catalog_is_actually_chinese():
    zh = catalog("zh")
    han = sum(1 for value in zh.values() if re.search(r"[\u4e00-\u9fff]", str(value)))
    assert han / len(zh) > 0.8


def test_every_key_used_in_code_exists():
    en = catalog("en")
    missing = []
    for path in SOURCE.rglob("*.py"):
        text = path.read_text("utf-8")
        for match in KEY_USE.finditer(text):
            key = match.group(1) or match.group(2)
            if key not in en:
                missing.append(f"{path.relative_to(ROOT)}: {key}")
        for match in FSTRING_KEY.finditer(text):
            prefix = match.group(1)
            if not any(existing.startswith(prefix) for existing in en):
                missing.append(f"{path.relative_to(ROOT)}: {prefix}…")
    assert missing == []


def test_placeholders_are_filled():
    assert t("errors.case.not_found", lang="zh", case_id=7).startswith("找不到编号为 7")
    assert "7" in t("errors.case.not_found", lang="en", case_id=7)


@pytest.mark.parametrize("environ, expected", [
    ({"OVERDUE_LANG": "zh"}, "zh"),
    ({"OVERDUE_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LC_MESSAGES": "zh_CN", "LANG": "C"}, "zh"),
    ({"LANG": "C"}, "en"),
    ({}, "en"),
])
def test_language_from_environment(environ, expected):
    assert language_from_environment(environ) == expected
