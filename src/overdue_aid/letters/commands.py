"""`overdue draft TYPE --case ID`: a letter from the case, its plan and its evidence log; `overdue draft --list`.

The letter's language: --letter-lang if given, else --lang when it was given on the command line, else the
case's letter language. (OVERDUE_LANG and the system locale choose only the language of the program.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..command_base import prompt_text
from ..settings import Settings

_BINARY_FORMATS = ("docx", "pdf")


def register(app: typer.Typer) -> None:
    app.command("draft", help="letters.help")(draft_command)


def _lang_given_on_command_line(ctx: typer.Context) -> bool:
    """Whether --lang was typed (before or after the command name), as opposed to taken from the environment."""
    context: Any = ctx
    while context is not None:
        source = context.get_parameter_source("lang")
        if source is not None and source.name == "COMMANDLINE":
            return True
        context = context.parent
    return False


def _letter_language(ctx: typer.Context, settings: Settings, letter_lang: str | None, case: Any) -> str:
    from ..case.models import SPEC_BY_NAME

    if letter_lang is not None:
        return SPEC_BY_NAME["letter_lang"].parse(letter_lang, "--letter-lang")
    if _lang_given_on_command_line(ctx):
        return settings.lang
    return case.letter_lang


def _output_format(given: str | None, output: Path | None) -> str:
    """--format, else the -o file's suffix, else md."""
    from ..errors import bad_input
    from .compose import FORMATS

    if given is not None:
        value = given.strip().lower().lstrip(".")
        value = "md" if value == "markdown" else value
        if value not in FORMATS:
            raise bad_input("letters.errors.format", value=given)
        return value
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    suffix = {"markdown": "md", "htm": "html", "text": "txt"}.get(suffix, suffix)
    if suffix and suffix not in FORMATS:
        raise bad_input("letters.errors.format", value=output.suffix)
    return suffix or "md"


