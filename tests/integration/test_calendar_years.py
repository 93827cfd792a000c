"""Production calendars loaded into Firestore: what an instance reads of them and when, what route_appeal's deadlines
make of them, and the daily mark that lets the missing-calendar warning out once across instances."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from otklik.adapters.calendar_years import CALENDARS, FirestoreCalendarYears, FirestoreDailyMarks
from otklik.domain.calendar import ProductionYear, statutory_year
from otklik.domain.deadlines import SlaPolicy
from otklik.domain.model import HistoryAction, Status
from otklik.messages import AppealReceived
from otklik.services.events import write
from tests.builders import an_appeal
from tests.conftest import TOWNS_FILE, Stack
from tests.support import TOWN

SAKHALIN = ZoneInfo("Asia/Sakhalin")
EVENING_2027_12_30 = datetime(2027, 12, 30, 20, tzinfo=SAKHALIN)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def published_2028() -> ProductionYear:
    """2028 with Monday 10 January off, as a decree might move a January weekend day."""
    return ProductionYear(year=2028, source="decree", holidays=statutory_year(2028).holidays | {date(2028, 1, 10)},
                          short_days=statutory_year(2028).short_days)


def test_a_saved_year_reads_back_and_other_instances_see_it_after_their_cache_time(stack: Stack) -> None:
    clock = Clock()
    warm = FirestoreCalendarYears(stack.deps.firestore, ttl_seconds=60, clock=clock)
    assert warm.loaded("ru", 2028) is None

    FirestoreCalendarYears(stack.deps.firestore, ttl_seconds=60).save("ru", published_2028())

    assert warm.loaded("ru", 2028) is None, "cached for the configuration cache time"
    clock.now += 61
    assert warm.loaded("ru", 2028) == published_2028()
    assert dict(warm.loaded_years("ru")) == {2028: published_2028()} and warm.loaded_years("kz") == {}


def test_a_stored_year_that_no_longer_reads_is_left_out_and_logged(
        stack: Stack, caplog: pytest.LogCaptureFixture) -> None:
    years = FirestoreCalendarYears(stack.deps.firestore, ttl_seconds=60)
    years.save("ru", published_2028())
    stack.deps.firestore.collection(CALENDARS).document("ru-2029").set(
        {"country": "ru", "year": 2029, "production_year": {"year": 2029, "holidays": ["2029-02-30"]}})

    assert years.loaded("ru", 2029) is None and years.loaded("ru", 2028) is not None
    assert any(r.getMessage() == "a loaded production calendar does not read; left out" for r in caplog.records)


def test_a_daily_mark_is_taken_once_across_instances(stack: Stack) -> None:
    one, other = FirestoreDailyMarks(stack.deps.firestore), FirestoreDailyMarks(stack.deps.firestore)
    day = date(2027, 10, 1)

    assert [one.first_today("calendar", day), other.first_today("calendar", day), one.first_today("calendar", day)] \
        == [True, False, False]
    assert other.first_today("calendar", date(2027, 10, 2)) is True


def test_route_appeal_counts_on_the_fallback_until_a_year_is_loaded_then_on_the_loaded_year(stack: Stack) -> None:
    from otklik.domain.towns import RegionConfig

    towns = RegionConfig.model_validate_json(TOWNS_FILE.read_text(encoding="utf-8")).towns
    stack.deps.towns.save(t.model_copy(update={"sla": SlaPolicy(default_mode="working")}) if t.code == TOWN else t
                          for t in towns)

    def routed(text: str) -> tuple[datetime | None, str]:
        """The deadline route_appeal's service gives an appeal received on 30 December 2027 evening, and its reason."""
        appeal = an_appeal(text, received_at=EVENING_2027_12_30.astimezone(UTC))
        stack.deps.appeals.add(write(None, appeal))
        stack.deps.routing.handle(AppealReceived(appeal_id=appeal.id, municipality=TOWN, channel=appeal.channel,
                                                 received_at=appeal.received_at))
        stored = stack.deps.appeals.get(appeal.id)
        assert stored is not None and stored.status is Status.ROUTED
        (entry,) = [h for h in stored.history if h.action is HistoryAction.ROUTED]
        return stored.due_at, entry.details["due_reason"]

    first_due, first_reason = routed("Огромная яма на дороге у дома 5 по ул. Ленина")
    stack.deps.calendars.load(json.dumps(published_2028().model_dump(mode="json"), default=sorted), "2028.json")
    second_due, second_reason = routed("Яма на дороге у дома 7 по ул. Мира")

    assert (first_due, first_reason.startswith("PROVISIONAL")) == (datetime(2028, 1, 11, 12, tzinfo=SAKHALIN), True)
    assert (second_due, second_reason) == (datetime(2028, 1, 12, 12, tzinfo=SAKHALIN),
                                           "12 working hours by the town's default")
