"""The monthly report supervisors read: per town and local month."""
from __future__ import annotations

import csv
import io
import re

from pydantic import BaseModel, ConfigDict

from otklik.domain.categories import CATEGORY_GROUPS
from otklik.domain.model import Channel, Status
from otklik.domain.principals import Principal
from otklik.domain.towns import TownConfig
from otklik.services.ports import ReportQueries, TownDirectory
from otklik.services.queries import Count

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
PROCESSED = (str(Status.ANSWERED), str(Status.RESOLVED))


class FirstResponse(BaseModel):
    responded: int
    mean_seconds: float | None
    median_seconds: float | None
    p90_seconds: float | None


class Deadlines(BaseModel):
    answered_in_time: int
    answered_late: int
    open_overdue: int
    share_in_time: float | None
    overdue: int


class MonthlyReport(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    town: str
    month: str
    timezone: str
    received: int
    processed: int
    processed_share: float | None
    first_response: FirstResponse
    deadlines: Deadlines
    not_counted: dict[str, int]
    by_group: dict[str, int]
    by_category: dict[str, int]
    by_channel: dict[str, int]
    by_department: dict[str, int]


class MonthlyBreakdown(BaseModel):
    """What the console's dashboard shows beside the monthly report: processed appeals by channel and category, and
    each department's deadlines (open overdue counted as missed), from the same counts as the report."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    town: str
    month: str
    processed_by_channel: dict[str, int]
    processed_by_category: dict[str, int]
    deadlines_by_department: dict[str, Deadlines]


class ReportRefused(ValueError):
    pass


class ReportService:
    def __init__(self, queries: ReportQueries, towns: TownDirectory, timezone: str) -> None:
        self._queries = queries
        self._towns = towns
        self._timezone = timezone

    def monthly(self, town: str, month: str, principal: Principal | None = None) -> MonthlyReport:
        config = self._check(town, month, principal)
        q = self._queries
        categories = {c: f"category/{c}" for c in CATEGORY_GROUPS}
        channels = {str(c): f"channel/{c}" for c in Channel}
        departments = {d: f"department/{d}" for d in config.departments}
        not_counted = {s: f"not_counted/{s}" for s in (str(Status.REJECTED), str(Status.MERGED))}
        n = q.counts(town, month, {
            "received": Count(),
            "processed": Count(status=PROCESSED),
            "in_time": Count(first_response_within_deadline=True),
            "late": Count(first_response_within_deadline=False),
            # Still unanswered past the deadline: counted as missed, or the share would hide the worst cases.
            "open_overdue": Count(first_response_within_deadline=None, overdue=True),
            **{name: Count(category=c) for c, name in categories.items()},
            **{name: Count(channel=c) for c, name in channels.items()},
            **{name: Count(department=d) for d, name in departments.items()},
            **{name: Count(reportable=False, status=s) for s, name in not_counted.items()},
        })
        received, processed = n["received"], n["processed"]
        in_time, late, open_overdue = n["in_time"], n["late"], n["open_overdue"]
        responded, total_seconds = q.response_totals(town, month)
        median, p90 = q.response_percentiles(town, month, (0.5, 0.9), responded)
        by_category = {c: n[name] for c, name in categories.items()}
        by_group: dict[str, int] = {}
        for category, group in CATEGORY_GROUPS.items():
            by_group[group] = by_group.get(group, 0) + by_category[category]
        return MonthlyReport(
            town=town, month=month, timezone=self._timezone, received=received, processed=processed,
            processed_share=_share(processed, received),
            first_response=FirstResponse(
                responded=responded, mean_seconds=total_seconds / responded if responded else None,
                median_seconds=median, p90_seconds=p90),
            deadlines=_deadlines(in_time, late, open_overdue),
            not_counted={s: n[name] for s, name in not_counted.items()},
            by_group=by_group,
            by_category=({c: k for c, k in by_category.items() if k}
                         | {"uncategorized": received - sum(by_category.values())}),
            by_channel={c: k for c, name in channels.items() if (k := n[name])},
            by_department={d: k for d, name in departments.items() if (k := n[name])},
        )

    def breakdown(self, town: str, month: str, principal: Principal | None = None) -> MonthlyBreakdown:
        config = self._check(town, month, principal)
        channels = [str(c) for c in Channel]
        departments = list(config.departments)
        wanted = {
            **{f"channel/{c}": Count(status=PROCESSED, channel=c) for c in channels},
            **{f"category/{c}": Count(status=PROCESSED, category=c) for c in CATEGORY_GROUPS},
        }
        for d in departments:
            wanted |= {f"in_time/{d}": Count(department=d, first_response_within_deadline=True),
                       f"late/{d}": Count(department=d, first_response_within_deadline=False),
                       f"open_overdue/{d}": Count(department=d, first_response_within_deadline=None, overdue=True)}
        n = self._queries.counts(town, month, wanted)
        return MonthlyBreakdown(
            town=town, month=month,
            processed_by_channel={c: k for c in channels if (k := n[f"channel/{c}"])},
            processed_by_category={c: k for c in CATEGORY_GROUPS if (k := n[f"category/{c}"])},
            deadlines_by_department={d: _deadlines(n[f"in_time/{d}"], n[f"late/{d}"], n[f"open_overdue/{d}"])
                                     for d in departments},
        )

    def _check(self, town: str, month: str, principal: Principal | None) -> TownConfig:
        if principal is not None and (not principal.reads_reports or town not in principal.towns):
            raise PermissionError(f"no report of {town} for this key")
        if not MONTH.match(month):
            raise ReportRefused("month must look like 2026-06")
        config = self._towns.all().get(town)
        if config is None:
            raise ReportRefused(f"unknown town {town}")
        return config


def _deadlines(in_time: int, late: int, open_overdue: int) -> Deadlines:
    return Deadlines(answered_in_time=in_time, answered_late=late, open_overdue=open_overdue,
                     share_in_time=_share(in_time, in_time + late + open_overdue), overdue=late + open_overdue)


def as_csv(report: MonthlyReport) -> str:
    """One figure a row: section, key, value."""
    rows: list[tuple[str, str, object]] = [
        ("town", "", report.town), ("month", "", report.month), ("received", "", report.received),
        ("processed", "", report.processed), ("processed_share", "", report.processed_share),
    ]
    rows += [("first_response", k, v) for k, v in report.first_response.model_dump().items()]
    rows += [("deadlines", k, v) for k, v in report.deadlines.model_dump().items()]
    for section in ("not_counted", "by_group", "by_category", "by_channel", "by_department"):
        rows += [(section, k, v) for k, v in getattr(report, section).items()]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(("section", "key", "value"))
    writer.writerows(("" if v is None else v for v in row) for row in rows)
    return buffer.getvalue()


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
