"""Letters from plain facts: every type, variant, jurisdiction and language renders completely and safely."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from overdue_aid.analysis.plan import Plan, ScheduleRow, monthly_rows
from overdue_aid.case.models import Case
from overdue_aid.errors import OverdueError
from overdue_aid.letters.compose import LETTER_TYPES, check_promises, compose_letter, missing_facts
from overdue_aid.letters.export.md import to_markdown
from overdue_aid.letters.export.txt import to_text
from overdue_aid.letters.facts import Contact, LetterFacts, build_schedule, issues_from

from .support import assert_no_placeholders, en_date, zh_date

TODAY = date(2026, 6, 10)
DUE = date(2026, 3, 1)
TO = date(2026, 7, 31)
START = date(2026, 7, 15)


def make_case(jurisdiction: str, lang: str, **changes) -> Case:
    values = dict(id=3, lender="稳稳借" if jurisdiction == "cn" else "Acme Recovery LLC", amount_due=Decimal("5430.00"),
                  currency="CNY" if jurisdiction == "cn" else "USD", jurisdiction=jurisdiction, letter_lang=lang,
                  borrower_name="王芳" if lang == "zh" else "Jane Doe", account_ref="WW-2026-0042",
                  principal=Decimal("5000"), due_date=DUE, late_rate=Decimal("36.5"), fees=Decimal("200"),
                  borrower_address="1 Main Street\nSpringfield", borrower_email="jane@example.com", region="NY")
    values.update(changes)
    return Case(**values)


def contact(when: str, issues: tuple[str, ...], third=()) -> Contact:
    return Contact(at=datetime.fromisoformat(when).replace(tzinfo=timezone(timedelta(hours=8))), channel="call",
                   counterpart="+86 400", summary=None, issues=issues, third_parties=third)


def full_facts(jurisdiction: str, lang: str, **changes) -> LetterFacts:
    contacts = [contact("2026-03-02T23:15:00", ("odd_hours",)),
                contact("2026-03-05T10:00:00", ("third_party",), ("family",))]
    values = dict(case=make_case(jurisdiction, lang), today=TODAY, letter_lang=lang,
                  schedule=build_schedule(Decimal("5430"), Decimal("1000"), START), to_date=TO, reason="income_loss",
                  contacts=contacts, issues=issues_from(contacts, []), credit_report=True)
    values.update(changes)
    return LetterFacts(**values)


ALL_LETTERS = [(kind, variant, jurisdiction, lang)
               for kind in LETTER_TYPES.values() for jurisdiction in ("cn", "us")
               for variant in kind.variants[jurisdiction] for lang in ("zh", "en")]


@pytest.mark.parametrize("kind, variant, jurisdiction, lang", ALL_LETTERS,
                         ids=[f"{k.name}-{v}-{j}-{lang}" for k, v, j, lang in ALL_LETTERS])
def test_every_letter_is_complete_and_names_the_facts(kind, variant, jurisdiction, lang):
    letter = compose_letter(full_facts(jurisdiction, lang), kind, variant)
    text = to_text(letter.document)
    assert_no_placeholders(text)
    assert_no_placeholders(to_markdown(letter.document))
    assert letter.document.title
    lender = "稳稳借" if jurisdiction == "cn" else "Acme Recovery LLC"
    assert lender in text
    money = "5,430.00 元" if (jurisdiction, lang) == ("cn", "zh") else "¥5,430.00" if jurisdiction == "cn" else (
        "5,430.00 美元" if lang == "zh" else "$5,430.00")
    if kind.name in ("extension", "instalment", "waiver", "dispute"):
        assert money in text
    if kind.name in ("instalment",):
        first = zh_date(START) if lang == "zh" else en_date(START)
        assert first in text and ("1,000.00" in text) and ("430.00" in text)
    if kind.name == "extension":
        assert (zh_date(TO) if lang == "zh" else en_date(TO)) in text
    if kind.name in ("conduct", "complaint"):
        night = zh_date(date(2026, 3, 2)) if lang == "zh" else en_date(date(2026, 3, 2))
        assert night in text
    assert letter.paper == ("A4" if jurisdiction == "cn" else "letter")


def test_the_letter_is_in_the_letter_language_not_the_program_language():
    zh = to_text(compose_letter(full_facts("cn", "zh"), LETTER_TYPES["extension"], "standard").document)
    en = to_text(compose_letter(full_facts("cn", "en"), LETTER_TYPES["extension"], "standard").document)
    assert "展期还款申请" in zh and "我承诺在2026年7月31日前还款5,430.00 元" in zh
    assert "Request to extend the repayment date" in en and "I will pay ¥5,430.00 by July 31, 2026." in en


@pytest.mark.parametrize("lang, promises", [("en", ("I will pay", "I can pay", "promise to pay it.")),
                                            ("zh", ("我承诺", "我可以"))])
@pytest.mark.parametrize("jurisdiction", ["cn", "us"])
def test_dispute_never_admits_the_debt_or_promises_payment(jurisdiction, lang, promises):
    text = to_text(compose_letter(full_facts(jurisdiction, lang), LETTER_TYPES["dispute"], "standard").document)
    assert [phrase for phrase in promises[:2] if phrase in text] == []
    if lang == "en":
        assert "the amount you claim" in text.lower() and "does not acknowledge that I owe this debt" in text
    else:
        assert "主张" in text and "本函不代表我承认这笔债务，也不构成还款承诺" in text


def test_us_dispute_cites_the_validation_rules_and_cn_dispute_the_credit_rules():
    us = to_text(compose_letter(full_facts("us", "en"), LETTER_TYPES["dispute"], "standard").document)
    assert "§1692g(b)" in us and "§1692e(8)" in us
    cn = to_text(compose_letter(full_facts("cn", "zh"), LETTER_TYPES["dispute"], "standard").document)
    assert "《民法典》第670条" in cn and "《征信业管理条例》第25条" in cn and "20日内" in cn


def test_a_disputed_plan_makes_every_letter_speak_of_the_amount_claimed():
    plan = Plan(kind="extension", currency="CNY", total=Decimal("5430"), rows=[ScheduleRow(TO, Decimal("5430"))],
                extension_to=TO, causes=["disputed", "income_loss"])
    for lang, forbidden, required in (("en", "I will pay", "I do not accept that this amount is correct"),
                                      ("zh", "我承诺", "本函不代表我认可该金额")):
        facts = full_facts("cn", lang, plan=plan)
        text = to_text(compose_letter(facts, LETTER_TYPES["extension"], "standard").document)
        assert forbidden not in text and required in text


def test_an_old_debt_gets_no_promise_unless_the_user_chooses_one():
    old = make_case("cn", "en", due_date=date(2022, 5, 1))
    facts = full_facts("cn", "en", case=old)
    with pytest.raises(OverdueError) as err:
        compose_letter(facts, LETTER_TYPES["extension"], "standard")
    assert err.value.key == "letters.errors.old_debt" and err.value.exit_code == 2
    waiver = to_text(compose_letter(facts, LETTER_TYPES["waiver"], "standard").document)
    assert "I can pay" not in waiver and "repayment schedule" not in waiver
    script = to_text(compose_letter(facts, LETTER_TYPES["phone-script"], "standard").document)
    assert "Do not agree to pay" in script and "Arts. 192 and 195" in script and "I can pay" not in script
    facts.promise_old_debt = True
    promised = compose_letter(facts, LETTER_TYPES["extension"], "standard")
    assert "I will pay" in to_text(promised.document)
    assert "letters.note.old_debt_promised" in promised.notes


def test_an_extension_letter_never_promises_more_than_an_instalment_plan_affords():
    plan = Plan(kind="instalments", currency="CNY", total=Decimal("5430"),
                rows=monthly_rows(Decimal("5430"), Decimal("500"), START), monthly_amount=Decimal("500"))
    facts = full_facts("cn", "en", plan=plan)
    with pytest.raises(OverdueError) as err:
        check_promises(facts, LETTER_TYPES["extension"])
    assert err.value.key == "letters.errors.plan_is_instalments"


def test_an_extension_plan_sets_the_earliest_date_and_the_amount():
    plan = Plan(kind="extension", currency="CNY", total=Decimal("3000"), rows=[ScheduleRow(TO, Decimal("3000"))],
                extension_to=TO)
    early = full_facts("cn", "en", plan=plan, to_date=TO - timedelta(days=10))
    with pytest.raises(OverdueError) as err:
        check_promises(early, LETTER_TYPES["extension"])
    assert err.value.key == "letters.errors.before_plan"
    text = to_text(compose_letter(full_facts("cn", "en", plan=plan), LETTER_TYPES["extension"], "standard").document)
    assert "I will pay ¥3,000.00 by July 31, 2026." in text


def test_missing_facts_are_named_and_optional_ones_leave_no_gap():
    bare = make_case("cn", "en", borrower_name=None, account_ref=None, borrower_address=None, borrower_email=None,
                     principal=None, fees=None, late_rate=None, due_date=None)
    facts = LetterFacts(case=bare, today=TODAY, letter_lang="en")
    assert missing_facts(facts, LETTER_TYPES["extension"], "standard") == ["to_date", "reason"]
    assert missing_facts(facts, LETTER_TYPES["dispute"], "standard") == ["borrower_name"]
    assert missing_facts(facts, LETTER_TYPES["instalment"], "standard") == ["schedule"]
    assert missing_facts(facts, LETTER_TYPES["complaint"], "12378") == ["borrower_name", "what_happened"]
    assert missing_facts(facts, LETTER_TYPES["phone-script"], "standard") == []
    us_bare = make_case("us", "en", borrower_address=None, borrower_email=None)
    assert missing_facts(LetterFacts(case=us_bare, today=TODAY, letter_lang="en"), LETTER_TYPES["conduct"],
                         "contact-me") == ["contact_address"]
    with pytest.raises(OverdueError):
        compose_letter(facts, LETTER_TYPES["dispute"], "standard")
    facts.to_date, facts.reason = TO, "My shop closed."
    for lang in ("en", "zh"):
        facts.letter_lang = lang
        text = to_text(compose_letter(facts, LETTER_TYPES["extension"], "standard").document)
        assert_no_placeholders(text)
        assert "Account" not in text and "账号" not in text and "\n\n\n" not in text
        assert "The reason: My shop closed." in text or "原因是：My shop closed." in text


def test_conduct_names_each_kind_of_conduct_with_its_dates_and_rules():
    facts = full_facts("cn", "zh")
    text = to_text(compose_letter(facts, LETTER_TYPES["conduct"], "lawful").document)
    assert "深夜或清晨联系：2026年3月2日（《民法典》第1033条）" in text
    assert "就这笔欠款联系其他人：2026年3月5日" in text and "《个人信息保护法》第13条、第23条" in text
    # Industry rules are named as such, never as law.
    assert "行业自律规范和推荐性标准，不是法律" in text
    us = to_text(compose_letter(full_facts("us", "en"), LETTER_TYPES["conduct"], "lawful").document)
    assert "15 U.S.C. §1692c(a)(1); 12 CFR 1006.6(b)" in us and "If you are the original creditor" in us


def test_breaches_counted_by_the_evidence_log_become_issues_with_their_own_wording():
    class Breach:  # the shape evidence.stats.Breach has (rule_id, statistic, status, basis, count, dates)
        def __init__(self, statistic, dates):
            self.rule_id, self.statistic, self.status, self.basis = statistic, statistic, "regulation", "Reg F"
            self.count, self.dates = len(dates), dates

    issues = issues_from([], [Breach("calls_in_7_days", [date(2026, 3, 9)]), Breach("contact_hours",
                                                                                  [date(2026, 3, 2)])])
    assert [issue.key for issue in issues] == ["odd_hours", "calls_in_7_days"]
    facts = full_facts("us", "en", contacts=[], issues=issues)
    text = to_text(compose_letter(facts, LETTER_TYPES["conduct"], "lawful").document)
    assert "more than 7 calls within 7 days: March 9, 2026 (12 CFR 1006.14(b)(2))" in text


def test_complaint_timeline_lists_contacts_and_counts_the_rest():
    contacts = [contact(f"2026-03-{day:02d}T23:00:00", ("odd_hours",)) for day in range(1, 31)]
    contacts += [contact(f"2026-04-{day:02d}T09:00:00", ()) for day in range(1, 21)]
    facts = full_facts("cn", "en", contacts=contacts, issues=issues_from(contacts, []))
    text = to_text(compose_letter(facts, LETTER_TYPES["complaint"], "12378").document)
    assert "50 contacts" in text and "10 more contacts" in text
    assert "and 22 more days" in text  # 30 night-time dates: 8 listed, 22 counted
    assert "To: National Financial Regulatory Administration, consumer complaints (12378)" in text


def test_issue_list_for_a_single_day_uses_the_singular():
    facts = full_facts("us", "en", contacts=[contact("2026-03-02T23:15:00", ("odd_hours",))])
    text = to_text(compose_letter(facts, LETTER_TYPES["complaint"], "cfpb").document)
    assert "one contact" in text


def test_too_long_a_schedule_is_refused():
    with pytest.raises(OverdueError) as err:
        build_schedule(Decimal("100000"), Decimal("100"), START)
    assert err.value.key == "letters.errors.too_many_months"
    rows = build_schedule(Decimal("5430"), Decimal("1000"), date(2027, 1, 31))
    assert [row.due for row in rows[:2]] == [date(2027, 1, 31), date(2027, 2, 28)]
    assert sum(row.amount for row in rows) == Decimal("5430")


def test_both_languages_have_a_template_for_every_type_and_every_cited_rule_exists():
    import re

    from overdue_aid.i18n import has_key, locales_root

    for lang in ("zh", "en"):
        folder = locales_root() / lang / "letters"
        assert {path.name for path in folder.glob("[!_]*.md.j2")} == {f"{name}.md.j2" for name in LETTER_TYPES}
        for path in folder.glob("*.j2"):
            for name in re.findall(r'basis\("(\w+)"\)', path.read_text("utf-8")):
                for jurisdiction in ("cn", "us"):
                    assert has_key(f"letters.basis.{jurisdiction}.{name}", lang), (path.name, name)


def test_every_breach_statistic_has_a_label_and_basis_in_both_languages():
    """A conduct letter must never show a raw statistic id ("electronic_without_opt_out")."""
    import tomllib
    from importlib.resources import files

    from overdue_aid.i18n import has_key
    from overdue_aid.letters.facts import _STATISTIC_ISSUES

    rules = tomllib.loads(files("overdue_aid.evidence").joinpath("rules.toml").read_text("utf-8"))
    for jurisdiction in ("cn", "us"):
        for rule in rules[jurisdiction].values():
            if rule.get("factor"):
                continue  # circumstances, not breaches: never listed in a letter
            key = _STATISTIC_ISSUES.get(rule["statistic"], rule["statistic"])
            for lang in ("en", "zh"):
                assert has_key(f"letters.issue.{key}", lang), (jurisdiction, key, lang)
