"""`overdue evidence …`: add, list, show, verify, stats, import, export."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

import typer

from ..command_base import OverdueTyper, prompt_text
from ..settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    import sqlite3

    from ..case.models import Case
    from .log import Entry

evidence_app = OverdueTyper(name="evidence", help="evidence.help")

CaseOption = Annotated[Optional[int], typer.Option("--case", metavar="ID", help="evidence.opt.case")]


def register(app: typer.Typer) -> None:
    """Add the `evidence` group to the root app."""
    app.add_typer(evidence_app, name="evidence", help="evidence.help")


def _open(settings: Settings) -> "sqlite3.Connection":
    from ..store.db import connect

    return connect(settings.data_dir)


def _case(conn: "sqlite3.Connection", settings: Settings, case_id: int | None) -> "Case":
    """The case named by --case; the only case there is; or, when asking is allowed, the one the user names."""
    from ..case.repo import get_case, list_cases
    from ..errors import missing_input
    from ..i18n import t

    if case_id is not None:
        return get_case(conn, case_id)
    cases = list_cases(conn)
    if len(cases) == 1:
        return cases[0]
    if settings.no_input or not cases:
        raise missing_input([t("evidence.field.case") + " (--case)"])

    def valid(text: str) -> "Case":
        from ..errors import bad_input

        if not text.strip().isdigit():
            raise bad_input("errors.field.invalid", field="--case", value=text)
        return get_case(conn, int(text))

    listing = ", ".join(f"{case.id} {case.lender}" for case in cases)
    return prompt_text(t("evidence.prompt.case", cases=listing), validate=valid, required=True)


def _parse_time(text: str, tz_name: str, field: str = "--at") -> datetime:
    from ..dates import now, parse_datetime, zone

    if text.strip().lower() in ("now", "现在", "刚才"):
        return now()
    return parse_datetime(text, field=field, default_tz=zone(tz_name))


def _parse_bound(text: str | None, field: str) -> date | datetime | None:
    """A date (a whole local day) or, when a clock time is given, an exact moment."""
    from ..dates import parse_date, parse_datetime

    if text is None:
        return None
    if re.search(r"\d\s*[:：]\s*\d", text):
        return parse_datetime(text, field=field)
    return parse_date(text, field=field)


def _yes_no(text: str) -> bool:
    from ..answers import parse_yes_no
    from ..i18n import t

    return parse_yes_no(text, t("evidence.field.stop_request"))


def _ask(settings: Settings, given: Any, key: str, *, default: str | None = None, required: bool = False,
         validate: Callable[[str], Any] | None = None, **params: Any) -> Any:
    """The flag's value, else (unless --no-input) the answer to a question, else None."""
    from ..i18n import t

    if given is not None or settings.no_input:
        return given
    return prompt_text(t(f"evidence.prompt.{key}", **params), default=default, required=required, validate=validate)


# ---------------------------------------------------------------- rendering helpers


def _short(text: str | None, limit: int = 40) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(kind: str, value: str) -> str:
    from ..i18n import t

    return t(f"evidence.{kind}.{value}")


def render_entry(console: Any, entry: "Entry", corrected_by: list[int]) -> None:
    """One entry as a two-column table."""
    from rich.markup import escape
    from rich.table import Table

    from ..i18n import t

    table = Table(title=t("evidence.show.title", entry_id=entry.id, case_id=entry.case_id), show_header=False)
    table.add_column(style="bold")
    table.add_column()
    rows = [
        ("at", entry.at.isoformat()),
        ("channel", _label("channel", entry.channel)),
        ("direction", _label("direction", entry.direction)),
        ("counterpart", " ".join(part for part in (entry.counterpart_name, entry.counterpart_number) if part)),
        ("contacted", ", ".join(_label("contacted", who) for who in entry.contacted)),
        ("outcome", _label("outcome", entry.outcome) if entry.outcome else ""),
        ("duration", t("evidence.show.seconds", seconds=entry.duration_s) if entry.duration_s is not None else ""),
        ("summary", entry.summary or ""),
        ("text", entry.text or ""),
        ("tags", ", ".join(entry.tags)),
        ("stop_request", t("evidence.show.stop", channels=entry.stop_request) if entry.stop_request else ""),
        ("attachments", "\n".join(f"{name}  sha256:{sha}" for sha, name in entry.attachments)),
        ("corrects", f"#{entry.corrects}" if entry.corrects else ""),
        ("corrected_by", ", ".join(f"#{other}" for other in corrected_by)),
        ("source", entry.source or ""),
        ("recorded_at", entry.recorded_at.isoformat() if entry.recorded_at else ""),
        ("seq", str(entry.seq)),
        ("entry_hash", entry.entry_hash),
        ("prev_hash", entry.prev_hash),
    ]
    for key, value in rows:
        if value:
            table.add_row(t(f"evidence.field.{key}"), escape(value))
    console.print(table)


