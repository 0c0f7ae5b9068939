from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overdue_aid.dates import parse_date, parse_datetime
from overdue_aid.errors import OverdueError


@pytest.mark.parametrize("text", ["2026-03-01", "2026年3月1日", "2026/3/1", "2026.03.01", "March 1, 2026",
                                  "Mar 1 2026", "1 March 2026", "二〇二六年三月一日", "3/1/2026", "2026年03月01号"])
def test_dates_people_write(text):
    assert parse_date(text) == date(2026, 3, 1)


@pytest.mark.parametrize("text", ["2026-02-30", "2026年13月1日", "yesterday", "", "31/31/2026", "0001-01-01"])
def test_bad_dates_are_rejected_with_exit_2(text):
    with pytest.raises(OverdueError) as caught:
        parse_date(text)
    assert caught.value.exit_code == 2


def test_datetimes_are_aware():
    value = parse_datetime("2026-03-02T23:15:00+08:00")
    assert value.utcoffset() == timedelta(hours=8)
    naive = parse_datetime("2026-03-02 23:15", default_tz=timezone(timedelta(hours=-5)))
    assert naive.utcoffset() == timedelta(hours=-5) and naive.hour == 23
    assert parse_datetime("2026年3月2日 23:15").tzinfo is not None
    assert parse_datetime("2026-03-02T15:15:00Z") == datetime(2026, 3, 2, 15, 15, tzinfo=timezone.utc)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_date_parser_raises_only_our_error(text):
    try:
        parse_date(text)
    except OverdueError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_datetime_parser_raises_only_our_error_and_is_aware(text):
    try:
        value = parse_datetime(text)
    except OverdueError:
        return
    assert value.tzinfo is not None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_written_forms_round_trip(value):
    assert parse_date(value.isoformat()) == value
    assert parse_date(f"{value.year}年{value.month}月{value.day}日") == value
    assert parse_date(value.strftime("%B %d, %Y")) == value
