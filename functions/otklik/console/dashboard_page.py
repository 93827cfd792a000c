"""The supervisors' dashboard: a month's figures (the month so far, or a past one) from the same ReportService as
`python -m otklik report`, as charts and tables, a CSV export and a printable page."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import flask

from otklik.console import views
from otklik.console.charts import Bar, bar_chart
from otklik.console.web import ConsoleError, Visit, page, routes, town_of
from otklik.domain.categories import CATEGORY_LABELS
from otklik.domain.model import OPEN_STATUSES
from otklik.domain.principals import REPORT_READERS
from otklik.services.queries import AppealQuery
from otklik.services.report import MONTH, MonthlyBreakdown, MonthlyReport, ReportRefused, as_csv

MONTHS_BACK = 12  # the past months offered beside the current one


@dataclass(frozen=True)
class Dashboard:
    town: str
    town_name: str
    month: str
    months: list[str]  # the current month first, then the past ones
    report: MonthlyReport
    breakdown: MonthlyBreakdown
    overdue_now: int
    department_names: dict[str, str]


@routes.route("GET", "/dashboard")
def dashboard(request: flask.Request, visit: Visit) -> flask.Response:
    return _render(visit, "dashboard.html")


@routes.route("GET", "/dashboard/print")
def printable(request: flask.Request, visit: Visit) -> flask.Response:
    return _render(visit, "dashboard_print.html")


@routes.route("GET", "/dashboard.csv")
def csv_export(request: flask.Request, visit: Visit) -> flask.Response:
    town, month = _town_and_month(visit)
    assert visit.session is not None
    try:
        report = visit.deps.reports.monthly(town, month, visit.session.principal)
    except ReportRefused as refused:
        raise ConsoleError(400, f"Сводку не построить: {refused}", back="/dashboard") from None
    response = flask.Response(as_csv(report), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="otklik-{town}-{month}.csv"'
    return response


def _render(visit: Visit, template: str) -> flask.Response:
    found = read_dashboard(visit)
    return page(visit, template, dash=found, views=views, charts=charts_of(found), categories=CATEGORY_LABELS)


def read_dashboard(visit: Visit) -> Dashboard:
    assert visit.session is not None
    principal = visit.session.principal
    town, month = _town_and_month(visit)
    try:
        report = visit.deps.reports.monthly(town, month, principal)
        breakdown = visit.deps.reports.breakdown(town, month, principal)
    except ReportRefused as refused:
        raise ConsoleError(400, f"Сводку не построить: {refused}", back="/dashboard") from None
    overdue = visit.deps.work.count(principal, AppealQuery(municipality=town, statuses=tuple(OPEN_STATUSES),
                                                           overdue=True))
    config = visit.deps.towns.all().get(town)
    return Dashboard(town=town, town_name=config.name if config else town, month=month,
                     months=recent_months(_this_month(visit, town), MONTHS_BACK), report=report,
                     breakdown=breakdown, overdue_now=overdue,
                     department_names=dict(config.departments) if config else {})


def _town_and_month(visit: Visit) -> tuple[str, str]:
    assert visit.session is not None
    if visit.session.principal.role not in REPORT_READERS:
        raise ConsoleError(403, "Сводка доступна руководителям и региону.")
    town = town_of(visit, visit.request.args.get("town"))
    month = visit.request.args.get("month") or _this_month(visit, town)
    if not MONTH.match(month):
        raise ConsoleError(400, "Месяц указывается так: 2026-06.", back="/dashboard")
    return town, month


def _this_month(visit: Visit, town: str) -> str:
    config = visit.deps.towns.all().get(town)
    timezone = config.timezone if config else visit.deps.settings.timezone
    now: datetime = visit.deps.clock()
    return now.astimezone(ZoneInfo(timezone)).strftime("%Y-%m")


def recent_months(current: str, back: int) -> list[str]:
    year, month = map(int, current.split("-"))
    months = []
    for _ in range(back + 1):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def charts_of(dash: Dashboard) -> dict[str, object]:
    report, breakdown = dash.report, dash.breakdown
    channel = views.channel_label
    on_time = [Bar(dash.department_names.get(d, d), (s.share_in_time or 0.0) * 100, views.percent(s.share_in_time),
                   missed=bool(s.overdue)) for d, s in breakdown.deadlines_by_department.items()
               if s.answered_in_time + s.answered_late + s.open_overdue]
    return {
        "received_by_channel": bar_chart("Поступило по каналам", [
            Bar(channel(c), n, str(n)) for c, n in report.by_channel.items()]),
        "processed_by_channel": bar_chart("Обработано по каналам", [
            Bar(channel(c), n, str(n)) for c, n in breakdown.processed_by_channel.items()]),
        "received_by_category": bar_chart("Поступило по категориям", [
            Bar(views.category_label(c) if c != "uncategorized" else "без категории", n, str(n))
            for c, n in report.by_category.items() if n]),
        "processed_by_category": bar_chart("Обработано по категориям", [
            Bar(views.category_label(c), n, str(n)) for c, n in breakdown.processed_by_category.items()]),
        "on_time_by_department": bar_chart("Доля ответов в срок по отделам", on_time, scale=100.0),
    }