def _render_list(console: Any, data: list[dict[str, Any]]) -> None:
    from rich.table import Table

    from ..i18n import t

    table = Table(title=t("letters.list.title"), show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for item in data:
        lines = [item["description"]]
        for jurisdiction, variants in item["variants"].items():
            if len(variants) > 1:
                shown = "; ".join(f"{v['name']}: {v['description']}" for v in variants)
                lines.append(t("letters.list.variants", jurisdiction=jurisdiction, variants=shown))
        table.add_row(item["type"], "\n".join(lines))
    console.print(table)
    console.print(t("letters.list.usage"), markup=False)


def _list_data() -> list[dict[str, Any]]:
    from ..i18n import t
    from .compose import LETTER_TYPES

    return [{"type": kind.name, "description": t(f"letters.type.{kind.name}"),
             "variants": {jurisdiction: [{"name": name, "description": t(f"letters.variant.{name}")}
                                         for name in variants]
                          for jurisdiction, variants in kind.variants.items()}}
            for kind in LETTER_TYPES.values()]


def _ask_yes(label: str) -> bool:
    from ..answers import parse_yes_no

    return prompt_text(label, validate=lambda text: parse_yes_no(text, label), required=True)


def _ask_missing(conn: Any, facts: Any, name: str, notes: list[str]) -> None:
    """Ask for one missing fact; names and addresses are saved to the case for next time."""
    from ..case.models import SPEC_BY_NAME
    from ..case.repo import update_case
    from ..dates import parse_date
    from ..errors import bad_input
    from ..i18n import t
    from .facts import build_schedule, normalise_reason

    label = t(f"letters.prompt.{name}")
    case = facts.case
    if name == "borrower_name":
        value = prompt_text(label, required=True, validate=lambda text: SPEC_BY_NAME[name].parse(text, label))
        facts.case = update_case(conn, case.with_changes(borrower_name=value))
        notes.append(t("letters.done.saved_fact", case_id=case.id, field=t("case.field.borrower_name")))
    elif name == "contact_address":
        value = prompt_text(label, required=True, validate=lambda text: SPEC_BY_NAME["borrower_address"].parse(text,
                                                                                                             label))
        field = "borrower_email" if "@" in value and " " not in value else "borrower_address"
        facts.case = update_case(conn, case.with_changes(**{field: value}))
        notes.append(t("letters.done.saved_fact", case_id=case.id, field=t(f"case.field.{field}")))
    elif name == "to_date":
        def future(text: str) -> Any:
            value = parse_date(text, field=label)
            if value <= facts.today:
                raise bad_input("letters.errors.date_past", date=value.isoformat())
            return value
        facts.to_date = prompt_text(label, required=True, validate=future)
    elif name in ("reason", "what_happened"):
        facts.reason = prompt_text(label, required=True, validate=normalise_reason)
    elif name == "schedule":
        total = facts.case.amount_due if facts.plan is None else facts.plan.total
        monthly = facts.requested_monthly or prompt_text(label, required=True,
                                                         validate=lambda text: _checked_monthly(text, total, facts))
        start = prompt_text(t("letters.prompt.start"), required=True,
                            validate=lambda text: _checked_start(text, facts))
        facts.schedule = build_schedule(total, monthly, start)
        facts.schedule_source = "user"


def _checked_monthly(text: str, total: Any, facts: Any) -> Any:
    from ..money import parse_amount
    from .facts import build_schedule

    monthly = parse_amount(text, field="--monthly")
    build_schedule(total, monthly, facts.today)  # raises if zero or far too long
    return monthly


def _checked_start(text: str, facts: Any) -> Any:
    from ..dates import parse_date
    from ..errors import bad_input

    value = parse_date(text, field="--start")
    if value < facts.today:
        raise bad_input("letters.errors.start_past", date=value.isoformat())
    return value


def _complete(conn: Any, settings: Settings, facts: Any, kind: Any, variant: str, notes: list[str]) -> None:
    """Every fact the letter needs: asked for, or (with --no-input) all listed in one exit-2 message."""
    from ..errors import missing_input
    from ..i18n import t
    from .compose import missing_facts

    if kind.promises_payment and not facts.promise_allowed and not settings.no_input:
        facts.promise_old_debt = _ask_yes(t("letters.prompt.promise_old_debt",
                                            due_date=facts.case.due_date.isoformat()))
    missing = missing_facts(facts, kind, variant)
    if missing and settings.no_input:
        raise missing_input([t(f"letters.fact.{name}", case_id=facts.case.id) for name in missing])
    for name in missing:
        _ask_missing(conn, facts, name, notes)


def draft_command(
    ctx: typer.Context,
    type_name: Annotated[Optional[str], typer.Argument(metavar="TYPE", help="letters.arg.type")] = None,
    case_id: Annotated[Optional[int], typer.Option("--case", metavar="ID", help="letters.option.case")] = None,
    output_format: Annotated[Optional[str], typer.Option("--format", metavar="md|txt|html|docx|pdf",
                                                         help="letters.option.format")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="PATH",
                                                   help="letters.option.output")] = None,
    force: Annotated[bool, typer.Option("--force", help="options.force")] = False,
    font: Annotated[Optional[Path], typer.Option("--font", metavar="PATH", help="letters.option.font")] = None,
    list_types: Annotated[bool, typer.Option("--list", help="letters.option.list")] = False,
    letter_lang: Annotated[Optional[str], typer.Option("--letter-lang", metavar="zh|en",
                                                       help="letters.option.letter_lang")] = None,
    variant: Annotated[Optional[str], typer.Option("--variant", metavar="NAME",
                                                   help="letters.option.variant")] = None,
    to: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="letters.option.to")] = None,
    reason: Annotated[Optional[str], typer.Option("--reason", metavar="TEXT",
                                                  help="letters.option.reason")] = None,
    monthly: Annotated[Optional[str], typer.Option("--monthly", metavar="AMOUNT",
                                                   help="letters.option.monthly")] = None,
    start: Annotated[Optional[str], typer.Option("--start", metavar="DATE", help="letters.option.start")] = None,
    credit_report: Annotated[bool, typer.Option("--credit-report", help="letters.option.credit_report")] = False,
    promise_old_debt: Annotated[bool, typer.Option("--promise-old-debt",
                                                   help="letters.option.promise_old_debt")] = False,
) -> None:
    settings = Settings.from_context(ctx)
    if list_types:
        data = _list_data()
        settings.output.emit(data, lambda console: _render_list(console, data))
        return

    from ..case.repo import get_case
    from ..dates import parse_date
    from ..errors import bad_input
    from ..money import parse_amount
    from ..store.db import connect
    from .compose import compose_letter, letter_type, resolve_variant
    from .facts import collect_facts

    if type_name is None:
        raise bad_input("letters.errors.no_type")
    kind = letter_type(type_name.strip().lower())
    if case_id is None:
        raise bad_input("letters.errors.no_case")
    fmt = _output_format(output_format, output)
    if fmt in _BINARY_FORMATS and output is None:
        raise bad_input("letters.errors.needs_output", format=fmt)
    conn = connect(settings.data_dir)
    case = get_case(conn, case_id)
    lang = _letter_language(ctx, settings, letter_lang, case)
    chosen_variant = resolve_variant(kind, case.jurisdiction, variant.strip().lower() if variant else None)
    facts = collect_facts(
        conn, case, kind.name, letter_lang=lang, to_date=parse_date(to, field="--to") if to else None,
        reason=reason, monthly=parse_amount(monthly, field="--monthly") if monthly is not None else None,
        start=parse_date(start, field="--start") if start else None, credit_report=credit_report,
        promise_old_debt=promise_old_debt)
    messages: list[str] = []
    _complete(conn, settings, facts, kind, chosen_variant, messages)
    letter = compose_letter(facts, kind, chosen_variant)
    _deliver(settings, conn, letter, fmt, output, force, font, messages)


