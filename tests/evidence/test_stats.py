"""Statistics of rules-map.md §2 with their exact thresholds, in the borrower's time zone (pure core, plain values)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from overdue_aid.evidence.log import Entry
from overdue_aid.evidence.stats import compute_stats

_ids = iter(range(1, 1_000_000))


def entry(at: str, channel: str = "call", direction: str = "incoming", *, outcome: str | None = None,
          contacted: tuple[str, ...] = ("me",), text: str | None = None, number: str | None = "+8617012345678",
          stop: str | None = None, corrects: int | None = None, tags: tuple[str, ...] = ()) -> Entry:
    return Entry(id=next(_ids), case_id=1, at=datetime.fromisoformat(at), channel=channel, direction=direction,
                 counterpart_name=None, counterpart_number=number, contacted=contacted, summary=None, text=text,
                 tags=tags, corrects=corrects, attachments=[], entry_hash="0" * 64, prev_hash="0" * 64,
                 outcome=outcome, stop_request=stop)


def result(stats, rule_id: str):
    return next(item for item in [*stats.results, *stats.factors] if item.rule_id == rule_id)


# ---------------------------------------------------------------- hours


def test_cn_forbidden_hours_are_from_22_00_up_to_but_not_including_08_00():
    entries = [entry(f"2026-03-02T{clock}+08:00", "sms") for clock in
               ("21:59:59", "22:00:00", "23:30:00", "07:59:59", "08:00:00")]
    stats = compute_stats(entries, "cn", "Asia/Shanghai")
    for rule_id, status in (("cn.hours_cba", "self-regulatory"), ("cn.hours_gbt", "standard")):
        hours = result(stats, rule_id)
        assert hours.count == 3 and hours.status == status
        assert hours.entry_ids == [entries[3].id, entries[1].id, entries[2].id]  # in time order
    assert "CBA" in result(stats, "cn.hours_cba").basis and "GB/T 45251" in result(stats, "cn.hours_gbt").basis


def test_hours_are_judged_in_the_borrowers_zone_not_the_recorded_offset():
    # 14:30 UTC is 22:30 in Shanghai: forbidden; the same instant is fine for a borrower in London.
    stats = compute_stats([entry("2026-03-02T14:30:00+00:00", "sms")], "cn", "Asia/Shanghai")
    assert result(stats, "cn.hours_cba").count == 1
    assert result(stats, "cn.hours_cba").dates == [date(2026, 3, 2)]
    assert result(compute_stats([entry("2026-03-02T14:30:00+00:00", "sms")], "cn", "Europe/London"),
                  "cn.hours_cba").count == 0


def test_us_contact_hours_follow_rules_map_from_21_00_and_before_08_00():
    entries = [entry(f"2026-03-02T{clock}-06:00", "sms") for clock in ("20:59:59", "21:00:00", "07:59:00", "08:00:00")]
    stats = compute_stats(entries, "us", "America/Chicago")
    assert result(stats, "us.hours_fdcpa").count == 2 and result(stats, "us.hours_fdcpa").status == "law"
    assert result(stats, "us.hours_regf").count == 2 and result(stats, "us.hours_regf").status == "regulation"


def test_letters_and_the_borrowers_own_messages_are_not_contacts_in_forbidden_hours():
    entries = [entry("2026-03-02T23:00:00+08:00", "letter"), entry("2026-03-02T23:00:00+08:00", "sms", "outgoing")]
    assert result(compute_stats(entries, "cn", "Asia/Shanghai"), "cn.hours_cba").count == 0


# ---------------------------------------------------------------- calls a day (cn)


@pytest.mark.parametrize(("unanswered", "breach"), [(6, 0), (7, 7)])
def test_cn_more_than_six_unanswered_calls_a_day_to_the_borrower(unanswered, breach):
    calls = [entry(f"2026-03-05T{9 + n:02d}:00:00+08:00", outcome="unanswered", number=f"+86170000000{n:02d}")
             for n in range(unanswered)]
    calls.append(entry("2026-03-05T10:30:00+08:00", outcome="unanswered", contacted=("family",)))  # another phone
    rule = result(compute_stats(calls, "cn", "Asia/Shanghai"), "cn.unanswered_per_day")
    assert rule.count == breach and rule.status == "self-regulatory"
    assert rule.dates == ([date(2026, 3, 5)] if breach else [])


@pytest.mark.parametrize(("connected", "breach"), [(3, 0), (4, 4)])
def test_cn_more_than_three_connected_calls_a_day(connected, breach):
    calls = [entry(f"2026-03-05T{9 + n:02d}:00:00+08:00", outcome="answered") for n in range(connected)]
    calls.append(entry("2026-03-06T09:00:00+08:00", outcome="answered"))  # the next day starts again
    rule = result(compute_stats(calls, "cn", "Asia/Shanghai"), "cn.connected_per_day")
    assert rule.count == breach and rule.status == "standard"


# ---------------------------------------------------------------- 7-in-7 and after a conversation (us)


def test_us_an_eighth_call_within_seven_consecutive_days_is_a_presumed_violation():
    start = datetime.fromisoformat("2026-03-01T10:00:00-06:00")
    seven = [entry((start + timedelta(days=n)).isoformat(), outcome="unanswered") for n in range(7)]
    stats = compute_stats(seven, "us", "America/Chicago")
    assert result(stats, "us.calls_7_in_7").count == 0
    eighth_outside = entry((start + timedelta(days=7)).isoformat(), outcome="unanswered")  # day 8: day 1 left the window
    assert result(compute_stats([*seven, eighth_outside], "us", "America/Chicago"), "us.calls_7_in_7").count == 0
    eighth_inside = entry((start + timedelta(days=6, hours=2)).isoformat(), outcome="unanswered")
    rule = result(compute_stats([*seven, eighth_inside], "us", "America/Chicago"), "us.calls_7_in_7")
    assert rule.count == 1 and rule.entry_ids == [eighth_inside.id] and rule.status == "regulation"
    assert "1006.14(b)(2)(ii)(A)" in rule.basis


def test_us_calls_within_seven_days_after_a_conversation_with_the_conversation_day_as_day_one():
    talk = entry("2026-03-02T10:00:00-06:00", outcome="answered")
    same_day = entry("2026-03-02T15:00:00-06:00", outcome="unanswered")
    day_seven = entry("2026-03-08T09:00:00-06:00", outcome="unanswered")
    day_eight = entry("2026-03-09T09:00:00-06:00", outcome="unanswered")
    before = entry("2026-03-02T09:00:00-06:00", outcome="unanswered")
    rule = result(compute_stats([before, talk, same_day, day_seven, day_eight], "us", "America/Chicago"),
                  "us.after_conversation")
    assert rule.entry_ids == [same_day.id, day_seven.id]
    assert rule.status == "regulation" and "(ii)(B)" in rule.basis


def test_us_unanswered_calls_within_five_minutes_are_a_factor_not_a_breach():
    calls = [entry("2026-03-02T10:00:00-06:00", outcome="unanswered"),
             entry("2026-03-02T10:04:00-06:00", outcome="unanswered"),
             entry("2026-03-02T10:20:00-06:00", outcome="unanswered")]
    stats = compute_stats(calls, "us", "America/Chicago")
    factor = result(stats, "us.rapid_repeat")
    assert factor.count == 1 and factor not in stats.breaches


# ---------------------------------------------------------------- third parties, stop requests, opt-out


def test_cn_third_party_contacts_note_when_the_borrower_was_reachable():
    answered = entry("2026-03-01T10:00:00+08:00", outcome="answered")
    to_mother = entry("2026-03-02T10:00:00+08:00", contacted=("family",))
    to_boss = entry("2026-03-10T10:00:00+08:00", "wechat", contacted=("employer", "me"))
    stats = compute_stats([answered, to_mother, to_boss], "cn", "Asia/Shanghai")
    rule = result(stats, "cn.third_party_cba")
    assert rule.count == 2 and rule.params["reachable"] == 1  # answered a day before the call to the mother
    assert result(stats, "cn.third_party_gbt").status == "standard"
    assert stats.info["third_party_contacts"] == 2


def test_us_contact_after_a_written_cease_is_law_and_after_a_medium_opt_out_regulation():
    cease = entry("2026-03-02T10:00:00-06:00", "letter", "outgoing", stop="all")
    later_call = entry("2026-03-05T10:00:00-06:00", outcome="unanswered")
    stats = compute_stats([entry("2026-03-01T10:00:00-06:00"), cease, later_call], "us", "America/Chicago")
    assert result(stats, "us.after_cease").entry_ids == [later_call.id]
    assert result(stats, "us.after_cease").status == "law"
    assert result(stats, "us.after_opt_out").count == 0

    no_texts = entry("2026-03-02T10:00:00-06:00", "call", "outgoing", outcome="answered", stop="sms")
    text = entry("2026-03-03T10:00:00-06:00", "sms", text="Call us today. Reply STOP to opt out.")
    call = entry("2026-03-03T11:00:00-06:00", outcome="unanswered")
    stats = compute_stats([no_texts, text, call], "us", "America/Chicago")
    assert result(stats, "us.after_opt_out").entry_ids == [text.id]
    assert result(stats, "us.after_cease").count == 0


def test_cn_contact_after_a_refusal_is_counted_but_is_no_breach():
    refusal = entry("2026-03-02T10:00:00+08:00", "sms", "outgoing", stop="all")
    stats = compute_stats([refusal, entry("2026-03-03T10:00:00+08:00", outcome="unanswered")], "cn", "Asia/Shanghai")
    assert stats.info["after_stop_request"] == 1 and stats.breaches == []
    assert "evidence.caveat.cn_stop" in stats.caveats


def test_us_electronic_messages_without_an_opt_out():
    with_opt_out = entry("2026-03-02T10:00:00-06:00", "sms", text="Payment due. Reply STOP to stop texts.")
    without = entry("2026-03-02T11:00:00-06:00", "email", text="Pay $1,250 today.")
    unknown = entry("2026-03-02T12:00:00-06:00", "sms")
    rule = result(compute_stats([with_opt_out, without, unknown], "us", "America/Chicago"), "us.no_opt_out")
    assert rule.entry_ids == [without.id] and rule.params["unknown"] == 1 and rule.status == "regulation"


# ---------------------------------------------------------------- counts


def test_counts_per_day_number_and_hour_corrections_replacing_the_corrected_entry():
    wrong = entry("2026-03-02T21:00:00+08:00", "sms", number="10691234567", tags=("threat",))
    fixed = entry("2026-03-02T23:00:00+08:00", "sms", number="106 9123 4567", corrects=wrong.id, tags=("threat",))
    other = entry("2026-03-03T09:00:00+08:00", number="+86 170-1234-5678", tags=("third_party", "threat"))
    mine = entry("2026-03-03T09:05:00+08:00", "sms", "outgoing")
    stats = compute_stats([wrong, fixed, other, mine], "cn", "Asia/Shanghai")
    assert stats.entries == 3 and stats.contacts == 2 and stats.info["superseded"] == 1
    assert stats.per_day == {date(2026, 3, 2): 1, date(2026, 3, 3): 1}
    assert stats.per_number == {"10691234567": 1, "+8617012345678": 1}
    assert stats.hour_by_day[date(2026, 3, 2)][23] == 1 and stats.hour_by_day[date(2026, 3, 2)][21] == 0
    assert stats.tags == {"third_party": 1, "threat": 2}
    assert stats.forbidden_hours == [0, 1, 2, 3, 4, 5, 6, 7, 22, 23]
    assert compute_stats([], "us", "America/Chicago").forbidden_hours == [0, 1, 2, 3, 4, 5, 6, 7, 21, 22, 23]


def test_every_result_names_its_rule_status_and_whether_it_binds(cli):
    stats = compute_stats([entry("2026-03-02T23:00:00+08:00", "sms")], "cn", "Asia/Shanghai")
    data = stats.as_dict()
    assert {item["status"] for item in data["results"]} == {"self-regulatory", "standard"}
    for item in data["breaches"]:
        assert item["basis"] and item["title"] and "not a statute" in item["status_note"]
