"""The monthly report supervisors read: per town and local month."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from otklik.domain.classification import CATEGORY_GROUPS
from otklik.domain.model import Channel, Status
from otklik.domain.principals import Principal, Role
from otklik.domain.towns import TownConfig

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
PROCESSED = (str(Status.ANSWERED), str(Status.RESOLVED))


class ReportQueries(Protocol):
    def count(self, town: str, month: str, **equal: object) -> int: ...

    def count_unreportable(self, town: str, month: str, status: str) -> int: ...

    def response_totals(self, town: str, month: str) -> tuple[int, float]: ...

    def response_percentile(self, town: str, month: str, fraction: float, responded: int) -> float | None: ...


class TownDirectory(Protocol):
    def all(self) -> Mapping[str, TownConfig]: ...


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
    model_config = ConfigDict(frozen=True)

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


class ReportRefused(ValueError):
    pass


class ReportService:
    def __init__(self, queries: ReportQueries, towns: TownDirectory, timezone: str) -> None:
        self._queries = queries
        self._towns = towns
        self._timezone = timezone

    def monthly(self, town: str, month: str, principal: Principal | None = None) -> MonthlyReport:
        if principal is not None and (principal.role not in (Role.SUPERVISOR, Role.REGIONAL)
                                      or town not in principal.towns):
            raise PermissionError(f"no report of {town} for this key")
        if not MONTH.match(month):
            raise ReportRefused("month must look like 2026-06")
        config = self._towns.all().get(town)
        if config is None:
            raise ReportRefused(f"unknown town {town}")
        q = self._queries
        received = q.count(town, month)
        processed = q.count(town, month, status=PROCESSED)
        responded, total_seconds = q.response_totals(town, month)
        in_time = q.count(town, month, first_response_within_deadline=True)
        late = q.count(town, month, first_response_within_deadline=False)
        # Still unanswered past the deadline: counted as missed, or the share would hide the worst cases.
        open_overdue = q.count(town, month, first_response_within_deadline=None, overdue=True)
        judged = in_time + late + open_overdue
        by_category = {c: q.count(town, month, category=c) for c in CATEGORY_GROUPS}
        by_group: dict[str, int] = {}
        for category, group in CATEGORY_GROUPS.items():
            by_group[group] = by_group.get(group, 0) + by_category[category]
        return MonthlyReport(
            town=town, month=month, timezone=self._timezone, received=received, processed=processed,
            processed_share=_share(processed, received),
            first_response=FirstResponse(
                responded=responded, mean_seconds=total_seconds / responded if responded else None,
                median_seconds=q.response_percentile(town, month, 0.5, responded),
                p90_seconds=q.response_percentile(town, month, 0.9, responded)),
            deadlines=Deadlines(answered_in_time=in_time, answered_late=late, open_overdue=open_overdue,
                                share_in_time=_share(in_time, judged), overdue=late + open_overdue),
            not_counted={s: q.count_unreportable(town, month, s) for s in (str(Status.REJECTED), str(Status.MERGED))},
            by_group=by_group,
            by_category={c: n for c, n in by_category.items() if n} | {"uncategorized": received - sum(by_category.values())},
            by_channel={str(c): n for c in Channel if (n := q.count(town, month, channel=str(c)))},
            by_department={d: n for d in config.departments if (n := q.count(town, month, department=d))},
        )


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
    writer.writerows(("" if v is None else v for v in row) for row in rows)  # type: ignore[misc]
    return buffer.getvalue()


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
