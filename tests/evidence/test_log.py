"""The log itself: append-only entries, a SHA-256 chain over canonical JSON, corrections, filters, the message check."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date, datetime, timezone

import pytest

from overdue_aid.check.core import check_message
from overdue_aid.errors import OverdueError
from overdue_aid.evidence.log import GENESIS_HASH, append_entry, get_entry, list_entries

from .conftest import count_entries


def _independent_hash(row: sqlite3.Row) -> str:
    """The documented hash rule, written out again here: every column but entry_hash, JSON lists parsed."""
    content = {name: row[name] for name in row.keys() if name != "entry_hash"}
    for name in ("contacted", "tags", "attachments"):
        content[name] = json.loads(content[name])
    content["format"] = "overdue-aid/evidence/1"
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_entries_form_a_hash_chain_over_canonical_json(cn_case, add, conn):
    first = add(cn_case, "2026-03-02T23:15:00+08:00", text="今晚不还，明天就联系你的通讯录！", counterpart_number="10691234567")
    second = add(cn_case, "2026-03-03T09:00:00+08:00", channel="call", outcome="unanswered")

    assert first.prev_hash == GENESIS_HASH and first.seq == 1
    assert second.prev_hash == first.entry_hash and second.seq == 2
    for entry in (first, second):
        row = conn.execute("SELECT * FROM evidence_entries WHERE id = ?", (entry.id,)).fetchone()
        assert _independent_hash(row) == entry.entry_hash
    head = conn.execute("SELECT last_seq, head_hash FROM evidence_heads WHERE case_id = ?", (cn_case,)).fetchone()
    assert tuple(head) == (2, second.entry_hash)


def test_the_hash_is_taken_over_canonical_json_for_awkward_text_too(cn_case, add, conn):
    # The log writes canonical JSON without building a dict per row; these values are where a hand-made encoder
    # would differ from json.dumps: quotes, backslashes, tabs and line breaks, characters beyond the BMP, U+2028.
    awkward = ['他说"今晚"\\必须还\t钱\n第二行', "emoji 💸 and \u2028 separator \u00e9", "</script>&<'>"]
    entries = [add(cn_case, f"2026-03-0{day}T10:00:00+08:00", text=text, counterpart_name=text.splitlines()[0][:40],
                   summary=text, duration_s=2 ** 40, contacted=("family", "me"), stop_request="sms,call")
               for day, text in enumerate(awkward, start=2)]
    entries.append(add(cn_case, "2026-03-06T10:00:00+08:00", channel="call", direction="outgoing"))
    for entry in entries:
        row = conn.execute("SELECT * FROM evidence_entries WHERE id = ?", (entry.id,)).fetchone()
        assert _independent_hash(row) == entry.entry_hash


def test_the_database_refuses_to_update_or_delete_an_entry(cn_case, add, conn):
    entry = add(cn_case, "2026-03-02T23:15:00+08:00", text="原文")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE evidence_entries SET text = '改过' WHERE id = ?", (entry.id,))
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM evidence_entries WHERE id = ?", (entry.id,))
    assert get_entry(conn, entry.id).text == "原文"


def test_a_correction_is_a_new_entry_pointing_to_the_old_one(cn_case, add, conn, cli):
    wrong = add(cn_case, "2026-03-02T21:15:00+08:00", summary="typed the wrong hour")
    fixed = add(cn_case, "2026-03-02T23:15:00+08:00", summary="right hour", corrects=wrong.id)
    assert fixed.corrects == wrong.id
    assert [entry.id for entry in list_entries(conn, cn_case)] == [wrong.id, fixed.id]
    shown = cli.json("evidence", "show", str(wrong.id))
    assert shown["corrected_by"] == [fixed.id] and shown["summary"] == "typed the wrong hour"


def test_a_correction_must_name_an_entry_of_the_same_case(cn_case, us_case, add, data_dir):
    other = add(us_case, "2026-03-02T10:00:00-06:00")
    with pytest.raises(OverdueError) as err:
        add(cn_case, "2026-03-02T23:15:00+08:00", corrects=other.id)
    assert err.value.key == "evidence.errors.corrects_unknown" and err.value.exit_code == 2
    assert count_entries(data_dir) == 1


def test_times_are_kept_in_the_case_time_zone_and_future_times_refused(cn_case, add, conn, data_dir):
    entry = add(cn_case, "2026-03-02T15:15:00+00:00")
    assert entry.at.isoformat() == "2026-03-02T23:15:00+08:00"
    with pytest.raises(OverdueError) as err:
        append_entry(conn, data_dir, cn_case, at=datetime(2100, 1, 1, tzinfo=timezone.utc), channel="sms",
                     direction="incoming")
    assert err.value.key == "evidence.errors.future"
    assert count_entries(data_dir) == 1


def test_choices_accept_chinese_words_and_reject_unknown_ones(cn_case, add):
    entry = add(cn_case, "2026-03-02T23:15:00+08:00", channel="电话", direction="收到", contacted=("家人", "单位"),
                outcome="未接")
    assert (entry.channel, entry.direction, entry.contacted, entry.outcome) == ("call", "incoming",
                                                                                ("employer", "family"), "unanswered")
    with pytest.raises(OverdueError) as err:
        add(cn_case, "2026-03-02T23:15:00+08:00", channel="pigeon")
    assert err.value.key == "errors.field.choice"


def test_list_filters_by_case_dates_channel_and_tag(cn_case, us_case, add, conn):
    add(cn_case, "2026-03-01T10:00:00+08:00", channel="call")
    add(cn_case, "2026-03-02T23:59:00+08:00", channel="sms")
    add(cn_case, "2026-03-03T00:01:00+08:00", channel="sms")
    add(us_case, "2026-03-02T10:00:00-06:00", channel="email")

    assert len(list_entries(conn)) == 4
    assert [e.channel for e in list_entries(conn, cn_case, channel="sms")] == ["sms", "sms"]
    # A bare date is a whole local day: 23:59 on the 2nd belongs to it, 00:01 on the 3rd does not.
    assert [e.at.day for e in list_entries(conn, cn_case, since=date(2026, 3, 2), until=date(2026, 3, 2))] == [2]
    moment = datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc)  # 00:00 on the 3rd in Shanghai
    assert [e.at.day for e in list_entries(conn, cn_case, since=moment)] == [3]
    assert list_entries(conn, cn_case, tag="threat") == [e for e in list_entries(conn, cn_case) if "threat" in e.tags]


def test_message_text_gets_the_message_check_tags_and_they_are_hashed(cn_case, add, conn):
    text = "王芳，今晚12点前不还，明天就把你欠钱的事发到你的通讯录和单位群里！"
    at = datetime.fromisoformat("2026-03-02T23:15:00+08:00")
    entry = add(cn_case, at.isoformat(), text=text, counterpart_number="10691234567")
    expected = check_message(text, jurisdiction="cn", received_at=at, sender="10691234567")
    assert entry.tags == tuple(sorted(set(expected.tags))) and entry.tags
    assert [e.id for e in list_entries(conn, cn_case, tag=entry.tags[0])] == [entry.id]
    row = conn.execute("SELECT * FROM evidence_entries WHERE id = ?", (entry.id,)).fetchone()
    assert _independent_hash(row) == entry.entry_hash  # the tags are part of the hashed content
