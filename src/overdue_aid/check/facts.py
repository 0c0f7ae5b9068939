"""Facts a message states: amount due, currency, lender, due date, days overdue, phones, links, accounts.

Everything is read from the normalised text (see normalise.py). Each fact that a rule can use
(a virtual-operator number, a raw-IP link, a personal bank card …) also comes back as a cue hit
`@name` at its place in the text, so rules combine facts and words in one way.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache, partial
from typing import NamedTuple

from .lazy import LazyPattern
from .rules import Hit, new_hit

# --- money ------------------------------------------------------------------------------------
# A number as written in an amount: 3,256.78 or 3256.78.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,15}(?:\.\d{1,2})?"
# Amounts: a run of digits with a currency before it (¥, $, RMB) or a unit or currency after it (元, 万, dollars).
_NUMBER_SHAPE = LazyPattern(rf"{_NUMBER}")
_PREFIXES = ("人民币", "us$", "nt$", "hk$", "rmb", "cny", "usd", "twd", "hkd", "¥", "￥", "$")
_SUFFIXES = ("块钱", "dollars", "dollar", "美元", "美金", "bucks", "港币", "港元", "新台币", "台币", "蚊", "元", "块", "rmb", "cny",
             "usd", "hkd", "twd")
_MAX_AMOUNT = Decimal("1e12")
_PREFIX_LAST = frozenset(marker[-1] for marker in _PREFIXES)
_SUFFIX_FIRST = frozenset(marker[0] for marker in _SUFFIXES) | {"万", "千", "k"}
# The runs of digits worth a closer look: a money mark's last character just before (a space may come between) or
# a unit's or currency's first character one or two places after. Most numbers (codes, times, dates, counts) have
# neither, and the regex engine passes over them without a Python step. The run (a digit, then digits, commas and
# dots ending in a digit) is atomic, and the pattern starts with the run's first digit, so that the engine jumps from digit to digit.
_PREFIX_LAST_CLASS = "[" + re.escape("".join(sorted(_PREFIX_LAST))) + "]"
_SUFFIX_FIRST_CLASS = "[" + re.escape("".join(sorted(_SUFFIX_FIRST))) + "]"
_MONEY_RUN = LazyPattern(
    rf"\d(?:(?:(?<={_PREFIX_LAST_CLASS}\d)|(?<={_PREFIX_LAST_CLASS}\s\d))(?>(?:[\d,.]*\d)?)"
    rf"|(?>(?:[\d,.]*\d)?)(?={_SUFFIX_FIRST_CLASS}|.{_SUFFIX_FIRST_CLASS}))", re.DOTALL)
# 叁仟元, 九百八十元: only looked for when the text has 元 or 块.
_BIG_MONEY = LazyPattern(r"[零壹贰叁肆伍陆柒捌玖拾佰仟萬万亿一二两三四五六七八九十百千]{2,20}(?=元|块)")
_BARE_AFTER = LazyPattern(
    rf"(?:应还|待还|要还|你欠的?|欠款|欠费|房租|租金|(?:一共|合计|总共|共计)(?:要还|得还|需还|应还|要|得|还)?|还差|"
    rf"一人(?:分摊|平摊)?|每人(?:分摊|平摊)?|欠我|欠你|金额|应还款|货款|尾款|"
    rf"还款额|本息合计|本息|still owe me|owe me|owe you|balance|your (?:half|share|part)(?: is| comes to)?|"
    rf"amount due|amount)\s?[:：]?\s?(?P<n>{_NUMBER})(?![\d%.])")
_CNY = {"¥", "￥", "rmb", "cny", "人民币", "元", "块钱", "块"}
_USD = {"us$", "usd", "$", "dollar", "dollars", "bucks", "美元", "美金"}
_OTHER_CURRENCIES = {"nt$": "TWD", "twd": "TWD", "新台币": "TWD", "台币": "TWD", "hk$": "HKD", "hkd": "HKD", "港币": "HKD",
                     "港元": "HKD", "蚊": "HKD"}
_UNIT = {"万": Decimal(10000), "千": Decimal(1000), "k": Decimal(1000)}


_ASCII_DIGIT = LazyPattern("[0-9]")


def _has_digit(text: str) -> bool:
    return _ASCII_DIGIT.search(text) is not None


def _any_of(words: tuple[str, ...]) -> LazyPattern:
    """One search for 'is any of these words in the text' (cheaper than one `in` per word)."""
    return LazyPattern("|".join(re.escape(word) for word in words))


def _reversed_word(word: str) -> str:
    """`word` spelled backwards, as a pattern. A Latin word must start a word ("ur" is not in "purchase") but may
    end inside one, which reads its inflections too (owe: owes, owed; fine: fines)."""
    pattern = re.escape(word[::-1])
    if word[:1].isascii() and word[:1].isalpha():
        pattern += "(?![a-z])"
    return pattern


class _CueWords:
    """Words looked for just before an amount: one search of the reversed window finds the nearest one."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.reversed = LazyPattern("|".join(_reversed_word(word) for word in sorted(words, key=len, reverse=True)))

    def distance_before(self, text: str, start: int, window: int) -> int | None:
        """Characters between the nearest word ending within `window` chars before `start`, and `start`."""
        match = self.reversed.search(text[max(0, start - window):start][::-1])
        return match.start() if match else None