# ---------------------------------------------------------------- add


@evidence_app.command("add", help="evidence.add.help")
def evidence_add(
    ctx: typer.Context,
    case_id: CaseOption = None,
    at: Annotated[Optional[str], typer.Option("--at", help="evidence.opt.at")] = None,
    channel: Annotated[Optional[str], typer.Option("--channel", help="evidence.opt.channel")] = None,
    direction: Annotated[Optional[str], typer.Option("--direction", help="evidence.opt.direction")] = None,
    counterpart: Annotated[Optional[str], typer.Option("--counterpart", help="evidence.opt.counterpart")] = None,
    number: Annotated[Optional[str], typer.Option("--number", help="evidence.opt.number")] = None,
    contacted: Annotated[Optional[list[str]], typer.Option("--contacted", help="evidence.opt.contacted")] = None,
    outcome: Annotated[Optional[str], typer.Option("--outcome", help="evidence.opt.outcome")] = None,
    duration: Annotated[Optional[int], typer.Option("--duration", min=0, help="evidence.opt.duration")] = None,
    summary: Annotated[Optional[str], typer.Option("--summary", help="evidence.opt.summary")] = None,
    text: Annotated[Optional[str], typer.Option("--text", help="evidence.opt.text")] = None,
    attach: Annotated[Optional[list[Path]], typer.Option("--attach", metavar="FILE", help="evidence.opt.attach")] = None,
    corrects: Annotated[Optional[int], typer.Option("--corrects", metavar="ID", help="evidence.opt.corrects")] = None,
    stop_request: Annotated[bool, typer.Option("--stop-request", help="evidence.opt.stop_request")] = False,
    stop_channel: Annotated[Optional[list[str]], typer.Option("--stop-channel", help="evidence.opt.stop_channel")] = None,
) -> None:
    settings = Settings.from_context(ctx)
    from ..errors import missing_input
    from ..i18n import t
    from .log import CHANNELS, CONTACTED, OUTCOMES, append_entry, parse_channel, parse_contacted, parse_direction, \
        parse_outcome

    conn = _open(settings)
    case = _case(conn, settings, case_id)
    tz_name = case.effective_timezone()
    # Check every flag first, so a typo is reported before any question is asked.
    when = _parse_time(at, tz_name) if at is not None else None
    channel = parse_channel(channel) if channel is not None else None
    direction = parse_direction(direction) if direction is not None else None
    who = parse_contacted(contacted) if contacted else None
    outcome = parse_outcome(outcome) if outcome is not None else None
    stop = "all" if stop_request and not stop_channel else (",".join(stop_channel) if stop_channel else None)

    when = _ask(settings, when, "at", default=t("evidence.prompt.now"), validate=lambda v: _parse_time(v, tz_name))
    channel = _ask(settings, channel, "channel", required=True, validate=parse_channel, options=", ".join(CHANNELS))
    if channel is None:
        raise missing_input([t("evidence.field.channel") + " (--channel)"])
    direction = _ask(settings, direction, "direction", default="incoming", validate=parse_direction) or "incoming"
    asked = not settings.no_input
    if asked and counterpart is None:
        counterpart = _ask(settings, None, "counterpart")
    if asked and number is None:
        number = _ask(settings, None, "number")
    who = _ask(settings, who, "contacted", default="me", validate=parse_contacted,
               options=", ".join(CONTACTED)) or ("me",)
    if channel == "call" and outcome is None:
        outcome = _ask(settings, None, "outcome", validate=parse_outcome, options=", ".join(OUTCOMES))
    if asked and summary is None:
        summary = _ask(settings, None, "summary")
    if asked and text is None and channel != "call":
        text = _ask(settings, None, "text")
    if asked and not attach:
        paths = _ask(settings, None, "attach")
        attach = [Path(part.strip()) for part in paths.split(";") if part.strip()] if paths else []
    if asked and stop is None and direction == "outgoing":
        stop = "all" if _ask(settings, None, "stop_request", default="no", validate=_yes_no) else None
    if when is None:
        from ..dates import now

        when = now()
    entry = append_entry(conn, settings.data_dir, case.id, at=when, channel=channel, direction=direction,
                         counterpart_name=counterpart, counterpart_number=number, contacted=who, summary=summary,
                         text=text, attachments=tuple(attach or ()), corrects=corrects, outcome=outcome,
                         duration_s=duration, stop_request=stop)
    settings.output.emit(entry.as_dict(), lambda console: (
        console.print(t("evidence.add.done", entry_id=entry.id, case_id=case.id, hash=entry.entry_hash[:16])),
        console.print(t("evidence.add.tags", tags=", ".join(entry.tags))) if entry.tags else None))


