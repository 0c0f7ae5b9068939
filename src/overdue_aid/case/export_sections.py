"""Extra sections of a case export contributed by later capabilities (analysis, plans, letters …).

A capability adds an entry to SECTIONS: name -> (export(conn, case_id) -> value | None,
import(conn, case_id, value, dry_run) -> None). Import validates everything with dry_run=True
before anything is written, so a bad file changes nothing.
"""

from __future__ import annotations

import importlib
import sqlite3
from typing import Any

from ..errors import bad_input

# section name -> "module:export_function:import_function", imported only when a case is exported/imported.
SECTIONS: dict[str, str] = {
    "analysis": "overdue_aid.analysis.store:export_section:import_section",
    "letters": "overdue_aid.letters.record:export_letters:import_letters",
}


def _handlers(name: str):
    module_name, export_name, import_name = SECTIONS[name].split(":")
    module = importlib.import_module(module_name)
    return getattr(module, export_name), getattr(module, import_name)


def export_extra(conn: sqlite3.Connection, case_id: int) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for name in SECTIONS:
        exporter, _ = _handlers(name)
        value = exporter(conn, case_id)
        if value:
            extra[name] = value
    return extra


def import_extra(conn: sqlite3.Connection, case_id: int | None, extra: dict[str, Any], *, dry_run: bool) -> None:
    for name in extra:
        if name not in SECTIONS:
            raise bad_input("errors.toml.unknown_field", source="TOML", field=name)
    for name, value in extra.items():
        _, importer = _handlers(name)
        importer(conn, case_id, value, dry_run)
