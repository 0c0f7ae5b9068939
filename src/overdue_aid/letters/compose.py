"""Letter types, the facts each one needs, and rendering a letter from its template.

Templates live in locales/<lang>/letters/<type>.md.j2 (jinja2). Every value a template prints passes
through `_finalize`, which refuses None (so no letter ever says "None") and marks the value as user
text, so the exporters escape it for their format (see document.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..errors import OverdueError, bad_input
from .document import Document, mark_user, parse_document
from .facts import CAUSES, Contact, Issue, LetterFacts, reply_deadline

from .export import FORMATS  # noqa: F401  (re-exported: the formats a letter can be saved in)
# The timeline in a complaint shows this many contacts and says how many more the log holds.
TIMELINE_LIMIT = 40
# The dates listed for one kind of conduct; the rest are counted.
DATES_LIMIT = 8


@dataclass(frozen=True)
class LetterType:
    name: str
    variants: dict[str, tuple[str, ...]]  # jurisdiction -> variants, the first is the default
    promises_payment: bool = False  # its whole point is a promise to pay (refused on old debts unless chosen)


_STANDARD = {"cn": ("standard",), "us": ("standard",)}
LETTER_TYPES: dict[str, LetterType] = {
    "extension": LetterType("extension", _STANDARD, promises_payment=True),
    "instalment": LetterType("instalment", _STANDARD, promises_payment=True),
    "waiver": LetterType("waiver", _STANDARD),
    "dispute": LetterType("dispute", _STANDARD),
    "conduct": LetterType("conduct", {"cn": ("lawful",), "us": ("lawful", "contact-me", "stop-contact")}),
    "complaint": LetterType("complaint", {"cn": ("12378", "12363", "lender"), "us": ("cfpb", "state-ag")}),
    "phone-script": LetterType("phone-script", _STANDARD),
}


@dataclass
class Letter:
    type: str
    variant: str
    lang: str
    jurisdiction: str
    document: Document
    facts: LetterFacts
    notes: list[str] = field(default_factory=list)  # catalog keys of notes for the terminal (not the letter)

    @property
    def paper(self) -> str:
        """A4 for mainland China, US Letter for the United States."""
        return "A4" if self.jurisdiction == "cn" else "letter"


def letter_type(name: str) -> LetterType:
    """The type called `name` (exit 2 naming the types when there is none)."""
    if name not in LETTER_TYPES:
        raise bad_input("letters.errors.unknown_type", name=name, types=", ".join(LETTER_TYPES))
    return LETTER_TYPES[name]


def resolve_variant(kind: LetterType, jurisdiction: str, variant: str | None) -> str:
    """The variant asked for, or the type's default for this jurisdiction."""
    choices = kind.variants[jurisdiction]
    if variant is None:
        return choices[0]
    if variant not in choices:
        raise bad_input("letters.errors.variant", variant=variant, type=kind.name, jurisdiction=jurisdiction,
                        options=", ".join(choices))
    return variant


def missing_facts(facts: LetterFacts, kind: LetterType, variant: str) -> list[str]:
    """The facts this letter cannot be written without, by name (see letters.fact.* in the catalogs)."""
    case = facts.case
    missing = []
    if kind.name in ("dispute", "conduct", "complaint") and not case.borrower_name:
        missing.append("borrower_name")
    if kind.name == "extension":
        if facts.to_date is None:
            missing.append("to_date")
        if not facts.reason:
            missing.append("reason")
    if kind.name == "waiver" and not facts.reason:
        missing.append("reason")
    if kind.name == "instalment" and not facts.schedule:
        missing.append("schedule")
    if variant == "contact-me" and not (case.borrower_address or case.borrower_email):
        missing.append("contact_address")
    if kind.name == "complaint" and not facts.contacts and (not facts.reason or facts.reason in CAUSES):
        missing.append("what_happened")
    return missing