# ---------------------------------------------------------------- list / show


@evidence_app.command("list", help="evidence.list.help")
def evidence_list(
    ctx: typer.Context,
    case_id: CaseOption = None,
    since: Annotated[Optional[str], typer.Option("--since", help="evidence.opt.since")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="evidence.opt.until")] = None,
    channel: Annotated[Optional[str], typer.Option("--channel", help="evidence.opt.channel_filter")] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", help="evidence.opt.tag")] = None,
) -> None:
    settings = Settings.from_context(ctx)
    from ..i18n import t
    from .log import list_entries

    conn = _open(settings)
    if case_id is not None:
        from ..case.repo import get_case

        get_case(conn, case_id)
    entries = list_entries(conn, case_id, since=_parse_bound(since, "--since"), until=_parse_bound(until, "--until"),
                           channel=channel, tag=tag)
    corrected = {entry.corrects for entry in entries if entry.corrects}

    def render(console: Any) -> None:
        if not entries:
            console.print(t("evidence.list.empty"))
            return
        from rich.markup import escape
        from rich.table import Table

        table = Table(title=t("evidence.list.title", count=len(entries)))
        for column in ("id", "case", "at", "channel", "direction", "counterpart", "contacted", "what", "tags"):
            table.add_column(t(f"evidence.column.{column}"))
        for entry in entries:
            what = _short(entry.summary or entry.text)
            if entry.attachments:
                what += " " + t("evidence.list.files", count=len(entry.attachments))
            marks = (" " + t("evidence.list.corrected")) if entry.id in corrected else ""
            marks += (" " + t("evidence.list.corrects", entry_id=entry.corrects)) if entry.corrects else ""
            cells = [f"{entry.id}{marks}", str(entry.case_id), entry.at.strftime("%Y-%m-%d %H:%M"),
                     _label("channel", entry.channel), _label("direction", entry.direction),
                     entry.counterpart_number or entry.counterpart_name or "",
                     ", ".join(_label("contacted", who) for who in entry.contacted), what, ", ".join(entry.tags)]
            table.add_row(*(escape(cell) for cell in cells))
        console.print(table)

    settings.output.emit([entry.as_dict() for entry in entries], render)


@evidence_app.command("show", help="evidence.show.help")
def evidence_show(ctx: typer.Context,
                  entry_id: Annotated[int, typer.Argument(metavar="ID", help="evidence.arg.entry")]) -> None:
    settings = Settings.from_context(ctx)
    from .log import corrected_by, get_entry

    conn = _open(settings)
    entry = get_entry(conn, entry_id)
    later = corrected_by(conn, entry_id)
    settings.output.emit({**entry.as_dict(), "corrected_by": later},
                         lambda console: render_entry(console, entry, later))


