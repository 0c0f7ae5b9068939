"""The wizard's step logic: answers in, calls of the same cores the commands use, results out.

No terminal here: commands.py asks the questions (questionary) or reads an answers file, and hands the
raw answers to `validate_step` and `run_step`. Progress is a WizardState, saved as owner-only JSON in
the data dir after every step so that Ctrl-C loses nothing and `--resume` continues.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from ..answers import parse_yes_no
from ..errors import OverdueError, bad_input
from ..i18n import t, t_list
from .questions import STEP_BY_ID, STEP_IDS, STEPS, Question

PROGRESS_VERSION = 1
TEXT_LIMIT = 500
MESSAGE_LIMIT = 100_000
DEFAULT_OUTPUT_DIR = "overdue-aid-files"


@dataclass
class WizardState:
    lang: str
    step: int = 0  # index in STEPS of the step to do next
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # raw answers, as in an answers file
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # JSON-able outcome of each step run
    skipped: list[str] = field(default_factory=list)
    signatures: dict[str, str] = field(default_factory=dict)  # the answers each result was made from

    def to_json(self) -> str:
        return json.dumps({"version": PROGRESS_VERSION, **asdict(self)}, ensure_ascii=False, indent=1,
                          default=_json_default)

    @classmethod
    def from_json(cls, text: str) -> "WizardState":
        data = json.loads(text)
        if data.pop("version", None) != PROGRESS_VERSION:
            raise ValueError("unknown progress version")
        return cls(**data)

    @property
    def jurisdiction(self) -> str:
        return str(self.answers.get("welcome", {}).get("jurisdiction") or ("cn" if self.lang == "zh" else "us"))

    def mark_skipped(self, step_id: str) -> None:
        if step_id not in self.skipped:
            self.skipped.append(step_id)
        self.results.pop(step_id, None)
        self.signatures.pop(step_id, None)


@dataclass
class FlowEnv:
    """What the steps need from outside: the database, the data dir, the clock, where relative paths start."""
    conn: sqlite3.Connection
    data_dir: Path
    now: datetime
    base_dir: Path
    overwrite: bool = False  # replace files of the same name (the demo's --force)

    @property
    def today(self) -> date:
        return self.now.date()


def _json_default(value: Any) -> Any:
    from ..output import json_default

    return json_default(value)


def step_number(step_id: str) -> int:
    """1-based position of a step, for 'step 3 of 8'."""
    return STEP_IDS.index(step_id) + 1


# ---------------------------------------------------------------- validation


def _text(raw: Any, label: str, limit: int) -> str:
    value = str(raw).strip() if raw is not None else ""
    if not value:
        raise bad_input("errors.field.empty", field=label)
    if len(value) > limit:
        raise bad_input("errors.field.invalid", field=label, value=value[:30])
    return value


def _confirm(raw: Any, label: str) -> bool:
    return parse_yes_no(raw, label)


def _choice(raw: Any, label: str, choices: tuple[str, ...]) -> str:
    value = str(raw).strip()
    if value not in choices:
        raise bad_input("errors.field.choice", field=label, value=value, options=", ".join(choices))
    return value


def _number(raw: Any, label: str) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise bad_input("wizard.errors.number", field=label, value=str(raw)) from None
    if not 1 <= value <= 99:
        raise bad_input("wizard.errors.number", field=label, value=str(raw))
    return value


def label_of(step_id: str, key: str) -> str:
    """The short name of a question, used in error lists."""
    return t(f"wizard.q.{step_id}.{key}.name")


def parse_answer(step_id: str, question: Question, raw: Any, *, jurisdiction: str,
                 choices: tuple[str, ...] | None = None) -> Any:
    """Check one raw answer with the same parsers the commands use; raise OverdueError if it is wrong."""
    from ..dates import DEFAULT_ZONES, parse_date, parse_datetime, zone
    from ..money import parse_amount, parse_rate

    label = label_of(step_id, question.key)
    kind = question.kind
    allowed = choices if choices is not None else question.choices
    if kind == "text":
        return _text(raw, label, TEXT_LIMIT)
    if kind == "multiline":
        return _text(raw, label, MESSAGE_LIMIT)
    if kind == "path":
        return Path(_text(raw, label, 1000)).expanduser()
    if kind == "money":
        return parse_amount(str(raw), field=label)
    if kind == "rate":
        return parse_rate(str(raw), field=label)
    if kind == "number":
        return _number(raw, label)
    if kind == "date":
        return parse_date(str(raw), field=label)
    if kind == "datetime":
        return parse_datetime(str(raw), field=label, default_tz=zone(DEFAULT_ZONES.get(jurisdiction)))
    if kind == "confirm":
        return _confirm(raw, label)
    if kind == "select":
        return _choice(raw, label, allowed)
    if kind == "checkbox":
        items = raw if isinstance(raw, list) else [part for part in str(raw).replace("，", ",").split(",")]
        values = [_choice(item, label, allowed) for item in items if str(item).strip()]
        if question.required and not values:
            raise bad_input("errors.field.empty", field=label)
        return list(dict.fromkeys(values))
    raise ValueError(f"unknown question kind {kind}")


def is_asked(question: Question, parsed: dict[str, Any]) -> bool:
    if question.when is None:
        return True
    other, expected = question.when
    return parsed.get(other) == expected


def case_choices(conn: sqlite3.Connection) -> tuple[str, ...]:
    """'new' and the numbers of the open cases."""
    from ..case.repo import list_cases

    return ("new", *(str(case.id) for case in list_cases(conn, status="open")))


def dynamic_choices(step_id: str, key: str, state: WizardState, env: FlowEnv | None) -> tuple[str, ...] | None:
    """Choices that depend on the data (cases) rather than on the question alone."""
    if step_id == "case" and key == "case" and env is not None:
        return case_choices(env.conn)
    if step_id == "plan" and key == "choice" and state.results.get("analysis", {}).get("available_plans"):
        return tuple(state.results["analysis"]["available_plans"])
    return None


def validate_step(step_id: str, raw: dict[str, Any], state: WizardState, env: FlowEnv | None
                  ) -> tuple[dict[str, Any], list[str]]:
    """Parse every answer of one step; return the values and a sentence for each missing or wrong one."""
    step = STEP_BY_ID[step_id]
    parsed: dict[str, Any] = {}
    problems: list[str] = []
    known = {question.key for question in step.questions} | {"skip"}
    for key in raw:
        if key not in known:
            problems.append(t("wizard.errors.unknown_answer", where=f"{step_id}.{key}"))
    for question in step.questions:
        if not is_asked(question, parsed):
            continue
        value = raw.get(question.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if question.required:
                problems.append(t("wizard.errors.missing_answer", where=f"{step_id}.{question.key}",
                                  name=label_of(step_id, question.key)))
            continue
        try:
            if question.kind == "group":
                parsed[question.key] = _parse_group(step_id, question, value, state, problems)
            else:
                parsed[question.key] = parse_answer(step_id, question, value, jurisdiction=state.jurisdiction,
                                                    choices=dynamic_choices(step_id, question.key, state, env))
        except OverdueError as err:
            problems.append(f"{step_id}.{question.key}: {err.message()}")
    return parsed, problems


def _parse_group(step_id: str, question: Question, value: Any, state: WizardState,
                 problems: list[str]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise bad_input("wizard.errors.group", field=label_of(step_id, question.key))
    entries = []
    names = {sub.key for sub in question.fields}
    for index, item in enumerate(value, start=1):
        entry: dict[str, Any] = {}
        where = f"{step_id}.{question.key}[{index}]"
        for key in item:
            if key not in names:
                problems.append(t("wizard.errors.unknown_answer", where=f"{where}.{key}"))
        for sub in question.fields:
            raw = item.get(sub.key)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if sub.required:
                    problems.append(t("wizard.errors.missing_answer", where=f"{where}.{sub.key}",
                                      name=label_of(step_id, f"{question.key}.{sub.key}")))
                continue
            try:
                entry[sub.key] = parse_answer(step_id, Question(f"{question.key}.{sub.key}", sub.kind,
                                                                sub.required, sub.choices), raw,
                                              jurisdiction=state.jurisdiction)
            except OverdueError as err:
                problems.append(f"{where}.{sub.key}: {err.message()}")
        entries.append(entry)
    return entries


def validate_document(document: dict[str, Any], state: WizardState, env: FlowEnv) -> list[str]:
    """Every problem of a whole answers file, before anything is run or saved."""
    problems = [t("wizard.errors.unknown_section", section=name) for name in document if name not in STEP_IDS]
    for step in STEPS:
        section = document.get(step.id)
        if section is not None and not isinstance(section, dict):
            problems.append(t("wizard.errors.section_type", section=step.id))
            continue
        if not step.questions:
            continue
        if section is not None and section.get("skip") is True:
            if not step.skippable:
                problems.append(t("wizard.errors.not_skippable", section=step.id))
            continue
        if section is None:
            problems.append(t("wizard.errors.missing_section", section=step.id))
            continue
        parsed, step_problems = validate_step(step.id, section, state, env)
        if step.id == "welcome":
            # Later answers (times, defaults) depend on the jurisdiction chosen here.
            state.answers["welcome"] = {key: section[key] for key in parsed}
        problems.extend(step_problems)
    return problems


def with_welcome_defaults(document: dict[str, Any], lang: str) -> dict[str, Any]:
    """An answers file may leave out the welcome: the language of the command and its usual rules then apply."""
    document = dict(document)
    welcome = dict(document.get("welcome") or {}) if isinstance(document.get("welcome", {}), dict) else document["welcome"]
    if isinstance(welcome, dict):
        welcome.setdefault("lang", lang)
        welcome.setdefault("jurisdiction", "cn" if welcome["lang"] == "zh" else "us")
    document["welcome"] = welcome
    return document


# ---------------------------------------------------------------- running the steps


def signature(raw: dict[str, Any]) -> str:
    """A stable fingerprint of a step's answers, so a step redone with the same answers is not run twice."""
    return json.dumps(raw, sort_keys=True, ensure_ascii=False, default=_json_default)


