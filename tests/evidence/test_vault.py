"""Attachments: copied into a content-addressed vault, read-only and owner-only, at most 200 MB, nothing half-written."""

from __future__ import annotations

import hashlib
import stat

from overdue_aid.evidence.vault import MAX_ATTACHMENT_BYTES, vault_dir, vault_path

from .conftest import count_entries


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_attachments_are_named_by_their_sha256_read_only_and_owner_only(cli, cn_case, tmp_path, data_dir):
    shot = tmp_path / "催收截图.png"
    shot.write_bytes(b"\x89PNG fake screenshot bytes")
    sha = hashlib.sha256(shot.read_bytes()).hexdigest()

    entry = cli.json("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "wechat",
                     "--at", "2026-03-02 23:15", "--attach", str(shot))
    stored = vault_path(data_dir, sha)
    assert entry["attachments"] == [{"sha256": sha, "name": "催收截图.png"}]
    assert stored == data_dir / "vault" / sha[:2] / sha and stored.read_bytes() == shot.read_bytes()
    assert _mode(stored) == 0o400
    assert _mode(vault_dir(data_dir)) == 0o700 and _mode(stored.parent) == 0o700

    # The same file attached again is stored once.
    cli.json("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "wechat", "--attach", str(shot))
    assert [path.name for path in vault_dir(data_dir).rglob("*") if path.is_file()] == [sha]


def test_an_attachment_over_200_mb_is_refused_and_nothing_is_saved(cli, cn_case, tmp_path, data_dir):
    big = tmp_path / "recording.m4a"
    with big.open("wb") as handle:  # sparse: takes no room on disk
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    result = cli("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "call", "--attach", str(big))
    assert result.exit_code == 2
    assert "200 MB" in result.stderr and "Traceback" not in result.stderr
    assert count_entries(data_dir) == 0
    assert not any(path.is_file() for path in vault_dir(data_dir).rglob("*"))


def test_a_missing_attachment_leaves_no_entry_and_no_stray_vault_file(cli, cn_case, tmp_path, data_dir):
    present = tmp_path / "letter.pdf"
    present.write_bytes(b"%PDF-1.4 a letter")
    result = cli("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "letter",
                 "--attach", str(present), "--attach", str(tmp_path / "gone.jpg"), "--lang", "zh")
    assert result.exit_code == 2
    assert "找不到要附加的文件" in result.stderr
    assert count_entries(data_dir) == 0
    assert not vault_path(data_dir, hashlib.sha256(present.read_bytes()).hexdigest()).exists()
