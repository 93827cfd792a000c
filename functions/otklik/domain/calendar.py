"""Working time of a municipality: production calendar, office hours and arithmetic over them.

Interval arithmetic is done in UTC so that elapsed time is real time even where the local zone
has (or once had) daylight saving; intervals are built from local wall-clock hours.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
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
    """No production calendar is shipped or loaded for the year, and there is no statute to fall back on."""

    def __init__(self, country: str, year: int) -> None:
        super().__init__(
            f"no production calendar for country {country!r}, year {year}: "
            f"load it (python -m otklik calendar load {year}.json) or add data/calendars/{country}/{year}.json"
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
            raise ValueError(f"dates outside {self.year}: {_listed(stray)}")
        if weekdays := sorted(day for day in self.working_weekends if day.weekday() < 5):
            raise ValueError(f"working_weekends must be Saturdays or Sundays: {_listed(weekdays)}")
        if clash := sorted(self.holidays & (self.working_weekends | self.short_days)):
            raise ValueError(f"dates both off and working: {_listed(clash)}")
        if resting := sorted(d for d in self.short_days if d.weekday() >= 5 and d not in self.working_weekends):
            raise ValueError(f"short days on an ordinary weekend: {_listed(resting)}")
        return self


def _listed(days: Iterable[date]) -> str:
    return ", ".join(day.isoformat() for day in days)


# A production year loaded without a deploy, by country and year (None: not loaded).
YearLookup = Callable[[str, int], ProductionYear | None]

# The statute below is Russia's: other countries' missing years stay an error.
STATUTE_COUNTRY = "ru"
STATUTE = "ст. 112 ТК РФ"
# Art. 112 ТК РФ, part 1: the non-working holidays, (month, day).
_STATUTORY_HOLIDAYS = (
    (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 8),  # Новогодние каникулы
    (1, 7),  # Рождество Христово
    (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4),
)
# Paragraphs 2 and 3 of part 1 (the January holidays), which part 2 leaves out of the weekend rule.
_NOT_MOVED_MONTH = 1


def statutory_holidays(year: int) -> frozenset[date]:
    """The non-working holidays that art. 112 ТК РФ, part 1, fixes for every year."""
    return frozenset(date(year, month, day) for month, day in _STATUTORY_HOLIDAYS)


@cache
def statutory_year(year: int) -> ProductionYear:
    """A provisional production year of Russia from the Labour Code alone, for a year whose calendar is not
    published yet (the Government publishes each next year's transfers in the autumn).

    Art. 112 ТК РФ, part 2: «При совпадении выходного и нерабочего праздничного дней выходной день переносится на
    следующий после праздничного рабочий день, за исключением выходных дней, совпадающих с нерабочими праздничными
    днями, указанными в абзацах втором и третьем части первой настоящей статьи» — a Saturday or Sunday that is a
    holiday moves to the next working day after the holiday, except the January ones (1–8 January, paragraphs 2 and
    3 of part 1): two of those the Government moves to other days of the year by its yearly decree, as it may move
    any day off (part 5). Those decrees are what this year cannot know, hence provisional.
    Art. 95, part 1: the working day just before a non-working holiday is one hour shorter (31 December, before
    1 January of the next year, included).
    """
    holidays = statutory_holidays(year)
    moved: set[date] = set()
    for holiday in sorted(holidays):
        if holiday.weekday() >= 5 and holiday.month != _NOT_MOVED_MONTH:
            day_off = holiday + timedelta(days=1)
            while day_off.weekday() >= 5 or day_off in holidays or day_off in moved:
                day_off += timedelta(days=1)
            moved.add(day_off)
    days_off = holidays | moved
    before_holidays = {holiday - timedelta(days=1) for holiday in holidays | {date(year + 1, 1, 1)}}
    short_days = {day for day in before_holidays if day.year == year and day.weekday() < 5 and day not in days_off}
    return ProductionYear(
        year=year,
        source=f"{STATUTE} (provisional: no published calendar for {year}; the Government's transfers unknown)",
        holidays=frozenset(days_off),
        short_days=frozenset(short_days),
    )


class WorkCalendar:
    """Working days and hours of one municipality in its local time zone.

    A year's production calendar is the one loaded without a deploy (`loaded_years`), else the one shipped in
    data/calendars (`years`), else, for Russia, the provisional year of the Labour Code alone (statutory_year):
    working time is never refused for want of a published calendar, and provisional_years says where it was guessed.
    """

    def __init__(
        self,
        *,
        hours: WorkingHours,
        years: Mapping[int, ProductionYear],
        tz: str = DEFAULT_TZ,
        country: str = "ru",
        extra_holidays: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        loaded_years: YearLookup | None = None,
        statutory_fallback: bool = True,
    ) -> None:
        self.hours = hours
        self.tz = ZoneInfo(tz)
        self.country = country
        self._years = MappingProxyType(dict(years))
        self._loaded_years = loaded_years
        self._extra_holidays = frozenset(extra_holidays)
        self._extra_working_days = frozenset(extra_working_days)
        if both := sorted(self._extra_holidays & self._extra_working_days):
            raise ValueError(f"dates both extra holidays and extra working days: {both}")
        self._statutory_fallback = statutory_fallback and country == STATUTE_COUNTRY

    def published_year(self, year: int) -> ProductionYear | None:
        """The year's production calendar as loaded, else as shipped; None when neither has it."""
        loaded = self._loaded_years(self.country, year) if self._loaded_years is not None else None
        return loaded if loaded is not None else self._years.get(year)

    def provisional_years(self, first: date, last: date) -> tuple[int, ...]:
        """The years from `first` to `last` counted on the statutory fallback, for want of a published calendar."""
        if not self._statutory_fallback:
            return ()
        return tuple(year for year in range(first.year, last.year + 1) if self.published_year(year) is None)

    def is_working_day(self, day: date) -> bool:
        return self._day_hours(day) is not None

    def is_short_day(self, day: date) -> bool:
        return day in self._production_year(day.year).short_days and self.is_working_day(day)

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
        if day in production_year.holidays:
            return None
        if day in production_year.working_weekends:
            return self.hours.for_weekday(day.weekday()) or self.hours.for_transferred_day()
        return self.hours.for_weekday(day.weekday())

    def _production_year(self, year: int) -> ProductionYear:
        production_year = self.published_year(year)
        if production_year is not None:
            return production_year
        if self._statutory_fallback:
            return statutory_year(year)
        raise CalendarDataMissing(self.country, year)

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
    loaded_years: YearLookup | None = None,
    statutory_fallback: bool = True,
) -> WorkCalendar:
    """A calendar from the production calendars shipped with the package, and those loaded without a deploy.

    A date in a year without either falls back to the statutory holidays (Russia; provisional), or raises
    CalendarDataMissing when statutory_fallback is off or the country has no statute here.
    """
    return WorkCalendar(
        hours=hours or WorkingHours(),
        years=production_years(country),
        tz=tz,
        country=country,
        extra_holidays=extra_holidays,
        extra_working_days=extra_working_days,
        loaded_years=loaded_years,
        statutory_fallback=statutory_fallback,
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
