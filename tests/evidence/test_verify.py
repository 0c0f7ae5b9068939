"""`evidence verify` against real tampering: the SQLite file edited behind the program's back, vault files changed."""

from __future__ import annotations

import os
import sqlite3

import pytest

from overdue_aid.evidence.log import hash_content
from overdue_aid.evidence.vault import vault_path
from overdue_aid.store.db import database_path


@pytest.fixture
def logged(cli, cn_case, tmp_path):
    """A case with four entries, the second with an attachment."""
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"screenshot of a threatening message")
    ids = []
    for hour, extra in ((21, []), (22, ["--attach", str(shot)]), (23, []), (8, [])):
        day = "03" if hour == 8 else "02"
        ids.append(cli.json("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "sms",
                            "--at", f"2026-03-{day}T{hour:02d}:10:00+08:00", "--text", f"message at {hour}",
                            *extra)["id"])
    return ids


def _tamper(data_dir, *statements, params=()):
    """What someone with the database file could do: drop the guard triggers and edit rows."""
    conn = sqlite3.connect(database_path(data_dir))
    conn.row_factory = sqlite3.Row
    conn.execute("DROP TRIGGER IF EXISTS evidence_entries_no_update")
    conn.execute("DROP TRIGGER IF EXISTS evidence_entries_no_delete")
    for statement in statements:
        conn.execute(statement, params)
    conn.commit()
    return conn


def _verify(cli):
    result = cli("evidence", "verify", "--json")
    import json

    return result.exit_code, json.loads(result.stdout)


def test_an_untouched_log_verifies(cli, logged):
    code, report = _verify(cli)
    assert code == 0 and report["ok"] and report["entries"] == 4 and report["files"] == 1
    assert report["problems"] == []


def test_a_changed_text_is_reported_for_that_entry(cli, logged, data_dir):
    _tamper(data_dir, "UPDATE evidence_entries SET text = 'a friendly reminder' WHERE id = ?", params=(logged[1],))
    code, report = _verify(cli)
    assert code == 1
    assert [(p["kind"], p["entry_id"]) for p in report["problems"]] == [("changed", logged[1])]
    human = cli("evidence", "verify")
    assert human.exit_code == 1 and f"Entry {logged[1]} " in human.stdout and "was changed" in human.stdout


def test_a_change_with_a_recomputed_hash_is_still_caught(cli, logged, data_dir):
    conn = _tamper(data_dir, "UPDATE evidence_entries SET at = '2026-03-02T20:10:00+08:00' WHERE id = ?",
                   params=(logged[2],))
    row = conn.execute("SELECT * FROM evidence_entries WHERE id = ?", (logged[2],)).fetchone()
    conn.execute("UPDATE evidence_entries SET entry_hash = ? WHERE id = ?", (hash_content(row), logged[2]))
    conn.commit()
    code, report = _verify(cli)
    assert code == 1
    assert [(p["kind"], p["entry_id"]) for p in report["problems"]] == [("rehashed", logged[2])]


def test_a_removed_entry_in_the_middle_and_at_the_end_are_reported(cli, logged, data_dir):
    _tamper(data_dir, f"DELETE FROM evidence_entries WHERE id IN ({logged[1]}, {logged[3]})")
    code, report = _verify(cli)
    assert code == 1
    removed = [(p["kind"], p["seq"], p["seq_to"]) for p in report["problems"]]
    assert removed == [("removed", 2, 2), ("removed", 4, 4)]


def test_an_inserted_entry_is_reported(cli, logged, data_dir):
    # Rebuild the table without its constraints, then add a forged copy of entry 3 with new text: correctly hashed,
    # linked to entry 2 and at position 3, as if it had always been there.
    conn = _tamper(data_dir)
    conn.executescript("CREATE TABLE copy AS SELECT * FROM evidence_entries; DROP TABLE evidence_entries; "
                       "ALTER TABLE copy RENAME TO evidence_entries;")
    forged = dict(conn.execute("SELECT * FROM evidence_entries WHERE id = ?", (logged[2],)).fetchone())
    forged.update(id=99, text="you agreed to pay double")
    forged["entry_hash"] = hash_content(forged)
    conn.execute(f"INSERT INTO evidence_entries ({', '.join(forged)}) VALUES ({', '.join('?' for _ in forged)})",
                 list(forged.values()))
    conn.commit()
    code, report = _verify(cli)
    assert code == 1
    assert [(p["kind"], p["entry_id"]) for p in report["problems"]] == [("inserted", 99)]


def test_a_changed_or_vanished_attachment_is_reported_by_name(cli, logged, data_dir):
    sha = cli.json("evidence", "show", str(logged[1]))["attachments"][0]["sha256"]
    stored = vault_path(data_dir, sha)
    os.chmod(stored, 0o600)
    stored.write_bytes(b"an innocent picture")
    code, report = _verify(cli)
    assert code == 1
    assert [(p["kind"], p["entry_id"], p["name"]) for p in report["problems"]] == [("file_changed", logged[1],
                                                                                    "shot.png")]
    stored.unlink()
    code, report = _verify(cli)
    assert [(p["kind"], p["entry_id"]) for p in report["problems"]] == [("file_missing", logged[1])]
    # and the bundle refuses to leave out evidence: nothing is written
    result = cli("evidence", "export", "-o", str(data_dir.parent / "bundle.zip"))
    assert result.exit_code == 1 and "disappeared" in result.stderr
    assert not (data_dir.parent / "bundle.zip").exists()
