"""What a letter is built from: the case, the chosen plan, the evidence log, and what the user adds.

The plan (analysis) and the evidence log are other capabilities; each is used when it is installed and
simply absent otherwise, so a letter can always be drafted from the case alone.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any

from ..analysis.plan import ScheduleRow as ScheduleLine  # one row of a schedule: .due (date), .amount (Decimal)
from ..case.models import Case

# Cause ids shared with the analysis capability; each has a sentence in letters.cause.* for the letter.
CAUSES = ("income_loss", "illness", "unexpected_expense", "too_many_debts", "forgot_autodebit", "platform_error")
# Message-check tags that describe collection conduct a letter can object to.
CONDUCT_TAGS = ("threat", "insult", "third_party", "disclosure", "impersonation", "false_claim", "odd_hours")
# Who, besides the borrower, a logged contact reached.
THIRD_PARTIES = ("family", "employer", "colleague", "friend", "contacts-list", "other")
# 民法典 第188条: 3 years from when the creditor knew of the default; US limitation periods are mostly 3–6
# years. Past this a debt *may* be time-barred, and a promise to pay can revive it (民法典 第192、195条;
# state law), so letters stop promising payment unless the user chooses to.
LIMITATION_YEARS = 3
# Breach statistics (evidence.stats) that mean the same thing as a message-check tag.
_STATISTIC_ISSUES = {"contact_hours": "odd_hours", "third_party": "third_party"}


@dataclass(frozen=True)
class Contact:
    """One logged collection contact, as a letter's timeline shows it."""

    at: datetime  # in the borrower's time zone
    channel: str
    counterpart: str | None
    summary: str | None
    issues: tuple[str, ...]  # conduct tags and 'third_party' for contacts with other people
    third_parties: tuple[str, ...]


@dataclass(frozen=True)
class Issue:
    """A kind of unlawful conduct with the local dates it happened on."""

    key: str  # a conduct tag, or a breach statistic from the evidence log
    dates: tuple[date, ...]
    count: int
    basis: str | None = None  # the evidence log's citation, for breaches this module has no wording of its own for
    status: str | None = None


