"""`overdue check`: one message (text, stdin or file) or a JSON Lines batch."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO, Iterator, Optional

import typer

from ..settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from .core import Verdict

_CHUNK = 512  # output records written per write() call in a batch


def register(app: typer.Typer) -> None:
    app.command("check", help="check.help")(check_command)


def check_command(
    ctx: typer.Context,
    text: Annotated[Optional[str], typer.Argument(metavar="TEXT", help="check.arg.text", show_default=False)] = None,
    file: Annotated[Optional[Path], typer.Option("--file", metavar="PATH", help="check.opt.file")] = None,
    batch: Annotated[Optional[str], typer.Option("--batch", metavar="FILE", help="check.opt.batch")] = None,
    received_at: Annotated[Optional[str], typer.Option("--received-at", metavar="TIME", help="check.opt.received_at")] = None,
    sender: Annotated[Optional[str], typer.Option("--sender", help="check.opt.sender")] = None,
    jurisdiction: Annotated[Optional[str], typer.Option("--jurisdiction", metavar="cn|us", help="check.opt.jurisdiction")] = None,
) -> None:
    settings = Settings.from_context(ctx)
    from ..errors import bad_input
    from ..derived_cache import use_folder

    use_folder(settings.data_dir / "cache")  # compiled rule packs and patterns are kept for the next run
    given = [value is not None for value in (text, file, batch)]
    if sum(given) > 1:
        raise bad_input("check.errors.several_inputs")
    if jurisdiction is not None and jurisdiction.lower() not in ("cn", "us"):
        raise bad_input("check.errors.jurisdiction", value=jurisdiction)
    if batch is not None:
        if received_at is not None or sender is not None:
            raise bad_input("check.errors.batch_options")
        _run_batch(batch, settings)
        return
    message = _read_message(text, file)
    when = None
    if received_at is not None:
        from ..dates import parse_datetime

        when = parse_datetime(received_at, field="--received-at")
    from .core import check_message

    verdict = check_message(message, jurisdiction=jurisdiction.lower() if jurisdiction else None, received_at=when,
                            sender=sender)
    settings.output.emit(verdict.as_dict(settings.lang), lambda console: render_verdict(console, verdict, settings.lang))


def _read_message(text: str | None, file: Path | None) -> str:
    from ..errors import bad_input

    if file is not None:
        from ..store.files import read_text_file

        message = read_text_file(file)
    elif text == "-":
        try:
            message = sys.stdin.buffer.read().decode("utf-8") if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        except UnicodeDecodeError:
            raise bad_input("check.errors.not_utf8") from None
    elif text is None:
        raise bad_input("check.errors.no_message")
    else:
        message = text
    if not message.strip():
        raise bad_input("check.errors.empty")
    return message


def _open_batch(source: str) -> tuple[BinaryIO, int | None]:
    from ..errors import bad_input

    if source == "-":
        return sys.stdin.buffer, None
    path = Path(source)
    try:
        return path.open("rb"), path.stat().st_size
    except FileNotFoundError:
        raise bad_input("errors.file.not_found", path=source) from None
    except IsADirectoryError:
        raise bad_input("errors.file.is_dir", path=source) from None
    except PermissionError:
        raise bad_input("errors.file.unreadable", path=source) from None


def _with_progress(stream: BinaryIO, size: int | None) -> Iterator[bytes]:
    """The stream's lines, advancing a progress bar on stderr (only when stderr is a terminal)."""
    if not sys.stderr.isatty():
        yield from stream
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from ..i18n import t
    from ..output import make_console

    columns = [TextColumn(t("check.batch.progress")), BarColumn(), TaskProgressColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=make_console(stderr=True), transient=True) as progress:
        task = progress.add_task("check", total=size)
        done = 0
        for line in stream:
            done += len(line)
            if done & 0xFFFF < len(line):  # update about every 64 KB, not every line
                progress.update(task, completed=done)
            yield line
        progress.update(task, completed=done)


def _run_batch(source: str, settings: Settings) -> None:
    from .batch import BatchTally, json_lines

    stream, size = _open_batch(source)
    tally = BatchTally()
    out = sys.stdout
    pending: list[str] = []
    try:
        for record in json_lines(_with_progress(stream, size), settings.lang, tally):
            pending.append(record)
            if len(pending) >= _CHUNK:
                out.write("\n".join(pending) + "\n")
                pending.clear()
        if pending:
            out.write("\n".join(pending) + "\n")
        out.flush()
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if tally.failed:
        from ..i18n import t

        sys.stderr.write(t("errors.prefix", message=t("check.errors.batch_failed", count=tally.failed,
                                                        total=tally.total)) + "\n")
        raise typer.Exit(1)