# Words just before an amount that make it the amount owed, or that rule it out.
_DUE_CUES = _CueWords(("应还", "待还", "欠款", "欠费", "欠你", "你欠", "欠我", "还差", "剩余应还", "合计", "一共", "共计", "总共",
             "总额", "本期账单", "账单", "月供", "应缴", "未缴", "尚未缴纳", "还款额", "最低还款", "房租", "租金",
             "水费", "电费", "燃气费", "物业费", "停车费", "宽带费", "话费", "学费", "培训费", "会费", "欠费", "金额",
             "要还", "unpaid", "pay back", "send your", "installment", "late",
             "一人", "owe", "owed", "due", "balance", "payment of", "installment of", "bill of", "dues of",
             "past-due amount", "amount", "remains", "unpaid", "fines of", "fee of", "rent", "total", "借你的", "借你",
             # the reader's own amount (your $380), one to repay or hand over (cover, 还, 转我), or a fine
             "your", "ur", "cover", "venmo me", "pay me", "pay the", "send the", "this month's", "还", "转我", "fine",
             "fine of",
             "overdue", "payoff", "执行款", "还款", "缴清", "结清"))
_TOTAL_CUES = _CueWords(("合计", "一共", "共计", "总共", "总额", "剩余应还", "total", "in total", "应还金额", "待还金额", "应还合计", "一共要还",
                         "new total", "total due", "total now", "total today", "all in", "一共得还", "一共要", "加起来"))
# A share of a split bill is what the reader owes, even when the total is given too.
_SHARE_CUES = _CueWords(("一人", "每人", "平摊", "你那份", "your half", "your share", "each of us"))
_NOT_DUE_CUES = _CueWords(("本金", "利息", "罚息", "手续费", "服务费", "工本费", "保证金", "会员费", "额度", "收入", "余额", "最高",
                 "可借", "退款", "退还", "已还", "还款成功", "成功还款", "已收到", "received", "refund", "limit",
                 "up to", "approved for", "credit line", "盗刷", "消费", "purchase", "charge of", "充值", "缴纳电费",
                 "earned", "转给", "sent you", "we're square", "paid", "fee", "deposit", "到账", "理赔款", "提升至",
                 "违约金", "滞纳金", "罚金", "加收", "上门费", "管理费", "surcharge", "late fee", "offer", "工资",
                 "保管费", "went up", "raise", "you are owed", "you're owed", "owed to you",
                 # money the reader gets, not owes
                 "disbursement of", "loan of", "direct deposit", "放款", "借到"))


class MoneyMention(NamedTuple):
    amount: Decimal
    currency: str | None
    start: int
    end: int


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _chinese_amount(text: str) -> Decimal | None:
    from ..money import parse_amount
    from ..errors import OverdueError

    try:
        return parse_amount(text + "元")
    except OverdueError:
        return None


def find_money(text: str, has_digit: bool) -> list[MoneyMention]:
    """Every amount written with a currency, a 万/千 unit or in Chinese numerals."""
    mentions: list[MoneyMention] = []
    if "元" in text or "块" in text:
        for match in _BIG_MONEY.finditer(text):
            value = _chinese_amount(match.group())
            if value is not None and 0 < value <= Decimal("1e12"):
                mentions.append(MoneyMention(value, "CNY", match.start(), match.end() + 1))
    if not has_digit:
        return mentions
    for match in _MONEY_RUN.finditer(text):
        start, end = match.span()
        raw = match.group()
        if not _NUMBER_SHAPE.compiled.fullmatch(raw):
            continue
        window_start = max(0, start - 4)
        before = text[window_start:start].rstrip()
        prefix = next((marker for marker in _PREFIXES if before.endswith(marker)), None) \
            if before.endswith(_PREFIXES) else None
        after_raw = text[end:end + 6]
        after = after_raw.lstrip()
        after_at = end + len(after_raw) - len(after)
        unit = after[:1] if after[:1] in ("万", "千") or (after[:1] == "k" and not after[1:2].isalpha()) else None
        rest, rest_at = after, after_at
        if unit:
            rest = after[1:].lstrip()
            rest_at = after_at + len(after) - len(rest)
        suffix = next((marker for marker in _SUFFIXES if rest.startswith(marker)
                       and not (marker.isascii() and rest[len(marker):len(marker) + 1].isalpha())), None) \
            if rest.startswith(_SUFFIXES) else None
        if prefix is None and suffix is None and unit not in ("万", "千"):
            continue
        value = _decimal(raw)
        if value is None:
            continue
        if unit:
            value *= _UNIT[unit]
        if not 0 < value <= _MAX_AMOUNT:
            continue
        marker = prefix or suffix
        currency = "USD" if marker in _USD else "CNY" if marker in _CNY else _OTHER_CURRENCIES.get(marker or "")
        first = window_start + len(before) - len(prefix) if prefix else start
        last = rest_at + len(suffix) if suffix else (after_at + 1 if unit else end)
        mentions.append(MoneyMention(value, currency, first, last))
    for match in _BARE_AFTER.finditer(text):
        start = match.start("n")
        if any(m.start <= start < m.end for m in mentions) or _looks_like_date_or_id(text, match.end("n")):
            continue
        value = _decimal(match.group("n"))
        if value is not None and value > 0:
            mentions.append(MoneyMention(value, None, start, match.end("n")))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _looks_like_date_or_id(text: str, end: int) -> bool:
    following = text[end:end + 2]
    return following[:1] in ("月", "日", "号", "天", "/", "-", "期", "%", "个", "小") or following in ("days", " d")