# ---------------------------------------------------------------- verify


@evidence_app.command("verify", help="evidence.verify.help")
def evidence_verify(ctx: typer.Context, case_id: CaseOption = None) -> None:
    settings = Settings.from_context(ctx)
    from ..i18n import t
    from .verify import verify_log

    conn = _open(settings)
    if case_id is not None:
        from ..case.repo import get_case

        get_case(conn, case_id)
    report = verify_log(conn, settings.data_dir, case_id)
    data = report.as_dict()

    def render(console: Any) -> None:
        if report.ok:
            console.print(t("evidence.verify.ok", entries=report.entries, files=report.files))
            for case, head in sorted(report.heads.items()):
                console.print(t("evidence.verify.head", case_id=case, head=head))
        else:
            console.print(t("evidence.verify.failed", count=len(report.problems)))
            for problem in report.problems:
                console.print(f"  - {problem.describe()}", markup=False)
        for note in report.notes:
            console.print(f"  · {note.describe()}", markup=False)

    settings.output.emit(data, render)
    if not report.ok:
        raise typer.Exit(1)


# ---------------------------------------------------------------- stats


def render_stats(console: Any, stats: Any, case: "Case") -> None:
    """Counts, the rules table, each breach with its dates, status notes and caveats."""
    from rich.markup import escape
    from rich.table import Table

    from ..i18n import t

    console.print(t("evidence.stats.title", case_id=case.id, lender=case.lender, timezone=stats.timezone), markup=False)
    console.print(t("evidence.stats.totals", entries=stats.entries, contacts=stats.contacts))
    if stats.per_day:
        days = Table(title=t("evidence.stats.per_day"))
        days.add_column(t("evidence.column.day"))
        days.add_column(t("evidence.column.count"), justify="right")
        days.add_column("")
        top = max(stats.per_day.values())
        for day, count in stats.per_day.items():
            days.add_row(day.isoformat(), str(count), "█" * max(1, round(20 * count / top)))
        console.print(days)
        numbers = Table(title=t("evidence.stats.per_number"))
        numbers.add_column(t("evidence.column.number"))
        numbers.add_column(t("evidence.column.count"), justify="right")
        for number, count in sorted(stats.per_number.items(), key=lambda item: (-item[1], item[0]))[:15]:
            numbers.add_row(escape(number), str(count))
        console.print(numbers)
    if stats.tags:
        console.print(t("evidence.stats.tags", tags=", ".join(f"{tag} ×{count}" for tag, count in stats.tags.items())),
                      markup=False)
    rules = Table(title=t("evidence.stats.rules"))
    for column in ("rule", "status", "basis", "count"):
        rules.add_column(t(f"evidence.column.{column}"))
    for result in [*stats.results, *stats.factors]:
        rules.add_row(t(f"evidence.rule.{result.rule_id}.title"), t(f"evidence.status_short.{result.status}"),
                      escape(result.basis), str(result.count))
    console.print(rules)
    for result in stats.breaches:
        console.print(f"• {t(f'evidence.rule.{result.rule_id}.title')}: {result.detail}", markup=False)
        if result.dates:
            console.print("  " + t("evidence.stats.dates", dates=", ".join(day.isoformat() for day in result.dates[:20])),
                          markup=False)
    for factor in stats.factors:
        if factor.count:
            console.print(f"• {factor.detail}", markup=False)
    if not stats.breaches:
        console.print(t("evidence.stats.no_breach"))
    for status in sorted({result.status for result in stats.results}):
        console.print(t(f"evidence.status.{status}"), markup=False)
    for key in stats.caveats:
        console.print(t(key), markup=False)


@evidence_app.command("stats", help="evidence.stats.help")
def evidence_stats(ctx: typer.Context, case_id: CaseOption = None) -> None:
    settings = Settings.from_context(ctx)
    from .log import list_entries
    from .stats import compute_stats

    conn = _open(settings)
    case = _case(conn, settings, case_id)
    stats = compute_stats(list_entries(conn, case.id), case.jurisdiction, case.effective_timezone())
    settings.output.emit({"case_id": case.id, **stats.as_dict()}, lambda console: render_stats(console, stats, case))


