"""Working calendar: production calendar data, office hours and working-time arithmetic.

Times are written in Sakhalin local time (UTC+11) unless they say UTC.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from otklik.domain.calendar import (
    CalendarDataMissing,
    DayHours,
    ProductionYear,
    WorkCalendar,
    WorkingHours,
    load_calendar,
    production_years,
    statutory_holidays,
    statutory_year,
)

SAKHALIN = ZoneInfo("Asia/Sakhalin")
NINE_TO_FIVE = DayHours(start=time(9), end=time(17))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SAKHALIN)


def hours(count: float) -> timedelta:
    return timedelta(hours=count)


@pytest.fixture
def calendar() -> WorkCalendar:
    """Mon–Fri 09:00–18:00, no lunch break: the default schedule."""
    return load_calendar()


class TestProductionCalendarData:
    @pytest.mark.parametrize("year", [2025, 2026, 2027])
    def test_every_year_has_247_working_days_and_1972_hours_of_an_eight_hour_day(self, year: int) -> None:
        eight_hour_days = load_calendar(hours=WorkingHours(**{day: NINE_TO_FIVE for day in WEEKDAYS}))
        days = [date(year, 1, 1) + timedelta(days=offset) for offset in range(365)]

        working_days = [day for day in days if eight_hour_days.is_working_day(day)]
        intervals = [interval for day in days for interval in eight_hour_days.working_intervals(day)]
        norm = sum((end - start for start, end in intervals), timedelta())

        assert len(working_days) == 247
        assert norm == hours(1972)

    @pytest.mark.parametrize("year", [2025, 2026, 2027])
    def test_statutory_holidays_are_in_every_year(self, year: int) -> None:
        statutory = {date(year, 1, day) for day in range(1, 9)} | {
            date(year, 2, 23),
            date(year, 3, 8),
            date(year, 5, 1),
            date(year, 5, 9),
            date(year, 6, 12),
            date(year, 11, 4),
        }
        assert statutory <= production_years("ru")[year].holidays

    def test_2026_new_year_break_runs_from_31_december_2025_to_11_january(self, calendar: WorkCalendar) -> None:
        assert calendar.is_working_day(date(2025, 12, 30))
        assert not any(calendar.is_working_day(date(2025, 12, 31) + timedelta(days=n)) for n in range(12))
        assert calendar.is_working_day(date(2026, 1, 12))

    @pytest.mark.parametrize(
        "day_off",
        [
            date(2025, 5, 8),
            date(2025, 6, 13),
            date(2026, 3, 9),
            date(2026, 5, 11),
            date(2026, 12, 31),
            date(2027, 11, 5),
        ],
    )
    def test_transferred_days_off_are_not_working(self, calendar: WorkCalendar, day_off: date) -> None:
        assert day_off.weekday() < 5
        assert not calendar.is_working_day(day_off)

    @pytest.mark.parametrize("saturday", [date(2025, 11, 1), date(2027, 2, 20)])
    def test_transferred_working_saturdays_are_working(self, calendar: WorkCalendar, saturday: date) -> None:
        assert saturday.weekday() == 5
        assert calendar.is_working_day(saturday)

    def test_2026_has_no_working_saturday(self) -> None:
        assert production_years("ru")[2026].working_weekends == frozenset()

    def test_data_rejects_a_working_weekend_that_is_a_weekday(self) -> None:
        with pytest.raises(ValidationError, match="Saturdays or Sundays"):
            ProductionYear(year=2026, source="test", holidays=[], working_weekends=["2026-03-10"])

    def test_data_rejects_dates_of_another_year(self) -> None:
        with pytest.raises(ValidationError, match="outside 2026"):
            ProductionYear(year=2026, source="test", holidays=["2025-12-31"])


class TestWorkingDays:
    def test_ordinary_weekdays_work_and_weekends_rest(self, calendar: WorkCalendar) -> None:
        assert calendar.is_working_day(date(2026, 3, 13))  # Friday
        assert not calendar.is_working_day(date(2026, 3, 14))  # Saturday
        assert not calendar.is_working_day(date(2026, 3, 15))  # Sunday

    def test_municipal_extra_holiday_and_extra_working_day(self) -> None:
        calendar = load_calendar(extra_holidays=[date(2026, 3, 13)], extra_working_days=[date(2026, 3, 14)])

        assert not calendar.is_working_day(date(2026, 3, 13))
        assert calendar.is_working_day(date(2026, 3, 14))
        assert calendar.working_intervals(date(2026, 3, 14)) == [(local(2026, 3, 14, 9), local(2026, 3, 14, 18))]

    def test_a_year_without_data_is_an_error_when_the_statutory_fallback_is_off(self) -> None:
        calendar = load_calendar(statutory_fallback=False)
        with pytest.raises(CalendarDataMissing, match="2030"):
            calendar.is_working_day(date(2030, 1, 1))

    def test_arithmetic_that_reaches_a_year_without_data_is_an_error_when_the_fallback_is_off(self) -> None:
        with pytest.raises(CalendarDataMissing):
            load_calendar(statutory_fallback=False).add_working_time(local(2027, 12, 30, 17), hours(12))

    def test_a_country_without_data_and_without_a_statute_here_is_an_error(self) -> None:
        with pytest.raises(CalendarDataMissing):
            load_calendar("kz").is_working_day(date(2026, 3, 13))

    def test_country_must_be_a_plain_code(self) -> None:
        with pytest.raises(ValueError, match="country"):
            load_calendar("../ru")


def published_2028(**dates: list[str]) -> ProductionYear:
    """A 2028 calendar as the Government might publish it: the statutory holidays and the given changes."""
    holidays = sorted(statutory_year(2028).holidays | {date.fromisoformat(d) for d in dates.pop("holidays", [])})
    return ProductionYear(year=2028, source="Постановление (test)", holidays=holidays, **dates)


class TestStatutoryFallback:
    """A year without a published calendar counts on art. 112 ТК РФ alone: provisional, but never an error."""

    def test_a_year_without_data_has_the_holidays_of_article_112(self, calendar: WorkCalendar) -> None:
        assert statutory_holidays(2030) <= statutory_year(2030).holidays
        for holiday in (date(2030, 1, 7), date(2030, 3, 8), date(2030, 6, 12)):  # a Monday, a Friday, a Wednesday
            assert holiday.weekday() < 5 and not calendar.is_working_day(holiday)
        assert calendar.is_working_day(date(2030, 1, 9))  # Wednesday after the New Year holidays

    def test_a_holiday_on_a_weekend_moves_the_day_off_to_the_next_working_day(self, calendar: WorkCalendar) -> None:
        # 4 November 2028 is a Saturday: Monday 6 November is off.
        assert date(2028, 11, 4).weekday() == 5
        assert not calendar.is_working_day(date(2028, 11, 6))
        assert calendar.is_working_day(date(2028, 11, 7))

    def test_the_january_holidays_on_a_weekend_do_not_move(self, calendar: WorkCalendar) -> None:
        # 2028: 1 January is a Saturday and 8 January a Saturday; art. 112 part 2 excludes them from the rule
        # (the Government moves two of them by decree, unknown in advance): Monday 10 January is a working day.
        assert (date(2028, 1, 1).weekday(), date(2028, 1, 8).weekday()) == (5, 5)
        assert calendar.is_working_day(date(2028, 1, 10))

    @pytest.mark.parametrize("year", [2026, 2027])
    def test_the_rule_reproduces_the_moves_of_the_published_years_that_follow_it(self, year: int) -> None:
        # 2026: Sunday 8 March → 9 March, Saturday 9 May → 11 May;
        # 2027: Saturday 1 May → 3 May, Sunday 9 May → 10 May, Saturday 12 June → 14 June.
        published = production_years("ru")[year]
        assert statutory_year(year).holidays <= published.holidays

    def test_the_day_before_a_holiday_is_short(self, calendar: WorkCalendar) -> None:
        # Art. 95: Friday 3 November 2028, before Saturday 4 November; Tuesday 7 March, before 8 March.
        assert statutory_year(2028).short_days == {date(2028, 2, 22), date(2028, 3, 7), date(2028, 5, 8),
                                                   date(2028, 11, 3)}
        assert calendar.working_intervals(date(2028, 11, 3)) == [(local(2028, 11, 3, 9), local(2028, 11, 3, 17))]

    def test_years_counted_on_the_fallback_are_named(self, calendar: WorkCalendar) -> None:
        assert calendar.provisional_years(date(2027, 12, 30), date(2028, 1, 11)) == (2028,)
        assert calendar.provisional_years(date(2026, 1, 1), date(2027, 12, 31)) == ()

    def test_across_the_new_year_into_a_year_without_data(self, calendar: WorkCalendar) -> None:
        # Thursday 30 December 2027 evening; 31 December 2027 off by transfer; 1–8 January 2028 holidays, 9th Sunday.
        assert calendar.add_working_time(local(2027, 12, 30, 20), hours(12)) == local(2028, 1, 11, 12)


class TestLoadedYears:
    """A year loaded without a deploy wins over the fallback, and over the shipped file."""

    def test_a_loaded_year_replaces_the_fallback(self) -> None:
        loaded = {("ru", 2028): published_2028(holidays=["2028-01-10"])}
        calendar = load_calendar(loaded_years=lambda country, year: loaded.get((country, year)))

        assert not calendar.is_working_day(date(2028, 1, 10))
        assert calendar.provisional_years(date(2027, 12, 30), date(2028, 1, 11)) == ()
        assert calendar.add_working_time(local(2027, 12, 30, 20), hours(12)) == local(2028, 1, 12, 12)

    def test_a_loaded_year_replaces_the_shipped_one(self) -> None:
        shipped_holiday = date(2027, 11, 5)
        corrected = production_years("ru")[2027].model_copy(
            update={"holidays": production_years("ru")[2027].holidays - {shipped_holiday}})
        calendar = load_calendar(loaded_years=lambda country, year: corrected if year == 2027 else None)

        assert calendar.is_working_day(shipped_holiday)


class TestWorkingIntervals:
    def test_an_ordinary_day_is_one_interval_in_local_time(self, calendar: WorkCalendar) -> None:
        assert calendar.working_intervals(date(2026, 3, 13)) == [(local(2026, 3, 13, 9), local(2026, 3, 13, 18))]

    def test_a_day_off_has_no_intervals(self, calendar: WorkCalendar) -> None:
        assert calendar.working_intervals(date(2026, 1, 5)) == []

    def test_pre_holiday_day_ends_an_hour_early(self, calendar: WorkCalendar) -> None:
        # 30 April 2026, Thursday, before 1 May.
        assert calendar.is_short_day(date(2026, 4, 30))
        assert calendar.working_intervals(date(2026, 4, 30)) == [(local(2026, 4, 30, 9), local(2026, 4, 30, 17))]

    def test_short_friday_shortens_the_friday_schedule(self) -> None:
        calendar = load_calendar(hours=WorkingHours(friday=DayHours(start=time(9), end=time(16, 45))))

        # 8 May 2026, Friday, before Victory Day on Saturday.
        assert calendar.working_intervals(date(2026, 5, 8)) == [(local(2026, 5, 8, 9), local(2026, 5, 8, 15, 45))]
        assert calendar.working_intervals(date(2026, 5, 15)) == [(local(2026, 5, 15, 9), local(2026, 5, 15, 16, 45))]

    def test_transferred_working_saturday_uses_monday_hours_and_is_short(self, calendar: WorkCalendar) -> None:
        # 1 November 2025 is worked for Monday 3 November and precedes the 2–4 November break.
        assert calendar.working_intervals(date(2025, 11, 1)) == [(local(2025, 11, 1, 9), local(2025, 11, 1, 17))]

    def test_lunch_break_splits_the_day(self) -> None:
        calendar = load_calendar(hours=WorkingHours(lunch=DayHours(start=time(13), end=time(14))))

        assert calendar.working_intervals(date(2026, 3, 13)) == [
            (local(2026, 3, 13, 9), local(2026, 3, 13, 13)),
            (local(2026, 3, 13, 14), local(2026, 3, 13, 18)),
        ]

    def test_schedule_rejects_an_end_before_start(self) -> None:
        with pytest.raises(ValidationError):
            DayHours(start=time(18), end=time(9))


class TestAddWorkingTime:
    def test_within_one_day(self, calendar: WorkCalendar) -> None:
        assert calendar.add_working_time(local(2026, 3, 11, 10), hours(3)) == local(2026, 3, 11, 13)

    def test_result_is_utc(self, calendar: WorkCalendar) -> None:
        result = calendar.add_working_time(local(2026, 3, 11, 10), hours(3))

        assert result.utcoffset() == timedelta(0)
        assert result == datetime(2026, 3, 11, 2, tzinfo=UTC)

    def test_utc_input_is_read_in_local_time(self, calendar: WorkCalendar) -> None:
        # 22:00 UTC on Tuesday 10 March is 09:00 on Wednesday 11 March in Sakhalin.
        assert calendar.add_working_time(datetime(2026, 3, 10, 22, tzinfo=UTC), hours(1)) == local(2026, 3, 11, 10)

    def test_friday_17_00_plus_12_working_hours_is_tuesday_11_00(self, calendar: WorkCalendar) -> None:
        # Friday 17–18 gives 1 h, Monday 09–18 gives 9 h (10 h so far), the last 2 h run Tuesday 09–11.
        result = calendar.add_working_time(local(2026, 3, 13, 17), hours(12))

        assert result == local(2026, 3, 17, 11)
        assert result == datetime(2026, 3, 17, 0, tzinfo=UTC)

    def test_received_on_saturday_starts_monday_at_nine(self, calendar: WorkCalendar) -> None:
        assert calendar.add_working_time(local(2026, 3, 14, 12), hours(2)) == local(2026, 3, 16, 11)

    def test_received_before_opening_starts_at_opening(self, calendar: WorkCalendar) -> None:
        assert calendar.add_working_time(local(2026, 3, 11, 6, 30), hours(1)) == local(2026, 3, 11, 10)

    def test_used_up_exactly_at_closing_is_that_closing_time(self, calendar: WorkCalendar) -> None:
        assert calendar.add_working_time(local(2026, 3, 13, 17), hours(1)) == local(2026, 3, 13, 18)

    def test_zero_duration_outside_hours_is_the_next_opening(self, calendar: WorkCalendar) -> None:
        assert calendar.add_working_time(local(2026, 3, 14, 12), timedelta(0)) == local(2026, 3, 16, 9)

    def test_crossing_the_new_year_break(self, calendar: WorkCalendar) -> None:
        # Tuesday 30 Dec 2025 17–18 gives 1 h; 31 Dec 2025 – 11 Jan 2026 are all off; Monday 12 Jan
        # gives 9 h; the last 2 h run Tuesday 13 Jan 09–11.
        assert calendar.add_working_time(local(2025, 12, 30, 17), hours(12)) == local(2026, 1, 13, 11)

    def test_received_during_the_new_year_break_starts_on_12_january(self, calendar: WorkCalendar) -> None:
        assert calendar.add_working_time(local(2026, 1, 3, 10), hours(12)) == local(2026, 1, 13, 12)

    def test_a_transferred_working_saturday_counts(self, calendar: WorkCalendar) -> None:
        # Friday 31 Oct 2025 17–18 gives 1 h; Saturday 1 Nov (working, short: 09–17) gives the other 2 h.
        assert calendar.add_working_time(local(2025, 10, 31, 17), hours(3)) == local(2025, 11, 1, 11)

    def test_a_transferred_working_saturday_in_2027(self, calendar: WorkCalendar) -> None:
        # Friday 19 Feb 17–18, Saturday 20 Feb 09–17 (short), then 22 and 23 Feb are off.
        assert calendar.add_working_time(local(2027, 2, 19, 17), hours(9)) == local(2027, 2, 20, 17)
        assert calendar.add_working_time(local(2027, 2, 19, 17), hours(10)) == local(2027, 2, 24, 10)

    def test_a_pre_holiday_short_day(self, calendar: WorkCalendar) -> None:
        # Thursday 30 April 2026 closes at 17:00; 1–3 May are off; Monday 4 May opens at 09:00.
        assert calendar.add_working_time(local(2026, 4, 30, 16), hours(2)) == local(2026, 5, 4, 10)

    def test_lunch_break_is_excluded(self) -> None:
        calendar = load_calendar(hours=WorkingHours(lunch=DayHours(start=time(13), end=time(14))))

        assert calendar.add_working_time(local(2026, 3, 11, 10), hours(4)) == local(2026, 3, 11, 15)
        assert calendar.add_working_time(local(2026, 3, 11, 13, 30), hours(1)) == local(2026, 3, 11, 15)

    def test_naive_start_is_refused(self, calendar: WorkCalendar) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            calendar.add_working_time(datetime(2026, 3, 11, 10), hours(1))

    def test_negative_duration_is_refused(self, calendar: WorkCalendar) -> None:
        with pytest.raises(ValueError, match="negative"):
            calendar.add_working_time(local(2026, 3, 11, 10), hours(-1))


class TestWorkingTimeBetween:
    def test_over_a_weekend(self, calendar: WorkCalendar) -> None:
        assert calendar.working_time_between(local(2026, 3, 13, 17), local(2026, 3, 17, 11)) == hours(12)

    def test_outside_hours_counts_nothing(self, calendar: WorkCalendar) -> None:
        assert calendar.working_time_between(local(2026, 3, 13, 19), local(2026, 3, 16, 8)) == timedelta(0)

    def test_across_the_new_year_break(self, calendar: WorkCalendar) -> None:
        assert calendar.working_time_between(local(2025, 12, 30, 17), local(2026, 1, 13, 11)) == hours(12)

    def test_lunch_is_not_counted(self) -> None:
        calendar = load_calendar(hours=WorkingHours(lunch=DayHours(start=time(13), end=time(14))))

        assert calendar.working_time_between(local(2026, 3, 11, 9), local(2026, 3, 11, 18)) == hours(8)

    def test_reversed_bounds_give_negative_time(self, calendar: WorkCalendar) -> None:
        assert calendar.working_time_between(local(2026, 3, 11, 12), local(2026, 3, 11, 10)) == hours(-2)

    def test_mixed_zones_mean_the_same_instants(self, calendar: WorkCalendar) -> None:
        moscow = ZoneInfo("Europe/Moscow")  # 8 hours behind Sakhalin
        start = datetime(2026, 3, 11, 1, tzinfo=moscow)  # 09:00 in Sakhalin

        assert calendar.working_time_between(start, local(2026, 3, 11, 12)) == hours(3)

    def test_inverse_of_add_working_time(self, calendar: WorkCalendar) -> None:
        start = local(2026, 2, 20, 15, 20)
        for duration in (hours(0.5), hours(7), hours(31), hours(100)):
            assert calendar.working_time_between(start, calendar.add_working_time(start, duration)) == duration


class TestNextWorkingMoment:
    def test_inside_hours_is_the_moment_itself(self, calendar: WorkCalendar) -> None:
        assert calendar.next_working_moment(local(2026, 3, 13, 12)) == local(2026, 3, 13, 12)

    def test_at_closing_is_the_next_opening(self, calendar: WorkCalendar) -> None:
        assert calendar.next_working_moment(local(2026, 3, 13, 18)) == local(2026, 3, 16, 9)
