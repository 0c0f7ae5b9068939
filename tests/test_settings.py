"""Where the data lives when OVERDUE_HOME is not set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from overdue_aid.settings import APP_NAME, default_data_dir


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="our own XDG rule is used on Linux only")
@pytest.mark.parametrize("xdg_data_home", [None, "/srv/xdg-data", "relative/ignored", ""])
def test_default_data_dir_is_what_platformdirs_gives(monkeypatch, tmp_path, xdg_data_home):
    import platformdirs

    monkeypatch.delenv("OVERDUE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg_data_home is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg_data_home)
    assert default_data_dir() == Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def test_overdue_home_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("OVERDUE_HOME", str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"
