"""`overdue analyse CASE`, `overdue plan CASE`, `overdue apr`: thin typer commands over the analysis core."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..command_base import prompt_text
from ..settings import Settings


def register(app: typer.Typer) -> None:
    app.command("analyse", help="analysis.analyse.help")(analyse_command)
    app.command("plan", help="analysis.plan.help")(plan_command)
    app.command("apr", help="analysis.apr.help")(apr_command)


def _open(settings: Settings):
    from ..store.db import connect

    return connect(settings.data_dir)


# ---- analyse ------------------------------------------------------------------------------------

def _question_flags() -> list[inspect.Parameter]:
    """One --flag per question (except causes, which is the repeatable --cause), declared from the data."""
    from .questions import QUESTIONS

    return [
        inspect.Parameter(question.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                          annotation=Annotated[Optional[str], typer.Option(question.flag,
                                                                           help=f"analysis.question.{question.name}")])
        for question in QUESTIONS if question.name != "causes"
    ]


def _with_question_flags(func):
    leading = [parameter for parameter in inspect.signature(func, eval_str=True).parameters.values()
               if parameter.kind != inspect.Parameter.VAR_KEYWORD]
    func.__signature__ = inspect.Signature([*leading, *_question_flags()])
    return func


@_with_question_flags
def analyse_command(
    ctx: typer.Context,
    case_id: Annotated[int, typer.Argument(metavar="CASE", help="analysis.arg.case")],
    answers: Annotated[Optional[Path], typer.Option("--answers", metavar="FILE.toml", help="analysis.analyse.answers")] = None,
    cause: Annotated[Optional[list[str]], typer.Option("--cause", help="analysis.analyse.cause")] = None,
    **raw: Optional[str],
) -> None:
    settings = Settings.from_context(ctx)
    from ..case.repo import get_case, list_cases
    from ..store.db import transaction
    from .budget import build_budget
    from .core import analyse, open_debts, previous_loan_answers
    from .questions import label, read_answers_file
    from .store import household_budget, latest_analysis, save_analysis, save_budget

    conn = _open(settings)
    case = get_case(conn, case_id)
    given: dict[str, Any] = read_answers_file(answers) if answers is not None else {}
    given.update({name: value for name, value in raw.items() if value is not None})
    if cause:
        given["causes"] = ",".join(cause)
    saved_budget = household_budget(conn)
    earlier = previous_loan_answers(latest_analysis(conn, case.id))
    values = _ask_missing(settings, case, given, saved_budget, earlier)
    labels = {name: label(name) for name in values if name in _budget_names()}
    labels["essentials"] = _essentials_label()
    budget = build_budget(saved_budget.currency if saved_budget else case.currency, values, labels)
    result = analyse(case, values, budget, open_debts(case, list_cases(conn)), _today(case))
    with transaction(conn):
        save_budget(conn, budget)
        stored = save_analysis(conn, case.id, result)
    from .render import render_analysis

    settings.output.emit(stored, lambda console: render_analysis(console, case, stored))


def _budget_names() -> set[str]:
    from .questions import QUESTIONS

    return {question.name for question in QUESTIONS if question.section == "budget"}


def _essentials_label() -> str:
    from ..i18n import t

    return t("analysis.field.essentials")


def _today(case: Any):
    from .core import local_today

    return local_today(case)


def _ask_missing(settings: Settings, case: Any, given: dict[str, Any], saved_budget: Any,
                 earlier: dict[str, Any]) -> dict[str, Any]:
    """Parse what was given; fill from the saved budget and the last analysis; ask for the rest.

    With --no-input nothing is asked: what is still missing and required is listed (exit 2).
    """
    from ..errors import missing_input
    from ..i18n import t
    from .budget import budget_values
    from .questions import QUESTIONS, label, needed, parse_all, parse_answer

    values = parse_all(given)
    saved: dict[str, Any] = budget_values(saved_budget) if saved_budget else {}
    saved.update(parse_all(earlier))
    missing = []
    for question in QUESTIONS:
        if question.name in values or not needed(question, values, case.jurisdiction):
            continue
        # A required figure is typed, not defaulted to 0; a yes/no default is shown in the user's language.
        default = (_text(saved[question.name]) if question.name in saved
                   else None if question.required else question.default)
        if question.kind == "yes_no" and default is not None:
            default = t(f"analysis.answer.{'yes' if parse_answer(question.name, default) else 'no'}")
        if settings.no_input:
            if question.name in saved:
                values[question.name] = saved[question.name]
            elif question.required:
                missing.append(label(question.name))
            elif question.default is not None:
                values[question.name] = parse_answer(question.name, question.default)
            continue
        if question.name == "causes":
            _print_causes()
        elif question.name == "people":
            sys.stderr.write(t("analysis.analyse.budget_intro") + "\n")
            if saved:
                sys.stderr.write(t("analysis.analyse.budget_kept") + "\n")
        answer = prompt_text(t(f"analysis.question.{question.name}"), default=default, required=question.required,
                             validate=lambda text, name=question.name: parse_answer(name, text))
        if answer is not None:
            values[question.name] = answer
    if missing:
        raise missing_input(missing)
    return values


def _text(value: Any) -> str:
    """A saved answer shown as the prompt's default."""
    from datetime import date
    from decimal import Decimal

    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _print_causes() -> None:
    from ..i18n import t
    from .causes import CAUSES

    for number, cause in enumerate(CAUSES, start=1):
        sys.stderr.write(f"  {number}. {t(f'analysis.cause.{cause}')} ({cause})\n")


