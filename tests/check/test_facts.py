"""Facts read from a message: amounts, dates, lender, phones, links, accounts."""

from __future__ import annotations

from datetime import date

import pytest

from overdue_aid.check.core import check_message


def _facts(text: str, jurisdiction: str = "cn") -> dict:
    return check_message(text, jurisdiction=jurisdiction).facts


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("【易借花】您的账单已逾期，应还1.2万元，请尽快处理。", "12000", "CNY"),
    ("【易借花】还款提醒：本期应还人民币叁仟伍佰元整。", "3500", "CNY"),
    ("【易借花】您本期待还金额￥2,468.10，今日到期。", "2468.10", "CNY"),
    ("【易借花】您的欠款 RMB 760 已逾期两天。", "760", "CNY"),
    ("Coastline Credit: your balance of $1,204.50 is past due.", "1204.50", "USD"),
    ("室友：这个月电费一共240，咱俩平摊一人120，记得转我", "120", "CNY"),
    # the reader's own amount, a share of a bill, a fine, an amount to hand back, a bill falling due
    ("listen, settle ur $215 by monday", "215", "USD"),
    ("gas and water came to 80 total, your share is 26.50", "26.50", "USD"),
    ("Lakeview Parking: a fine of $35 remains unpaid on plate 7XK.", "35", "USD"),
    ("上次借的1500块钱啥时候还我？", "1500", "CNY"),
    ("【禾苗分期】您有一笔2,050.00元的账单明日到期。", "2050", "CNY"),
    ("你欠的8,800拖到现在，今天给个说法。", "8800", "CNY"),
])
def test_amount_due_and_currency(text, amount, currency):
    facts = _facts(text, "us" if text.isascii() else "cn")
    assert (facts["amount_due"], facts["currency"]) == (amount, currency)


@pytest.mark.parametrize("text", [
    "您的额度已提升至5万元，可随时在App内借款。",
    "Your balance was $600; after our surcharge you now owe $1,200.",
    "您已成功还款1,288.00元，本期账单已结清。",
    # a fee asked for is not the debt; a payment already made, or money owed TO the reader, is not owed
    "Approved! A $49 activation fee is needed before we release your loan.",
    "解冻需要先交300元手续费。",
    "Northgate Card: your payment of $310.00 was received on 03/02. Thanks!",
    "您的账户已到账退款88元，请注意查收。",
])
def test_no_single_amount_owed_gives_null(text):
    assert _facts(text, "us" if text.isascii() else "cn")["amount_due"] is None


def test_due_date_and_days_overdue():
    facts = _facts("【易借花】您的借款已逾期12天，还款日为2026年3月1日。")
    assert facts["due_date"] == "2026-03-01" and facts["days_overdue"] == 12
    facts = _facts("Coastline Credit: your payment was due on March 3, 2026 and is now 9 days past due.", "us")
    assert facts["due_date"] == "2026-03-03" and facts["days_overdue"] == 9
    assert date.fromisoformat(facts["due_date"])


@pytest.mark.parametrize(("text", "days"), [("您已逾期三天，应还800元", 3), ("您已逾期十五天，应还800元", 15),
                                           ("您已逾期二十天，应还800元", 20), ("逾期两天了，应还800元", 2),
                                           ("您的借款已逾期三天，请尽快还款。", 3)])  # the last: no digit anywhere
def test_days_overdue_in_chinese_numerals(text, days):
    assert _facts(text)["days_overdue"] == days


def test_lender_from_the_bracket_signature_or_an_english_name():
    assert _facts("【小象分期】您的账单已出。")["lender"] == "小象分期"
    assert _facts("您的账单已出，请及时还款。【小象分期】")["lender"] == "小象分期"
    assert _facts("Coastline Credit: your statement is ready.", "us")["lender"] == "Coastline Credit"


def test_phones_in_international_form_and_virtual_operator_flag():
    verdict = check_message("【易借花】账户已冻结，请立即致电专员 170-0000-2211 或 010-6666 8888。", jurisdiction="cn")
    assert "+8617000002211" in verdict.facts["phones"]
    assert "contact_redirect" in verdict.tags
    assert _facts("Call us at (305) 555-0177.", "us")["phones"] == ["+13055550177"]