def amount_due(text: str, mentions: list[MoneyMention]) -> MoneyMention | None:
    """The one amount owed, or None when the message states none or several different ones."""
    tiers: dict[int, list[MoneyMention]] = {}
    for mention in mentions:
        due = _DUE_CUES.distance_before(text, mention.start, 20)
        if due is None and _DEMANDED.search(text, max(0, mention.start - 40), mention.start):
            due = 0  # "Pay $600 by 5pm", "to stop it, send $740": what is demanded is what is owed
        if due is None and not _cue_after_due(text, mention.end):
            continue
        not_due = _NOT_DUE_CUES.distance_before(text, mention.start, 10)
        # At the same distance the two words end together: the longer one ("late fee", "you are owed") is the
        # more specific, and it is always the not-due one.
        if not_due is not None and (due is None or not_due <= due):
            continue
        if _FEE_AFTER.match(text, mention.end):  # "$60 release fee", "200元手续费": a fee asked for, not the debt
            continue
        if _settled_after(text, mention.end) or _settled_before(text, mention.start):  # paid already
            continue
        if _GRANTED_AFTER.search(text, mention.end, mention.end + 24):  # "$7,500 loan is approved": money to get
            continue
        if _SHARE_CUES.distance_before(text, mention.start, 6) is not None:
            tier = 3
        elif _TOTAL_CUES.distance_before(text, mention.start, 16) is not None:  # "total today: $1,150"
            tier = 2
        else:
            tier = 1
        tiers.setdefault(tier, []).append(mention)
    if not tiers:
        return None
    pool = tiers[max(tiers)]
    if len({mention.amount for mention in pool}) != 1:
        return None
    return pool[0]


_FEE_AFTER = LazyPattern(r" ?(?:[a-z\-]+ ){0,2}(?:fee|fees|deposit|charge)\b|(?:(?![\x00-\x7f])\w){0,2}费|保证金|押金"
                         r"| ?(?:upfront|up front|to (?:unfreeze|unlock|release|activate|verify|reactivate|unblock))\b")
_SETTLED_AFTER = _any_of(("was received", "has been received", "received", "was applied", "has been applied",
                          "was successful", "has been deposited", "was deposited", "posted to", "has posted", "has been paid",
                          "was paid",
                          "已到账", "已收到", "成功", "已扣", "已还清", "已结清"))
# A demand to pay, right before the amount: a command (at the start of a clause, or after please, or, to, you must …),
# not a statement about someone paying ("if I pay $499", "the agency must pay $1.2M", "did Jake pay you back $200").
_DEMANDED = LazyPattern(r"(?:^|[.!?,;:—-]\s*|\b(?:please|pls|just|or|and|to|now|today|you must|you need to|you have to)\s+)"
                        r"(?:pay|repay|send|deposit|wire|transfer|settle(?: it| this| up| the account| your account)?"
                        r"(?: today| now)? for)(?: us| me)?\s?$")
# Words earlier in the same clause (English) or sentence (Chinese) that make an amount one already paid or sent.
_SETTLED_BEFORE = _any_of(("received your", "we received", "we've received", "we have received", "thank you for your payment",
                           "thanks for your payment", "payment received", "sent you", "i sent", "i've sent", "just sent",
                           "缴费成功", "还款成功", "支付成功", "扣款成功", "已收到", "已到账", "已还款", "已转", "转你了"))
_NOT_DONE = _any_of(("not ", "n't ", "never ", "未", "没", "不", "无法", "失败"))
_GRANTED_AFTER = _any_of(("approved", "is ready", "is waiting", "awaits", "has been approved", "is on its way", "disbursed", "is available",
                          "已放款", "已批", "审批通过", "已到账"))


def _said_done(words: LazyPattern, text: str, start: int, end: int) -> bool:
    """One of `words` in text[start:end], with no negation just before it: "not received", 未能扣款成功 and "we have
    not received your payment" say it did not happen."""
    match = words.search(text, start, end)
    # 12 characters reach back over "has not been " to its "not"
    return match is not None and not _NOT_DONE.search(text, max(start, match.start() - 12), match.start())


def _settled_after(text: str, end: int) -> bool:
    """"$45.00 received", "3,480元已扣款成功": paid already."""
    return _said_done(_SETTLED_AFTER, text, end, end + 24)


def _settled_before(text: str, start: int) -> bool:
    """"We received your payment of $71.22", "缴费成功，缴费金额380元", "sent you the $60": said as done, earlier in the
    same sentence (Chinese) or clause (English)."""
    window_start = max(0, start - 60)
    marks = ".!?;,\n" if text[window_start:start].isascii() else "。！？!?；;\n"
    clause_start = max(text.rfind(mark, window_start, start) for mark in marks) + 1
    return _said_done(_SETTLED_BEFORE, text, max(window_start, clause_start), start)


_AFTER_DUE = _any_of(("已逾期", "逾期", "还没收到", "未缴", "尚未", "is past due", "past due", "is overdue", "overdue", "due",
                      "remains", "hasn't come", "still", "balance", "owed", "you owe", "late", "payment", "behind",
                      "unpaid", "outstanding", "缴纳", "未还", "没还", "到期", "还我", "还给我", "pay me back",
                      "isn't paid", "is not paid", "not paid", "not received", "not been received",
                      "n't received", "n't been received", "installment", "instalment", "转入", "转到", "打到", "汇入",
                      "汇到"))


def _cue_after_due(text: str, end: int) -> bool:
    return _AFTER_DUE.search(text[end:end + 16]) is not None


# --- dates ------------------------------------------------------------------------------------
_DATE = LazyPattern(
    r"(?P<y>20\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"|(?P<m2>\d{1,2})月(?P<d2>\d{1,2})[日号]"
    r"|(?P<m3>\d{1,2})/(?P<d3>\d{1,2})(?:/(?P<y3>20\d{2}|\d{2}))?(?![\d/])"
    r"|(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (?P<d4>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<y4>20\d{2}))?")
