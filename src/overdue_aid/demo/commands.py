"""`overdue demo`: a complete scripted run of the wizard on a built-in sample case.

It runs in a temporary data dir (your own data is never touched) and leaves a checked message, an
analysis, letters (PDF and DOCX) and an evidence bundle in one folder, then says where each is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Callable

import typer

from ..settings import Settings


def register(app: typer.Typer) -> None:
    app.command("demo", help="demo.help")(demo_command)


def sample_document(lang: str) -> dict[str, Any]:
    """The built-in sample answers: a mainland case in Chinese, a US case in English."""
    import tomllib
    from importlib.resources import files

    name = "sample-cn.toml" if lang == "zh" else "sample-us.toml"
    return tomllib.loads(files("overdue_aid.demo").joinpath(name).read_text("utf-8"))


def _check_output_dir(output: Path, force: bool) -> None:
    from ..errors import bad_input

    if output.exists() and not output.is_dir():
        raise bad_input("demo.errors.not_dir", path=str(output))
    if output.is_dir() and any(output.iterdir()) and not force:
        raise bad_input("demo.errors.exists", path=str(output))


def _write_json(path: Path, data: Any, force: bool) -> Path:
    from ..output import to_json
    from ..store.files import atomic_write_text

    return atomic_write_text(path, to_json(data) + "\n", overwrite=force)


# Answers of the evidence step that export the bundle; the others log the message and the contacts.
_EXPORT_ANSWERS = ("export", "bundle")


def contacts_first(document: dict[str, Any], *, show: bool
                   ) -> tuple[dict[str, Any], Callable[[str, Any, Any], None]]:
    """The sample with its evidence logged before the letters are drafted, and the hook that logs it.

    The wizard drafts letters (step 6) before it logs evidence (step 7), so its letters cannot name contacts
    logged in the same run. The demo logs the sample's message and contacts first, so that the conduct letter
    names them with their dates; step 7 then exports the bundle, which holds the contacts and the letters.
    """
    evidence = document["evidence"]
    logging = {key: value for key, value in evidence.items() if key not in _EXPORT_ANSWERS}
    document = {**document, "evidence": {key: evidence[key] for key in _EXPORT_ANSWERS if key in evidence}}

    def log_before_letters(step_id: str, state: Any, env: Any) -> None:
        if step_id != "letters":
            return
        from ..i18n import t
        from ..output import make_console
        from ..wizard.flow import log_evidence, parsed_step

        entries = log_evidence(parsed_step("evidence", logging, state, env), state, env)
        if show:
            make_console().print(t("demo.prelogged", count=len(entries)), markup=False)

    return document, log_before_letters


def run_demo(settings: Settings, output: Path, force: bool) -> list[dict[str, str]]:
    """Run the sample in a throw-away data dir; return the files left in `output` (kind, path)."""
    import tempfile

    from ..wizard.commands import run_scripted
    from ..wizard.flow import produced_files

    output.mkdir(parents=True, exist_ok=True)
    document, before_step = contacts_first(sample_document(settings.lang), show=not settings.json)
    with tempfile.TemporaryDirectory(prefix="overdue-demo-") as temp:
        demo_settings = Settings(lang=settings.lang, data_dir_override=Path(temp), json=settings.json, no_input=True)
        state = run_scripted(demo_settings, document, base_dir=output, quiet=settings.json, overwrite=force,
                             before_step=before_step)
    # The sample answers every step, so each result is there.
    checked = {"message": state.answers["check"]["message"], **state.results["check"]["verdict"]}
    analysis = {**state.results["analysis"]["analysis"], "plan": state.results["plan"]["plan"]}
    return [{"kind": "check", "path": str(_write_json(output / "message-check.json", checked, force))},
            {"kind": "analysis", "path": str(_write_json(output / "analysis.json", analysis, force))},
            *produced_files(state)]


def demo_command(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="demo.output_option")] = Path("overdue-demo"),
    force: Annotated[bool, typer.Option("--force", help="demo.force_option")] = False,
) -> None:
    settings = Settings.from_context(ctx)
    from ..i18n import t

    output = output.expanduser().resolve()
    _check_output_dir(output, force)
    files = run_demo(settings, output, force)

    def render(console: Any) -> None:
        from ..wizard.screens import render_files

        console.print()
        console.print(t("demo.done", path=str(output)), style="bold", markup=False)
        render_files(console, files)
        console.print(t("demo.next"), markup=False)

    settings.output.emit({"output_dir": str(output), "files": files}, render)
