"""Rich rendering of analyses, plans and APR results (imported only on the human-output path)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..i18n import current_language, t, t_list
from ..money import format_money

BAR_WIDTH = 32


def _money(value: Any, currency: str) -> str:
    return format_money(Decimal(str(value)), currency, current_language())


def _param(name: str, value: Any, currency: str) -> Any:
    if name in ("needed", "disposable") and value is not None:
        return _money(value, currency)
    if isinstance(value, date):
        return value.isoformat()
    return value


def problem_text(option: Any, currency: str) -> str:
    """Why a plan option cannot be offered, in words (from a PlanOption or its JSON form)."""
    problem = option["problem"] if isinstance(option, dict) else option.problem
    params = option["params"] if isinstance(option, dict) else option.params
    return t(problem, **{name: _param(name, value, currency) for name, value in params.items()})


def cap_text(line: dict[str, Any]) -> str:
    """One rate line with its source and status mark."""
    params = line["params"]
    text = t(f"analysis.caps.{line['id']}", rate=line["rate"])
    if line["id"] == "cn_private_4lpr":
        assumed = t("analysis.caps.lpr_assumed", date=params["date"]) if params.get("date_assumed") else ""
        text += " " + t("analysis.caps.lpr_note", lpr=params["lpr"], since=params["lpr_since"],
                        status=t(f"analysis.caps.status.{params['lpr_status']}"), checked=params["checked"],
                        assumed=assumed)
    return text + t(f"analysis.caps.status.{line['status']}")


def _table(title: str | None = None, *, header: bool = True):
    """A rich Table whose title and text cells are shown literally (catalog texts contain [brackets])."""
    from rich.table import Table
    from rich.text import Text

    class PlainTable(Table):
        def add_row(self, *cells: Any, **options: Any) -> None:
            super().add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in cells), **options)

        def add_column(self, header: Any = "", *args: Any, **options: Any) -> None:
            super().add_column(Text(header) if isinstance(header, str) else header, *args, **options)

    return PlainTable(title=Text(title) if title else None, show_header=header, title_justify="left")


def _say(console: Any, text: str, style: str = "") -> None:
    """Print text literally (no rich markup), optionally styled."""
    from rich.text import Text

    console.print(Text(text, style=style))


def _bold(text: str) -> Any:
    from rich.text import Text

    return Text(text, style="bold")


def _bullets(console: Any, lines: list[str]) -> None:
    for line in lines:
        _say(console, f"  • {line}")


# ---- analysis -----------------------------------------------------------------------------------

def render_analysis(console: Any, case: Any, result: dict[str, Any]) -> None:
    """The full report of `overdue analyse`."""
    currency = result["currency"]
    _say(console, f"{t('analysis.analyse.title', case_id=case.id, lender=case.lender)}", "bold")
    console.print()
    _say(console, f"{t('analysis.analyse.causes_title')}", "bold")
    for cause in result["causes"]:
        _say(console, f"  {t(f'analysis.cause.{cause}')}", "bold")
        _bullets(console, t_list(f"analysis.advice.{cause}"))
    console.print()
    render_budget(console, result["budget"])
    console.print()
    render_waiting(console, result, case.id)
    console.print()
    _say(console, f"{t('analysis.caps.title')}", "bold")
    _bullets(console, [cap_text(line) for line in result["caps"]] or [
        t("analysis.waiting.no_cap", region=result.get("region") or "?",
          rate=result["cost_of_waiting"]["late_charge_rate"])])
    console.print()
    render_strategy(console, result)
    console.print()
    kind = result["recommended_plan"]
    _say(console, t("analysis.analyse.saved", case_id=case.id, kind=kind) if kind
                  else t("analysis.analyse.saved_no_plan", case_id=case.id))
    render_footer(console)


def render_footer(console: Any) -> None:
    """The caveats every analysis output carries."""
    from .caps import lpr_table

    _say(console, t("analysis.never_ignore"))
    _say(console, f"{t('analysis.disclaimer')} {t('analysis.data_date', date=lpr_table()[0])}", "dim")


def render_budget(console: Any, summary: dict[str, Any]) -> None:
    """The household budget table and its flags."""
    currency = summary["currency"]
    table = _table(t("analysis.budget.title"), header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for name, value in summary["income"].items():
        if Decimal(value):
            table.add_row(f"  {t(f'analysis.field.income_{name}')}", _money(value, currency))
    table.add_row(t("analysis.budget.income"), _money(summary["income_total"], currency))
    for name, value in summary["spending"].items():
        if Decimal(value):
            table.add_row(f"  {t(f'analysis.field.spend_{name}')}", _money(value, currency))
    table.add_row(t("analysis.budget.essentials"), _money(summary["essentials_total"], currency))
    table.add_row(t("analysis.budget.other_debts"), _money(summary["other_debt_payments"], currency))
    table.add_row(t("analysis.budget.savings"), _money(summary["savings"], currency))
    table.add_row(t("analysis.budget.disposable"), _money(summary["disposable"], currency))
    for key, label in (("debt_service_ratio", "dsr"), ("debt_service_ratio_with_plan", "dsr_with_plan")):
        if summary.get(key) is not None:
            table.add_row(t(f"analysis.budget.{label}"), t("analysis.budget.percent", value=summary[key]))
    if summary.get("owed") is not None:
        table.add_row(t("analysis.budget.owed"), _money(summary["owed"], currency))
        months = summary.get("months_to_clear")
        table.add_row(t("analysis.budget.months_to_clear"),
                      t("analysis.budget.months", months=months) if months is not None else t("analysis.budget.never"))
    console.print(table)
    for flag in summary["flags"]:
        _say(console, f"! {t(f'analysis.flag.{flag}')}", "yellow")


def render_waiting(console: Any, result: dict[str, Any], case_id: int) -> None:
    """The cost-of-waiting table, a bar chart of what waiting adds, and the cap comparison."""
    from rich.text import Text

    waiting = result["cost_of_waiting"]
    currency = result["currency"]
    above = waiting["above_cap"]
    table = _table(t("analysis.waiting.title"))
    for column in ("days", "date", "amount", "extra") + (("lawful",) if above else ()):
        table.add_column(t(f"analysis.waiting.{column}"), justify="left" if column in ("days", "date") else "right")
    for point in waiting["points"]:
        when = t("analysis.waiting.today") if point["days"] == 0 else t("analysis.waiting.after", days=point["days"])
        row = [when, point["date"], _money(point["amount"], currency), _money(point["extra"], currency)]
        if above:
            row.append(_money(point["lawful_amount"], currency))
        table.add_row(*row)
    console.print(table)
    chart = _table(t("analysis.waiting.chart_title"), header=False)
    chart.add_column()
    chart.add_column()
    chart.add_column(justify="right")
    largest = max(Decimal(point["extra"]) for point in waiting["points"]) or Decimal(1)
    for point in waiting["points"]:
        when = t("analysis.waiting.today") if point["days"] == 0 else t("analysis.waiting.after", days=point["days"])
        for key, glyph, style in (("extra", "█", "red"), ("lawful_extra", "░", "green")):
            if key == "lawful_extra" and not above:
                continue
            length = int((Decimal(point[key]) / largest * BAR_WIDTH).to_integral_value())
            chart.add_row(when if key == "extra" else "", Text(glyph * length, style=style),
                          _money(point[key], currency))
    console.print(chart)
    if above:
        _say(console, t("analysis.waiting.legend"), "dim")
    notes = []
    if not waiting["rate_known"]:
        notes.append(t("analysis.waiting.rate_unknown", case_id=case_id))
    if not waiting["base_is_principal"]:
        notes.append(t("analysis.waiting.base_amount_due"))
    notes.append(t("analysis.waiting.per_day", amount=_money(waiting["per_day"], currency),
                   rate=waiting["late_charge_rate"], base=_money(waiting["base"], currency)))
    cap = waiting["cap"]
    if cap and above:
        last = waiting["points"][-1]
        notes.append(t("analysis.waiting.above_cap", rate=waiting["late_charge_rate"], cap=cap["rate"],
                       line=t(f"analysis.caps.short.{cap['id']}"), lawful=_money(last["lawful_amount"], currency),
                       amount=_money(last["amount"], currency), caveat=t(f"analysis.caps.caveat.{cap['id']}")))
    elif cap:
        notes.append(t("analysis.waiting.within_cap", rate=waiting["late_charge_rate"], cap=cap["rate"]))
    elif result["jurisdiction"] == "us":
        notes.append(t("analysis.waiting.no_cap", region=result.get("region") or "?", rate=waiting["late_charge_rate"]))
    _bullets(console, notes)


def render_strategy(console: Any, result: dict[str, Any]) -> None:
    """The strategy, why, the advice that goes with it and the recommended plan's schedule."""
    _say(console, t("analysis.strategy.heading", name=t(f"analysis.strategy.name.{result['strategy']}")), "bold")
    _say(console, t(f"analysis.strategy.why.{result['strategy_why']}"))
    extra = [t(f"analysis.extra.free_advice.{result['jurisdiction']}") if key == "free_advice"
             else t(f"analysis.extra.{key}") for key in result["extra_advice"]]
    _bullets(console, extra)
    options = {option["kind"]: option for option in result["plans"]}
    kind = result["recommended_plan"]
    if kind is None:
        return
    if result.get("preferred_problem"):
        preferred = next(option for option in result["plans"] if option["problem"] == result["preferred_problem"])
        _say(console, t("analysis.plan.fallback", kind=t(f"analysis.plan.kind.{preferred['kind']}"),
                        problem=problem_text(preferred, result["currency"])))
    _say(console, f"{t('analysis.plan.recommended', kind=t(f'analysis.plan.kind.{kind}'))}", "bold")
    render_schedule(console, options[kind]["plan"], kind)