def check_promises(facts: LetterFacts, kind: LetterType) -> None:
    """Never promise what the plan does not afford, nor promise payment of a possibly time-barred debt unasked."""
    if kind.promises_payment and not facts.promise_allowed:
        raise bad_input("letters.errors.old_debt", due_date=facts.case.due_date.isoformat())
    plan = facts.plan
    if kind.name == "extension" and plan is not None and facts.to_date is not None:
        if plan.kind in ("instalments", "pro_rata"):
            raise bad_input("letters.errors.plan_is_instalments")
        if plan.extension_to is not None and facts.to_date < plan.extension_to:
            raise bad_input("letters.errors.before_plan", date=plan.extension_to.isoformat())
    if facts.to_date is not None and facts.to_date <= facts.today:
        raise bad_input("letters.errors.date_past", date=facts.to_date.isoformat())


def compose_letter(facts: LetterFacts, kind: LetterType, variant: str) -> Letter:
    """Render the letter's template for these facts into a Document (facts must be complete)."""
    missing = missing_facts(facts, kind, variant)
    if missing:
        raise OverdueError("letters.errors.incomplete", facts=", ".join(missing))
    check_promises(facts, kind)
    jurisdiction = facts.case.jurisdiction
    source = _render(facts.letter_lang, f"{kind.name}.md.j2", _context(facts, kind, variant))
    return Letter(type=kind.name, variant=variant, lang=facts.letter_lang, jurisdiction=jurisdiction,
                  document=parse_document(source), facts=facts, notes=_notes(facts, kind, variant))


# ---------------------------------------------------------------- template context


def _commit_amount(facts: LetterFacts) -> Decimal:
    plan = facts.plan
    if plan is not None and plan.kind in ("extension", "full"):
        return Decimal(plan.total)
    return facts.case.amount_due


def _context(facts: LetterFacts, kind: LetterType, variant: str) -> dict[str, Any]:
    case = facts.case
    lang = facts.letter_lang
    overdue = case.due_date is not None and case.due_date < facts.today
    reason_is_cause = facts.reason in CAUSES
    contacts = facts.contacts
    context: dict[str, Any] = {name: getattr(case, name) for name in (
        "lender", "lender_address", "lender_email", "lender_phone", "account_ref", "borrower_name",
        "borrower_address", "borrower_email", "borrower_phone", "region", "amount_due", "principal", "fees",
        "late_rate", "due_date", "currency", "jurisdiction")}
    context.update(
        lang=lang, variant=variant, type=kind.name, today=facts.today, reply_by=reply_deadline(facts.today),
        overdue=overdue, old_debt=facts.old_debt, promise_allowed=facts.promise_allowed,
        promise_old_debt=facts.promise_old_debt, disputed=facts.disputed, credit_report=facts.credit_report,
        plan_kind=getattr(facts.plan, "kind", None), schedule=facts.schedule,
        schedule_total=facts.schedule_total if facts.schedule else None,
        first_due=facts.schedule[0].due if facts.schedule else None,
        monthly=facts.schedule[0].amount if facts.schedule else None,
        covers_all=bool(facts.schedule) and facts.schedule_total >= case.amount_due,
        to_date=facts.to_date, commit_amount=_commit_amount(facts),
        reason_text=_reason_text(facts.reason, lang) if facts.reason else None,
        reason_own_words=bool(facts.reason) and not reason_is_cause,
        contacts=contacts, evidence_count=len(contacts),
        first_contact=contacts[0].at.date() if contacts else None,
        last_contact=contacts[-1].at.date() if contacts else None,
        timeline=[_timeline_row(contact, lang) for contact in contacts[:TIMELINE_LIMIT]],
        timeline_more=max(0, len(contacts) - TIMELINE_LIMIT),
        issues=facts.issues, issue_keys={issue.key for issue in facts.issues},
        high_rate=case.late_rate is not None and case.late_rate > 24,
    )
    return context


def _reason_text(reason: str, lang: str) -> str:
    from ..i18n import t

    return t(f"letters.cause.{reason}", lang=lang) if reason in CAUSES else reason


def _timeline_row(contact: Contact, lang: str) -> dict[str, Any]:
    from ..i18n import t

    parts = []
    if contact.summary:
        parts.append(contact.summary)
    if contact.third_parties:
        who = t("letters.words.join", lang=lang).join(t(f"letters.who.{name}", lang=lang)
                                                      for name in contact.third_parties)
        parts.append(t("letters.words.contacted", lang=lang, who=who))
    parts += [t(f"letters.issue.{key}", lang=lang) for key in contact.issues if key != "third_party"]
    if not parts:
        parts.append(t("letters.words.contact_plain", lang=lang))
    return {"at": contact.at, "channel": t(f"letters.channel.{contact.channel}", lang=lang),
            "what": t("letters.words.separator", lang=lang).join(parts)}