_MONTHS = {name: index for index, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_DUE_DATE_CUES = ("还款日", "到期", "due", "扣款日", "截止", "前", "by", "deadline", "due on", "due date", "was due", "due by")
_HAS_DUE_DATE_CUE = _any_of(_DUE_DATE_CUES)
_DAYS_OVERDUE = LazyPattern(
    r"逾期(?:已满|已超过|超过|已达|了)?\s?(?P<a>\d{1,4})\s?(?:天|日|days?)"
    r"|(?P<b>\d{1,4})\s?(?:days?|天) (?:past due|late|overdue|delinquent|behind)"
    r"|逾期(?:已满|已超过|超过)?(?P<c>[一二三四五六七八九十两]{1,3})天"
    r"|已逾期\s?(?P<d>\d{1,4})\s?(?:days?)", first=r"逾已\d")
_PAST_END = 1 << 62


def due_date(text: str, today: date) -> date | None:
    """The date a payment is (or was) due, when a due word sits next to a date."""
    windows: list[tuple[int, int]] = []
    for cue in _DUE_DATE_CUES:
        position = text.find(cue)
        while position >= 0 and len(windows) < 8:
            windows.append((max(0, position - 20), position + len(cue) + 14))
            position = text.find(cue, position + 1)
    if not windows:
        return None
    windows.sort()
    start, stop = windows[0]
    for begin, end in windows[1:] + [(_PAST_END, _PAST_END)]:
        if begin <= stop:
            stop = max(stop, end)
            continue
        found = _date_in(text, start, stop, today)
        if found is not None:
            return found
        start, stop = begin, end
    return None


def _date_in(text: str, start: int, stop: int, today: date) -> date | None:
    """The first well-formed date in text[start:stop] that has a due word within reach."""
    for match in _DATE.compiled.finditer(text, start, min(stop, len(text))):
        near = text[max(0, match.start() - 12):match.end() + 6]
        if not _HAS_DUE_DATE_CUE.search(near):
            continue
        groups = match.groupdict()
        try:
            if groups["y"]:
                return date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
            if groups["m2"]:
                return date(today.year, int(groups["m2"]), int(groups["d2"]))
            if groups["m3"]:
                year = groups["y3"]
                full = int(year) + (2000 if year and len(year) == 2 else 0) if year else today.year
                return date(full, int(groups["m3"]), int(groups["d3"]))
            if groups["mon"]:
                return date(int(groups["y4"] or today.year), _MONTHS[groups["mon"][:3]], int(groups["d4"]))
        except ValueError:
            continue
    return None


def days_overdue(text: str) -> int | None:
    """'逾期15天', '12 days past due', '逾期三天'."""
    match = _DAYS_OVERDUE.search(text)
    if not match:
        return None
    if match.group("c"):
        from ..money import chinese_integer

        return chinese_integer(match.group("c"))
    value = match.group("a") or match.group("b") or match.group("d")
    return int(value) if value else None


# --- lender -----------------------------------------------------------------------------------
_BRACKET = LazyPattern(r"【([^【】\n]{2,20})】")
_EN_LENDER = LazyPattern(r"^(?:subject:[^\n]*\n+)?([a-z][a-z0-9&.' -]{2,40}?)(?: alert| notice)?:", re.MULTILINE)
_EN_THIS_IS = LazyPattern(r"this is ([a-z][a-z0-9&.' -]{2,40}?)(?:[,.]| a debt| about| regarding| calling)")
_LENDER_WORDS = ("finance", "lending", "loan", "credit", "bank", "card", "capital", "cu", "collections", "recovery",
                 "servicing", "cash", "auto", "financial", "funding", "mortgage", "services")
_NOT_LENDER = ("通知", "提醒", "公安", "法院", "征信中心", "监管", "银保监", "反诈", "快递", "外卖", "气象", "社区",
               "物业", "验证", "天气", "早报")
_NOT_LENDER_WORD = _any_of(_NOT_LENDER)


def lender(original: str, text: str) -> str | None:
    """The sender's name: the 【…】 signature, else a lender-like name before the first colon."""
    match = _BRACKET.search(original) if "【" in original else None
    if match and not _NOT_LENDER_WORD.search(match.group(1)):
        return match.group(1).strip()
    # Both English forms need a colon or "this is": most messages are spared the searches.
    match = (_EN_LENDER.search(text) if ":" in text else None) or (_EN_THIS_IS.search(text) if "this is " in text else None)
    if match:
        name = match.group(1).strip()
        words = name.split()
        if words and any(word.rstrip("s") in _LENDER_WORDS or word in _LENDER_WORDS for word in words) and len(words) <= 5:
            start = text.find(name)
            return original[start:start + len(name)] if start >= 0 and len(original) == len(text) else name.title()
    return None


# --- phones -----------------------------------------------------------------------------------
# Runs of digits with the separators people put in phone and card numbers; each run is then read as a phone,
# a card or a labelled account (one scan of the text instead of one per kind).
_DIGIT_RUN = LazyPattern(r"\+?\(?\d[\d \-().]{5,28}\d", first=r"+(\d")
_PHONE_SHAPE = LazyPattern(
    r"(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}"
    r"|0\d{2,3}[- ]?\d{3,4}[- ]?\d{4}"
    r"|400-?\d{3}-?\d{4}"
    r"|(?:\+?1[-. ]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[-. ]?\d{3}[-. ]?\d{4}"
    r"|\d{3}-\d{4}")
_ACCOUNT_LABELS = ("acct", "account", "routing", "账户", "账号", "卡号", "银行卡", "户口")
_VIRTUAL_PREFIXES = ("170", "171", "162", "165", "167")


# Characters of a plainly written number: for those, the common cases below are decided without phonenumbers
# (whose import is most of a one-message run's start-up). tests/check compare them with phonenumbers.
_PLAIN_PHONE_CHARS = frozenset("0123456789 -.()+")
_US_AREA_FIRST = frozenset("23456789")


def _e164_common(raw: str, region: str) -> str | None:
    """The E.164 form of a Chinese mobile number or a North American number as phonenumbers gives it;
    None when these tables cannot decide (phonenumbers then does)."""
    if not _PLAIN_PHONE_CHARS.issuperset(raw) or "+" in raw[1:]:
        return None
    digits = raw.replace(" ", "").replace("-", "").replace(".", "").replace("(", "").replace(")", "")
    plus = digits.startswith("+")
    if plus:
        digits = digits[1:]
    if region == "CN":
        local = digits[2:] if plus and digits.startswith("86") else None if plus else digits
        # 1[3-9] mobiles; 179xx is also a carrier prefix that phonenumbers may strip, so it decides those.
        if local is not None and len(local) == 11 and local[0] == "1" and local[1] in "3456789" and \
                not local.startswith("179") and "(" not in raw:
            return "+86" + local
        return None
    if region == "US":
        if plus:
            national = digits[1:] if digits.startswith("1") else None
        else:
            national = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
        if national is not None and len(national) == 10 and national[0] in _US_AREA_FIRST and \
                national[3] in _US_AREA_FIRST:
            return "+1" + national
    return None


@lru_cache(maxsize=4096)
def _phone_e164(raw: str, region: str) -> str:
    common = _e164_common(raw, region)
    return common if common is not None else _e164_phonenumbers(raw, region)


def _e164_phonenumbers(raw: str, region: str) -> str:
    """The E.164 form phonenumbers gives (`raw` itself when it is no possible number)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return raw
    if not phonenumbers.is_possible_number(number):
        return raw
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- links ------------------------------------------------------------------------------------
_URL = LazyPattern(r"(?:https?://|www\.)[^\s<>\"'，。、）)】]+")
_DOMAIN_TAIL = LazyPattern(
    r"\.(?:com|cn|net|org|top|xyz|cc|vip|info|support|co|app|io|me|ly|gl|link|click|icu|club|online|site|live|shop|"
    r"buzz|work|loan|win|bid|biz|us|gov|edu|help|pay|xin|ltd|fun|pro|tk|ml|ga|cf|gq|cyou|sbs|rest|services|finance|"
    r"money|cash|today|mobi|asia|tech|store|website|space|host|page|hk|tw|cloud)(?![a-z0-9@-])(?:[/:][^\s<>\"'，。、）)】]*)?")
_HOST_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-.")
_RAW_IP = LazyPattern(r"^(?:\d{1,3}\.){3}\d{1,3}$")
# An IP address not inside a longer number or word. Written to start with \d (the lookbehind after the first
# digit says the same as one before it) so that the regex engine skips quickly to digits.
_BARE_IP = LazyPattern(r"\d(?<![\w.]\d)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?::\d+)?(?:/[^\s，。]*)?")
_SCHEME = LazyPattern(r"^(?:https?://)")
_DIGITS_AND_DOTS = LazyPattern(r"[\d.]+")
_SHORTENERS = {"bit.ly", "t.cn", "tinyurl.com", "goo.gl", "dwz.cn", "url.cn", "is.gd", "ow.ly", "t.co", "suo.im",
               "rb.gy", "cutt.ly", "tiny.cc", "shorturl.at", "v.gd", "s.id", "dwz.date", "u.nu", "rebrand.ly"}
_ODD_TLDS = {"top", "xyz", "cc", "vip", "info", "support", "click", "icu", "club", "online", "site", "live", "shop",
             "buzz", "work", "loan", "win", "bid", "help", "pay", "xin", "fun", "tk", "ml", "ga", "cf", "gq", "cyou",
             "sbs", "rest", "services", "finance", "money", "cash", "today", "mobi", "website", "space", "host", "page",
             "biz", "ltd", "pro", "store", "tech", "cloud"}
_LURE_WORDS = ("pay", "help", "verify", "secure", "login", "refund", "relief", "support", "service", "account",
               "app", "loan", "claim", "gov", "official", "update", "unlock", "kf", "vip", "cs", "check", "bonus",
               "reward", "auth", "safe", "kyc", "repay", "online", "center", "centre", "web", "portal")
_OFFICIAL_TLDS = ("gov", "edu", "gov.cn", "gov.us")


class Link(NamedTuple):
    text: str
    host: str
    start: int
    end: int
    flags: tuple[str, ...]


def _host_of(url: str) -> str:
    host = _SCHEME.compiled.sub("", url).split("/", 1)[0].split("?", 1)[0]
    return host.split(":", 1)[0].strip(".")


# Official names that a look-alike domain borrows, with the domains that really are theirs.
_OFFICIAL_BRANDS = {"pbccrc": ("pbccrc.org.cn",), "irs": ("irs.gov",), "ssa": ("ssa.gov",),
                    "court": (".gov", ".gov.cn", ".court.gov.cn"), "courts": (".gov", ".gov.cn")}
_LONG_BRANDS = ("pbccrc",)  # distinctive enough to count inside a longer label (pbccrcquery); the others only as a word


def _is_own_domain(labels: list[str], slug: str, own_names: tuple[str, ...] = ()) -> bool:
    """The lender's own registered domain: slug.com, slug.cn, www.slug.com.cn …, or another form of its name
    (Cobalt Card: cobaltcard.com; Riverbend Medical Collections: riverbendmc.com, riverbendmedical.com)."""
    second_level = ("com", "net", "org", "gov", "edu")
    names = (slug, *own_names)
    return len(labels) >= 2 and (labels[-2] in names or len(labels) >= 3 and labels[-3] in names and
                                 labels[-2] in second_level)


def _borrows_official_brand(labels: list[str]) -> bool:
    """A domain with an official name in it (pbccrc-query.cn, irs-refund.com) that is not that body's own."""
    host = ".".join(labels)
    words = {word for label in labels[:-1] for word in label.split("-")}
    for brand, official in _OFFICIAL_BRANDS.items():
        if brand in words or brand in _LONG_BRANDS and any(brand in label for label in labels[:-1]):
            if not any(host == domain or host.endswith(domain if domain.startswith(".") else "." + domain)
                       for domain in official):
                return True
    return False


# Letters that look alike in a link: cobaIt (capital i) for cobalt, rnoney for money, g00d for good. Lower-cased
# already, so I and l meet as i and l.
_LOOK_ALIKE = (("rn", "m"), ("vv", "w"), ("1", "l"), ("i", "l"), ("0", "o"))


def _skeleton(word: str) -> str:
    for look, like in _LOOK_ALIKE:
        word = word.replace(look, like)
    return word


def _homoglyph_of(slug: str, body: str) -> bool:
    """The lender's name spelt with look-alike letters in the link (the real spelling is not there)."""
    return slug not in body and _skeleton(slug) in _skeleton(body)


def _link_flags(url: str, host: str, lender_slug: str | None, lender_names: tuple[str, ...] = ()) -> tuple[str, ...]:
    flags = []
    labels = host.split(".")
    if _RAW_IP.match(host):
        flags.append("raw_ip")
    if host in _SHORTENERS:
        flags.append("shortener")
    if "xn--" in host:
        flags.append("punycode")
    if ".apk" in url:
        flags.append("apk")
    tld = labels[-1] if labels else ""
    if tld in _ODD_TLDS:
        flags.append("odd_tld")
    inner = labels[:-2]
    if any(label in ("com", "cn", "net", "org", "gov") for label in inner):
        flags.append("nested_domain")
    body = "-".join(labels[:-1])
    if "-" in body and any(word in body.split("-") or word in body for word in _LURE_WORDS):
        flags.append("lure_words")
    if lender_slug and (lender_slug in body and not _is_own_domain(labels, lender_slug, lender_names) or
                        _homoglyph_of(lender_slug, body)) or _borrows_official_brand(labels):
        flags.append("lookalike")
    if "gov" in body and not host.endswith(_OFFICIAL_TLDS):
        flags.append("fake_gov")
    return tuple(flags)


def find_links(text: str, lender_slug: str | None = None, lender_names: tuple[str, ...] = ()) -> list[Link]:
    """URLs and bare domains, each with what makes it suspicious (`lender_slug`: the first word of the lender's
    name, `lender_names`: the other forms of its name in a domain, see _lender_names)."""
    links: list[Link] = []
    taken: list[tuple[int, int]] = []
    flags = partial(_link_flags, lender_slug=lender_slug, lender_names=lender_names)
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;!?")
        host = _host_of(url)
        links.append(Link(url, host, match.start(), match.start() + len(url), flags(url, host)))
        taken.append((match.start(), match.end()))
    for match in _DOMAIN_TAIL.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in taken):
            continue
        # a host name has at most 253 characters, and does not reach into a link already found
        floor = max([0, start - 253] + [end for begin, end in taken if end <= start])
        while start > floor and text[start - 1] in _HOST_CHARS:
            start -= 1
        while start < match.start() and text[start] in "-.":
            start += 1
        if start == match.start():
            continue
        if start > 0 and text[start - 1] == "@":  # name@mail.com: an e-mail address (a @handle), not a link
            taken.append((start, match.end()))
            continue
        url = text[start:match.end()].rstrip(".,;!?")
        host = _host_of(url)
        if "." not in host or host.replace(".", "").isdigit() and not _RAW_IP.match(host):
            continue
        if _DIGITS_AND_DOTS.compiled.fullmatch(host) and not _RAW_IP.match(host):
            continue
        links.append(Link(url, host, start, start + len(url), flags(url, host)))
        taken.append((start, match.end()))
    for match in _BARE_IP.finditer(text) if "." in text and _has_digit(text) else ():
        if any(a <= match.start() < b for a, b in taken):
            continue
        url = match.group()
        host = _host_of(url)
        if _RAW_IP.match(host):
            links.append(Link(url, host, match.start(), match.end(), flags(url, host)))
    links.sort(key=lambda link: link.start)
    return links