def render_schedule(console: Any, plan: Any, kind: str) -> None:
    """A plan's dated rows (from a Plan or its JSON form)."""
    rows = plan["rows"] if isinstance(plan, dict) else [{"due": row.due.isoformat(), "amount": row.amount}
                                                         for row in plan.rows]
    currency = plan["currency"] if isinstance(plan, dict) else plan.currency
    table = _table(t("analysis.plan.schedule_title", kind=t(f"analysis.plan.kind.{kind}")))
    table.add_column(t("analysis.plan.column.number"), justify="right")
    table.add_column(t("analysis.plan.column.due"))
    table.add_column(t("analysis.plan.column.amount"), justify="right")
    for number, row in enumerate(rows, start=1):
        table.add_row(str(number), str(row["due"]), _money(row["amount"], currency))
    console.print(table)


# ---- plan ---------------------------------------------------------------------------------------

def render_plans(console: Any, case: Any, budget: Any, strategy: Any, options: list[Any], recommended: Any,
                 owed: dict[int, Decimal]) -> None:
    """Every plan option, the recommendation and why, and the recommended schedule."""
    currency = case.currency
    _say(console, f"{t('analysis.plan.title', case_id=case.id, lender=case.lender, amount=_money(case.amount_due, currency))}", "bold")
    table = _table()
    for column in ("kind", "status", "monthly", "payments", "first", "last", "total"):
        table.add_column(t(f"analysis.plan.column.{column}"))
    for option in options:
        plan = option.plan
        if plan is None:
            table.add_row(t(f"analysis.plan.kind.{option.kind}"), t("analysis.plan.fits.no"), "—", "—", "—", "—", "—")
            continue
        largest = max(row.amount for row in plan.rows)
        table.add_row(t(f"analysis.plan.kind.{option.kind}"), t("analysis.plan.fits.yes"), _money(largest, currency),
                      str(len(plan.rows)), plan.rows[0].due.isoformat(), plan.rows[-1].due.isoformat(),
                      _money(plan.total, currency))
    console.print(table)
    for option in options:
        if not option.available:
            _say(console, f"  {t(f'analysis.plan.kind.{option.kind}')}: {problem_text(option, currency)}")
    pro_rata = next(option for option in options if option.kind == "pro_rata")
    if len(pro_rata.shares) > 1:
        _say(console, t("analysis.plan.shares_title", disposable=_money(budget.disposable, currency)))
        shares = _table()
        for column in ("case", "owed", "share"):
            shares.add_column(t(f"analysis.plan.column.{column}"), justify="right")
        for case_id, share in pro_rata.shares.items():
            shares.add_row(str(case_id), _money(owed[case_id], currency), _money(share, currency))
        console.print(shares)
    console.print()
    if recommended is None:
        _say(console, f"{t('analysis.plan.nothing_fits')}", "bold")
        _say(console, t(f"analysis.strategy.why.{strategy.why}"))
    else:
        _say(console, f"{t('analysis.plan.recommended', kind=t(f'analysis.plan.kind.{recommended.kind}'))}", "bold")
        _say(console, t("analysis.plan.why_recommended", why=t(f"analysis.strategy.why.{strategy.why}")))
        preferred = next((option for option in options if option.kind == strategy.plan_kind), None)
        if preferred is not None and preferred is not recommended:
            _say(console, t("analysis.plan.fallback", kind=t(f"analysis.plan.kind.{preferred.kind}"),
                            problem=problem_text(preferred, currency)))
        render_schedule(console, recommended.plan, recommended.kind)
        _say(console, t("analysis.plan.review"))
    render_footer(console)