# --- rendering for people ----------------------------------------------------------------------
_KIND_STYLE = {"scam": "bold white on red", "abusive": "bold black on yellow", "reminder": "bold cyan",
               "other": "bold green"}
_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


def _highlighted_message(verdict: "Verdict") -> Any:
    from rich.text import Text

    message = Text(verdict.text)
    for finding in verdict.findings:
        if not finding.excerpt:
            continue
        start = verdict.text.find(finding.excerpt)
        if start >= 0:
            message.stylize("bold reverse", start, start + len(finding.excerpt))
    return message


def _facts_lines(verdict: "Verdict", lang: str) -> list[tuple[str, str]]:
    from ..i18n import t
    from ..money import format_money

    rows = []
    for name, value in verdict.facts.items():
        if value in (None, [], ""):
            continue
        if name == "amount_due":
            from decimal import Decimal

            shown = format_money(Decimal(value), verdict.facts.get("currency"), lang)
        elif isinstance(value, list):
            shown = ", ".join(str(item) for item in value)
        else:
            shown = str(value)
        if name == "currency":
            continue
        rows.append((t(f"check.fact.{name}"), shown))
    return rows


def render_verdict(console: Any, verdict: "Verdict", lang: str) -> None:
    """The human panel: verdict, the message with excerpts highlighted, findings, facts, next steps, caveat."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from ..i18n import t

    kind = verdict.kind
    counted = [finding for finding in verdict.findings
               if (kind == "scam" and finding.tag in _scam_tags()) or (kind == "abusive")]
    parts: list[Any] = [Text(t(f"check.kind.{kind}"), style=_KIND_STYLE[kind]),
                        Text(t(f"check.verdict.{kind}", count=len({f.tag for f in counted}))), Text("")]
    parts.append(Panel(_highlighted_message(verdict), title=t("check.render.excerpt"), title_align="left"))
    if verdict.received_at is not None:
        parts.append(Text(t("check.render.received", time=verdict.received_at.isoformat(),
                            jurisdiction=t(f"check.render.jurisdiction_{verdict.jurisdiction}")), style="dim"))
    if verdict.findings:
        table = Table(title=t("check.render.findings"), title_justify="left", show_header=False, expand=True)
        table.add_column(ratio=1, overflow="fold")
        for finding in verdict.findings:
            cell = Text()
            cell.append(f"{t(f'check.tag.{finding.tag}')}", style=_SEVERITY_STYLE.get(finding.severity, ""))
            cell.append(f"  ({t(f'check.severity.{finding.severity}')})\n", style="dim")
            if finding.excerpt:
                cell.append(f"{t('check.render.excerpt')}: ")
                cell.append(f"«{finding.excerpt}»", style="bold")
                cell.append("\n")
            cell.append(f"{t('check.render.basis')}: {finding.basis}", style="italic")
            if finding.learned:
                cell.append(f"\n{t('check.render.learned')}", style="dim")
            table.add_row(cell)
        parts.append(table)
        if any("[s]" in finding.basis or "[u]" in finding.basis for finding in verdict.findings):
            parts.append(Text(t("check.render.secondary_note"), style="dim"))
    facts = _facts_lines(verdict, lang)
    if facts:
        table = Table(title=t("check.render.facts"), title_justify="left", show_header=False)
        table.add_column(style="bold")
        table.add_column()
        for label, value in facts:
            table.add_row(label, value)
        parts.append(table)
    steps = verdict.advice(lang)
    if steps:
        parts.append(Text(t("check.render.next_steps"), style="bold"))
        numbered = Table.grid(padding=(0, 1))
        numbered.add_column(justify="right", no_wrap=True)
        numbered.add_column(ratio=1)
        for number, step in enumerate(steps, start=1):
            numbered.add_row(f"{number}.", step)
        parts.append(numbered)
    console.print(Panel(Group(*parts), title=t("check.render.title"), title_align="left",
                        border_style=_KIND_STYLE[kind].split()[-1]))


def _scam_tags() -> tuple[str, ...]:
    from .packs import TAGS_SCAM

    return TAGS_SCAM