# ---- plan ---------------------------------------------------------------------------------------

def plan_command(
    ctx: typer.Context,
    case_id: Annotated[int, typer.Argument(metavar="CASE", help="analysis.arg.case")],
    choose: Annotated[Optional[str], typer.Option("--choose", metavar="KIND", help="analysis.plan.choose")] = None,
    months: Annotated[Optional[str], typer.Option("--months", metavar="N", help="analysis.plan.months")] = None,
    extension_to: Annotated[Optional[str], typer.Option("--extension-to", metavar="DATE",
                                                        help="analysis.plan.extension_to")] = None,
    start: Annotated[Optional[str], typer.Option("--start", metavar="DATE", help="analysis.plan.start")] = None,
) -> None:
    settings = Settings.from_context(ctx)
    from ..case.repo import get_case, list_cases
    from ..dates import parse_date
    from ..errors import bad_input
    from ..i18n import t
    from .core import check_plannable, open_debts, plan_options
    from .plan import MAX_MONTHS
    from .render import problem_text, render_plans
    from .store import household_budget, latest_analysis, save_plan

    kind = _parse_kind(choose) if choose is not None else None
    month_count = _parse_months(months, MAX_MONTHS) if months is not None else None
    conn = _open(settings)
    case = get_case(conn, case_id)
    if case.status != "open":
        raise bad_input("analysis.errors.case_closed", case_id=case_id)
    budget = household_budget(conn)
    if budget is None:
        raise bad_input("analysis.plan.no_budget", case_id=case_id)
    check_plannable(case, budget)
    first_day = parse_date(start, field="--start") if start is not None else _today(case)
    target = parse_date(extension_to, field="--extension-to") if extension_to is not None else None
    if target is not None and target <= first_day:
        raise bad_input("analysis.errors.date_order", field="--extension-to", value=target.isoformat(),
                        previous=first_day.isoformat())
    latest = latest_analysis(conn, case_id) or {}
    owed = open_debts(case, list_cases(conn, status="open"))
    strategy, options, recommended = plan_options(
        case, budget, owed, causes=latest.get("causes", []),
        temporary=latest.get("temporary", False), start=first_day, extension_to=target, months=month_count)
    by_kind = {option.kind: option for option in options}
    data = {"case_id": case_id, "currency": case.currency, "total": format(case.amount_due, "f"),
            "budget": budget.summary(), "strategy": strategy.key, "strategy_why": strategy.why,
            "recommended": recommended.kind if recommended else None,
            "options": [option.as_dict() for option in options], "chosen": None}

    def render(console: Any) -> None:
        render_plans(console, case, budget, strategy, options, recommended, owed)

    def available_kind(text: str) -> str:
        option = by_kind[_parse_kind(text)]
        if not option.available:
            raise bad_input("analysis.errors.plan_unavailable", kind=t(f"analysis.plan.kind.{option.kind}"),
                            problem=problem_text(option, case.currency))
        return option.kind

    if kind is not None:
        available_kind(kind)  # before anything is shown: a --choose that does not fit is bad input
    if not settings.json:
        settings.output.emit(data, render)
    if kind is None and not settings.no_input:
        available = [option.kind for option in options if option.available]
        if available:  # a kind that does not fit is refused and asked again
            kind = prompt_text(t("analysis.plan.choose_prompt", kinds=", ".join(available)), validate=available_kind)
    chosen = None
    if kind is not None:
        chosen = save_plan(conn, case_id, by_kind[kind].plan)
        data["chosen"] = chosen.as_dict()
    if settings.json:
        settings.output.emit(data, render)
        return
    from ..output import make_console

    console = make_console()
    if chosen is not None:
        console.print(t("analysis.plan.chosen", kind=t(f"analysis.plan.kind.{kind}"), case_id=case_id))
    elif any(option.available for option in options):
        console.print(t("analysis.plan.not_saved", case_id=case_id))


def _parse_kind(text: str) -> str:
    from ..errors import bad_input
    from .plan import PLAN_KINDS

    normal = text.strip().lower().replace("-", "_")
    if normal not in PLAN_KINDS:
        raise bad_input("analysis.errors.plan_kind", field="--choose", value=text, options=", ".join(PLAN_KINDS))
    return normal


def _parse_months(text: str, limit: int) -> int:
    from ..errors import bad_input

    if not text.strip().isdigit() or not 1 <= int(text.strip()) <= limit:
        raise bad_input("analysis.errors.months", field="--months", value=text, limit=limit)
    return int(text.strip())


# ---- apr ----------------------------------------------------------------------------------------

