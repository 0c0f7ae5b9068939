"""The root `overdue` command: global options, version, and the capability groups."""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Optional

import typer

from . import __version__
from .command_base import OverdueTyper

# Each capability's commands.py has register(app); listed here in the order help shows them.
COMMAND_MODULES = ["case"]

app = OverdueTyper(name="overdue", help="app.help", add_completion=True, rich_markup_mode="rich")


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"overdue-aid {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_show_version, is_eager=True,
                                                    help="options.version")] = None,
) -> None:
    """app.help"""


for _name in COMMAND_MODULES:
    importlib.import_module(f".{_name}.commands", __package__).register(app)


def main() -> None:
    """Console-script entry point."""
    app()
