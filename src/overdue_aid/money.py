"""Money and rates typed by people: "3,256.78", "¥1280", "RMB 500", "1.2万", "叁仟元", "$1,250.00", "1.5k".

Everything is Decimal; the parsers raise only OverdueError (exit 2) whatever the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import OverdueError, bad_input

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000000")  # a trillion: anything larger is a typo
CURRENCIES = ("CNY", "USD")

_CNY_MARKERS = ("人民币", "rmb", "cny", "¥", "元", "圆", "块钱", "块")
_USD_MARKERS = ("us$", "usd", "美元", "美金", "dollars", "dollar", "$")
_MULTIPLIERS = {
    "万": Decimal(10_000), "w": Decimal(10_000), "千": Decimal(1_000), "k": Decimal(1_000),
    "百": Decimal(100), "亿": Decimal(100_000_000), "m": Decimal(1_000_000), "mn": Decimal(1_000_000),
}
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_WITH_UNIT = re.compile(r"^(\d+(?:\.\d+)?)(万|w|千|k|百|亿|mn|m)$")
_CHINESE_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億点點\d.]+$")
_JIAO_FEN = re.compile(r"^(?P<yuan>.*?)(?:[元圆](?P<jiao>[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖\d])角)?(?:(?P<fen>[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖\d])分)?$")


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str | None  # None when the text named no currency


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "").replace("\u3000", "")


# Chinese numerals in everyday and formal (大写) writing. Our own reader handles the common forms — 叁仟伍佰,
# 一万二 (12,000), 三百五 (350), 一百零五, 两万五千, 十五 — without loading cn2an, whose import alone takes about
# 90 ms (a one-message `overdue check` would double its start-up) and whose calls cost ~30 µs. Anything else
# (decimals such as 三点五, digit-by-digit 一二三, mixed forms) still goes to cn2an.
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
              "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
              "九": 9, "玖": 9}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}


def chinese_integer(text: str) -> int | None:
    """The value of a whole number written in Chinese numerals, or None when it is not one of the common,
    well-formed forms (units falling from left to right, each 万 or 亿 once and after a number)."""
    high = section = 0  # high: what the finished 万/亿 groups are worth; section: the group below 万
    digit: int | None = None
    last_unit = 0  # the unit just written, for a trailing digit that stands for the next lower unit (三千五)
    after_zero = wan_used = False
    if not text:
        return None
    for position, char in enumerate(text):
        if char in _CN_DIGITS:
            value = _CN_DIGITS[char]
            if digit is not None or value == 0 and after_zero:
                return None  # two digits in a row (一二三), 零零: not a form read here
            if value == 0:
                after_zero = True
            else:
                digit = value
        elif char in _CN_UNITS:
            unit = _CN_UNITS[char]
            if digit is None and not (position == 0 and unit == 10):
                return None  # a unit needs its digit, except a leading 十 (十五)
            if section and unit >= min(last_unit, 10_000) and not after_zero:
                return None  # units fall from left to right: 三千五百, not 三千百
            section += digit * unit if digit is not None else unit
            digit, last_unit, after_zero = None, unit, False
        elif char in _CN_BIG:
            big = _CN_BIG[char]
            group = section + (digit or 0)
            if not group or big == 10_000 and wan_used:
                return None  # a bare 万 or 亿, or a second 万 before the next 亿
            if big == 100_000_000:
                high, wan_used = (high + group) * big, False
            else:
                high, wan_used = high + group * big, True
            section, digit, last_unit, after_zero = 0, None, big, False
        else:
            return None
    if digit is not None:
        # 三千五 = 3,500 and 一万二 = 12,000: a last digit right after a unit counts in the next lower unit;
        # after 零 (一百零五) or with no unit before it, it is a plain digit.
        section += digit * (last_unit // 10 if last_unit >= 10 and not after_zero else 1)
    return high + section


def _cn_digit(char: str) -> int:
    return int(char) if char.isdigit() else _CN_DIGITS[char]


def _chinese_numeral(text: str) -> Decimal:
    match = _JIAO_FEN.match(text)
    yuan_part = match.group("yuan") if match else text
    jiao = match.group("jiao") if match else None
    fen = match.group("fen") if match else None
    yuan_part = yuan_part.rstrip("元圆")
    if not yuan_part or not _CHINESE_NUMERAL.match(yuan_part):
        raise ValueError(text)
    whole = chinese_integer(yuan_part)
    if whole is not None:
        value = Decimal(whole)
    else:
        import cn2an

        value = Decimal(str(cn2an.cn2an(yuan_part, "smart")))
    if jiao:
        value += Decimal(_cn_digit(jiao)) / 10
    if fen:
        value += Decimal(_cn_digit(fen)) / 100
    return value


def _number(text: str) -> Decimal:
    if _PLAIN.match(text):
        return Decimal(text)
    if _GROUPED.match(text):
        return Decimal(text.replace(",", ""))
    unit = _WITH_UNIT.match(text.replace(",", ""))
    if unit:
        return Decimal(unit.group(1)) * _MULTIPLIERS[unit.group(2)]
    return _chinese_numeral(text)


def parse_money(text: object, *, field: str = "amount") -> Money:
    """A non-negative amount with its currency if the text names one."""
    if not isinstance(text, str) or not text.strip():
        raise bad_input("errors.money.empty", field=field)
    if len(text) > 64:
        raise bad_input("errors.money.invalid", field=field, value=text[:20] + "…")
    normal = _normalise(text)
    if normal.startswith(("-", "−", "负", "(")):
        raise bad_input("errors.money.negative", field=field, value=text)
    currency: str | None = None
    for marker in _USD_MARKERS:
        if marker in normal:
            currency = "USD"
            normal = normal.replace(marker, "")
    for marker in _CNY_MARKERS:
        if marker in normal:
            if currency == "USD" and marker not in ("元", "块", "块钱"):
                raise bad_input("errors.money.two_currencies", field=field, value=text)
            currency = currency or "CNY"
            # 元 and 圆 can carry 角/分 after them, so only strip them where they end the number.
            if marker in ("元", "圆"):
                continue
            normal = normal.replace(marker, "")
    normal = normal.removesuffix("整").removesuffix("正")
    if normal.endswith(("元", "圆")) and not re.search(r"[元圆].*[角分]", normal):
        normal = normal[:-1]
    if normal.startswith(("-", "−", "负")):
        raise bad_input("errors.money.negative", field=field, value=text)
    try:
        amount = _number(normal)
    except (ValueError, InvalidOperation, ArithmeticError, KeyError, TypeError, AttributeError):
        raise bad_input("errors.money.invalid", field=field, value=text) from None
    except OverdueError:
        raise
    except Exception:  # cn2an raises assorted errors on odd text; all mean "not an amount"
        raise bad_input("errors.money.invalid", field=field, value=text) from None
    if not amount.is_finite():
        raise bad_input("errors.money.invalid", field=field, value=text)
    if amount < 0:
        raise bad_input("errors.money.negative", field=field, value=text)
    if amount > MAX_AMOUNT:
        raise bad_input("errors.money.too_large", field=field, value=text)
    return Money(amount.quantize(CENT, rounding=ROUND_HALF_UP), currency)


def parse_amount(text: object, *, field: str = "amount") -> Decimal:
    return parse_money(text, field=field).amount


def money_str(amount: Decimal | None) -> str | None:
    """A decimal string with two places and no thousands separators (the JSON form)."""
    if amount is None:
        return None
    return format(amount.quantize(CENT, rounding=ROUND_HALF_UP), "f")


def format_money(amount: Decimal, currency: str | None, lang: str) -> str:
    """For people: ¥3,256.78 / $1,250.00, or 3,256.78 元 in Chinese."""
    value = f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    if currency == "USD":
        return f"${value}" if lang == "en" else f"{value} 美元"
    if currency == "CNY":
        return f"¥{value}" if lang == "en" else f"{value} 元"
    return value


_RATE = re.compile(r"^(?P<value>\d+(?:\.\d+)?)(?P<pct>%|‰|‱)?$")
_DAILY = ("日息", "日利率", "日", "/day", "perday", "/d", "aday", "daily", "每天", "/天", "天")
_MONTHLY = ("月息", "月利率", "月", "/month", "permonth", "/mo", "amonth", "monthly", "每月", "/月")
_ANNUAL = ("年化", "年利率", "年息", "年", "/year", "peryear", "/yr", "ayear", "apr", "annual", "每年", "/年", "p.a.")


def parse_rate(text: object, *, field: str = "rate") -> Decimal:
    """An interest or penalty rate as an annual percentage: '24%' -> 24, '日0.05%' -> 18.25, '万五' -> 18.25."""
    if not isinstance(text, str) or not text.strip():
        raise bad_input("errors.rate.invalid", field=field, value=str(text))
    if len(text) > 40:
        raise bad_input("errors.rate.invalid", field=field, value=text[:20] + "…")
    normal = _normalise(text)
    if normal.startswith(("-", "−", "负")):
        raise bad_input("errors.money.negative", field=field, value=text)
    # 万五 = 0.05% a day, the usual way Chinese lenders quote a daily rate.
    wan = re.fullmatch(r"(?:日息|日)?万分之?([一二三四五六七八九十\d.]+)", normal) or re.fullmatch(r"(?:日息|日)?万([一二三四五六七八九\d.]+)", normal)
    if wan:
        try:
            value = Decimal(str(_cn_digit(wan.group(1)))) if not re.match(r"^[\d.]+$", wan.group(1)) else Decimal(wan.group(1))
        except Exception:
            raise bad_input("errors.rate.invalid", field=field, value=text) from None
        return (value / 100 * 365).quantize(Decimal("0.0001")).normalize()
    periods = Decimal(1)
    for words, multiplier in ((_DAILY, 365), (_MONTHLY, 12), (_ANNUAL, 1)):
        for word in words:
            if word in normal:
                normal = normal.replace(word, "")
                periods = Decimal(multiplier)
                break
        else:
            continue
        break
    normal = normal.strip("/")
    match = _RATE.match(normal)
    if not match:
        raise bad_input("errors.rate.invalid", field=field, value=text)
    value = Decimal(match.group("value"))
    if match.group("pct") == "‰":
        value /= 10
    elif match.group("pct") == "‱":
        value /= 100
    annual = value * periods
    if annual > 10000:
        raise bad_input("errors.rate.invalid", field=field, value=text)
    return annual.quantize(Decimal("0.0001")).normalize() if annual else Decimal(0)
