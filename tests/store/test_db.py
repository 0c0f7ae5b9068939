import os
import stat
import sqlite3

import pytest

from overdue_aid.errors import OverdueError
from overdue_aid.store.db import connect, transaction
from overdue_aid.store.files import atomic_write_text
from overdue_aid.store.migrations import apply_migrations, migration_scripts


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_database_is_private_wal_and_migrated(tmp_path):
    data_dir = tmp_path / "data"
    conn = connect(data_dir)
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "overdue.db") == 0o600
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [row[0] for row in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == [name for name, _ in migration_scripts()]
    assert names[0] == "001_cases"


def test_migrations_are_idempotent(tmp_path):
    conn = connect(tmp_path)
    assert apply_migrations(conn) == []
    conn.close()
    assert apply_migrations(connect(tmp_path)) == []


def test_transaction_rolls_back_everything_on_error(tmp_path):
    conn = connect(tmp_path)
    conn.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError):
        with transaction(conn):
            conn.execute("INSERT INTO t VALUES (1)")
            with transaction(conn):  # nested use joins the outer transaction
                conn.execute("INSERT INTO t VALUES (2)")
            raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_atomic_write_never_overwrites_without_permission(tmp_path):
    target = tmp_path / "letter.txt"
    atomic_write_text(target, "first")
    with pytest.raises(OverdueError) as caught:
        atomic_write_text(target, "second")
    assert caught.value.exit_code == 2
    assert target.read_text() == "first"
    atomic_write_text(target, "second", overwrite=True)
    assert target.read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]  # no temp files left behind


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    (tmp_path / "overdue.db").write_bytes(b"garbage" * 1000)
    with pytest.raises(OverdueError) as caught:
        connect(tmp_path)
    assert caught.value.key == "errors.db.unusable"
    assert isinstance(sqlite3.sqlite_version, str)
