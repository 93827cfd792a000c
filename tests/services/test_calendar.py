"""The calendar does not run out: a working-hours deadline that reaches a year without a published production
calendar counts on the statutory holidays and says it is provisional; a year loaded later counts for the deadlines
set after it; and the sweep warns once a day while a needed year is missing."""
from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from otklik.domain.calendar import statutory_year
from otklik.domain.deadlines import SlaPolicy
from otklik.domain.model import Appeal, HistoryAction, Status
from otklik.messages import AppealReceived
from otklik.services.calendars import CALENDAR_MISSING, CalendarService
from otklik.services.routing import RoutingService
from otklik.services.sweep import SweepService
from tests.builders import TOWN, an_appeal
from tests.fakes import CalendarYears, Clock, InMemoryAppeals, RecordingPublisher, Towns, configured_towns, relay

SAKHALIN = ZoneInfo("Asia/Sakhalin")
# Thursday 30 December 2027, evening: 31 December is off by transfer, 1–8 January 2028 are the New Year holidays,
# and no calendar for 2028 is published yet.
EVENING_2027_12_30 = datetime(2027, 12, 30, 20, tzinfo=SAKHALIN)


def local(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SAKHALIN)


def a_2028_file_moving_a_day_off_to_10_january() -> str:
    holidays = sorted({d.isoformat() for d in statutory_year(2028).holidays} | {"2028-01-10"})
    return json.dumps({"year": 2028, "source": "Постановление о переносе выходных дней в 2028 году",
                       "holidays": holidays})


class WorkingHoursTown:
    """The configured town answering in 12 working hours, its production calendars, and route_appeal."""

    def __init__(self, appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> None:
        self.appeals, self.calendars = appeals, CalendarYears()
        configured = configured_towns().all()[TOWN]
        town = configured.model_copy(update={"sla": SlaPolicy(default_hours=12, default_mode="working")})
        self.service = CalendarService(self.calendars, self.calendars, "Asia/Sakhalin")
        self.routing = RoutingService(appeals, appeals, Towns(town.with_loaded_calendar_years(self.calendars.loaded)),
                                      relay(appeals, published), clock)

    def route(self, received_at: datetime, text: str = "Огромная яма на дороге у дома 5 по ул. Ленина") -> Appeal:
        appeal = an_appeal(text, received_at=received_at.astimezone(UTC))
        self.appeals.put(appeal)
        self.routing.handle(AppealReceived(appeal_id=appeal.id, municipality=TOWN, channel=appeal.channel,
                                           received_at=appeal.received_at))
        return self.appeals.current(appeal.id)


@pytest.fixture
def town(appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock) -> WorkingHoursTown:
    clock.now = EVENING_2027_12_30.astimezone(UTC)
    return WorkingHoursTown(appeals, published, clock)


def routing_entry(appeal: Appeal) -> dict[str, object]:
    (entry,) = [h for h in appeal.history if h.action is HistoryAction.ROUTED]
    return entry.details


def test_an_appeal_received_on_30_december_2027_evening_is_due_in_january_2028_on_the_statutory_holidays(
        town: WorkingHoursTown) -> None:
    appeal = town.route(EVENING_2027_12_30)

    assert appeal.status is Status.ROUTED
    # From Monday 10 January 09:00: nine hours that day and three the next.
    assert appeal.due_at == local(2028, 1, 11, 12)
    reason = str(routing_entry(appeal)["due_reason"])
    assert reason.startswith("PROVISIONAL: no production calendar published for 2028")
    assert "ст. 112 ТК РФ" in reason


def test_a_deadline_within_published_years_is_not_provisional(town: WorkingHoursTown) -> None:
    appeal = town.route(local(2027, 12, 20, 10))

    assert appeal.due_at == local(2027, 12, 21, 13)
    assert routing_entry(appeal)["due_reason"] == "12 working hours by the town's default"


def test_a_loaded_2028_changes_the_deadlines_set_after_it_not_those_already_set(town: WorkingHoursTown) -> None:
    before = town.route(EVENING_2027_12_30)

    town.service.load(a_2028_file_moving_a_day_off_to_10_january(), "2028.json")
    after = town.route(EVENING_2027_12_30, "Яма на дороге у дома 7 по ул. Мира")

    assert after.due_at == local(2028, 1, 12, 12), "10 January is a day off in the loaded calendar"
    assert routing_entry(after)["due_reason"] == "12 working hours by the town's default"
    assert town.appeals.current(before.id).due_at == local(2028, 1, 11, 12), "a deadline set stays as it was"


class TestMissingCalendarWarning:
    @pytest.fixture
    def calendars(self) -> CalendarYears:
        return CalendarYears()

    @pytest.fixture
    def sweep(self, appeals: InMemoryAppeals, published: RecordingPublisher, clock: Clock,
              calendars: CalendarYears) -> SweepService:
        service = CalendarService(calendars, calendars, "Asia/Sakhalin")
        return SweepService(appeals, appeals, relay(appeals, published), clock, calendar_warning=service.warning_due)

    def test_from_october_the_sweep_warns_once_a_day_that_next_years_calendar_is_missing(
            self, sweep: SweepService, clock: Clock, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.WARNING, logger="otklik.services.sweep")
        clock.now = local(2027, 10, 1, 9).astimezone(UTC)

        first, again = sweep.tick(), sweep.tick()
        clock.advance(days=1)
        next_day = sweep.tick()

        assert first.calendar_warning is not None and "2028" in first.calendar_warning
        assert again.calendar_warning is None, "once a day"
        assert next_day.calendar_warning == first.calendar_warning
        warnings = [r for r in caplog.records if r.getMessage() == CALENDAR_MISSING]
        assert [r.levelno for r in warnings] == [logging.WARNING, logging.WARNING]
        assert vars(warnings[0])["warning"] == first.calendar_warning

    def test_no_warning_once_the_year_is_loaded(self, sweep: SweepService, clock: Clock,
                                                calendars: CalendarYears) -> None:
        CalendarService(calendars, calendars, "Asia/Sakhalin").load(a_2028_file_moving_a_day_off_to_10_january(),
                                                                    "2028.json")
        clock.now = local(2027, 11, 2, 9).astimezone(UTC)

        assert sweep.tick().calendar_warning is None

    def test_no_warning_and_nothing_read_while_the_shipped_years_are_enough(
            self, sweep: SweepService, clock: Clock, calendars: CalendarYears) -> None:
        clock.now = local(2026, 11, 30, 9).astimezone(UTC)  # 2027 is shipped

        assert sweep.tick().calendar_warning is None
        assert (calendars.reads, calendars.marks) == (0, set())

    def test_before_october_nothing_is_said(self, sweep: SweepService, clock: Clock) -> None:
        clock.now = local(2027, 9, 30, 23).astimezone(UTC)

        assert sweep.tick().calendar_warning is None
        clock.advance(hours=1)  # 1 October, local time
        assert sweep.tick().calendar_warning is not None


def test_the_warning_day_is_the_towns_local_day() -> None:
    calendars = CalendarYears()
    service = CalendarService(calendars, calendars, "Asia/Sakhalin")
    late_evening_utc = datetime(2027, 10, 1, 14, tzinfo=UTC)  # 01:00 on 2 October in Sakhalin

    assert service.warning_due(late_evening_utc) is not None
    assert service.warning_due(late_evening_utc + timedelta(hours=5)) is None, "the same local day"