# --- accounts ---------------------------------------------------------------------------------
# A named person as the account holder: 户名：赵某, （陈生）, (holder: R. Tanaka), "J. Marsh, personal".
# After 户名/收款人: a name after a colon unless it is an organisation's (…有限公司, …银行), a masked name (刘**), or a
# short name before the card number (户名 刘伟 卡号 …; the matching form has dropped the spaces and the stars of
# 户名 刘** 卡号 between Chinese characters, so it reads 户名刘卡号).
_ORGANISATION = r"[^\s，。,;；]{0,15}?(?:公司|有限|银行|集团|中心|事务所|律所|商行|合作社|机构|平台|委员会|法院|政府)"
_NAMED_HOLDER = LazyPattern(
    rf"(?:户名|收款人|开户名|持卡人)(?:\s?[:：]\s?(?!{_ORGANISATION})\S|\s?(?![\x00-\x7f])\w\*{{1,3}}"
    rf"|\s?(?:(?![\x00-\x7f])\w){{1,4}}(?=卡号|账号|开户行|银行卡|\s|[，。,;；]|$))"
    r"|[（(][^\x00-\xff（）()]{1,3}(?:生|小姐|先生|女士|太|某|某某)[）)]"
    r"|\((?:holder|name|account holder|acct holder|payee)\s?[:：]|, personal\)|\(personal\)", first="户收开持（(,")
