"""The Case record and the description of its fields (used by flags, prompts, TOML and display)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable

from ..dates import DEFAULT_ZONES, parse_date, zone
from ..errors import bad_input
from ..money import CURRENCIES, money_str, parse_amount, parse_rate

JURISDICTIONS = ("cn", "us")
LETTER_LANGUAGES = ("zh", "en")
STATUSES = ("open", "closed")


@dataclass
class Case:
    lender: str
    amount_due: Decimal
    currency: str
    jurisdiction: str
    letter_lang: str
    id: int | None = None
    lender_address: str | None = None
    lender_email: str | None = None
    lender_phone: str | None = None
    account_ref: str | None = None
    borrower_name: str | None = None
    borrower_address: str | None = None
    borrower_email: str | None = None
    borrower_phone: str | None = None
    principal: Decimal | None = None
    due_date: date | None = None
    late_rate: Decimal | None = None  # annual percentage, e.g. 18.25 for 0.05% a day
    fees: Decimal | None = None
    region: str | None = None  # province or US state (two letters), for state caps
    timezone: str | None = None  # the borrower's IANA zone, for contact-hour rules
    status: str = "open"
    notes: str | None = None
    created_at: datetime | None = field(default=None, compare=False)
    updated_at: datetime | None = field(default=None, compare=False)

    def effective_timezone(self) -> str:
        return self.timezone or DEFAULT_ZONES[self.jurisdiction]

    def as_dict(self) -> dict[str, Any]:
        """JSON form: money as decimal strings, dates ISO, no thousands separators."""
        out: dict[str, Any] = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            if isinstance(value, Decimal):
                value = money_str(value) if spec.name != "late_rate" else format(value, "f")
            elif isinstance(value, (date, datetime)):
                value = value.isoformat()
            out[spec.name] = value
        return out

    def with_changes(self, **changes: Any) -> "Case":
        return replace(self, **changes)


def _text(limit: int) -> Callable[[str, str], str]:
    def parse(value: str, name: str) -> str:
        value = value.strip()
        if not value:
            raise bad_input("errors.field.empty", field=name)
        if len(value) > limit or any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
            raise bad_input("errors.field.invalid", field=name, value=value[:30])
        return value
    return parse


def _choice(options: tuple[str, ...]) -> Callable[[str, str], str]:
    def parse(value: str, name: str) -> str:
        normal = value.strip().lower() if options != CURRENCIES else value.strip().upper()
        aliases = {"rmb": "CNY", "人民币": "CNY", "元": "CNY", "美元": "USD", "$": "USD", "¥": "CNY",
                   "中国": "cn", "中国大陆": "cn", "china": "cn", "美国": "us", "usa": "us",
                   "中文": "zh", "chinese": "zh", "英文": "en", "english": "en"}
        normal = aliases.get(value.strip().lower(), aliases.get(value.strip(), normal))
        if normal not in options:
            raise bad_input("errors.field.choice", field=name, value=value, options=", ".join(options))
        return normal
    return parse


def _money(value: str, name: str) -> Decimal:
    return parse_amount(value, field=name)


def _rate(value: str, name: str) -> Decimal:
    return parse_rate(value, field=name)


def _date(value: str, name: str) -> date:
    return parse_date(value, field=name)


def _zone(value: str, name: str) -> str:
    if zone(value.strip()) is None:
        raise bad_input("errors.field.timezone", field=name, value=value)
    return value.strip()


@dataclass(frozen=True)
class FieldSpec:
    name: str
    parse: Callable[[str, str], Any]
    required: bool = False
    prompt: bool = True  # asked for by `case new` when missing


FIELD_SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("lender", _text(200), required=True),
    FieldSpec("account_ref", _text(100)),
    FieldSpec("borrower_name", _text(100)),
    FieldSpec("jurisdiction", _choice(JURISDICTIONS), required=True),
    FieldSpec("currency", _choice(CURRENCIES), required=True),
    FieldSpec("amount_due", _money, required=True),
    FieldSpec("principal", _money),
    FieldSpec("due_date", _date),
    FieldSpec("late_rate", _rate),
    FieldSpec("fees", _money),
    FieldSpec("letter_lang", _choice(LETTER_LANGUAGES), required=True),
    FieldSpec("lender_address", _text(500), prompt=False),
    FieldSpec("lender_email", _text(200), prompt=False),
    FieldSpec("lender_phone", _text(50), prompt=False),
    FieldSpec("borrower_address", _text(500), prompt=False),
    FieldSpec("borrower_email", _text(200), prompt=False),
    FieldSpec("borrower_phone", _text(50), prompt=False),
    FieldSpec("region", _text(50), prompt=False),
    FieldSpec("timezone", _zone, prompt=False),
    FieldSpec("status", _choice(STATUSES), prompt=False),
    FieldSpec("notes", _text(5000), prompt=False),
)
SPEC_BY_NAME = {spec.name: spec for spec in FIELD_SPECS}
EDITABLE_FIELDS = tuple(spec.name for spec in FIELD_SPECS)


def default_for(name: str, known: dict[str, Any], ui_lang: str) -> str | None:
    """Sensible defaults: jurisdiction from the user's language, currency from the jurisdiction."""
    if name == "jurisdiction":
        return "cn" if ui_lang == "zh" else "us"
    if name == "currency":
        return "CNY" if known.get("jurisdiction", "cn" if ui_lang == "zh" else "us") == "cn" else "USD"
    if name == "letter_lang":
        return ui_lang
    return None


def build_case(values: dict[str, Any]) -> Case:
    """A Case from parsed values; required fields must be present."""
    missing = [spec.name for spec in FIELD_SPECS if spec.required and values.get(spec.name) is None]
    if missing:
        from ..errors import missing_input

        raise missing_input(missing)
    known = {name: value for name, value in values.items() if value is not None}
    return Case(**known)
