"""The timeline report of a case's evidence, as HTML (inline SVG charts) and PDF (reportlab), from one model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..case.models import Case
from .charts import Scene, heat_map, per_day_chart, to_drawing, to_svg
from .log import Entry
from .stats import Stats

PDF_TIMELINE_LIMIT = 1000  # more rows make a PDF nobody reads; the HTML and evidence.json hold them all


@dataclass
class ReportModel:
    lang: str
    title: str
    subtitle: list[str]
    timezone: str
    redacted: bool
    verify_ok: bool
    verify_text: str
    problems: list[str]
    head: str
    totals: str
    results: list[dict[str, Any]]
    status_notes: list[str]
    tags: list[tuple[str, int]]
    per_number: list[tuple[str, int]]
    timeline: list[dict[str, Any]]
    files: list[dict[str, Any]]
    caveats: list[str]
    per_day: Scene
    heat: Scene
    per_day_svg: str = ""
    heat_svg: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def build_model(case: Case, entries: list[Entry], stats: Stats, *, files: list[dict[str, Any]], verify_ok: bool,
                problems: list[str], head: str, generated_at: str, redacted: bool,
                mask: Callable[[str | None], str | None]) -> ReportModel:
    """Everything the report shows, in the current language, masked when `redacted`."""
    from ..i18n import current_language, t

    hours_rule = {entry_id for result in stats.results if result.statistic == "contact_hours"
                  for entry_id in result.entry_ids}
    corrected = {entry.corrects: entry.id for entry in entries if entry.corrects}
    file_path = {item["sha256"]: item["path"] for item in files}
    timeline = []
    for entry in entries:
        notes = [t(f"evidence.direction.{entry.direction}")]
        if entry.outcome:
            notes.append(t(f"evidence.outcome.{entry.outcome}"))
        if entry.corrects:
            notes.append(t("evidence.list.corrects", entry_id=entry.corrects))
        if entry.id in corrected:
            notes.append(t("evidence.report.corrected_by", entry_id=corrected[entry.id]))
        if entry.stop_request:
            notes.append(t("evidence.show.stop", channels=entry.stop_request))
        timeline.append({
            "id": entry.id, "at": entry.at.strftime("%Y-%m-%d %H:%M:%S %z"), "odd": entry.id in hours_rule,
            "channel": t(f"evidence.channel.{entry.channel}"),
            "counterpart": " ".join(part for part in (entry.counterpart_name, mask(entry.counterpart_number)) if part),
            "contacted": ", ".join(t(f"evidence.contacted.{who}") for who in entry.contacted),
            "summary": mask(entry.summary), "text": mask(entry.text), "tags": list(entry.tags), "notes": notes,
            "files": [{"path": file_path.get(sha, ""), "name": name} for sha, name in entry.attachments],
            "hash": entry.entry_hash[:16],
        })
    results = [{"title": t(f"evidence.rule.{result.rule_id}.title"),
                "status": t(f"evidence.status_short.{result.status}"),
                "basis": result.basis, "count": result.count, "detail": result.detail,
                "dates": ", ".join(day.isoformat() for day in result.dates[:31])
                + (" …" if len(result.dates) > 31 else "")}
               for result in [*stats.results, *stats.factors]]
    breach_days = {day for result in stats.breaches for day in result.dates}
    per_day = per_day_chart(stats.per_day, breach_days, title=t("evidence.report.chart_per_day"),
                            legend_breach=t("evidence.report.legend_breach"), legend_ok=t("evidence.report.legend_ok"))
    heat = heat_map(stats.hour_by_day, stats.forbidden_hours, title=t("evidence.report.chart_heat"),
                    legend_forbidden=t("evidence.report.legend_forbidden"))
    numbers = sorted(stats.per_number.items(), key=lambda item: (-item[1], item[0]))[:20]
    return ReportModel(
        lang=current_language(), title=t("evidence.report.title", case_id=case.id, lender=case.lender),
        subtitle=[t("evidence.report.generated", when=generated_at),
                  t("evidence.report.case_line", jurisdiction=case.jurisdiction, timezone=stats.timezone,
                    account=mask(case.account_ref) or "—")],
        timezone=stats.timezone, redacted=redacted, verify_ok=verify_ok,
        verify_text=t("evidence.report.verified_ok" if verify_ok else "evidence.report.verified_bad",
                      entries=len(entries), files=len(files)),
        problems=problems, head=head,
        totals=t("evidence.stats.totals", entries=stats.entries, contacts=stats.contacts),
        results=results, status_notes=[t(f"evidence.status.{status}") for status in
                                       sorted({result.status for result in stats.results})],
        tags=sorted(stats.tags.items()), per_number=[(mask(number) or "", count) for number, count in numbers],
        timeline=timeline, files=files, caveats=[t(key) for key in stats.caveats], per_day=per_day, heat=heat,
        per_day_svg=to_svg(per_day), heat_svg=to_svg(heat))


def render_html(model: ReportModel) -> str:
    """The report as one self-contained HTML page."""
    from importlib.resources import files

    from jinja2 import Environment, select_autoescape

    from ..i18n import t

    source = files("overdue_aid.evidence").joinpath("templates", "report.html.j2").read_text("utf-8")
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True,
                      lstrip_blocks=True)
    return env.from_string(source).render(r=model, t=t, lang=model.lang)


def render_pdf(model: ReportModel) -> tuple[bytes, bool]:
    """The report as PDF bytes, and whether the built-in fallback font had to be used."""
    import io
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer

    from ..i18n import t
    from ..pdf_fonts import registered_cjk_font

    font, fallback = registered_cjk_font()
    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["BodyText"], fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5)
    heading = ParagraphStyle("heading", parent=sheet["Heading2"], fontName=font, spaceBefore=10)
    title = ParagraphStyle("title", parent=sheet["Title"], fontName=font)

    def para(text: Any, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)

    def table(rows: list[list[Any]], widths: list[float]) -> LongTable:
        grid = LongTable(rows, colWidths=widths, repeatRows=1)
        grid.setStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#cccccc")),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3f9")),
                       ("VALIGN", (0, 0), (-1, -1), "TOP")])
        return grid

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=model.title, author="overdue-aid")
    width = doc.width
    story: list[Any] = [para(model.title, title), *(para(line) for line in model.subtitle),
                        para(t("evidence.caveat.not_advice"))]
    if model.redacted:
        story.append(para(t("evidence.report.redacted")))
    story += [para(t("evidence.report.integrity"), heading), para(model.verify_text),
              *(para("• " + problem) for problem in model.problems),
              para(t("evidence.report.head") + " " + model.head, small), para(t("evidence.report.how_to_check"), small),
              para(t("evidence.report.summary"), heading), para(model.totals)]
    rows = [[para(t(f"evidence.column.{name}"), small) for name in ("rule", "status", "basis", "count", "detail")]]
    rows += [[para(item["title"], small), para(item["status"], small), para(item["basis"], small),
              para(item["count"], small), para(item["detail"] + ("\n" + item["dates"] if item["dates"] else ""), small)]
             for item in model.results]
    story.append(table(rows, [w * width for w in (0.2, 0.14, 0.16, 0.07, 0.43)]))
    story += [para(note, small) for note in model.status_notes]
    if model.tags:
        story.append(para(t("evidence.report.tags") + " " + ", ".join(f"{tag} ×{count}" for tag, count in model.tags)))
    story += [para(t("evidence.report.charts"), heading), to_drawing(model.per_day, font, width / model.per_day.width),
              Spacer(1, 6), to_drawing(model.heat, font, width / model.heat.width)]
    story += [para(t("evidence.report.timeline"), heading), para(t("evidence.report.timeline_note",
                                                                   timezone=model.timezone), small)]
    columns = ("id", "at", "channel", "counterpart", "what", "tags")
    rows = [[para(t(f"evidence.column.{name}"), small) for name in columns]]
    for row in model.timeline[:PDF_TIMELINE_LIMIT]:
        what = "\n".join([*row["notes"], row["summary"] or "", row["text"] or "",
                          *(f"[{item['name']}] {item['path']}" for item in row["files"])]).strip()
        at = row["at"] + ("\n" + t("evidence.report.odd_hours") if row["odd"] else "")
        rows.append([para(row["id"], small), para(at, small), para(row["channel"], small),
                     para(row["counterpart"] + "\n" + row["contacted"], small), para(what, small),
                     para(", ".join(row["tags"]), small)])
    grid = table(rows, [w * width for w in (0.06, 0.16, 0.09, 0.17, 0.4, 0.12)])
    grid.setStyle([("BACKGROUND", (0, index + 1), (-1, index + 1), colors.HexColor("#fdecea"))
                   for index, row in enumerate(model.timeline[:PDF_TIMELINE_LIMIT]) if row["odd"]])
    story.append(grid)
    if len(model.timeline) > PDF_TIMELINE_LIMIT:
        story.append(para(t("evidence.report.pdf_cut", shown=PDF_TIMELINE_LIMIT, total=len(model.timeline))))
    story.append(para(t("evidence.report.index"), heading))
    if model.files:
        rows = [[para(t(f"evidence.column.{name}"), small) for name in ("file", "name", "hash", "entries")]]
        rows += [[para(item["path"], small), para(item["name"], small), para(item["sha256"], small),
                  para(item["entries"], small)] for item in model.files]
        story.append(table(rows, [w * width for w in (0.3, 0.2, 0.38, 0.12)]))
    else:
        story.append(para(t("evidence.report.no_files")))
    story += [para(t("evidence.report.caveats"), heading), *(para(caveat, small) for caveat in model.caveats)]
    doc.build(story)
    return buffer.getvalue(), fallback