# ---- apr ----------------------------------------------------------------------------------------

def render_apr(console: Any, data: dict[str, Any]) -> None:
    """The APR table, the notes, and what follows from each rate line."""
    table = _table(t("analysis.apr.title"), header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    plain = lambda value: f"{Decimal(value):,.2f}"  # noqa: E731 - amounts here have no single currency
    table.add_row(t("analysis.apr.net_received"), plain(data["net_received"]))
    table.add_row(t("analysis.apr.payments"), str(data["payments"]))
    table.add_row(t("analysis.apr.total_paid"), plain(data["total_paid"]))
    table.add_row(t("analysis.apr.total_cost"), plain(data["total_cost"]))
    table.add_row(t("analysis.apr.period_rate", period=t(f"analysis.apr.period_name.{data['period']}")),
                  f"{data['period_rate']}%")
    table.add_row(t("analysis.apr.nominal"), _bold(f"{data['apr_nominal']}%"))
    table.add_row(t("analysis.apr.effective"), f"{data['apr_effective']}%")
    table.add_row(t("analysis.apr.method"), t(f"analysis.apr.method_name.{data['method']}"))
    console.print(table)
    notes = [t("analysis.apr.nominal_note")]
    if data["deducted_upfront"] is not None:
        notes.append(t("analysis.apr.deducted", amount=plain(data["deducted_upfront"])))
    _bullets(console, notes)
    _say(console, f"{t('analysis.caps.title')}", "bold")
    if not data["caps"]:
        _bullets(console, [t("analysis.apr.verdict.no_lines", region=data.get("region") or "?",
                             apr=data["apr_nominal"])])
    for line in data["caps"]:
        _say(console, f"  • {cap_text(line)}")
        if line["above"]:
            verdict = t(f"analysis.apr.verdict.{line['id']}", cap=line["rate"])
            _say(console, f"    → {verdict}", "bold red")
    if data["caps"] and not any(line["above"] for line in data["caps"]):
        _say(console, f"  {t('analysis.apr.below_all')}", "green")
    render_footer(console)


# ---- case show ----------------------------------------------------------------------------------

def render_case_summary(console: Any, summary: dict[str, Any]) -> None:
    """The lines `case show` adds: latest analysis and chosen plan."""
    analysis, plan = summary.get("analysis"), summary.get("plan")
    if analysis:
        currency = analysis["currency"]
        table = _table(t("analysis.show.analysis", date=analysis["created_at"][:10]), header=False)
        table.add_column(style="bold")
        table.add_column()
        table.add_row(t("analysis.show.causes"), ", ".join(t(f"analysis.cause.{cause}") for cause in analysis["causes"]))
        table.add_row(t("analysis.show.strategy"), t(f"analysis.strategy.name.{analysis['strategy']}"))
        table.add_row(t("analysis.show.disposable"), _money(analysis["budget"]["disposable"], currency))
        table.add_row(t("analysis.show.per_day"), _money(analysis["cost_of_waiting"]["per_day"], currency))
        console.print(table)
    if plan:
        kind = t(f"analysis.plan.kind.{plan['kind']}")
        _say(console, f"{t('analysis.show.plan', kind=kind)}", "bold")
        render_schedule(console, plan, plan["kind"])