def parsed_step(step_id: str, raw: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    """The parsed answers of one step; bad input listing every problem if any answer is missing or wrong."""
    parsed, problems = validate_step(step_id, raw, state, env)
    if problems:
        raise bad_input("wizard.errors.answers", details="\n".join(problems))
    return parsed


def run_step(step_id: str, raw: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    """Validate and carry out one step, record its answers and result in `state`, and return the result."""
    parsed = parsed_step(step_id, raw, state, env)
    state.answers[step_id] = {key: value for key, value in raw.items() if value is not None and key != "skip"}
    if step_id in state.skipped:
        state.skipped.remove(step_id)
    fingerprint = signature(state.answers[step_id])
    if state.signatures.get(step_id) == fingerprint and step_id in state.results and step_id != "summary":
        return state.results[step_id]
    result = RUNNERS[step_id](parsed, state, env)
    state.results[step_id] = result
    state.signatures[step_id] = fingerprint
    if step_id == "welcome":
        state.lang = parsed["lang"]
    return result


def _run_welcome(parsed: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    return {"lang": parsed["lang"], "jurisdiction": parsed["jurisdiction"]}


def _run_check(parsed: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    from ..check.core import check_message

    verdict = check_message(parsed["message"], jurisdiction=state.jurisdiction, received_at=parsed.get("received_at"),
                            sender=parsed.get("sender"), lang=None)
    return {"verdict": verdict.as_dict(state.lang)}


def _case_values(parsed: dict[str, Any], state: WizardState) -> dict[str, Any]:
    from ..case.models import SPEC_BY_NAME, default_for

    values = {key: parsed[key] for key in ("lender", "amount_due", "principal", "due_date", "late_rate",
                                           "account_ref", "borrower_name") if parsed.get(key) is not None}
    values["jurisdiction"] = state.jurisdiction
    raw_amount = state.answers.get("case", {}).get("amount_due")
    from ..money import parse_money

    currency = parse_money(str(raw_amount)).currency if raw_amount is not None else None
    values["currency"] = currency or SPEC_BY_NAME["currency"].parse(default_for("currency", values, state.lang), "")
    values["letter_lang"] = state.lang
    return values


def _run_case(parsed: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    from ..case.models import build_case
    from ..case.repo import get_case, insert_case, update_case

    if parsed["case"] != "new":
        case = get_case(env.conn, int(parsed["case"]))
        return {"case_id": case.id, "created": False, "case": case.as_dict()}
    values = _case_values(parsed, state)
    previous = state.results.get("case")
    if previous and previous.get("created"):
        # Back and forward again with changed answers: correct the case made earlier, do not add a second one.
        existing = get_case(env.conn, previous["case_id"])
        case = update_case(env.conn, build_case(values).with_changes(id=existing.id, created_at=existing.created_at))
    else:
        case = insert_case(env.conn, build_case(values))
    return {"case_id": case.id, "created": True, "case": case.as_dict()}


def case_defaults(state: WizardState) -> dict[str, Any]:
    """Answers for a new case suggested by the checked message (lender, amount, due date)."""
    facts = state.results.get("check", {}).get("verdict", {}).get("facts", {}) or {}
    defaults = {}
    for key in ("lender", "amount_due", "due_date"):
        if facts.get(key):
            defaults[key] = str(facts[key])
    return defaults


def _analysis_inputs(state: WizardState, env: FlowEnv):
    """The case, budget, open debts and answers the analysis core needs, from this run's answers."""
    from ..analysis.budget import build_budget
    from ..analysis.core import open_debts
    from ..case.repo import get_case, list_cases

    case = get_case(env.conn, _case_id(state))
    parsed, _ = validate_step("analysis", state.answers.get("analysis", {}), state, env)
    values = {key: value for key, value in parsed.items() if key not in ("causes", "temporary")}
    budget = build_budget(case.currency, values, {key: label_of("analysis", key) for key in values})
    answers = {"causes": parsed["causes"], "temporary": parsed.get("temporary", False)}
    return case, budget, open_debts(case, list_cases(env.conn)), answers


def _case_id(state: WizardState) -> int:
    case_id = state.results.get("case", {}).get("case_id")
    if case_id is None:
        raise bad_input("wizard.errors.needs_case")
    return int(case_id)


def _run_analysis(parsed: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    from ..analysis.core import analyse, local_today
    from ..analysis.store import save_analysis, save_budget
    from ..store.db import transaction

    case, budget, owed, answers = _analysis_inputs(state, env)
    result = analyse(case, answers, budget, owed, local_today(case))
    with transaction(env.conn):
        save_budget(env.conn, budget)
        saved = save_analysis(env.conn, case.id, result)
    available = [option["kind"] for option in result["plans"] if option["available"]]
    return {"analysis": saved, "recommended": result["recommended_plan"], "available_plans": available}


def _run_plan(parsed: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    from ..analysis.core import local_today, plan_options
    from ..analysis.store import save_plan

    if not state.results.get("analysis"):
        raise bad_input("wizard.errors.plan_needs_analysis")
    case, budget, owed, answers = _analysis_inputs(state, env)
    _, options, _ = plan_options(case, budget, owed, causes=answers["causes"], temporary=answers["temporary"],
                                 start=local_today(case))
    option = next((item for item in options if item.kind == parsed["choice"] and item.available), None)
    if option is None:
        raise bad_input("errors.field.choice", field=label_of("plan", "choice"), value=parsed["choice"],
                        options=", ".join(item.kind for item in options if item.available))
    plan = save_plan(env.conn, case.id, option.plan)
    return {"plan": plan.as_dict()}


def _run_letters(parsed: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    from ..case.repo import get_case
    from ..letters.compose import compose_letter, letter_type, missing_facts, resolve_variant
    from ..letters.facts import collect_facts
    from ..letters.export import export_letter
    from ..letters.record import save_letter

    case = get_case(env.conn, _case_id(state))
    folder = _resolve(env, parsed["output_dir"])
    letters = []
    for name in parsed["types"]:
        kind = letter_type(name)
        variant = resolve_variant(kind, case.jurisdiction, None)
        facts = collect_facts(env.conn, case, kind.name, letter_lang=state.lang)
        missing = missing_facts(facts, kind, variant)
        if missing:
            raise bad_input("wizard.errors.letter_facts", letter=choice_text("types", name, state.lang),
                            facts=", ".join(t(f"letters.fact.{item}", case_id=case.id) for item in missing))
        letters.append(compose_letter(facts, kind, variant))
    files = []
    for letter in letters:
        for fmt in parsed["formats"]:
            data, _warnings = export_letter(letter, fmt)
            record = save_letter(env.conn, env.data_dir, letter, fmt, data,
                                 folder / f"case{case.id}-{letter.type}-{letter.lang}.{fmt}", overwrite=env.overwrite)
            files.append({"kind": "letter", "path": record.path})
    return {"files": files}


def choice_text(key: str, value: str, lang: str) -> str:
    """A choice's label in `lang` (letter types, plans…)."""
    from ..i18n import has_key

    name = f"wizard.choice.{key}.{value}"
    return t(name, lang=lang) if has_key(name, lang) else value


def _counterpart(value: str | None) -> dict[str, str | None]:
    """A number goes to counterpart_number (limits are counted per number), anything else is a name."""
    if not value:
        return {"counterpart_name": None, "counterpart_number": None}
    digits = sum(char.isdigit() for char in value)
    return {"counterpart_number": value, "counterpart_name": None} if digits >= 5 else \
        {"counterpart_name": value, "counterpart_number": None}


def log_evidence(parsed: dict[str, Any], state: WizardState, env: FlowEnv) -> list[int]:
    """Append the checked message (when asked) and the contacts given to the case's log, in one transaction."""
    from ..evidence.log import append_entry
    from ..store.db import transaction

    case_id = _case_id(state)
    check, _ = validate_step("check", state.answers.get("check", {}), state, env) \
        if "check" in state.answers and "check" not in state.skipped else ({}, [])
    entries = []
    with transaction(env.conn):
        if parsed.get("log_message") and check.get("message"):
            entries.append(append_entry(
                env.conn, env.data_dir, case_id, at=check.get("received_at") or env.now,
                channel=parsed.get("message_channel") or "sms", direction="incoming", text=check["message"],
                source="wizard", **_counterpart(check.get("sender"))))
        for contact in parsed.get("contacts") or []:
            entries.append(append_entry(
                env.conn, env.data_dir, case_id, at=contact["at"], channel=contact["channel"],
                direction=contact["direction"], contacted=tuple(contact.get("contacted") or ("me",)),
                summary=contact.get("summary"), source="wizard", **_counterpart(contact.get("counterpart"))))
    return [entry.id for entry in entries]


def _run_evidence(parsed: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    from ..evidence.log import list_entries

    case_id = _case_id(state)
    result: dict[str, Any] = {"entries": log_evidence(parsed, state, env), "files": []}
    # Earlier entries count too: the letters just drafted, or contacts logged before (`overdue evidence add`).
    result["total"] = len(list_entries(env.conn, case_id))
    if parsed.get("export"):
        bundle = export_evidence(env, case_id, _resolve(env, parsed["bundle"]), state.lang)
        result["files"].append({"kind": "bundle", "path": str(bundle)})
    return result


def _resolve(env: FlowEnv, path: Path) -> Path:
    return path if path.is_absolute() else env.base_dir / path


def export_evidence(env: FlowEnv, case_id: int, target: Path, lang: str) -> Path:
    """The evidence bundle of the case, through the evidence capability's own exporter."""
    from ..case.repo import get_case
    from ..evidence.bundle import write_bundle

    result = write_bundle(env.conn, env.data_dir, get_case(env.conn, case_id), target, overwrite=env.overwrite,
                          lang=lang)
    return result.path


def default_answer(step_id: str, key: str, state: WizardState, env: FlowEnv) -> Any:
    """A suggested answer, from the language, the checked message and the earlier steps."""
    if step_id == "welcome":
        return state.lang if key == "lang" else ("cn" if state.lang == "zh" else "us")
    if step_id == "case":
        return "new" if key == "case" else case_defaults(state).get(key)
    if step_id == "letters":
        return {"types": suggested_letters(state), "formats": ["pdf"], "output_dir": DEFAULT_OUTPUT_DIR}.get(key)
    if step_id == "plan" and key == "choice":
        return (state.results.get("analysis") or {}).get("recommended")
    if step_id == "evidence":
        checked = "check" in state.results
        case_id = state.results.get("case", {}).get("case_id")
        folder = state.answers.get("letters", {}).get("output_dir") or DEFAULT_OUTPUT_DIR
        return {"log_message": checked, "message_channel": "sms", "export": True,
                "bundle": str(Path(str(folder)) / f"evidence-case{case_id}.zip")}.get(key)
    return None


def suggested_letters(state: WizardState) -> list[str]:
    """Letters that fit the strategy and what the message check found."""
    verdict = state.results.get("check", {}).get("verdict") or {}
    plan_kind = (state.results.get("plan", {}).get("plan") or {}).get("kind") or \
        (state.results.get("analysis") or {}).get("recommended")
    causes = set(state.answers.get("analysis", {}).get("causes") or [])
    letters = []
    if "disputed" in causes or "platform_error" in causes:
        letters.append("dispute")
    elif plan_kind == "extension":
        letters.append("extension")
    elif plan_kind in ("instalments", "pro_rata"):
        letters.append("instalment")
    # A collector breaking the rules gets a conduct letter; a scam did not come from the lender, so it gets none.
    if verdict.get("kind") == "abusive":
        letters.append("conduct")
    return letters or ["phone-script"]


# ---------------------------------------------------------------- summary


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    due: date | None
    params: dict[str, Any]


def checklist(state: WizardState, today: date) -> list[ChecklistItem]:
    """Next steps with dates, from what the earlier steps produced."""
    items: list[ChecklistItem] = []
    verdict = state.results.get("check", {}).get("verdict")
    if verdict and verdict.get("kind") == "scam":
        items.append(ChecklistItem("scam", today, {}))
    items.append(ChecklistItem("verify_debt", today + timedelta(days=1), {}))
    letters = state.results.get("letters", {}).get("files") or []
    if letters:
        items.append(ChecklistItem("send_letters", today + timedelta(days=3), {"count": len(letters)}))
        wait = 30 if state.jurisdiction == "us" else 14
        items.append(ChecklistItem("follow_up", today + timedelta(days=3 + wait), {}))
    plan = state.results.get("plan", {}).get("plan") or {}
    if plan.get("rows"):
        from ..money import format_money

        first = plan["rows"][0]
        items.append(ChecklistItem("first_payment", date.fromisoformat(first["due"]),
                                   {"amount": format_money(Decimal(first["amount"]), plan["currency"], state.lang)}))
    if verdict and verdict.get("kind") == "abusive":
        items.append(ChecklistItem("complain", today + timedelta(days=7), {}))
    items.append(ChecklistItem("keep_logging", None, {}))
    return items


def produced_files(state: WizardState) -> list[dict[str, str]]:
    """Every file the run wrote, with what it is."""
    files = []
    for step_id in ("letters", "evidence"):
        for item in state.results.get(step_id, {}).get("files") or []:
            files.append(item)
    return files


def _run_summary(parsed: dict[str, Any], state: WizardState, env: FlowEnv) -> dict[str, Any]:
    from ..guide.content import help_channels

    items = [{"key": item.key, "due": item.due.isoformat() if item.due else None,
              "text": t(f"wizard.summary.todo.{item.key}", lang=state.lang, **item.params)}
             for item in checklist(state, env.today)]
    case = state.results.get("case", {})
    return {"case_id": case.get("case_id"), "files": produced_files(state), "checklist": items,
            "skipped": list(state.skipped), "help": help_channels(state.jurisdiction, state.lang)["jurisdictions"][0]}


RUNNERS: dict[str, Callable[[dict[str, Any], WizardState, FlowEnv], dict[str, Any]]] = {
    "welcome": _run_welcome,
    "check": _run_check,
    "case": _run_case,
    "analysis": _run_analysis,
    "plan": _run_plan,
    "letters": _run_letters,
    "evidence": _run_evidence,
    "summary": _run_summary,
}


# ---------------------------------------------------------------- scripted runs and progress


def run_document(document: dict[str, Any], env: FlowEnv, *, lang: str,
                 on_step: Callable[[str, WizardState], None] | None = None,
                 before_step: Callable[[str, WizardState, FlowEnv], None] | None = None) -> WizardState:
    """A whole run from an answers file: everything is validated first, then each step runs in order.

    `on_step` is called after each step, `before_step` before it (the demo logs its sample contacts there).
    """
    document = with_welcome_defaults(document, lang)
    state = WizardState(lang=lang)
    problems = validate_document(document, state, env)
    if problems:
        raise bad_input("wizard.errors.answers", details="\n".join(problems))
    state.answers = {}
    for index, step in enumerate(STEPS):
        state.step = index
        section = dict(document.get(step.id) or {})
        if before_step is not None:
            before_step(step.id, state, env)
        if section.get("skip") is True:
            state.mark_skipped(step.id)
        else:
            run_step(step.id, section, state, env)
        state.step = index + 1
        if on_step is not None:
            on_step(step.id, state)
    return state


def answers_document(state: WizardState) -> dict[str, Any]:
    """The answers of a run, as an answers file (TOML has no null: unknown answers are left out)."""
    document: dict[str, Any] = {}
    for step in STEPS:
        if step.id in state.skipped and step.skippable:
            document[step.id] = {"skip": True}
        elif state.answers.get(step.id):
            document[step.id] = {key: _plain(value) for key, value in state.answers[step.id].items()
                                 if value is not None}
    return document


def _plain(value: Any) -> Any:
    if isinstance(value, (Decimal, Path)):
        return str(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    return value


def progress_path(data_dir: Path) -> Path:
    return Path(data_dir) / "wizard" / "progress.json"


def answers_path(data_dir: Path) -> Path:
    return Path(data_dir) / "wizard" / "answers.toml"


def save_progress(state: WizardState, data_dir: Path) -> Path:
    """Write the progress atomically, readable by the owner only."""
    from ..store.files import atomic_write_text, ensure_private_dir

    path = progress_path(data_dir)
    ensure_private_dir(path.parent)
    return atomic_write_text(path, state.to_json(), overwrite=True, mode=0o600)


def load_progress(data_dir: Path) -> WizardState | None:
    """The saved progress, or None when there is none (or it cannot be read)."""
    path = progress_path(data_dir)
    try:
        return WizardState.from_json(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, TypeError, OSError):
        raise OverdueError("wizard.errors.progress_unreadable", path=str(path)) from None


def clear_progress(data_dir: Path) -> None:
    """Forget the progress of a finished run."""
    progress_path(data_dir).unlink(missing_ok=True)


def save_answers(state: WizardState, data_dir: Path) -> Path:
    """Keep the answers of a run as TOML, to run it again with --answers."""
    import tomli_w

    from ..store.files import atomic_write_text, ensure_private_dir

    path = answers_path(data_dir)
    ensure_private_dir(path.parent)
    return atomic_write_text(path, tomli_w.dumps(answers_document(state)), overwrite=True, mode=0o600)


# ---------------------------------------------------------------- answers template


def _example(step_id: str, question: Question, lang: str, prefix: str = "") -> Any:
    from ..i18n import has_key

    if step_id == "welcome":
        return lang if question.key == "lang" else ("cn" if lang == "zh" else "us")
    key = f"wizard.template.example.{prefix}{question.key}"
    value: Any = t(key, lang=lang) if has_key(key, lang) else question.example
    if question.kind == "checkbox":
        return [value]
    if question.kind == "confirm":
        return str(value).lower() == "true"
    if question.kind == "number":
        return int(value)
    return value


def _template_comment(step_id: str, question: Question, lang: str, name: str) -> list[str]:
    notes = [t("wizard.template.required" if question.required else "wizard.template.optional", lang=lang)]
    if question.key == "case":
        notes.append(t("wizard.template.case_hint", lang=lang))
    elif question.choices:
        notes.append(t("wizard.template.several" if question.kind == "checkbox" else "wizard.template.choices",
                       lang=lang, choices=", ".join(question.choices)))
    if question.when is not None:
        other, value = question.when
        notes.append(t("wizard.template.asked_when", lang=lang, question=other, value=str(value).lower()))
    return [f"# {t(f'wizard.q.{step_id}.{name}.label', lang=lang)}", f"#   {' · '.join(notes)}"]


def answers_template(lang: str) -> str:
    """A commented answers file in `lang`, whose example values make a valid run."""
    import tomli_w

    lines = [f"# {line}" for line in t_list("wizard.template.header", lang=lang)]
    for step in STEPS:
        if not step.questions:
            continue
        lines += ["", f"[{step.id}]", f"# {t(f'wizard.steps.{step.id}.title', lang=lang)}: "
                  f"{t(f'wizard.steps.{step.id}.why', lang=lang)}"]
        if step.skippable:
            lines.append(f"# {t('wizard.template.skip_hint', lang=lang)}")
        groups = [question for question in step.questions if question.kind == "group"]
        for question in step.questions:
            if question.kind == "group":
                continue
            lines += _template_comment(step.id, question, lang, question.key)
            lines.append(tomli_w.dumps({question.key: _example(step.id, question, lang)}).strip())
        for group in groups:
            lines += ["", f"# {t(f'wizard.q.{step.id}.{group.key}.label', lang=lang)}",
                      f"# {t('wizard.template.group_hint', lang=lang)}", f"[[{step.id}.{group.key}]]"]
            for sub in group.fields:
                lines += _template_comment(step.id, sub, lang, f"{group.key}.{sub.key}")
                lines.append(tomli_w.dumps({sub.key: _example(step.id, sub, lang, prefix=f"{group.key}_")}).strip())
    return "\n".join(lines) + "\n"

