"""Ordered, named schema migrations.

Each migration is a file `store/schema/NNN_name.sql` shipped in the package; they run in name order,
each in its own transaction, and are recorded in `schema_migrations`. Never edit a migration that has
shipped: add the next one.
"""

from __future__ import annotations

import sqlite3
from importlib.resources import files


def migration_scripts() -> list[tuple[str, str]]:
    folder = files("overdue_aid.store") / "schema"
    scripts = [(entry.name.removesuffix(".sql"), entry.read_text("utf-8"))
               for entry in folder.iterdir() if entry.name.endswith(".sql")]
    return sorted(scripts)


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks; return their names."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    applied = []
    for name, script in migration_scripts():
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check inside the lock: another process may have migrated meanwhile.
            if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (?, datetime('now'))", (name,))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(name)
    return applied


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit our transaction)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        statements.append(buffer.strip())
    return statements
