"""`overdue demo`: a complete scripted run of the wizard on a built-in sample case.

It runs in a temporary data dir (your own data is never touched) and leaves a checked message, an
analysis, letters (PDF and DOCX) and an evidence bundle in one folder, then says where each is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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


def run_demo(settings: Settings, output: Path, force: bool) -> list[dict[str, str]]:
    """Run the sample in a throw-away data dir; return the files left in `output` (kind, path)."""
    import tempfile

    from ..wizard.commands import run_scripted

    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="overdue-demo-") as temp:
        demo_settings = Settings(lang=settings.lang, data_dir_override=Path(temp), json=settings.json, no_input=True)
        state = run_scripted(demo_settings, sample_document(settings.lang), base_dir=output, quiet=settings.json,
                             overwrite=force)
        files: list[dict[str, str]] = []
        check = state.results.get("check", {})
        if check.get("verdict"):
            document = {"message": state.answers["check"]["message"], **check["verdict"]}
            files.append({"kind": "check", "path": str(_write_json(output / "message-check.json", document, force))})
        analysis = state.results.get("analysis", {})
        if analysis.get("analysis"):
            data = {**analysis["analysis"], "plan": state.results.get("plan", {}).get("plan")}
            files.append({"kind": "analysis", "path": str(_write_json(output / "analysis.json", data, force))})
        for step_id in ("letters", "evidence"):
            files.extend(state.results.get(step_id, {}).get("files") or [])
    return files


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
        console.print()
        console.print(t("demo.done", path=str(output)), style="bold", markup=False)
        for item in files:
            console.print(f"  • {t('wizard.summary.file_kind.' + item['kind'])}: {item['path']}", markup=False)
        console.print(t("demo.next"), markup=False)

    settings.output.emit({"output_dir": str(output), "files": files}, render)
