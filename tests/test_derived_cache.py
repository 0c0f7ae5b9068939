"""Files derived from shipped data and kept between runs: parsed catalogs, compiled regular expressions, rule packs.

Each must be read back when it is current, ignored when its source changed or it is damaged, and must give exactly
what building afresh gives.
"""

from __future__ import annotations

import marshal
import os
import re
import shutil
import subprocess
import sys

import pytest

from overdue_aid import derived_cache, i18n
from overdue_aid.check import core, facts, lazy, normalise, rules


@pytest.fixture
def cache_folder(tmp_path):
    folder = tmp_path / "cache"
    saved = derived_cache.current_folder(), lazy._programs, lazy._programs_folder, lazy._programs_changed
    yield folder
    derived_cache.use_folder(saved[0])
    lazy._programs, lazy._programs_folder, lazy._programs_changed = saved[1:]


def test_a_parsed_catalog_is_kept_and_read_back_until_its_file_changes(tmp_path, cache_folder):
    catalog_file = tmp_path / "en" / "sample.toml"
    catalog_file.parent.mkdir()
    catalog_file.write_text('[greeting]\nhello = "Hello {name}"\nsteps = ["one", "two"]\n', encoding="utf-8")
    derived_cache.use_folder(cache_folder)

    first = i18n._read_catalog_file(catalog_file, "en", "sample")
    assert first == {"sample.greeting.hello": "Hello {name}", "sample.greeting.steps": ["one", "two"]}
    [kept] = cache_folder.glob("catalog-en-sample-*.marshal")
    assert marshal.loads(kept.read_bytes()) == first
    assert kept.stat().st_mode & 0o077 == 0  # owner-only, like everything in the data dir

    # a current cache file is what the next run reads (no TOML parsing)
    kept.write_bytes(marshal.dumps({"sample.greeting.hello": "from the cache"}))
    assert i18n._read_catalog_file(catalog_file, "en", "sample") == {"sample.greeting.hello": "from the cache"}

    # the catalog changes: parsed afresh, and the stale file goes
    catalog_file.write_text('[greeting]\nhello = "Hi"\n', encoding="utf-8")
    os.utime(catalog_file, ns=(1, 2))
    assert i18n._read_catalog_file(catalog_file, "en", "sample") == {"sample.greeting.hello": "Hi"}
    assert kept not in list(cache_folder.glob("catalog-en-sample-*.marshal"))

    # a damaged cache file costs only the parsing
    [kept] = cache_folder.glob("catalog-en-sample-*.marshal")
    kept.write_bytes(b"\x00garbage")
    assert i18n._read_catalog_file(catalog_file, "en", "sample") == {"sample.greeting.hello": "Hi"}


def test_without_a_cache_folder_catalogs_are_parsed_and_nothing_is_written(tmp_path, cache_folder):
    catalog_file = tmp_path / "sample.toml"
    catalog_file.write_text('key = "value"\n', encoding="utf-8")
    derived_cache.use_folder(None)
    assert i18n._read_catalog_file(catalog_file, "en", "sample") == {"sample.key": "value"}
    assert not cache_folder.exists()


def _all_lazy_patterns() -> list[lazy.LazyPattern]:
    found = []
    for module in (core, facts, rules, normalise):
        found += [value for value in vars(module).values() if isinstance(value, lazy.LazyPattern)]
    return found


_SAMPLES = [
    "【金桔贷】您的借款已逾期15天，欠款12,345.60元，请于2026-03-01前还款，否则联系紧急联系人。",
    "Your account is 30 days past due: $1,234.56. Call 305-555-0177 or visit http://1.2.3.4/pay now.",
    "Mr. Smith, we will not contact your employer. Pay by Friday... 微信 vx: abc123 zfb 叁仟伍佰元",
    "",
]


def test_kept_regex_programs_match_exactly_what_re_compile_gives(cache_folder):
    patterns = _all_lazy_patterns()
    assert len(patterns) > 20
    sources = [(p.source if p.first is None else f"(?=[{p.first}])(?:{p.source})", p.flags) for p in patterns]
    derived_cache.use_folder(cache_folder)
    built = [lazy.compile_pattern(source, flags) for source, flags in sources]
    lazy._save_programs()
    assert list(cache_folder.glob("regex-programs-*.marshal"))

    lazy._programs_folder = None  # a new run: programs come from the file
    from_file = [lazy.compile_pattern(source, flags) for source, flags in sources]
    assert not lazy._programs_changed and len(lazy._programs) == len(set(sources))
    for (source, flags), first, second in zip(sources, built, from_file):
        reference = re.compile(source, flags)
        assert first.groupindex == second.groupindex == reference.groupindex
        assert first.flags == second.flags == reference.flags
        for text in _SAMPLES:
            expected = [(m.span(), m.groups()) for m in reference.finditer(text.lower())]
            assert [(m.span(), m.groups()) for m in second.finditer(text.lower())] == expected, source


def test_a_damaged_regex_cache_falls_back_to_compiling(cache_folder):
    derived_cache.use_folder(cache_folder)
    lazy._programs_folder = None
    cache_folder.mkdir()
    (cache_folder / f"regex-programs-{lazy._fingerprint()}.marshal").write_bytes(
        marshal.dumps({("a+", 0): ("not", "a", "program")}))
    compiled = lazy.compile_pattern("a+", 0)
    assert compiled.findall("caaab a") == ["aaa", "a"]


@pytest.mark.slow
def test_a_second_run_gives_the_same_verdict_from_the_caches(tmp_path):
    """Two real processes: the first builds every cache, the second reads them; the output is identical."""
    env = {**os.environ, "OVERDUE_HOME": str(tmp_path / "home")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    (tmp_path / "home").mkdir()
    overdue = shutil.which("overdue") or os.path.join(os.path.dirname(sys.executable), "overdue")
    argv = [overdue, "check", "【金桔贷】您已逾期15天，欠款12,345.60元，再不还就联系你的家人。", "--json"]
    first = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
    cached = sorted(path.name.split("-")[0] for path in (tmp_path / "home" / "cache").iterdir())
    assert {"catalog", "check", "regex"} <= set(cached)
    second = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout and '"third_party"' in first.stdout
    assert second.stderr == ""


def test_logging_evidence_keeps_the_compiled_rules_for_the_next_run(cli, saved_case, data_home, cache_folder):
    """Every command that checks messages loads the compiled rule packs from the data dir instead of compiling them:
    the evidence log as much as the check itself."""
    from overdue_aid.check import packs

    packs.compiled.cache_clear()  # as in a new process
    result = cli("evidence", "add", "--case", str(saved_case["id"]), "--no-input", "--channel", "sms",
                 "--direction", "incoming", "--at", "2026-03-02T10:00:00+08:00",
                 "--text", "你再不还钱，我们就打给你的家人。", "--json")
    assert result.exit_code == 0, result.stderr
    assert "third_party" in result.stdout
    assert list((data_home / "cache").glob("check-rules-*.pickle"))