def _notes(facts: LetterFacts, kind: LetterType, variant: str) -> list[str]:
    notes = ["letters.note.not_advice", f"letters.note.send.{facts.case.jurisdiction}"]
    if kind.name == "dispute" and facts.case.jurisdiction == "us":
        notes.append("letters.note.dispute_30_days")
    if variant == "stop-contact":
        notes.append("letters.note.stop_contact")
    if kind.name in ("conduct", "complaint") and not facts.contacts:
        notes.append("letters.note.no_evidence")
    if kind.name == "complaint":
        notes.append(f"letters.note.complaint.{variant}")
    if kind.name == "instalment" and facts.case.jurisdiction == "cn":
        notes.append("letters.note.credit_card_instalments")
    if facts.old_debt:
        notes.append("letters.note.old_debt_promised" if facts.promise_old_debt else "letters.note.old_debt")
    if kind.name in ("conduct", "complaint", "phone-script") and facts.case.jurisdiction == "cn":
        notes.append("letters.note.cn_guidelines")
    if kind.name in ("conduct", "complaint", "dispute") and facts.case.jurisdiction == "us":
        notes.append("letters.note.fdcpa_scope")
    return notes


# ---------------------------------------------------------------- rendering


class TemplateBug(Exception):
    """A template printed None or an unformatted value: a bug, caught by the tests."""


def _finalize(value: Any) -> str:
    if value is None:
        raise TemplateBug("a template printed None")
    if isinstance(value, (Decimal, date, float)) or (isinstance(value, (list, tuple, dict)) and value):
        raise TemplateBug(f"a template printed an unformatted {type(value).__name__}: use a filter")
    return mark_user(str(value))


def format_date(value: date | datetime, lang: str) -> str:
    """2026年3月1日 / March 1, 2026."""
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{_MONTH_NAMES[value.month - 1]} {value.day}, {value.year}"


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def format_rate(value: Decimal) -> str:
    """An annual percentage without trailing zeros: 18.25 -> '18.25%', 36.50 -> '36.5%'."""
    text = format(value.normalize(), "f")
    return f"{text}%"


def _filters(lang: str, currency: str) -> dict[str, Any]:
    from ..i18n import t
    from ..money import format_money

    def dates(values: list[date] | tuple[date, ...]) -> str:
        shown = [format_date(value, lang) for value in values[:DATES_LIMIT]]
        text = t("letters.words.join", lang=lang).join(shown)
        if len(values) > DATES_LIMIT:
            text += t("letters.words.more_dates", lang=lang, count=len(values) - DATES_LIMIT)
        return text

    return {
        "money": lambda amount: format_money(Decimal(amount), currency, lang),
        "date": lambda value: format_date(value, lang),
        "time": lambda value: f"{format_date(value, lang)} {value:%H:%M}",
        "dates": dates,
        "rate": format_rate,
        "lines": lambda text: [line.strip() for line in (text or "").splitlines() if line.strip()],
    }


def _globals(lang: str, jurisdiction: str) -> dict[str, Any]:
    from ..i18n import has_key, t

    def text(key: str, **params: Any) -> str:
        return t(f"letters.{key}", lang=lang, **params)

    def issue_label(issue: Issue) -> str:
        key = f"letters.issue.{issue.key}"
        return t(key, lang=lang) if has_key(key, lang) else issue.key.replace("_", " ")

    def issue_basis(issue: Issue) -> str:
        key = f"letters.basis.{jurisdiction}.{issue.key}"
        return t(key, lang=lang) if has_key(key, lang) else (issue.basis or "")

    return {"text": text, "issue_label": issue_label, "issue_basis": issue_basis,
            "basis": lambda name: t(f"letters.basis.{jurisdiction}.{name}", lang=lang)}


def _render(lang: str, name: str, context: dict[str, Any]) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..i18n import template_path

    env = Environment(loader=FileSystemLoader(str(template_path(lang, "letters"))), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False,
                      finalize=_finalize)
    env.filters.update(_filters(lang, context["currency"]))
    env.globals.update(_globals(lang, context["jurisdiction"]))
    return env.get_template(name).render(context)