# The reader addressed directly: 你 / 您 / 阁下, you, your, u, ur, ya.
_SECOND_PERSON = LazyPattern(r"你|您|阁下|\b(?:you(?:r|rs|rself|'re|'ve|'ll)?|ya|ur?)\b", first="你您阁yu")
_HOLDER_HINTS = ("户名", "收款人", "开户名", "持卡人", "(", "（", "personal")
_CRYPTO_HINTS = ("bc1", "0x", "usdt", "trc", "btc", "bitcoin", "crypto", "wallet", "钱包", "地址", "币", "eth")


_HAS_HOLDER_HINT = _any_of(_HOLDER_HINTS)
_HAS_CRYPTO_HINT = _any_of(_CRYPTO_HINTS)
_CRYPTO = LazyPattern(r"(?<![a-z0-9])(?:bc1[a-z0-9]{20,}|t[a-z0-9]{25,40}|0x[0-9a-f]{40})(?![a-z0-9])")


_PERCENT = LazyPattern(r"(\d(?<![\d.]\d)\d{0,5}(?:\.\d{1,4})?)\s?%")  # starts with \d: see _BARE_IP
# The sender's signature or title: 【…】 anywhere, or a short "Name:" before the first colon.
# Who a message says it is from: every 【…】 header, the label a message opens with ("subject:", "xx中心:"), and
# the label that opens a quotation (今天收到：“征信中心通知：…”: the pasted message's own header, not the writer's
# lead-in).
_HEADER = LazyPattern(r"【[^【】\n]{1,30}】|^(?:subject: *)?[^:：\n]{2,45}[:：]|(?<=[“「『\"])[^:：\n“”「」『』\"]{2,30}[:：]")
# A chat account to pay or write to: after a chat app's name, a Telegram @name or a $cashtag.
_CHAT_APPS = (r"微信|威信|薇信|危信|徽信|v ?信|w ?信|vx|wx|qq|扣扣|支付宝|zfb|telegram|tg|纸飞机|whatsapp|paydart|venmo|"
              r"cash ?app|zelle|paypal|handle|line")
