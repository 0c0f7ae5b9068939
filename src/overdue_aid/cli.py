"""The root `overdue` command: global options, version, and the capability groups."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from . import __version__
from .command_base import LazyRootGroup, OverdueTyper

# Command name -> capability package whose commands.py has register(app). Loaded only when used
# (see LazyRootGroup), listed in the order help shows them; a package not present yet is skipped.
COMMANDS = {
    "check": "check",
    "case": "case",
    "analyse": "analysis",
    "plan": "analysis",
    "apr": "analysis",
    "draft": "letters",
    "evidence": "evidence",
    "wizard": "wizard",
    "guide": "guide",
    "rights": "guide",
    "help-channels": "guide",
    "demo": "demo",
}
LazyRootGroup.lazy_commands = COMMANDS

app = OverdueTyper(name="overdue", help="app.help", add_completion=True, rich_markup_mode="rich", cls=LazyRootGroup)


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




def main() -> None:
    """Console-script entry point."""
    app()
