"""Working time of a municipality: production calendar, office hours and arithmetic over them.

Interval arithmetic is done in UTC so that elapsed time is real time even where the local zone
has (or once had) daylight saving; intervals are built from local wall-clock hours.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Self
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

Interval = tuple[datetime, datetime]

DEFAULT_TZ = "Asia/Sakhalin"
# A calendar whose schedule never opens would otherwise loop forever; ten years is far beyond
# any real run of days off.
_MAX_DAYS_WITHOUT_WORK = 3660


class CalendarDataMissing(LookupError):
    """No production calendar is shipped for the year, and falling back to plain weekdays is not allowed."""

    def __init__(self, country: str, year: int) -> None:
        super().__init__(
            f"no production calendar for country {country!r}, year {year}: "
            f"add data/calendars/{country}/{year}.json or allow the weekday fallback"
        )
        self.country = country
        self.year = year


class DayHours(BaseModel):
    """Opening and closing local wall-clock time of one day."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    start: time
    end: time

    @model_validator(mode="after")
    def _starts_before_end(self) -> Self:
        if self.start >= self.end:
            raise ValueError(f"start {self.start} must be before end {self.end}")
        return self


_NINE_TO_SIX = DayHours(start=time(9), end=time(18))


class WorkingHours(BaseModel):
    """The weekly schedule; a weekday set to None is a rest day."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    monday: DayHours | None = _NINE_TO_SIX
    tuesday: DayHours | None = _NINE_TO_SIX
    wednesday: DayHours | None = _NINE_TO_SIX
    thursday: DayHours | None = _NINE_TO_SIX
    friday: DayHours | None = _NINE_TO_SIX
    saturday: DayHours | None = None
    sunday: DayHours | None = None
    lunch: DayHours | None = None
    short_day_minutes: int = Field(default=60, ge=0)
    # A weekend day made working by decree is worked as the day it swaps with, which is almost
    # always a Monday; None means the hours of the first scheduled weekday.
    transferred_day_hours: DayHours | None = None

    @model_validator(mode="after")
    def _has_a_working_weekday(self) -> Self:
        if not any(self.for_weekday(weekday) for weekday in range(7)):
            raise ValueError("the schedule has no working weekday")
        return self

    def for_weekday(self, weekday: int) -> DayHours | None:
        """Hours of a weekday, 0 = Monday as in date.weekday()."""
        day_hours: DayHours | None = getattr(self, _WEEKDAY_FIELDS[weekday])
        return day_hours

    def for_transferred_day(self) -> DayHours:
        if self.transferred_day_hours is not None:
            return self.transferred_day_hours
        return next(hours for weekday in range(7) if (hours := self.for_weekday(weekday)) is not None)


_WEEKDAY_FIELDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ProductionYear(BaseModel):
    """One year of a country's production calendar for the five-day week.

    holidays: every non-working holiday and transferred day off (may include dates that fall on a
    weekend anyway); working_weekends: Saturdays/Sundays made working by decree; short_days:
    pre-holiday working days shortened by law.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    year: int
    source: str
    notes: str | None = None
    holidays: frozenset[date]
    working_weekends: frozenset[date] = frozenset()
    short_days: frozenset[date] = frozenset()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        all_dates = self.holidays | self.working_weekends | self.short_days
        if stray := sorted(day for day in all_dates if day.year != self.year):
            raise ValueError(f"dates outside {self.year}: {stray}")
        if weekdays := sorted(day for day in self.working_weekends if day.weekday() < 5):
            raise ValueError(f"working_weekends must be Saturdays or Sundays: {weekdays}")
        if clash := sorted(self.holidays & (self.working_weekends | self.short_days)):
            raise ValueError(f"dates both off and working: {clash}")
        if resting := sorted(d for d in self.short_days if d.weekday() >= 5 and d not in self.working_weekends):
            raise ValueError(f"short days on an ordinary weekend: {resting}")
        return self