_HANDLE_HINT = LazyPattern(_CHAT_APPS)
# An account name after a chat app's name (it has a digit, _ or - in it), a Telegram @name, or a $cashtag.
_HANDLE = LazyPattern(
    rf"(?:{_CHAT_APPS})(?:号|id|账号|帐号)?\s?(?:[:：]|to|at)?\s?[@$]?(?=[a-z0-9_\-.]{{0,40}}[0-9_\-])"
    rf"[a-z0-9][a-z0-9_\-.]{{3,40}}")
# A Telegram @name, a $cashtag, an e-mail address: only looked for when the text has @ or $.
_AT_NAME = r"(?<![a-z0-9.])@[a-z][a-z0-9_]{3,40}(?![a-z0-9.@])"
_CASHTAG = r"(?<![a-z0-9])\$[a-z][a-z0-9_]{3,40}"
_EMAIL = r"[a-z0-9._\-]{1,64}@[a-z0-9\-]{1,63}\.[a-z.]{2,24}"
_AT_HANDLE = LazyPattern(f"{_AT_NAME}|{_CASHTAG}|{_EMAIL}")
# The same alternatives without those that cannot match: a text without @ (most: "$120") is only searched
# for cashtags, which spares the costly e-mail alternative; the matches are the same.
_AT_HANDLE_NO_AT = LazyPattern(_CASHTAG)
_AT_HANDLE_NO_DOLLAR = LazyPattern(f"{_AT_NAME}|{_EMAIL}")


# --- everything -------------------------------------------------------------------------------
class Facts:
    """What one message states, plus the cue hits (`@name`) the facts give the rules."""

    __slots__ = ("amount_due", "currency", "lender", "due_date", "days_overdue", "phones", "urls", "accounts", "hits")

    def __init__(self) -> None:
        self.amount_due: Decimal | None = None
        self.currency: str | None = None
        self.lender: str | None = None
        self.due_date: date | None = None
        self.days_overdue: int | None = None
        self.phones: list[str] = []
        self.urls: list[str] = []
        self.accounts: list[str] = []
        self.hits: list[Hit] = []

    def as_dict(self) -> dict:
        """The spec's `facts` object (plus `accounts`)."""
        return {
            "amount_due": _plain_amount(self.amount_due) if self.amount_due is not None else None,
            "currency": self.currency,
            "lender": self.lender,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "days_overdue": self.days_overdue,
            "phones": list(self.phones),
            "urls": list(self.urls),
            "accounts": list(self.accounts),
        }


def _plain_amount(value: Decimal) -> str:
    """'3256.78', and whole amounts without decimals: 1.2万 → '12000'."""
    cents = value.quantize(Decimal("0.01"))
    return str(int(cents)) if cents == cents.to_integral_value() else format(cents, "f")


def _lender_names(name: str | None) -> tuple[str | None, tuple[str, ...]]:
    """How a lender's (ASCII) name shows in its own domain: its first word (at least 4 letters), and the other
    forms real lenders register, lower case and run together: the whole name, the first word with the next
    words, or with their initials. 'Riverbend Medical Collections' -> ('riverbend', ('riverbendmedicalcollections',
    'riverbendmedical', 'riverbendmc'))."""
    if not name or not name.isascii():
        return None, ()
    words = [word for word in (re.sub(r"[^a-z0-9]", "", word) for word in name.lower().split()) if word]
    if not words:
        return None, ()
    forms = ["".join(words[:count]) for count in range(len(words), 1, -1)]
    if len(words) > 1:
        forms.append(words[0] + "".join(word[0] for word in words[1:]))
    return (words[0] if len(words[0]) >= 4 else None), tuple(dict.fromkeys(forms))


