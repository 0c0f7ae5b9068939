"""The wizard's terminal side: questionary prompts and rich rendering (both imported lazily).

Questions come from questions.py, checks from flow.parse_answer, so a prompt refuses exactly what an
answers file would.
"""

from __future__ import annotations

from typing import Any

from ..errors import OverdueError
from ..i18n import has_key, t, t_list
from .flow import FlowEnv, WizardState, case_choices, parse_answer, step_number
from .questions import STEPS, Question, Step

NAV_CONTINUE, NAV_SKIP, NAV_BACK = "continue", "skip", "back"
# Choice labels shared by several questions.
_CHOICE_SET = {"message_channel": "channel"}


class Interrupted(Exception):
    """Ctrl-C or end of input at a prompt: stop, keeping the progress."""


def ask_prompt(prompt: Any) -> Any:
    """Run a questionary prompt; Ctrl-C or end of input becomes Interrupted."""
    try:
        return prompt.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted() from None


def choice_label(key: str, value: str) -> str:
    """How one choice value is shown."""
    name = f"wizard.choice.{_CHOICE_SET.get(key, key.split('.')[-1])}.{value}"
    return t(name) if has_key(name) else value


def print_step_header(console: Any, step: Step) -> None:
    """'Step 3 of 8: Your debt' and why the step is there."""
    console.print()
    console.rule(t("wizard.step_header", number=step_number(step.id), total=len(STEPS),
                   title=t(f"wizard.steps.{step.id}.title")))
    console.print(t(f"wizard.steps.{step.id}.why"), style="italic", markup=False)


def ask_navigation(step: Step, can_go_back: bool, default: str) -> str:
    """Continue, skip or go back, where natural."""
    import questionary

    options = [questionary.Choice(t("wizard.nav.continue"), NAV_CONTINUE)]
    if step.skippable:
        options.append(questionary.Choice(t("wizard.nav.skip"), NAV_SKIP))
    if can_go_back:
        options.append(questionary.Choice(t("wizard.nav.back"), NAV_BACK))
    default = default if default in [option.value for option in options] else NAV_CONTINUE
    return ask_prompt(questionary.select(t("wizard.nav.question"), choices=options, default=default))


def _validator(step_id: str, question: Question, state: WizardState, choices: tuple[str, ...] | None):
    def validate(text: str) -> bool | str:
        if not text.strip():
            return True if not question.required else t("errors.required_answer")
        try:
            parse_answer(step_id, question, text, jurisdiction=state.jurisdiction, choices=choices)
        except OverdueError as err:
            return err.message()
        return True
    return validate


def _case_choices(env: FlowEnv) -> list[Any]:
    import questionary

    from ..case.repo import get_case
    from ..money import format_money

    options = [questionary.Choice(t("wizard.choice.case.new"), "new")]
    for value in case_choices(env.conn)[1:]:
        case = get_case(env.conn, int(value))
        options.append(questionary.Choice(t("wizard.choice.case.existing", case_id=case.id, lender=case.lender,
                                             amount=format_money(case.amount_due, case.currency, t("meta.lang"))),
                                          value))
    return options


