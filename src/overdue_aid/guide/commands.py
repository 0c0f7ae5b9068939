"""`overdue guide`, `overdue rights`, `overdue help-channels`: steps, collectors' limits, whom to call."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from ..settings import Settings

JurisdictionOption = Annotated[Optional[str], typer.Option("--jurisdiction", "-j", metavar="cn|us",
                                                           help="guide.jurisdiction_option")]


def register(app: typer.Typer) -> None:
    app.command("guide", help="guide.help")(guide_command)
    app.command("rights", help="guide.rights_help")(rights_command)
    app.command("help-channels", help="guide.channels_help")(help_channels_command)


def _default_jurisdiction(settings: Settings) -> str:
    # A Chinese-speaking user is most likely dealing with a mainland lender, as `case new` assumes too.
    return "cn" if settings.lang == "zh" else "us"


def render_steps(console: Any, data: dict) -> None:
    """The guide as numbered sections, the 'never' list and the disclaimer."""
    from rich.panel import Panel

    from ..i18n import t

    console.print(f"[bold]{data['title']}[/bold]")
    console.print(data["intro"])
    for step in data["steps"]:
        console.print()
        console.print(f"[bold]{step['number']}. {step['title']}[/bold]")
        for point in step["points"]:
            console.print(f"   • {point}", markup=False)
    console.print()
    console.print(Panel("\n".join(f"✗ {item}" for item in data["never"]), title=t("guide.never_title")))
    console.print(data["disclaimer"], style="italic")


def _rule_lines(rules: list[dict]) -> list[str]:
    from ..i18n import t

    return [f"• {rule['text']}\n    " + t("guide.source_line_reported" if rule["reported"] else "guide.source_line",
                                          source=rule["source"], status=rule["status_label"])
            for rule in rules]


def render_rights(console: Any, data: dict) -> None:
    """May / may not, each rule with its source and status, then the caveats."""
    from ..i18n import t

    console.print(f"[bold]{data['title']}[/bold]")
    for title_key, rules in (("guide.may_title", data["may"]), ("guide.may_not_title", data["may_not"])):
        console.print()
        console.print(f"[bold]{t(title_key)}[/bold]")
        for line in _rule_lines(rules):
            console.print(line, markup=False)
    console.print()
    console.print(data["reported_note"], style="italic")
    console.print()
    console.print(f"[bold]{t('guide.caveats_title')}[/bold]")
    for caveat in data["caveats"]:
        console.print(f"• {caveat}", markup=False)


def render_channels(console: Any, data: dict) -> None:
    """One table per jurisdiction: who, how to reach them, what for."""
    from rich.table import Table

    from ..i18n import t

    for block in data["jurisdictions"]:
        table = Table(title=block["title"], show_lines=True)
        table.add_column(t("guide.contact"), overflow="fold")
        table.add_column(t("guide.for_label"), overflow="fold")
        for channel in block["channels"]:
            uses = "\n".join(f"• {use}" for use in channel["for"])
            note = f"\n[italic]{channel['note']}[/italic]" if channel["note"] else ""
            who = channel["name"] + (f"\n{channel['contact']}" if channel["contact"] and channel["contact"] not in channel["name"] else "")
            table.add_row(who, uses + note)
        console.print(table)
        console.print(block["order"])
        console.print()
    console.print(data["disclaimer"], style="italic")


def guide_command(ctx: typer.Context) -> None:
    settings = Settings.from_context(ctx)
    from .content import guide_steps

    data = guide_steps(settings.lang)
    settings.output.emit(data, lambda console: render_steps(console, data))


def rights_command(ctx: typer.Context, jurisdiction: JurisdictionOption = None) -> None:
    settings = Settings.from_context(ctx)
    from .content import collector_rights

    data = collector_rights(jurisdiction or _default_jurisdiction(settings), settings.lang)
    settings.output.emit(data, lambda console: render_rights(console, data))


def help_channels_command(ctx: typer.Context, jurisdiction: JurisdictionOption = None) -> None:
    settings = Settings.from_context(ctx)
    from .content import help_channels

    data = help_channels(jurisdiction, settings.lang)
    settings.output.emit(data, lambda console: render_channels(console, data))
