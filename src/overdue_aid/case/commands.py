"""`overdue case …`: new, list, show, edit, export, import."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..command_base import OverdueTyper, prompt_text
from ..settings import Settings
from .models import FIELD_SPECS, SPEC_BY_NAME, Case, build_case, default_for

case_app = OverdueTyper(name="case", help="case.help")


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case", help="case.help")


def _open(settings: Settings):
    from ..store.db import connect

    return connect(settings.data_dir)


def _field_label(name: str) -> str:
    from ..i18n import t

    return t(f"case.field.{name}")


def _field_parameters() -> list[inspect.Parameter]:
    """One --flag per case field, declared once for `new` and `edit`."""
    return [
        inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                          annotation=Annotated[Optional[str], typer.Option(f"--{spec.name.replace('_', '-')}",
                                                                           help=f"case.field.{spec.name}")])
        for spec in FIELD_SPECS
    ]


def _with_field_flags(*leading: inspect.Parameter):
    def decorate(func):
        func.__signature__ = inspect.Signature([*leading, *_field_parameters()])
        return func
    return decorate


_CTX = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
_CASE_ID = inspect.Parameter("case_id", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                             annotation=Annotated[int, typer.Argument(metavar="ID", help="case.arg.id")])


def _parse_given(raw: dict[str, Optional[str]]) -> dict[str, Any]:
    """Parse every flag that was given; report all bad ones at once."""
    from ..errors import OverdueError, bad_input
    from ..money import parse_money

    values: dict[str, Any] = {}
    problems: list[str] = []
    for name, text in raw.items():
        if text is None:
            continue
        try:
            values[name] = SPEC_BY_NAME[name].parse(text, _field_label(name))
            if name == "amount_due" and raw.get("currency") is None:
                currency = parse_money(text).currency
                if currency:
                    values["currency"] = currency
        except OverdueError as err:
            problems.append(err.message())
    if problems:
        raise bad_input("errors.several", details="\n".join(problems))
    return values


def render_case(console: Any, case: Case) -> None:
    from rich.table import Table

    from ..i18n import t
    from ..money import format_money

    table = Table(title=t("case.show.title", case_id=case.id, lender=case.lender), show_header=False)
    table.add_column(style="bold")
    table.add_column()
    data = case.as_dict()
    for spec in FIELD_SPECS:
        value = getattr(case, spec.name)
        if value is None:
            continue
        if spec.name in ("amount_due", "principal", "fees"):
            shown = format_money(value, case.currency, t("meta.lang"))
        elif spec.name == "late_rate":
            shown = t("case.show.rate", rate=data["late_rate"])
        elif spec.name == "status":
            shown = t(f"case.status.{case.status}")
        else:
            shown = str(data[spec.name])
        table.add_row(_field_label(spec.name), shown)
    console.print(table)


@case_app.command("new", help="case.new.help")
@_with_field_flags(_CTX)
def case_new(ctx: typer.Context, **raw: Optional[str]) -> None:
    settings = Settings.from_context(ctx)
    from ..errors import missing_input
    from ..i18n import t
    from .repo import insert_case

    values = _parse_given(raw)
    for spec in FIELD_SPECS:
        if spec.name in values or not spec.prompt:
            continue
        default = default_for(spec.name, values, settings.lang)
        if settings.no_input:
            if default is not None:
                values[spec.name] = spec.parse(default, spec.name)
            continue
        answer = prompt_text(t(f"case.prompt.{spec.name}"), default=default, required=spec.required,
                             validate=lambda text, spec=spec: spec.parse(text, _field_label(spec.name)))
        if answer is not None:
            values[spec.name] = answer
    missing = [spec for spec in FIELD_SPECS if spec.required and spec.name not in values]
    if missing:
        raise missing_input([f"{_field_label(spec.name)} (--{spec.name.replace('_', '-')})" for spec in missing])
    conn = _open(settings)
    case = insert_case(conn, build_case(values))
    settings.output.emit(case.as_dict(), lambda console: (
        console.print(t("case.new.created", case_id=case.id, lender=case.lender)), render_case(console, case)))


@case_app.command("list", help="case.list.help")
def case_list(ctx: typer.Context,
              status: Annotated[Optional[str], typer.Option("--status", help="case.list.status")] = None) -> None:
    settings = Settings.from_context(ctx)
    from ..i18n import t
    from .repo import list_cases

    if status is not None:
        status = SPEC_BY_NAME["status"].parse(status, "--status")
    cases = list_cases(_open(settings), status=status)

    def render(console: Any) -> None:
        if not cases:
            console.print(t("case.list.empty"))
            return
        from rich.table import Table

        from ..money import format_money

        table = Table(title=t("case.list.title"))
        for column in ("id", "lender", "amount_due", "due_date", "jurisdiction", "status"):
            table.add_column(t(f"case.column.{column}"))
        for case in cases:
            table.add_row(str(case.id), case.lender, format_money(case.amount_due, case.currency, settings.lang),
                          case.due_date.isoformat() if case.due_date else "—", case.jurisdiction,
                          t(f"case.status.{case.status}"))
        console.print(table)

    settings.output.emit([case.as_dict() for case in cases], render)


@case_app.command("show", help="case.show.help")
def case_show(ctx: typer.Context,
              case_id: Annotated[int, typer.Argument(metavar="ID", help="case.arg.id")]) -> None:
    settings = Settings.from_context(ctx)
    from ..analysis.store import case_summary
    from .repo import get_case

    conn = _open(settings)
    case = get_case(conn, case_id)
    summary = case_summary(conn, case_id)  # latest analysis and chosen plan (None when absent)

    def render(console: Any) -> None:
        from ..analysis.render import render_case_summary

        render_case(console, case)
        render_case_summary(console, summary)

    settings.output.emit({**case.as_dict(), **summary}, render)


@case_app.command("edit", help="case.edit.help")
@_with_field_flags(_CTX, _CASE_ID)
def case_edit(ctx: typer.Context, case_id: int, **raw: Optional[str]) -> None:
    settings = Settings.from_context(ctx)
    from ..errors import bad_input
    from ..i18n import t
    from .repo import get_case, update_case

    conn = _open(settings)
    case = get_case(conn, case_id)
    changes = _parse_given(raw)
    if not changes:
        if settings.no_input:
            raise bad_input("errors.case.nothing_to_change")
        current = case.as_dict()
        for spec in FIELD_SPECS:
            shown = current.get(spec.name)
            answer = prompt_text(t(f"case.prompt.{spec.name}"), default=str(shown) if shown is not None else None,
                                 validate=lambda text, spec=spec: spec.parse(text, _field_label(spec.name)))
            if answer is not None and answer != getattr(case, spec.name):
                changes[spec.name] = answer
    updated = update_case(conn, case.with_changes(**changes)) if changes else case
    settings.output.emit(updated.as_dict(), lambda console: (
        console.print(t("case.edit.done", case_id=case_id, count=len(changes))), render_case(console, updated)))


@case_app.command("export", help="case.export.help")
def case_export(ctx: typer.Context,
                case_id: Annotated[int, typer.Argument(metavar="ID", help="case.arg.id")],
                output: Annotated[Path, typer.Option("--output", "-o", help="case.export.output")],
                force: Annotated[bool, typer.Option("--force", help="options.force")] = False) -> None:
    settings = Settings.from_context(ctx)
    from ..i18n import t
    from .export_sections import export_extra
    from .repo import get_case
    from .toml_io import export_case

    conn = _open(settings)
    case = get_case(conn, case_id)
    path = export_case(case, output, overwrite=force, extra=export_extra(conn, case_id))
    settings.output.emit({"id": case_id, "path": str(path)},
                         lambda console: console.print(t("case.export.done", case_id=case_id, path=str(path))))


@case_app.command("import", help="case.import.help")
def case_import(ctx: typer.Context,
                source: Annotated[Path, typer.Argument(metavar="FILE.toml", help="case.import.file")]) -> None:
    settings = Settings.from_context(ctx)
    from ..i18n import t
    from ..store.db import transaction
    from .export_sections import import_extra
    from .repo import insert_case
    from .toml_io import read_case_file

    case, extra = read_case_file(source)
    conn = _open(settings)
    import_extra(conn, None, extra, dry_run=True)  # validate every section before writing anything
    with transaction(conn):
        saved = insert_case(conn, case)
        import_extra(conn, saved.id, extra, dry_run=False)
    settings.output.emit(saved.as_dict(), lambda console: (
        console.print(t("case.import.done", case_id=saved.id, lender=saved.lender)), render_case(console, saved)))