@dataclass
class LetterFacts:
    case: Case
    today: date
    letter_lang: str
    plan: Any | None = None  # overdue_aid.analysis.plan.Plan
    schedule: list[ScheduleLine] = field(default_factory=list)
    schedule_source: str | None = None  # 'plan' or 'user'
    to_date: date | None = None
    reason: str | None = None  # a cause id from CAUSES, or the user's own words
    contacts: list[Contact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    credit_report: bool = False
    promise_old_debt: bool = False
    dispute_on_record: bool = False  # a dispute letter was saved for this case before
    requested_monthly: Decimal | None = None  # --monthly, kept when --start is still to be asked for

    @property
    def old_debt(self) -> bool:
        """Due more than LIMITATION_YEARS ago: possibly time-barred."""
        due = self.case.due_date
        if due is None:
            return False
        try:
            limit = due.replace(year=due.year + LIMITATION_YEARS)
        except ValueError:  # 29 February
            limit = due.replace(year=due.year + LIMITATION_YEARS, day=28)
        return limit <= self.today

    @property
    def promise_allowed(self) -> bool:
        return not self.old_debt or self.promise_old_debt

    @property
    def disputed(self) -> bool:
        """The borrower disputes the amount (a cause of the plan, or a dispute letter sent): no letter may accept it."""
        return self.dispute_on_record or (self.plan is not None and "disputed" in (getattr(self.plan, "causes", None)
                                                                                   or []))

    @property
    def schedule_total(self) -> Decimal:
        return sum((line.amount for line in self.schedule), Decimal(0))

    def as_dict(self) -> dict[str, Any]:
        """The facts used, for --json."""
        case = self.case.as_dict()
        keep = ("id", "lender", "lender_address", "lender_email", "lender_phone", "account_ref", "borrower_name",
                "borrower_address", "borrower_email", "borrower_phone", "currency", "principal", "amount_due",
                "due_date", "late_rate", "fees", "jurisdiction", "region", "timezone")
        return {
            "case": {name: case[name] for name in keep},
            "today": self.today.isoformat(),
            "letter_lang": self.letter_lang,
            "plan": self.plan.as_dict() if self.plan is not None and hasattr(self.plan, "as_dict") else None,
            "schedule": [{"due": line.due.isoformat(), "amount": format(line.amount, "f")} for line in self.schedule],
            "schedule_source": self.schedule_source,
            "schedule_total": format(self.schedule_total, "f") if self.schedule else None,
            "to_date": self.to_date.isoformat() if self.to_date else None,
            "reason": self.reason,
            "old_debt": self.old_debt,
            "disputed": self.disputed,
            "contacts": len(self.contacts),
            "issues": [{"key": issue.key, "count": issue.count, "dates": [d.isoformat() for d in issue.dates]}
                       for issue in self.issues],
        }


def load_plan(conn: sqlite3.Connection, case_id: int) -> Any | None:
    """The plan the user chose for this case, or None when there is no plan yet."""
    from ..analysis.store import chosen_plan

    return chosen_plan(conn, case_id)


def load_entries(conn: sqlite3.Connection, case_id: int) -> list[Any]:
    """The case's evidence entries (corrections replace what they correct)."""
    from ..evidence.log import list_entries

    entries = list_entries(conn, case_id)
    replaced = {entry.corrects for entry in entries if entry.corrects is not None}
    return [entry for entry in entries if entry.id not in replaced]


def load_breaches(entries: list[Any], jurisdiction: str, tz_name: str) -> list[Any]:
    """Rule breaches counted over the log (evidence.stats)."""
    from ..evidence.stats import compute_stats

    return list(compute_stats(entries, jurisdiction, tz_name).breaches)


def contacts_from_entries(entries: list[Any], tz_name: str) -> list[Contact]:
    """Incoming contacts from the collector side, in the borrower's local time."""
    from ..dates import zone

    tz = zone(tz_name)
    contacts = []
    for entry in entries:
        if entry.direction != "incoming":
            continue
        third = tuple(who for who in entry.contacted if who in THIRD_PARTIES)
        issues = {tag for tag in entry.tags if tag in CONDUCT_TAGS}
        if third:
            issues.add("third_party")
        contacts.append(Contact(at=entry.at.astimezone(tz) if tz else entry.at, channel=entry.channel,
                                counterpart=entry.counterpart_name or entry.counterpart_number,
                                summary=entry.summary, issues=tuple(sorted(issues)), third_parties=third))
    return contacts


def issues_from(contacts: list[Contact], breaches: list[Any]) -> list[Issue]:
    """Conduct issues with their dates: tags on logged contacts, merged with the log's counted breaches."""
    dates: dict[str, set[date]] = {}
    counts: dict[str, int] = {}
    extra: dict[str, Issue] = {}
    for contact in contacts:
        for key in contact.issues:
            dates.setdefault(key, set()).add(contact.at.date())
            counts[key] = counts.get(key, 0) + 1
    for breach in breaches:
        statistic = str(getattr(breach, "statistic", "") or getattr(breach, "rule_id", ""))
        key = _STATISTIC_ISSUES.get(statistic)
        breach_dates = set(getattr(breach, "dates", []) or [])
        if key:
            dates.setdefault(key, set()).update(breach_dates)
            counts[key] = max(counts.get(key, 0), int(getattr(breach, "count", 0) or 0))
        else:
            extra[statistic] = Issue(key=statistic, dates=tuple(sorted(breach_dates)),
                                     count=int(getattr(breach, "count", 0) or 0),
                                     basis=getattr(breach, "basis", None), status=getattr(breach, "status", None))
    issues = [Issue(key=key, dates=tuple(sorted(dates[key])), count=counts.get(key, len(dates[key])))
              for key in CONDUCT_TAGS if key in dates]
    return issues + [extra[key] for key in sorted(extra)]


def reason_from_plan(plan: Any | None) -> str | None:
    """The plan's main cause as a cause id, if it is one a letter can name."""
    if plan is None:
        return None
    candidates = []
    reason_key = getattr(plan, "reason_key", None)
    if reason_key:
        candidates.append(reason_key.rsplit(".", 1)[-1])
    candidates += list(getattr(plan, "causes", None) or [])
    return next((cause for cause in candidates if cause in CAUSES), None)


def schedule_from_plan(plan: Any | None) -> list[ScheduleLine]:
    if plan is None:
        return []
    return [ScheduleLine(row.due, Decimal(row.amount)) for row in getattr(plan, "rows", None) or []]


def build_schedule(total: Decimal, monthly: Decimal, start: date, *, max_months: int = 60) -> list[ScheduleLine]:
    """Monthly payments of `monthly` from `start` until `total` is paid; the last one is the rest."""
    from ..analysis.plan import monthly_rows
    from ..errors import bad_input

    if monthly <= 0:
        raise bad_input("letters.errors.monthly_zero")
    months = int((total / monthly).to_integral_value(rounding=ROUND_CEILING))
    if months > max_months:
        raise bad_input("letters.errors.too_many_months", months=months, limit=max_months)
    return monthly_rows(total, monthly, start) if total > 0 else []


def local_today(case: Case) -> date:
    """Today in the borrower's time zone (letters are dated where they are written)."""
    from ..dates import now, zone

    return now().astimezone(zone(case.effective_timezone())).date()


def reply_deadline(today: date, days: int = 14) -> date:
    """The date by which a letter asks for a written answer."""
    return today + timedelta(days=days)


# Types whose reason may default to the plan's cause; a dispute or complaint needs the user's own words.
_REASON_FROM_PLAN = ("extension", "instalment", "waiver", "phone-script")


def collect_facts(conn: sqlite3.Connection, case: Case, letter_type: str, *, letter_lang: str,
                  to_date: date | None = None, reason: str | None = None, monthly: Decimal | None = None,
                  start: date | None = None, credit_report: bool = False,
                  promise_old_debt: bool = False) -> LetterFacts:
    """Everything known for this letter: the case, its chosen plan, its evidence log and the user's flags."""
    from ..errors import bad_input
    from ..money import format_money

    plan = load_plan(conn, case.id)
    facts = LetterFacts(case=case, today=local_today(case), letter_lang=letter_lang, plan=plan,
                        reason=normalise_reason(reason) if reason else None, credit_report=credit_report,
                        promise_old_debt=promise_old_debt)
    facts.dispute_on_record = conn.execute("SELECT 1 FROM letters WHERE case_id = ? AND type = 'dispute' LIMIT 1",
                                           (case.id,)).fetchone() is not None
    if facts.reason is None and letter_type in _REASON_FROM_PLAN:
        facts.reason = reason_from_plan(plan)
    facts.to_date = to_date or (getattr(plan, "extension_to", None) if letter_type == "extension" else None)
    plan_monthly = getattr(plan, "monthly_amount", None)
    if monthly is not None and plan_monthly is not None and monthly > plan_monthly:
        raise bad_input("letters.errors.over_plan", amount=format_money(monthly, case.currency, letter_lang),
                        plan_amount=format_money(plan_monthly, case.currency, letter_lang))
    facts.requested_monthly = monthly
    if monthly is not None or start is not None:
        facts.schedule = schedule_for(facts, monthly, start)
        facts.schedule_source = "user" if facts.schedule else None
    elif plan is not None:
        facts.schedule = schedule_from_plan(plan)
        facts.schedule_source = "plan"
    entries = load_entries(conn, case.id)
    tz_name = case.effective_timezone()
    facts.contacts = contacts_from_entries(entries, tz_name)
    facts.issues = issues_from(facts.contacts, load_breaches(entries, case.jurisdiction, tz_name))
    return facts


def schedule_for(facts: LetterFacts, monthly: Decimal | None, start: date | None) -> list[ScheduleLine]:
    """The schedule from --monthly/--start (both needed; the start may not be in the past)."""
    from ..errors import bad_input

    if start is not None and start < facts.today:
        raise bad_input("letters.errors.start_past", date=start.isoformat())
    if monthly is None or start is None:
        return []
    total = Decimal(facts.plan.total) if facts.plan is not None else facts.case.amount_due
    return build_schedule(total, monthly, start)


def normalise_reason(text: str) -> str:
    """A cause id typed any way ('Income_Loss', 'income-loss'), or the user's own words as given."""
    from ..errors import bad_input

    cleaned = text.strip()
    if not cleaned or len(cleaned) > 1000 or any(ord(ch) < 32 and ch not in "\n\t" for ch in cleaned):
        raise bad_input("errors.field.invalid", field="--reason", value=cleaned[:30])
    as_id = cleaned.lower().replace("-", "_").replace(" ", "_")
    return as_id if as_id in CAUSES else cleaned