def ask_question(console: Any, step_id: str, question: Question, state: WizardState, env: FlowEnv,
                 default: Any, *, label_key: str | None = None,
                 choices: tuple[str, ...] | None = None) -> Any:
    """Ask one question; return the raw answer (None when an optional one is left empty)."""
    import questionary

    label_key = label_key or f"wizard.q.{step_id}.{question.key}"
    console.print(t("wizard.why_prefix", why=t(f"{label_key}.why")), style="dim", markup=False)
    label = t(f"{label_key}.label")
    allowed = choices if choices is not None else question.choices
    if question.kind == "select":
        if step_id == "case" and question.key == "case":
            options = _case_choices(env)
        else:
            options = [questionary.Choice(choice_label(question.key, value), value) for value in allowed]
        values = [option.value for option in options]
        return ask_prompt(questionary.select(label, choices=options, default=default if default in values else None))
    if question.kind == "checkbox":
        chosen = set(default or [])
        options = [questionary.Choice(choice_label(question.key, value), value, checked=value in chosen)
                   for value in allowed]
        return ask_prompt(questionary.checkbox(label, choices=options, validate=lambda picked: bool(picked) or not
                                         question.required or t("errors.required_answer")))
    if question.kind == "confirm":
        return ask_prompt(questionary.confirm(label, default=True if default is None else bool(default)))
    hint = t("wizard.multiline_hint") if question.kind == "multiline" else (
        "" if question.required else t("wizard.optional_hint"))
    answer = ask_prompt(questionary.text(f"{label} {hint}".strip(), default="" if default is None else str(default),
                                   multiline=question.kind == "multiline",
                                   validate=_validator(step_id, question, state, choices)))
    return answer.strip() or None


def ask_group(console: Any, step_id: str, question: Question, state: WizardState, env: FlowEnv,
              default: list[dict] | None) -> list[dict]:
    """Repeated entries (recent contacts): 'add another?', then the questions of one entry."""
    import questionary

    entries = list(default or [])
    why = t("wizard.why_prefix", why=t(f"wizard.q.{step_id}.{question.key}.why"))
    while console.print(why, style="dim", markup=False) or ask_prompt(questionary.confirm(t(f"wizard.q.{step_id}.{question.key}.label"), default=False)):
        entry: dict[str, Any] = {}
        for sub in question.fields:
            value = ask_question(console, step_id, Question(f"{question.key}.{sub.key}", sub.kind, sub.required,
                                                            sub.choices), state, env, None,
                                 label_key=f"wizard.q.{step_id}.{question.key}.{sub.key}")
            if value is not None:
                entry[sub.key] = value
        entries.append(entry)
    return entries


# ---------------------------------------------------------------- rendering results


def render_welcome(console: Any) -> None:
    """The calm word and the privacy note."""
    console.print(t("wizard.welcome.calm"), markup=False)
    console.print(t("wizard.welcome.privacy"), style="bold", markup=False)


def _bullets(console: Any, heading_key: str, lines: list[str]) -> None:
    if lines:
        console.print(t(heading_key), style="bold")
        for line in lines:
            console.print(f"  • {line}", markup=False)


def _finding_line(finding: dict) -> str:
    tag = str(finding.get("tag"))
    label = t(f"check.tag.{tag}") if has_key(f"check.tag.{tag}") else tag
    excerpt = f" “{finding['excerpt']}”" if finding.get("excerpt") else ""
    return f"{label}:{excerpt} — {finding.get('basis')}"


def render_check(console: Any, result: dict) -> None:
    """The verdict in plain words; for a scam the safety steps come first, before what was found."""
    verdict = result["verdict"]
    kind = verdict.get("kind", "other")
    style = {"scam": "bold red", "abusive": "bold yellow"}.get(kind, "bold")
    console.print(t(f"wizard.check.kind.{kind}"), style=style, markup=False)
    advice = verdict.get("advice") or []
    # The message check puts its safety steps at the head of a scam's advice.
    safety = set(t_list("check.advice.scam_first")) if kind == "scam" else set()
    _bullets(console, "wizard.check.safety_first", [line for line in advice if line in safety])
    _bullets(console, "wizard.check.findings", [_finding_line(finding) for finding in verdict.get("findings") or []])
    _bullets(console, "wizard.check.advice", [line for line in advice if line not in safety])


def render_case(console: Any, result: dict) -> None:
    key = "wizard.case.created" if result.get("created") else "wizard.case.using"
    console.print(t(key, case_id=result["case_id"], lender=result["case"]["lender"]), markup=False)


def render_files(console: Any, files: list[dict]) -> None:
    for item in files:
        console.print(f"  • {t('wizard.summary.file_kind.' + item['kind'])}: {item['path']}", markup=False)


