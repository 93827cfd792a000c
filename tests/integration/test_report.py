"""The monthly report on a generated month, checked against figures computed here independently."""
from __future__ import annotations

import csv
import io
import math
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from otklik.domain.categories import CATEGORY_GROUPS
from otklik.domain.model import Appeal, Channel, Status
from otklik.domain.principals import Role
from otklik.services.ports import AppealWrite
from otklik.services.report import ReportService
from tests.builders import an_appeal
from tests.conftest import Stack, seed_towns
from tests.support import OTHER_TOWN, TOWN

SAKHALIN = timedelta(hours=11)
JUNE_START = datetime(2026, 6, 1, tzinfo=UTC) - SAKHALIN  # local midnight, in UTC
JUNE_END = datetime(2026, 7, 1, tzinfo=UTC) - SAKHALIN
DEPARTMENTS = {"roads": "city_economy", "waste": "ecology", "heating": "housing_utilities", "schools": "education",
               "healthcare": "regional"}


def generate(rng: random.Random, count: int) -> list[Appeal]:
    appeals = []
    for number in range(count):
        town = TOWN if number % 10 else OTHER_TOWN
        # A few fall just outside the local month on either side.
        offset = rng.uniform(-2, 32) * 86400
        received = JUNE_START + timedelta(seconds=offset)
        channel = rng.choice([Channel.TELEGRAM, Channel.VK, Channel.OK, Channel.MAX, Channel.REGIONAL])
        status = rng.choice([Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED, Status.RESOLVED, Status.NEEDS_TRIAGE,
                             Status.MERGED, Status.REJECTED])
        category = None if status is Status.NEEDS_TRIAGE else rng.choice(list(DEPARTMENTS))
        due_at = received + timedelta(hours=12)
        seconds = None
        if status in (Status.ANSWERED, Status.RESOLVED) or (status is Status.IN_PROGRESS and rng.random() < 0.5):
            seconds = float(rng.randint(60, 30 * 3600))
        # Stored as it stands at the end of the month: the figures of a report are read off these fields.
        appeals.append(an_appeal(
            "x", channel=channel, municipality=town, received_at=received, status=status,
            category=category, department=DEPARTMENTS.get(category or ""), due_at=due_at,
            first_response_at=received + timedelta(seconds=seconds) if seconds is not None else None,
            first_response_seconds=seconds,
            first_response_within_deadline=None if seconds is None else seconds <= 12 * 3600,
            overdue=(seconds is None and rng.random() < 0.6) or (seconds is not None and seconds > 12 * 3600),
        ))
    return appeals


def expected(appeals: list[Appeal], town: str) -> dict[str, Any]:
    month = [a for a in appeals if a.municipality == town and JUNE_START <= a.received_at < JUNE_END]
    counted = [a for a in month if a.status not in (Status.MERGED, Status.REJECTED)]
    seconds = sorted(a.first_response_seconds for a in counted if a.first_response_seconds is not None)
    in_time = sum(a.first_response_within_deadline is True for a in counted)
    late = sum(a.first_response_within_deadline is False for a in counted)
    open_overdue = sum(a.first_response_within_deadline is None and a.overdue for a in counted)

    def rank(fraction: float) -> float | None:
        return seconds[max(1, math.ceil(fraction * len(seconds))) - 1] if seconds else None

    by_category: dict[str, int] = {}
    for a in counted:
        key = a.category or "uncategorized"
        by_category[key] = by_category.get(key, 0) + 1
    return {
        "received": len(counted),
        "processed": sum(a.status in (Status.ANSWERED, Status.RESOLVED) for a in counted),
        "responded": len(seconds), "mean": sum(seconds) / len(seconds) if seconds else None,
        "median": rank(0.5), "p90": rank(0.9),
        "in_time": in_time, "late": late, "open_overdue": open_overdue,
        "share": round(in_time / (in_time + late + open_overdue), 4) if in_time + late + open_overdue else None,
        "by_category": by_category,
        "by_channel": {str(c): n for c in Channel if (n := sum(a.channel is c for a in counted))},
        "by_department": {d: n for d in set(DEPARTMENTS.values()) if (n := sum(a.department == d for a in counted))},
        "rejected": sum(a.status is Status.REJECTED for a in month),
    }


@pytest.fixture
def month(stack: Stack) -> list[Appeal]:
    seed_towns(stack)
    appeals = generate(random.Random(20260601), 160)
    for appeal in appeals:
        stack.deps.appeals.add(AppealWrite(appeal))
    return appeals


def test_the_report_matches_figures_computed_independently(stack: Stack, month: list[Appeal]) -> None:
    want = expected(month, TOWN)
    report = stack.deps.reports.monthly(TOWN, "2026-06")

    assert (report.received, report.processed) == (want["received"], want["processed"])
    assert report.processed_share == round(want["processed"] / want["received"], 4)
    assert report.first_response.responded == want["responded"]
    assert report.first_response.mean_seconds == pytest.approx(want["mean"])
    assert (report.first_response.median_seconds, report.first_response.p90_seconds) == (want["median"], want["p90"])
    deadlines = report.deadlines
    assert (deadlines.answered_in_time, deadlines.answered_late, deadlines.open_overdue) == (
        want["in_time"], want["late"], want["open_overdue"])
    assert deadlines.share_in_time == want["share"]
    assert deadlines.overdue == want["late"] + want["open_overdue"]
    assert report.by_category == want["by_category"] | {"uncategorized": want["by_category"].get("uncategorized", 0)}
    assert sum(report.by_group.values()) + report.by_category["uncategorized"] == report.received
    assert report.by_group["social"] == sum(n for c, n in want["by_category"].items()
                                            if CATEGORY_GROUPS.get(c) == "social")
    assert report.by_channel == want["by_channel"]
    assert report.by_department == want["by_department"]
    assert report.not_counted["rejected"] == want["rejected"]


def test_the_report_reads_almost_no_appeal_documents(stack: Stack, month: list[Appeal]) -> None:
    from otklik.adapters.firestore_reports import FirestoreReportQueries

    queries = FirestoreReportQueries(stack.deps.firestore)
    ReportService(queries, stack.deps.towns, "Asia/Sakhalin").monthly(TOWN, "2026-06")

    assert queries.cost.documents_read <= 4, "percentiles read only the few appeals at their rank"
    assert queries.cost.aggregations <= 120


def test_the_http_report_for_supervisors_in_json_and_csv(
        stack: Stack, month: list[Appeal], functions_server: str) -> None:
    _, supervisor = stack.deps.api_keys.issue(Role.SUPERVISOR, (TOWN,))
    _, department = stack.deps.api_keys.issue(Role.DEPARTMENT, (TOWN,), "ecology")
    url = f"{functions_server}/monthly_report"

    def get(key: str, **params: str) -> requests.Response:
        return requests.get(url, params=params, headers={"Authorization": f"Bearer {key}"}, timeout=60,
                            allow_redirects=False)

    body = get(supervisor, town=TOWN, month="2026-06").json()
    assert body["received"] == expected(month, TOWN)["received"]
    rows = list(csv.DictReader(io.StringIO(get(supervisor, town=TOWN, month="2026-06", format="csv").text)))
    assert {"section": "received", "key": "", "value": str(body["received"])} in rows
    assert get(supervisor, town=OTHER_TOWN, month="2026-06").status_code == 403
    assert get(department, town=TOWN, month="2026-06").status_code == 403
    assert get(supervisor, town=TOWN, month="June").status_code == 400
    assert get(supervisor, town=TOWN, month="2026-06", format="xml").status_code == 400
