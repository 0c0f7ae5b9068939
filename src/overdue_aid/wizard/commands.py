"""`overdue wizard`: the guided path, interactive (questionary) or from an answers file."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from ..settings import Settings


def register(app: typer.Typer) -> None:
    app.command("wizard", help="wizard.help")(wizard_command)


def _read_answers(path: Path) -> dict[str, Any]:
    import tomllib

    from ..errors import bad_input
    from ..store.files import read_text_file

    try:
        return tomllib.loads(read_text_file(path))
    except tomllib.TOMLDecodeError as err:
        raise bad_input("wizard.errors.answers_file", path=str(path), detail=str(err)) from None


def make_env(settings: Settings, *, base_dir: Path | None = None, overwrite: bool = False):
    """The database, data dir and clock the steps use."""
    from ..store.db import connect
    from .flow import FlowEnv

    return FlowEnv(conn=connect(settings.data_dir), data_dir=settings.data_dir, now=datetime.now().astimezone(),
                   base_dir=base_dir or Path.cwd(), overwrite=overwrite)


def run_scripted(settings: Settings, document: dict[str, Any], *, base_dir: Path | None = None,
                 quiet: bool = False, overwrite: bool = False,
                 before_step: Callable[[str, Any, Any], None] | None = None):
    """Run the whole flow from answers, printing each step's outcome unless --json or `quiet`.

    `before_step(step_id, state, env)` runs before each step (see flow.run_document).
    """
    from ..i18n import set_language, t
    from ..output import make_console
    from .flow import run_document, save_progress
    from .questions import STEP_BY_ID
    from .screens import print_step_header, render_result

    env = make_env(settings, base_dir=base_dir, overwrite=overwrite)
    console = None if settings.json or quiet else make_console()

    def on_step(step_id: str, state: Any) -> None:
        save_progress(state, settings.data_dir)
        if step_id == "welcome":
            set_language(state.lang)
        if console is not None and step_id not in ("welcome", "summary"):
            print_step_header(console, STEP_BY_ID[step_id])
            if step_id in state.skipped:
                console.print(t("wizard.nav.skip"), style="dim")
            else:
                render_result(console, step_id, state.results.get(step_id, {}))

    return run_document(document, env, lang=settings.lang, on_step=on_step, before_step=before_step)


def _final_output(settings: Settings, state: Any, saved_answers: Path | None) -> None:
    from .screens import render_summary

    summary = state.results.get("summary", {})
    data = {"lang": state.lang, "jurisdiction": state.jurisdiction, "case_id": summary.get("case_id"),
            "skipped": state.skipped, "steps": {key: value for key, value in state.results.items() if key != "summary"},
            "summary": summary, "answers_file": str(saved_answers) if saved_answers else None}
    settings.output.emit(data, lambda console: render_summary(console, summary,
                                                              str(saved_answers) if saved_answers else None))


def wizard_command(
    ctx: typer.Context,
    resume: Annotated[bool, typer.Option("--resume", help="wizard.resume_option")] = False,
    answers: Annotated[Optional[Path], typer.Option("--answers", metavar="FILE.toml", help="wizard.answers_option")] = None,
    answers_template: Annotated[bool, typer.Option("--answers-template", help="wizard.template_option")] = False,
) -> None:
    settings = Settings.from_context(ctx)
    from ..errors import bad_input
    from .flow import answers_template as make_template
    from .flow import clear_progress

    if answers_template:
        sys.stdout.write(make_template(settings.lang))
        return
    document = _read_answers(answers) if answers is not None else None
    if settings.no_input or (document is not None and settings.json):
        if document is None:
            raise bad_input("wizard.errors.no_answers")
        state = run_scripted(settings, document)
        clear_progress(settings.data_dir)
        _final_output(settings, state, None)
        return
    if not sys.stdin.isatty():
        raise bad_input("wizard.errors.no_terminal")
    _interactive(settings, document or {}, resume)


def _start_state(settings: Settings, resume: bool, console: Any):
    from ..errors import bad_input
    from ..i18n import t
    from .flow import WizardState, load_progress
    from .questions import STEPS
    from .screens import ask_prompt as _ask

    saved = load_progress(settings.data_dir)
    if resume:
        if saved is None:
            raise bad_input("wizard.errors.no_progress")
        return saved
    if saved is not None and 0 < saved.step < len(STEPS):
        import questionary

        if _ask(questionary.confirm(t("wizard.progress.found", number=saved.step + 1, total=len(STEPS)),
                                    default=True)):
            return saved
    return WizardState(lang=settings.lang)


def _ask_step(console: Any, step: Any, state: Any, env: Any, preset: dict[str, Any]) -> dict[str, Any]:
    """Ask the questions of one step, keeping each answer in the progress as it is given."""
    from .flow import default_answer, is_asked, parse_answer, save_progress
    from .screens import ask_group, ask_question

    raw = state.answers.setdefault(step.id, {})
    parsed: dict[str, Any] = {}
    for question in step.questions:
        if not is_asked(question, parsed):
            raw.pop(question.key, None)
            continue
        default = raw.get(question.key, preset.get(question.key))
        if default is None:
            default = default_answer(step.id, question.key, state, env)
        if question.kind == "group":
            value = ask_group(console, step.id, question, state, env, default)
        else:
            value = ask_question(console, step.id, question, state, env, default,
                                 choices=choices_for(step.id, question.key, state, env))
        if value is None or value == []:
            raw.pop(question.key, None)
        else:
            raw[question.key] = value
            if question.kind != "group":
                parsed[question.key] = parse_answer(step.id, question, value, jurisdiction=state.jurisdiction,
                                                    choices=choices_for(step.id, question.key, state, env))
        save_progress(state, env.data_dir)
    return dict(raw)


def choices_for(step_id: str, key: str, state: Any, env: Any) -> tuple[str, ...] | None:
    from .flow import dynamic_choices

    return dynamic_choices(step_id, key, state, env)


def _interactive(settings: Settings, preset: dict[str, Any], resume: bool) -> None:
    from ..errors import OverdueError
    from ..i18n import set_language, t
    from ..output import make_console
    from .flow import clear_progress, run_step, save_answers, save_progress
    from .questions import STEPS
    from .screens import (NAV_BACK, NAV_CONTINUE, NAV_SKIP, Interrupted, ask_navigation, print_step_header,
                          render_result, render_welcome)

    console = make_console()
    env = make_env(settings)
    state = None
    index = 0
    try:
        state = _start_state(settings, resume, console)
        set_language(state.lang)
        index = state.step
        while index < len(STEPS):
            step = STEPS[index]
            state.step = index
            save_progress(state, settings.data_dir)
            print_step_header(console, step)
            if step.id == "welcome":
                render_welcome(console)
            if step.id not in ("welcome", "summary"):
                planned_skip = step.id in state.skipped or (preset.get(step.id) or {}).get("skip") is True
                choice = ask_navigation(step, index > 0, NAV_SKIP if planned_skip else NAV_CONTINUE)
                if choice == NAV_BACK:
                    index -= 1  # the navigation offers "back" only after the first step
                    continue
                if choice == NAV_SKIP:
                    state.mark_skipped(step.id)
                    index += 1
                    continue
            raw = _ask_step(console, step, state, env, preset.get(step.id) or {}) if step.questions else {}
            try:
                result = run_step(step.id, raw, state, env)
            except OverdueError as err:
                console.print(t("errors.prefix", message=err.message()), style="red", markup=False)
                continue  # the same step again, with the answers given as defaults
            if step.id == "welcome":
                set_language(state.lang)
            if step.id == "summary":
                state.step = len(STEPS)
                saved = save_answers(state, settings.data_dir)
                clear_progress(settings.data_dir)
                from .screens import render_summary

                render_summary(console, result, str(saved))
                return
            render_result(console, step.id, result)
            index += 1
    except Interrupted:
        if state is not None:
            state.step = index
            save_progress(state, settings.data_dir)
        sys.stderr.write("\n" + t("wizard.progress.saved") + "\n")
        raise typer.Exit(130) from None