class WorkCalendar:
    """Working days and hours of one municipality in its local time zone."""

    def __init__(
        self,
        *,
        hours: WorkingHours,
        years: Mapping[int, ProductionYear],
        tz: str = DEFAULT_TZ,
        country: str = "ru",
        extra_holidays: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        allow_missing_years: bool = False,
    ) -> None:
        self.hours = hours
        self.tz = ZoneInfo(tz)
        self.country = country
        self._years = MappingProxyType(dict(years))
        self._extra_holidays = frozenset(extra_holidays)
        self._extra_working_days = frozenset(extra_working_days)
        if both := sorted(self._extra_holidays & self._extra_working_days):
            raise ValueError(f"dates both extra holidays and extra working days: {both}")
        self._allow_missing_years = allow_missing_years

    def is_working_day(self, day: date) -> bool:
        return self._day_hours(day) is not None

    def is_short_day(self, day: date) -> bool:
        production_year = self._production_year(day.year)
        return production_year is not None and day in production_year.short_days and self.is_working_day(day)

    def working_intervals(self, day: date) -> list[Interval]:
        """The day's working intervals as aware local datetimes, lunch break excluded."""
        day_hours = self._day_hours(day)
        if day_hours is None:
            return []
        opening = datetime.combine(day, day_hours.start, tzinfo=self.tz)
        closing = datetime.combine(day, day_hours.end, tzinfo=self.tz)
        if self.is_short_day(day):
            closing -= timedelta(minutes=self.hours.short_day_minutes)
        if opening >= closing:
            return []
        return self._without_lunch(day, opening, closing)

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The earliest moment by which `duration` of working time has passed since `start`, in UTC.

        A start outside working hours counts from the next opening. Running out exactly at a
        closing time gives that closing time, not the next opening.
        """
        _require_aware(start, "start")
        if duration < timedelta(0):
            raise ValueError("duration must not be negative")
        cursor = start.astimezone(UTC)
        remaining = duration
        for interval_start, interval_end in self._utc_intervals_from(cursor):
            segment_start = max(cursor, interval_start)
            available = interval_end - segment_start
            if remaining <= available:
                return segment_start + remaining
            remaining -= available
        raise AssertionError("unreachable: _utc_intervals_from never ends")  # pragma: no cover

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from `start` to `end`; negative when `end` is before `start`."""
        _require_aware(start, "start")
        _require_aware(end, "end")
        if end < start:
            return -self.working_time_between(end, start)
        start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
        total = timedelta(0)
        for day in _days(start.astimezone(self.tz).date(), end.astimezone(self.tz).date()):
            for interval_start, interval_end in self._utc_intervals(day):
                overlap = min(interval_end, end_utc) - max(interval_start, start_utc)
                total += max(overlap, timedelta(0))
        return total

    def next_working_moment(self, moment: datetime) -> datetime:
        """`moment` itself if the office is open then, otherwise the next opening; in UTC."""
        _require_aware(moment, "moment")
        cursor = moment.astimezone(UTC)
        interval_start, _ = next(self._utc_intervals_from(cursor, include_closing=False))
        return max(cursor, interval_start)

    def _day_hours(self, day: date) -> DayHours | None:
        if day in self._extra_working_days:
            return self.hours.for_weekday(day.weekday()) or self.hours.for_transferred_day()
        if day in self._extra_holidays:
            return None
        production_year = self._production_year(day.year)
        if production_year is not None:
            if day in production_year.holidays:
                return None
            if day in production_year.working_weekends:
                return self.hours.for_weekday(day.weekday()) or self.hours.for_transferred_day()
        return self.hours.for_weekday(day.weekday())

    def _production_year(self, year: int) -> ProductionYear | None:
        production_year = self._years.get(year)
        if production_year is None and not self._allow_missing_years:
            raise CalendarDataMissing(self.country, year)
        return production_year

    def _without_lunch(self, day: date, opening: datetime, closing: datetime) -> list[Interval]:
        lunch = self.hours.lunch
        if lunch is None:
            return [(opening, closing)]
        lunch_start = datetime.combine(day, lunch.start, tzinfo=self.tz)
        lunch_end = datetime.combine(day, lunch.end, tzinfo=self.tz)
        pieces = [(opening, min(closing, lunch_start)), (max(opening, lunch_end), closing)]
        return [(piece_start, piece_end) for piece_start, piece_end in pieces if piece_start < piece_end]

    def _utc_intervals(self, day: date) -> list[Interval]:
        return [(start.astimezone(UTC), end.astimezone(UTC)) for start, end in self.working_intervals(day)]

    def _utc_intervals_from(self, moment: datetime, *, include_closing: bool = True) -> Iterator[Interval]:
        """Working intervals in UTC that end after `moment` (or at it, if include_closing), in order."""
        # Intervals never cross local midnight, so nothing before moment's local day can qualify.
        day = moment.astimezone(self.tz).date()
        days_without_work = 0
        while True:
            intervals = self._utc_intervals(day)
            days_without_work = 0 if intervals else days_without_work + 1
            if days_without_work > _MAX_DAYS_WITHOUT_WORK:
                raise ValueError(f"no working time within {_MAX_DAYS_WITHOUT_WORK} days after {moment.isoformat()}")
            for interval in intervals:
                if interval[1] > moment or (include_closing and interval[1] == moment):
                    yield interval
            day += timedelta(days=1)


def load_calendar(
    country: str = "ru",
    *,
    hours: WorkingHours | None = None,
    tz: str = DEFAULT_TZ,
    extra_holidays: Iterable[date] = (),
    extra_working_days: Iterable[date] = (),
    allow_missing_years: bool = False,
) -> WorkCalendar:
    """A calendar from the production calendars shipped with the package.

    A date in a year without data raises CalendarDataMissing unless allow_missing_years, in which
    case that year is treated as ordinary weeks of the schedule with no holidays.
    """
    return WorkCalendar(
        hours=hours or WorkingHours(),
        years=production_years(country),
        tz=tz,
        country=country,
        extra_holidays=extra_holidays,
        extra_working_days=extra_working_days,
        allow_missing_years=allow_missing_years,
    )


@cache
def production_years(country: str) -> Mapping[int, ProductionYear]:
    """Every year of `country`'s production calendar shipped in data/calendars/<country>/<year>.json."""
    if not (len(country) == 2 and country.isascii() and country.isalpha() and country.islower()):
        raise ValueError(f"country must be a lowercase ISO 3166 alpha-2 code, got {country!r}")
    country_dir = resources.files(__package__).joinpath("data", "calendars", country)
    if not country_dir.is_dir():
        return MappingProxyType({})
    years: dict[int, ProductionYear] = {}
    for entry in country_dir.iterdir():
        if not entry.name.endswith(".json"):
            continue
        production_year = ProductionYear.model_validate(json.loads(entry.read_text(encoding="utf-8")))
        if entry.name != f"{production_year.year}.json":
            raise ValueError(f"{country}/{entry.name} holds year {production_year.year}")
        years[production_year.year] = production_year
    return MappingProxyType(years)


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")
