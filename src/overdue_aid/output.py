"""Data first, rendering last: JSON on stdout for scripts, rich for people."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable


def json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any, *, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, default=json_default, indent=indent)


def plain_output() -> bool:
    """NO_COLOR or a stdout that is not a terminal give plain output."""
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()


def make_console(stderr: bool = False):
    """A rich console honouring NO_COLOR and non-terminal output."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    plain = bool(os.environ.get("NO_COLOR")) or not stream.isatty()
    return Console(
        file=stream,
        no_color=plain,
        highlight=not plain,
        emoji=False,
        soft_wrap=False,
        width=None if stream.isatty() else 100,
    )


class Output:
    def __init__(self, *, json_mode: bool) -> None:
        self.json_mode = json_mode

    def emit(self, data: Any, render: Callable[[Any], None]) -> None:
        """With --json print `data`; otherwise let `render(console)` draw it."""
        if self.json_mode:
            sys.stdout.write(to_json(data) + "\n")
            sys.stdout.flush()
            return
        render(make_console())

    def warn(self, text: str) -> None:
        """Warnings go to stderr so stdout stays clean for --json."""
        sys.stderr.write(text + "\n")