def _deliver(settings: Settings, conn: Any, letter: Any, fmt: str, output: Path | None, force: bool,
             font: Path | None, messages: list[str]) -> None:
    """Write the file and record it, or show the letter; then the notes (stderr) or the JSON."""
    import sys

    from ..i18n import t
    from .export import export_letter
    from .export.md import to_markdown
    from .export.txt import to_text

    markdown, text = to_markdown(letter.document), to_text(letter.document)
    data: dict[str, Any] = {
        "type": letter.type, "variant": letter.variant, "lang": letter.lang, "jurisdiction": letter.jurisdiction,
        "format": fmt, "paper": letter.paper, "title": letter.document.title, "markdown": markdown, "text": text,
        "facts": letter.facts.as_dict(), "notes": [t(key) for key in letter.notes], "warnings": [], "saved": None,
    }
    rendered: bytes | None = None
    if output is not None or fmt != "md":
        rendered, warning_keys = export_letter(letter, fmt, font=font)
        data["warnings"] = [t(key) for key in warning_keys]
    if output is not None:
        from .record import save_letter

        record = save_letter(conn, settings.data_dir, letter, fmt, rendered, output, overwrite=force)
        digest = record.sha256
        data["saved"] = record.as_dict()
        messages += [t("letters.done.saved", type=letter.type, path=record.path),
                     t("letters.done.recorded", case_id=record.case_id, letter_id=record.id, sha256=digest)]
        if record.evidence_entry_id is not None:
            messages.append(t("letters.done.evidence", entry_id=record.evidence_entry_id))
    elif fmt in ("txt", "html"):
        data["content"] = rendered.decode("utf-8")

    def render(console: Any) -> None:
        if output is None and fmt == "md":
            from rich.markdown import Markdown

            console.print(Markdown(markdown))
        elif output is None:
            sys.stdout.write(data["content"])
            sys.stdout.flush()
        for line in messages:
            console.print(line, markup=False, highlight=False)
        _print_notes(data, output is None)

    for warning in data["warnings"]:
        settings.output.warn(warning)
    settings.output.emit(data, render)


def _print_notes(data: dict[str, Any], preview: bool) -> None:
    """The notes go to stderr, so a letter piped from stdout stays clean."""
    from ..i18n import t
    from ..output import make_console

    console = make_console(stderr=True)
    console.print()
    for note in data["notes"]:
        console.print(f"• {note}", markup=False, highlight=False)
    if preview:
        console.print(t("letters.done.preview_hint"), markup=False, highlight=False)
