"""The questionnaire of `overdue analyse`, as data: one name per answer, used for the --flag, the answers
file key and the prompt (analysis.question.<name>), parsed by the same functions whichever way it came.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..answers import parse_yes_no
from ..dates import parse_date
from ..errors import OverdueError, bad_input
from ..money import parse_amount
from ..store.files import read_text_file
from .budget import INCOME_ITEMS, SPENDING_ITEMS
from .caps import LENDER_KINDS
from .causes import MAY_LAST, parse_causes



@dataclass(frozen=True)
class Question:
    name: str
    kind: str  # causes | yes_no | money | count | choice | date
    section: str  # causes | budget | loan
    required: bool = False  # budget: needed unless a household budget is saved; causes: always
    default: str | None = None  # used when not asked (--no-input) and nothing is saved
    jurisdiction: str | None = None  # asked only for cases under these rules

    @property
    def flag(self) -> str:
        """The command-line option (causes are given one at a time: --cause)."""
        return "--cause" if self.name == "causes" else "--" + self.name.replace("_", "-")


QUESTIONS: tuple[Question, ...] = (
    Question("causes", "causes", "causes", required=True),
    Question("temporary", "yes_no", "causes", default="no"),
    Question("people", "count", "budget", default="1"),
    *(Question(f"income_{item}", "money", "budget", required=item == "earnings", default="0")
      for item in INCOME_ITEMS),
    *(Question(f"spend_{item}", "money", "budget", required=item in ("housing", "food", "utilities", "transport"),
               default="0") for item in SPENDING_ITEMS),
    Question("other_debt_payments", "money", "budget", default="0"),
    Question("savings", "money", "budget", default="0"),
    Question("lender_kind", "choice", "loan", default="licensed", jurisdiction="cn"),
    Question("contract_date", "date", "loan"),
    Question("late_fee", "money", "loan", default="0"),
    Question("servicemember", "yes_no", "loan", default="no", jurisdiction="us"),
)
BY_NAME = {question.name: question for question in QUESTIONS}


def label(name: str) -> str:
    """The field's name for messages: its short label and its flag."""
    from ..i18n import t

    return f"{t(f'analysis.field.{name}')} ({BY_NAME[name].flag})"




def _parse_count(text: str, field: str) -> int:
    normal = text.strip()
    if not normal.isdigit() or not 1 <= int(normal) <= 30:
        raise bad_input("analysis.errors.people", field=field, value=text)
    return int(normal)


def _parse_choice(text: str, field: str) -> str:
    normal = text.strip().lower()
    aliases = {"持牌": "licensed", "机构": "licensed", "个人": "private", "民间": "private", "民间借贷": "private"}
    normal = aliases.get(text.strip(), normal)
    if normal not in LENDER_KINDS:
        raise bad_input("errors.field.choice", field=field, value=text, options=", ".join(LENDER_KINDS))
    return normal


def parse_answer(name: str, raw: Any) -> Any:
    """One answer from a flag, a prompt or an answers file, parsed; raises bad input naming the field."""
    question = BY_NAME[name]
    field = label(name)
    if question.kind == "causes" and isinstance(raw, list):
        if not all(isinstance(item, str) for item in raw):
            raise bad_input("analysis.errors.cause", field=field, value=str(raw), options="")
        raw = ",".join(raw)
    if isinstance(raw, bool):
        if question.kind != "yes_no":
            raise bad_input("analysis.errors.answer_type", field=field, value=str(raw))
        return raw
    if isinstance(raw, date) and not isinstance(raw, datetime):
        if question.kind != "date":
            raise bad_input("analysis.errors.answer_type", field=field, value=str(raw))
        return raw
    if isinstance(raw, (int, float)):
        raw = str(raw)
    if not isinstance(raw, str):
        raise bad_input("analysis.errors.answer_type", field=field, value=str(raw))
    parse = {
        "causes": parse_causes,
        "yes_no": parse_yes_no,
        "money": lambda text, where: parse_amount(text, field=where),
        "count": _parse_count,
        "choice": _parse_choice,
        "date": lambda text, where: parse_date(text, field=where),
    }[question.kind]
    return parse(raw, field)


def read_answers_file(path: Any) -> dict[str, Any]:
    """An answers TOML file: the question names as keys (a [budget] table may hold the budget ones)."""
    text = read_text_file(path)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise bad_input("errors.toml.malformed", source=str(path), detail=str(err)) from None
    budget = document.pop("budget", {})
    if not isinstance(budget, dict):
        raise bad_input("errors.toml.wrong_type", source=str(path), field="budget", expected="table")
    merged = {**document, **budget}
    unknown = sorted(set(merged) - set(BY_NAME))
    if unknown:
        raise bad_input("errors.toml.unknown_field", source=str(path), field=", ".join(unknown))
    return merged


def parse_all(raw: dict[str, Any]) -> dict[str, Any]:
    """Parse every given answer, reporting all bad ones at once."""
    values, problems = {}, []
    for name, value in raw.items():
        if value is None:
            continue
        try:
            values[name] = parse_answer(name, value)
        except OverdueError as err:
            problems.append(err.message())
    if problems:
        raise bad_input("errors.several", details="\n".join(problems))
    return values


def needed(question: Question, known: dict[str, Any], jurisdiction: str) -> bool:
    """Whether the question applies to this case and these answers."""
    if question.jurisdiction and question.jurisdiction != jurisdiction:
        return False
    if question.name == "temporary":
        return any(cause in MAY_LAST for cause in known.get("causes", []))
    return True