def extract(original: str, text: str, *, jurisdiction: str, received_at: datetime | None = None,
            today: date | None = None, details: bool = True) -> Facts:
    """All facts of one message, plus their cue hits; without `details`, only the facts that give cue hits
    (no due date, no days overdue)."""
    facts = Facts()
    hits = facts.hits
    facts.lender = lender(original, text)
    hits.append(new_hit((0, 0, "@start")))
    position = text.find("你")
    if position >= 0:
        hits.append(new_hit((position, position + 1, "@you")))
    elif not text.isascii() or "u" in text or "ya" in text:
        you = _SECOND_PERSON.search(text)
        if you:
            hits.append(new_hit((you.start(), you.end(), "@you")))
    if "【" in text or ":" in text or "：" in text:
        for header in _HEADER.finditer(text):
            hits.append(new_hit((header.start(), header.end(), "@header")))
    if _HANDLE_HINT.search(text):
        for match in _HANDLE.finditer(text):
            start = match.start()
            if not (start and text[start - 1] in _WORD_OR_MONEY or start and text[start - 1].isalpha() and text[start - 1].isascii()):
                hits.append(new_hit((start, match.end(), "@handle")))
    if "@" in text or "$" in text:
        handles = _AT_HANDLE if "@" in text and "$" in text else _AT_HANDLE_NO_DOLLAR if "@" in text else _AT_HANDLE_NO_AT
        for match in handles.finditer(text):
            hits.append(new_hit((match.start(), match.end(), "@handle")))
    has_digit = _has_digit(text)
    if has_digit or "元" in text or "块" in text:
        mentions = find_money(text, has_digit)
        for mention in mentions:
            hits.append(new_hit((mention.start, mention.end, "@money")))
        chosen = amount_due(text, mentions)
        if chosen is not None:
            hits.append(new_hit((chosen.start, chosen.end, "@amount_due")))
            facts.amount_due = chosen.amount
            facts.currency = chosen.currency or ("CNY" if jurisdiction == "cn" else "USD")
        elif mentions:
            currencies = {m.currency for m in mentions if m.currency}
            facts.currency = currencies.pop() if len(currencies) == 1 else None
        if details and has_digit and _HAS_DUE_DATE_CUE.search(text):
            facts.due_date = due_date(text, today or (received_at.date() if received_at else date.today()))
        if has_digit:
            _numbers(text, jurisdiction, facts)
        if _HAS_HOLDER_HINT.search(text):
            for match in _NAMED_HOLDER.finditer(text):
                hits.append(new_hit((match.start(), match.end(), "@named_holder")))
        if _HAS_CRYPTO_HINT.search(text):
            for match in _CRYPTO.finditer(text):
                if any(char.isdigit() for char in match.group()):
                    hits.append(new_hit((match.start(), match.end(), "@crypto")))
        if "%" in text:
            for match in _PERCENT.finditer(text):
                hits.append(new_hit((match.start(), match.end(), "@percent")))
                if Decimal(match.group(1)) >= 1:
                    hits.append(new_hit((match.start(), match.end(), "@percent_big")))
    # Outside the digit test: 逾期三天 says how late in words alone.
    if details and ("逾期" in text or "day" in text or "天" in text):
        facts.days_overdue = days_overdue(text)
    if "." in text:
        for link in find_links(text, *_lender_names(facts.lender)):
            facts.urls.append(link.text)
            hits.append(new_hit((link.start, link.end, "@url")))
            if set(link.flags) & {"raw_ip", "punycode", "apk", "nested_domain", "lookalike", "fake_gov"}:
                hits.append(new_hit((link.start, link.end, "@badlink")))
            elif set(link.flags) & {"odd_tld", "lure_words"}:
                hits.append(new_hit((link.start, link.end, "@oddlink")))
            elif "shortener" in link.flags:
                hits.append(new_hit((link.start, link.end, "@shortlink")))
            if "apk" in link.flags:
                hits.append(new_hit((link.start, link.end, "@apk")))
    return facts


def _numbers(text: str, jurisdiction: str, facts: Facts) -> None:
    """Phones, bank cards and labelled account numbers, from one pass over the digit runs."""
    for match in _DIGIT_RUN.finditer(text):
        start, end = match.span()
        if start and (text[start - 1] in _WORD_OR_MONEY or text[start - 1].isalpha() and text[start - 1].isascii()):
            continue
        if end < len(text) and text[end] in "*":
            continue
        raw = match.group().rstrip(" -.(").lstrip(" -.")
        if raw.endswith(")") and "(" not in raw:
            raw = raw[:-1]
        if raw.startswith("(") and ")" not in raw:
            raw = raw[1:]
        shape = _PHONE_SHAPE.compiled.fullmatch(raw)
        digits = "".join(char for char in raw if char.isdigit())
        if shape is not None and len(digits) <= 13:
            _phone(raw, digits, start, start + len(match.group()), jurisdiction, facts)
        elif 16 <= len(digits) <= 19:
            facts.accounts.append(digits)
            facts.hits.append(new_hit((start, end, "@account")))
        elif 8 <= len(digits) <= 20 and any(label in text[max(0, start - 14):start] for label in _ACCOUNT_LABELS):
            facts.accounts.append(digits)
            facts.hits.append(new_hit((start, end, "@account")))


_WORD_OR_MONEY = frozenset("0123456789$¥￥.,*#")


def _phone(raw: str, digits: str, start: int, end: int, jurisdiction: str, facts: Facts) -> None:
    local = digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
    hits = facts.hits
    if len(local) == 11 and local.startswith("1") and local[1] in "3456789":
        region = "CN"
    elif len(digits) == 7:
        facts.phones.append(raw)
        hits.append(new_hit((start, end, "@phone")))
        hits.append(new_hit((start, end, "@personal_number")))
        return
    elif len(digits) in (10, 11) and not digits.startswith(("0", "400")) and (len(digits) == 10 or digits[0] == "1"):
        region = "US"  # a number in North American form, whatever the jurisdiction
    else:
        region = "CN" if jurisdiction == "cn" else "US"
    facts.phones.append(_phone_e164(raw, region))
    hits.append(new_hit((start, end, "@phone")))
    if region == "CN" and len(local) == 11 and local.startswith("1"):
        hits.append(new_hit((start, end, "@mobile")))
        if local.startswith(_VIRTUAL_PREFIXES):
            hits.append(new_hit((start, end, "@virtual_phone")))
    if digits.startswith(("400", "800", "1800", "1888", "1877", "1866", "1855", "1844", "1833", "888", "877", "866",
                          "855", "844", "833", "95", "96")):
        hits.append(new_hit((start, end, "@service_line")))
    else:
        hits.append(new_hit((start, end, "@personal_number")))  # a mobile or direct line, not a published service number