def apr_command(
    ctx: typer.Context,
    received: Annotated[Optional[str], typer.Option("--received", metavar="AMOUNT", help="analysis.apr.received")] = None,
    payment: Annotated[Optional[str], typer.Option("--payment", metavar="AMOUNT", help="analysis.apr.payment")] = None,
    count: Annotated[Optional[str], typer.Option("--count", metavar="N", help="analysis.apr.count")] = None,
    period: Annotated[str, typer.Option("--period", help="analysis.apr.period")] = "month",
    schedule: Annotated[Optional[Path], typer.Option("--schedule", metavar="FILE.csv", help="analysis.apr.schedule")] = None,
    start: Annotated[Optional[str], typer.Option("--start", metavar="DATE", help="analysis.apr.start")] = None,
    upfront_fee: Annotated[Optional[str], typer.Option("--upfront-fee", metavar="AMOUNT",
                                                       help="analysis.apr.upfront_fee")] = None,
    contract_amount: Annotated[Optional[str], typer.Option("--contract-amount", metavar="AMOUNT",
                                                           help="analysis.apr.contract_amount")] = None,
    jurisdiction: Annotated[Optional[str], typer.Option("--jurisdiction", help="analysis.apr.jurisdiction")] = None,
    lender_kind: Annotated[str, typer.Option("--lender-kind", help="analysis.apr.lender_kind")] = "licensed",
    region: Annotated[Optional[str], typer.Option("--region", help="analysis.apr.region")] = None,
    contract_date: Annotated[Optional[str], typer.Option("--contract-date", metavar="DATE",
                                                         help="analysis.apr.contract_date")] = None,
    servicemember: Annotated[bool, typer.Option("--servicemember", help="analysis.apr.servicemember")] = False,
) -> None:
    settings = Settings.from_context(ctx)
    from datetime import date
    from decimal import Decimal

    from ..dates import parse_date
    from ..errors import bad_input, missing_input
    from ..money import parse_amount
    from ..store.files import read_text_file
    from .apr import apr_from_schedule, regular_apr
    from .caps import cap_lines
    from .questions import parse_answer

    fee = parse_amount(upfront_fee, field="--upfront-fee") if upfront_fee is not None else Decimal(0)
    contract = parse_amount(contract_amount, field="--contract-amount") if contract_amount is not None else None
    rules = (jurisdiction or ("cn" if settings.lang == "zh" else "us")).strip().lower()
    if rules not in ("cn", "us"):
        raise bad_input("errors.field.choice", field="--jurisdiction", value=jurisdiction, options="cn, us")
    kind = parse_answer("lender_kind", lender_kind)
    signed = parse_date(contract_date, field="--contract-date") if contract_date is not None else None
    if schedule is not None:
        money_in = parse_amount(received, field="--received") if received is not None else None
        first_day = parse_date(start, field="--start") if start is not None else None
        result = apr_from_schedule(read_text_file(schedule), str(schedule), received=money_in, start=first_day,
                                   upfront_fee=fee, contract_amount=contract)
    else:
        asked = _apr_inputs(settings, received=received, payment=payment, count=count)
        if asked is None:
            raise missing_input([flag for flag, value in (("--received", received), ("--payment", payment),
                                                          ("--count", count)) if value is None])
        result = regular_apr(received=asked[0], payment=asked[1], count=asked[2], period=period.strip().lower(),
                             upfront_fee=fee, contract_amount=contract)
    lines = cap_lines(rules, lender_kind=kind, region=region, contract_date=signed, fallback_date=date.today(),
                      servicemember=servicemember)
    data = {**result.as_dict(), "jurisdiction": rules, "region": region,
            "caps": [{**line.as_dict(), "above": result.apr_nominal > line.rate} for line in lines]}
    from .render import render_apr

    settings.output.emit(data, lambda console: render_apr(console, data))


def _apr_inputs(settings: Settings, *, received: str | None, payment: str | None, count: str | None):
    """(received, payment, count) from the flags, asking for missing ones unless --no-input (then None)."""
    from ..i18n import t
    from ..money import parse_amount

    from ..errors import bad_input

    def positive(name: str):
        def parse(text: str):
            amount = parse_amount(text, field=f"--{name}")
            if amount <= 0:  # the same check the core makes, so a prompt can ask again
                raise bad_input(f"analysis.apr.errors.{name}", field=f"--{name}")
            return amount
        return parse

    parsers = {"received": positive("received"), "payment": positive("payment"), "count": _parse_count}
    given = {"received": received, "payment": payment, "count": count}
    if settings.no_input and any(value is None for value in given.values()):
        return None
    values = []
    for name, text in given.items():
        if text is None:
            values.append(prompt_text(t(f"analysis.apr.ask.{name}"), required=True, validate=parsers[name]))
        else:
            values.append(parsers[name](text))
    return tuple(values)


def _parse_count(text: str) -> int:
    from ..errors import bad_input
    from .apr import MAX_PAYMENTS

    normal = text.strip()
    if not normal.isdigit() or not 1 <= int(normal) <= MAX_PAYMENTS:
        raise bad_input("analysis.apr.errors.count", field="--count", value=text, limit=MAX_PAYMENTS)
    return int(normal)