# ---------------------------------------------------------------- import


def _format_of(source: Path, given: str | None) -> str:
    from ..errors import bad_input

    if given:
        normal = given.strip().lower().replace("_", "-")
        if normal in ("xml", "sms-xml"):
            return "sms-xml"
        if normal == "csv":
            return "csv"
        raise bad_input("errors.field.choice", field="--format", value=given, options="sms-xml, csv")
    if source.suffix.lower() == ".csv":
        return "csv"
    return "sms-xml"


@evidence_app.command("import", help="evidence.import.help")
def evidence_import(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(metavar="FILE", help="evidence.import.file")],
    case_id: CaseOption = None,
    file_format: Annotated[Optional[str], typer.Option("--format", help="evidence.import.format")] = None,
    mapping: Annotated[Optional[str], typer.Option("--map", help="evidence.import.map")] = None,
    channel: Annotated[Optional[str], typer.Option("--channel", help="evidence.import.channel")] = None,
    direction: Annotated[Optional[str], typer.Option("--direction", help="evidence.import.direction")] = None,
    numbers: Annotated[Optional[list[str]], typer.Option("--from", metavar="NUMBER", help="evidence.import.from")] = None,
) -> None:
    settings = Settings.from_context(ctx)
    from ..i18n import t
    from .importers.batch import import_items
    from .importers.items import FileCursor
    from .log import parse_channel, parse_direction

    conn = _open(settings)
    case = _case(conn, settings, case_id)
    kind = _format_of(source, file_format)
    cursor = FileCursor()
    if kind == "csv":
        from .importers.csv_import import parse_mapping, read_csv

        items = read_csv(source, parse_mapping(mapping), tz_name=case.effective_timezone(),
                         channel=parse_channel(channel) if channel else None,
                         direction=parse_direction(direction) if direction else None, cursor=cursor)
    else:
        from .importers.sms_xml import read_backup

        items = read_backup(source, cursor)
    with _progress_bar(source.name, cursor) as tick:
        result = import_items(conn, case, items, source=f"{kind}:{source.name}", path=str(source), numbers=numbers or (),
                              progress=tick)
    settings.output.emit({**result.as_dict(), "format": kind, "path": str(source)}, lambda console: console.print(
        t("evidence.import.done", added=result.added, read=result.read, duplicates=result.duplicates,
          filtered=result.filtered_out, case_id=case.id)))


class _progress_bar:
    """A progress bar on stderr while a file is read, only when stderr is a terminal."""

    def __init__(self, label: str, cursor: Any) -> None:
        self.label, self.cursor, self.progress, self.task = label, cursor, None, None

    def __enter__(self) -> Callable[[], None] | None:
        if not sys.stderr.isatty():
            return None
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        from ..output import make_console

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                                 TimeRemainingColumn(), console=make_console(stderr=True), transient=True)
        self.progress.start()
        self.task = self.progress.add_task(self.label, total=None)
        return self.tick

    def tick(self) -> None:
        if self.progress is not None:
            self.progress.update(self.task, total=self.cursor.size or None, completed=self.cursor.position())

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


# ---------------------------------------------------------------- export


@evidence_app.command("export", help="evidence.export.help")
def evidence_export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE.zip", help="evidence.export.output")],
    case_id: CaseOption = None,
    redact: Annotated[bool, typer.Option("--redact", help="evidence.export.redact")] = False,
    force: Annotated[bool, typer.Option("--force", help="options.force")] = False,
) -> None:
    settings = Settings.from_context(ctx)
    from ..i18n import t
    from .bundle import write_bundle

    conn = _open(settings)
    case = _case(conn, settings, case_id)
    result = write_bundle(conn, settings.data_dir, case, output, redact=redact, overwrite=force, lang=settings.lang)
    for warning in result.warnings:
        settings.output.warn(t(warning))
    settings.output.emit(result.as_dict(), lambda console: console.print(
        t("evidence.export.done", path=str(result.path), entries=result.entries, files=result.attachments),
        markup=False))
