"""Settings handed down to every command: language, data dir, output mode, prompting, debug."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .i18n import current_language, set_language

if TYPE_CHECKING:  # pragma: no cover
    from .output import Output

APP_NAME = "overdue-aid"


def default_data_dir() -> Path:
    """OVERDUE_HOME, else the platform's per-user data folder."""
    override = os.environ.get("OVERDUE_HOME", "").strip()
    if override:
        return Path(override).expanduser()
    if sys.platform.startswith("linux"):
        # What platformdirs gives on Linux (the XDG base directory rule), without its import: with tempfile and
        # shutil it costs ~6 ms, a tenth of a one-message check's start-up. tests/test_settings.py compares the two.
        base = os.environ.get("XDG_DATA_HOME", "")
        return Path(base if os.path.isabs(base) else os.path.expanduser("~/.local/share")) / APP_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass
class Settings:
    lang: str = field(default_factory=current_language)  # set from --lang/env by the root's main()
    data_dir_override: Path | None = None
    json: bool = False
    no_input: bool = False
    debug: bool = False

    @property
    def data_dir(self) -> Path:
        return self.data_dir_override if self.data_dir_override is not None else default_data_dir()

    @property
    def output(self) -> "Output":
        from .output import Output

        return Output(json_mode=self.json)

    def apply(self, **values: Any) -> None:
        """Apply command-line values; None means 'not given here'."""
        if values.get("lang") is not None:
            self.lang = values["lang"]
            set_language(self.lang)
        if values.get("data_dir") is not None:
            self.data_dir_override = Path(values["data_dir"]).expanduser()
        for flag in ("json", "no_input", "debug"):
            if values.get(flag):
                setattr(self, flag, True)

    @classmethod
    def from_context(cls, ctx: Any) -> "Settings":
        """The one Settings object of this invocation, kept on the root context."""
        root = ctx.find_root()
        if not isinstance(root.obj, Settings):
            root.obj = cls()
        return root.obj