@pytest.mark.parametrize(("text", "suspicious"), [
    ("请点击 http://198.51.100.20:8080/repay 还款", True),
    ("Download the new app: https://files.example.com/coastline.apk", True),
    ("Verify at coastline-credit.com.login-check.top now", True),
    ("请访问 http://xn--fiqs8s.com/pay 处理逾期", True),
    ("Pay online at www.coastlinecredit.com or in the app.", False),
])
def test_links_are_found_and_judged(text, suspicious):
    verdict = check_message(text)
    assert verdict.facts["urls"]
    assert ("suspicious_link" in verdict.tags) is suspicious


def test_bank_card_numbers_are_listed():
    facts = _facts("还款请转入 6222 0210 0000 1234 567（户名：李某）")
    assert facts["accounts"] == ["6222021000001234567"]


def test_phonenumbers_is_not_imported_for_messages_without_phone_digits():
    import subprocess
    import sys

    code = ("import sys; from overdue_aid.check.core import check_message; "
            "check_message('您的借款已逾期，请尽快还款。', jurisdiction='cn'); "
            "print('phonenumbers' in sys.modules, 'rich' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_common_phone_numbers_are_read_exactly_as_phonenumbers_reads_them():
    import random

    from overdue_aid.check.facts import _e164_common, _e164_phonenumbers

    rng = random.Random(7)
    shapes = (lambda x: x, lambda x: f"{x[:3]}-{x[3:7]}-{x[7:]}", lambda x: f"{x[:3]} {x[3:6]} {x[6:]}",
              lambda x: f"({x[:3]}) {x[3:6]}-{x[6:]}", lambda x: f"{x[:3]}.{x[3:6]}.{x[6:]}", lambda x: "+86 " + x,
              lambda x: "86" + x, lambda x: "+1 " + x, lambda x: "1-" + x, lambda x: "+" + x, lambda x: "1" + x)
    decided = 0
    for region in ("CN", "US"):
        for prefix in range(100, 1000):
            tail = "".join(rng.choice("0123456789") for _ in range(8))
            for body in (f"{prefix}{tail}", f"{prefix}{tail[:7]}"):
                for shape in shapes:
                    raw = shape(body)
                    common = _e164_common(raw, region)
                    if common is not None:
                        decided += 1
                        assert common == _e164_phonenumbers(raw, region), (raw, region)
    assert decided > 5000  # the tables do decide the usual numbers


def test_phonenumbers_is_not_imported_for_usual_chinese_and_american_numbers():
    import subprocess
    import sys

    code = ("import sys; from overdue_aid.check.core import check_message; "
            "a = check_message('Your account is past due. Call us at 305-555-0177.'); "
            "b = check_message('【快借】你已逾期，请联系 138-0013-8000 或 17012345678', jurisdiction='cn'); "
            "print('phonenumbers' in sys.modules, a.facts['phones'], b.facts['phones'], b.tags)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split(" ", 1)[0] == "False"
    assert "['+13055550177']" in result.stdout and "'+8613800138000', '+8617012345678'" in result.stdout


@pytest.mark.parametrize(("text", "expected"), [
    ("请转账至以下账户：户名 刘＊＊ 卡号 ６２２２ ０２０３ ４４１１ ７７６５", True),  # masked, full-width, spaced
    ("还款请转：户名 王建国 卡号 6222 0203 4411 7765", True),
    ("户名：赵某，账号 6222020344117765", True),
    ("对公还款账户 户名：鑫源网络科技有限公司 账号 6222020344117765", False),
    ("收款人：招商银行信用卡中心", False),
])
def test_a_private_payee_name_is_found_but_not_an_organisation(text, expected):
    from overdue_aid.check.facts import extract
    from overdue_aid.check.normalise import normalise

    hits = extract(text, normalise(text).text, jurisdiction="cn").hits
    assert any(hit.cue == "@named_holder" for hit in hits) is expected


def test_an_email_address_is_not_a_link():
    facts = _facts("Send it by Zelle to marcus.holloway.pay@gmail.com today.", "us")
    assert facts["urls"] == []


@pytest.mark.parametrize(("text", "suspicious"), [
    ("Cobalt Card alert: payment failed. Update billing at cobaIt-card-billing.com/login now.", True),  # capital i
    ("Cobalt Card alert: payment failed. Update billing at c0balt-billing.com now.", True),  # zero for o
    ("Cobalt Card: your bill is ready at cobaltcard.com/bills", False),  # the whole name run together: its own
    ("Bayview Lending: your payment is past due. Pay at bayviewlending.com/pay.", False),
])
def test_look_alike_spellings_of_the_lenders_name_are_suspicious(text, suspicious):
    verdict = check_message(text, jurisdiction="us")
    assert ("suspicious_link" in verdict.tags) is suspicious, verdict.tags


@pytest.mark.parametrize(("text", "amount"), [
    # a payment demanded is the amount owed
    ("Final warning. Pay $1,275 by Friday noon or the account goes to our legal team.", "1275"),
    ("To close this out today, just send $380 through the link in your portal.", "380"),
    ("Settle the account today for $915 and we mark it resolved.", "915"),
    ("【融信】请于今日将执行款12,000元转入指定账户，逾期将移交法务。", "12000"),
    # a total a few words after its word
    ("Late fees stacked up: $90 plus $60 plus $40. New total due: $1,690.", "1690"),
    ("本金2000，加上罚息和服务费，一共得还2680，今天必须还清。", "2680"),
    # an amount still unpaid, and a debit that failed, are owed
    ("Reminder: if the $212.40 installment isn't paid by Monday a late charge applies.", "212.40"),
    ("Our records show we have not received your payment of $318.75 due March 3.", "318.75"),
    ("Your payment of $205 has not been received. Please pay today to avoid a late fee.", "205"),
    ("The $340 installment has still not been received.", "340"),
    ("【安顺银行】您本期账单2,150元到期日扣款未成功，请及时存入足额资金。", "2150"),
    # inflected and whole-word cue words
    ("Heads up: you still owe $64 for the concert tickets, no rush.", "64"),
])
def test_amounts_demanded_totalled_or_still_unpaid_are_the_amount_due(text, amount):
    assert check_message(text).facts["amount_due"] == amount


@pytest.mark.parametrize("text", [
    # paid, received or sent already
    "Summit Card: Thanks! We've received your payment of $312.09. Nothing more is due this month.",
    "Payment of $88.10 received on your Lakeshore account. Thank you.",
    "I just sent you the $45 for the pizza, we're even now",
    "【和悦银行】您已还款成功，还款金额1,980.00元，感谢使用。",
    "Your direct deposit of $2,210.55 has posted to checking.",
    # money the reader gets, or spends
    "Good news: your $3,500 loan is approved and will arrive in 1-2 business days.",
    "Card ending 4471: a purchase of $23.99 at CORNER DELI was approved.",
    # fees demanded in a fee trap are not a debt
    "Your $6,000 loan is waiting. Pay $180 to unlock the transfer.",
    "We can raise your score 120 points. Pay $299 upfront and we start today.",
    # someone else paying, or the reader asking a question
    "News: the collection agency must pay $2.5M to settle the state's case.",
    "Got a text saying my debt disappears if I pay $350 - is that real?",
])
def test_amounts_already_paid_received_or_not_owed_by_the_reader_are_not_the_amount_due(text):
    assert check_message(text).facts["amount_due"] is None


def _header_hits(text: str) -> list[str]:
    from overdue_aid.check.facts import extract
    from overdue_aid.check.normalise import normalise

    normal = normalise(text)
    return [normal.text[hit.start:hit.end] for hit in extract(text, normal.text, jurisdiction="cn").hits
            if hit.cue == "@header"]


def test_every_header_is_found_the_pasted_messages_own_included():
    assert _header_hits("我刚收到的短信原文：“【某市人民法院】您拖欠网贷已被起诉”") == ["我刚收到的短信原文：", "【某市人民法院】"]
    assert _header_hits("今天收到：“征信中心通知：您的征信存在异常”") == ["今天收到：", "征信中心通知："]
    assert _header_hits("【甲】【乙】你好") == ["【甲】", "【乙】"]
    assert _header_hits("明天见") == []


def test_a_pasted_fake_court_notice_is_impersonation_whatever_the_lead_in():
    data = check_message("我刚收到的短信原文：“【某市人民法院】您拖欠网贷已被起诉，请于今日将执行款转至法院指定账户，否则强制执行”",
                         jurisdiction="cn").as_dict()
    assert "impersonation" in data["tags"] and data["kind"] == "scam"
