"""Importing real "SMS Backup & Restore" files and CSV: dedupe, hostile and broken files, a crash midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from xml.sax.saxutils import quoteattr

import pytest

from overdue_aid.store.db import database_path

from .conftest import DATA, count_entries


def _import(cli, *args):
    return cli.json("evidence", "import", *args)


def test_sms_backup_is_imported_once_in_the_case_time_zone(cli, cn_case, data_dir):
    first = _import(cli, str(DATA / "sms-backup.xml"), "--case", str(cn_case))
    # 6 sms (one a draft, never sent) and 1 mms
    assert (first["read"], first["added"], first["duplicates"]) == (6, 6, 0)
    again = _import(cli, str(DATA / "sms-backup.xml"), "--case", str(cn_case))
    assert (again["added"], again["duplicates"]) == (0, 6)
    assert count_entries(data_dir) == 6

    entries = cli.json("evidence", "list", "--case", str(cn_case))
    assert entries[0]["at"] == "2026-03-02T23:15:00+08:00" and entries[0]["direction"] == "incoming"
    assert entries[0]["text"].startswith("【稳稳借】王芳") and entries[0]["counterpart_number"] == "10691234567"
    sent = [entry for entry in entries if entry["direction"] == "outgoing"]
    assert [entry["text"] for entry in sent] == ["我会在3月15日前还2000元，请不要再联系我的家人。"]
    assert entries[2]["counterpart_name"] == "催收-稳稳借"
    assert entries[-1]["text"].startswith("【法院通知】") and entries[-1]["channel"] == "sms"  # the mms part
    assert "草稿，没发出去" not in json.dumps(entries, ensure_ascii=False)
    assert {entry["source"] for entry in entries} == {"sms-xml:sms-backup.xml"}
    assert cli("evidence", "verify").exit_code == 0


def test_call_log_outcomes_drive_the_call_statistics(cli, cn_case):
    result = _import(cli, str(DATA / "calls-backup.xml"), "--case", str(cn_case))
    assert result["added"] == 15
    calls = cli.json("evidence", "list", "--case", str(cn_case), "--channel", "call")
    outcomes = [(entry["direction"], entry["outcome"]) for entry in calls]
    assert outcomes.count(("incoming", "unanswered")) == 9  # 7 missed, 1 rejected, 1 voicemail
    assert outcomes.count(("incoming", "answered")) == 4
    assert ("outgoing", "answered") in outcomes and ("outgoing", "unanswered") in outcomes
    stats = cli.json("evidence", "stats", "--case", str(cn_case))
    found = {item["rule_id"]: item for item in stats["breaches"]}
    assert found["cn.unanswered_per_day"]["dates"] == ["2026-03-05"]
    assert found["cn.connected_per_day"]["count"] == 4


def test_only_chosen_numbers_are_imported(cli, cn_case):
    result = _import(cli, str(DATA / "sms-backup.xml"), "--case", str(cn_case), "--from", "138 0013 8000")
    assert (result["added"], result["filtered_out"]) == (2, 4)


def test_csv_with_a_column_mapping_utf8_and_gbk(cli, cn_case, data_dir):
    mapping = "at=时间,counterpart_number=号码,text=内容,direction=方向"
    result = _import(cli, str(DATA / "messages.csv"), "--case", str(cn_case), "--map", mapping, "--channel", "sms")
    assert result["added"] == 3
    entries = cli.json("evidence", "list", "--case", str(cn_case))
    assert [entry["direction"] for entry in entries] == ["incoming", "incoming", "outgoing"]
    assert entries[0]["at"] == "2026-03-02T23:15:00+08:00" and entries[2]["text"] == "好的我会还款"
    # The same rows saved by Excel in GBK are the same records: nothing new.
    again = _import(cli, str(DATA / "messages-gbk.csv"), "--case", str(cn_case), "--map", mapping, "--channel", "sms")
    assert (again["added"], again["duplicates"]) == (0, 3)


@pytest.mark.parametrize(("name", "args", "expected"), [
    ("messages.csv", ["--map", "at=Date"], 'no column "Date"'),
    ("messages.csv", ["--map", "when=时间"], "--map"),
    ("messages.csv", [], "which column holds the time"),
    ("messages.csv", ["--map", "at=时间"], "which channel"),
])
def test_csv_mistakes_are_explained(cli, cn_case, data_dir, name, args, expected):
    result = cli("evidence", "import", str(DATA / name), "--case", str(cn_case), *args)
    assert result.exit_code == 2 and expected in result.stderr and "Traceback" not in result.stderr
    assert count_entries(data_dir) == 0


@pytest.mark.parametrize(("name", "expected"), [
    ("billion-laughs.xml", "refused for safety"),
    ("external-entity.xml", "refused for safety"),
    ("truncated.xml", "not well-formed XML (line 8"),
    ("future.xml", "record 2: date: 2100-01-01"),
    ("not-a-backup.xml", "not an 'SMS Backup & Restore' file (it starts with <contacts>"),
    ("messages-gbk.csv", "not well-formed XML"),
    ("no-such-file.xml", "Cannot find the file"),
])
def test_hostile_broken_or_impossible_files_change_nothing(cli, cn_case, data_dir, name, expected):
    cli.json("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "call", "--at", "2026-03-01 10:00")
    fmt = ["--format", "sms-xml"] if name.endswith(".csv") else []
    result = cli("evidence", "import", str(DATA / name), "--case", str(cn_case), *fmt)
    assert result.exit_code == 2
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert count_entries(data_dir) == 1
    assert cli("evidence", "verify").exit_code == 0


def test_the_message_error_is_in_chinese_too(cli, cn_case):
    result = cli("evidence", "import", str(DATA / "truncated.xml"), "--case", str(cn_case), "--lang", "zh")
    assert result.exit_code == 2 and "不是格式正确的 XML" in result.stderr and "没有导入任何内容" in result.stderr


def _write_backup(path, count: int) -> None:
    start = 1772400000000  # 2026-03-01
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"{count}\">\n")
        for index in range(count):
            body = quoteattr(f"【稳稳借】您的借款已逾期{index % 90}天，请尽快还款。编号{index}")
            handle.write(f'  <sms protocol="0" address="1069{index % 50:04d}" date="{start + index * 1000}" '
                         f'type="1" body={body} readable_date="x" contact_name="(Unknown)" />\n')
        handle.write("</smses>\n")


@pytest.mark.slow
def test_kill_9_midway_leaves_a_valid_log_and_a_rerun_completes_it(cli, cn_case, data_dir, data_home, tmp_path):
    cli.json("evidence", "add", "--no-input", "--case", str(cn_case), "--channel", "call", "--at", "2026-02-28 10:00")
    backup = tmp_path / "big.xml"
    _write_backup(backup, 40_000)
    env = {**os.environ, "OVERDUE_HOME": str(data_home)}
    command = [sys.executable, "-m", "overdue_aid", "evidence", "import", str(backup), "--case", str(cn_case)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = database_path(data_dir).with_name("overdue.db-wal")
    deadline = time.monotonic() + 60
    # Kill it while it writes: once its write-ahead log holds a good part of the rows.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert cli("evidence", "verify").exit_code == 0
    assert count_entries(data_dir) == 1  # nothing half-written
    rerun = _import(cli, str(backup), "--case", str(cn_case))
    assert rerun["added"] == 40_000
    assert count_entries(data_dir) == 40_001
    assert cli("evidence", "verify").exit_code == 0


@pytest.mark.slow
def test_a_progress_bar_shows_on_a_terminal_and_not_in_a_pipe(cli, cn_case, data_home, tmp_path):
    import pexpect

    backup = tmp_path / "progress.xml"
    _write_backup(backup, 6_000)
    env = {**os.environ, "OVERDUE_HOME": str(data_home), "COLUMNS": "100"}
    child = pexpect.spawn(sys.executable, ["-m", "overdue_aid", "evidence", "import", str(backup), "--case",
                                           str(cn_case)], env=env, encoding="utf-8", timeout=60)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "progress.xml ━" in child.before and "MB" in child.before  # the bar: file name, bar, bytes read
    assert "6000 new entries" in child.before

    piped = cli("evidence", "import", str(backup), "--case", str(cn_case))
    assert piped.exit_code == 0 and piped.stderr == ""