def render_summary(console: Any, result: dict, saved_answers: str | None) -> None:
    """Files, the dated checklist, whom to call, and the disclaimer."""
    console.print(t("wizard.summary.title"), style="bold")
    if result.get("case_id"):
        console.print(t("wizard.summary.case", case_id=result["case_id"]), markup=False)
    console.print(t("wizard.summary.files"), style="bold")
    if result["files"]:
        render_files(console, result["files"])
    else:
        console.print("  " + t("wizard.summary.no_files"), markup=False)
    if result["skipped"]:
        console.print(t("wizard.summary.skipped", steps=", ".join(
            t(f"wizard.steps.{step}.title") for step in result["skipped"])), markup=False)
    console.print(t("wizard.summary.checklist"), style="bold")
    for item in result["checklist"]:
        prefix = f"[{item['due']}] " if item["due"] else ""
        console.print(f"  ☐ {prefix}{item['text']}", markup=False)
    console.print(t("wizard.summary.help"), style="bold")
    for channel in result["help"]["channels"]:
        contact = f" — {channel['contact']}" if channel["contact"] and channel["contact"] not in channel["name"] else ""
        console.print(f"  • {channel['name']}{contact}", markup=False)
    if saved_answers:
        console.print(t("wizard.summary.saved_answers", path=saved_answers), markup=False)
    console.print(t("wizard.not_advice"), style="italic", markup=False)


def render_result(console: Any, step_id: str, result: dict) -> None:
    """What a step did, in a line or a few."""
    if step_id == "check":
        render_check(console, result)
    elif step_id == "case":
        render_case(console, result)
    elif step_id in RESULT_RENDERERS:
        RESULT_RENDERERS[step_id](console, result)


def _render_files_only(console: Any, result: dict) -> None:
    render_files(console, result.get("files") or [])


def _money(amount: str | None, currency: str) -> str:
    from decimal import Decimal

    from ..money import format_money

    return format_money(Decimal(amount), currency, t("meta.lang")) if amount is not None else "—"


def render_analysis(console: Any, result: dict) -> None:
    """The strategy and why, what the budget leaves, and what 90 days of waiting would cost."""
    analysis = result["analysis"]
    currency = analysis["currency"]
    console.print(t("wizard.analysis.strategy", strategy=t(f"analysis.strategy.name.{analysis['strategy']}")),
                  style="bold", markup=False)
    console.print(t(f"analysis.strategy.why.{analysis['strategy_why']}"), markup=False)
    console.print(t("wizard.analysis.disposable", amount=_money(analysis["budget"]["disposable"], currency)),
                  markup=False)
    points = analysis["cost_of_waiting"]["points"]
    if points:
        last = points[-1]
        console.print(t("wizard.analysis.waiting", days=last["days"], amount=_money(last["amount"], currency),
                        extra=_money(last["extra"], currency)), markup=False)
    console.print(t("wizard.analysis.done"), style="dim", markup=False)


def render_plan(console: Any, result: dict) -> None:
    """The chosen plan and its first payments."""
    plan = result["plan"]
    console.print(t("wizard.plan.chosen", plan=choice_label("choice", plan["kind"]),
                    total=_money(plan["total"], plan["currency"]), count=len(plan["rows"])), markup=False)
    for row in plan["rows"][:3]:
        console.print(f"  • {row['due']}: {_money(row['amount'], plan['currency'])}", markup=False)
    if len(plan["rows"]) > 3:
        console.print("  • …", markup=False)


def render_evidence(console: Any, result: dict) -> None:
    """How many entries this step added, how many the case's log holds, and the bundle."""
    if result.get("entries"):
        console.print(t("wizard.evidence.logged", count=len(result["entries"])), markup=False)
    console.print(t("wizard.evidence.total", count=result.get("total", 0)), markup=False)
    render_files(console, result.get("files") or [])


RESULT_RENDERERS = {"analysis": render_analysis, "plan": render_plan, "letters": _render_files_only,
                    "evidence": render_evidence}
