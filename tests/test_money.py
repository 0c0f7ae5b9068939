from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overdue_aid.errors import OverdueError
from overdue_aid.money import parse_money, parse_rate


@pytest.mark.parametrize("text, amount, currency", [
    ("3,256.78", "3256.78", None),
    ("¥1280", "1280.00", "CNY"),
    ("￥1,280.50", "1280.50", "CNY"),
    ("RMB 500", "500.00", "CNY"),
    ("1.2万", "12000.00", None),
    ("1.2万元", "12000.00", "CNY"),
    ("叁仟元", "3000.00", "CNY"),
    ("壹万贰仟元整", "12000.00", "CNY"),
    ("壹仟贰佰叁拾肆元伍角陆分", "1234.56", "CNY"),
    ("三千五百元", "3500.00", "CNY"),
    ("$1,250.00", "1250.00", "USD"),
    ("1.5k", "1500.00", None),
    ("USD 30", "30.00", "USD"),
    ("0", "0.00", None),
])
def test_amounts_people_write(text, amount, currency):
    money = parse_money(text)
    assert money.amount == Decimal(amount)
    assert isinstance(money.amount, Decimal)
    assert money.currency == currency


@pytest.mark.parametrize("text", ["-5", "−5", "负100", "NaN", "nan", "inf", "Infinity", "1e400", "abc", "", "   ",
                                  "1.2.3", "¥$5", "五毛钱吧", "1,23,4"])
def test_junk_negative_and_non_finite_are_rejected_with_exit_2(text):
    with pytest.raises(OverdueError) as caught:
        parse_money(text, field="amount_due")
    assert caught.value.exit_code == 2
    assert caught.value.message()


@pytest.mark.parametrize("text, annual", [
    ("24%", "24"), ("24", "24"), ("日0.05%", "18.25"), ("0.05%/day", "18.25"), ("万五", "18.25"),
    ("月息2%", "24"), ("2%/month", "24"), ("年化36%", "36"),
])
def test_rates_become_annual_percentages(text, annual):
    assert parse_rate(text) == Decimal(annual)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_money_parser_raises_only_our_error(text):
    try:
        money = parse_money(text)
    except OverdueError:
        return
    assert money.amount.is_finite() and money.amount >= 0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,万千kK¥$元壹贰叁仟佰拾整角分-+eE ", max_size=20))
def test_money_parser_on_money_like_text(text):
    try:
        money = parse_money(text)
    except OverdueError:
        return
    assert money.amount >= 0 and money.amount == money.amount.quantize(Decimal("0.01"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_rate_parser_raises_only_our_error(text):
    try:
        parse_rate(text)
    except OverdueError:
        pass


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_formatted_amounts_round_trip(value):
    assert parse_money(f"{value:,.2f}").amount == value
    assert parse_money(f"¥{value}").amount == value


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999_999), st.sampled_from(["low", "up"]))
def test_our_chinese_numeral_reader_agrees_with_cn2an(value, style):
    # The reader that spares a one-message check cn2an's 90 ms import must read what cn2an writes, both the
    # everyday (一万二千) and the formal (壹万贰仟) numerals.
    import cn2an

    from overdue_aid.money import chinese_integer

    assert chinese_integer(cn2an.an2cn(value, style)) == value


@pytest.mark.parametrize(("text", "value"), [
    ("三千五", 3500), ("一万二", 12000), ("两万五千", 25000), ("三百五", 350), ("一百零五", 105), ("十五", 15),
])
def test_everyday_shortened_numerals(text, value):
    from overdue_aid.money import chinese_integer

    assert chinese_integer(text) == value


@pytest.mark.parametrize("text", ["一二三", "三千百", "万", "一亿亿", "三万四万", "三点五"])
def test_numerals_outside_the_common_forms_are_left_to_cn2an(text):
    from overdue_aid.money import chinese_integer

    assert chinese_integer(text) is None
