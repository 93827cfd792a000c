"""Production calendars published after a deploy: the file `python -m otklik calendar load` reads, where each year of
a calendar comes from, and the warning that next year's is still missing. Pure: `today` is given."""
from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from enum import StrEnum
from pathlib import PurePath
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from otklik.domain.calendar import STATUTE, STATUTE_COUNTRY, ProductionYear, statutory_holidays

# From this month on, next year's calendar is expected (the Government publishes it in September or October).
WARN_FROM_MONTH = 10


class ProductionYearFile(BaseModel):
    """One year of a production calendar as a file gives it: lists of dates, each date once, all in that year."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=2000, le=2100)
    source: str = Field(min_length=1, description="The decree the dates come from, for whoever checks them.")
    notes: str | None = None
    holidays: list[date] = Field(description="Every non-working holiday and transferred day off.")
    working_weekends: list[date] = Field(default_factory=list,
                                         description="Saturdays and Sundays made working by decree.")
    short_days: list[date] = Field(default_factory=list, description="Pre-holiday days shortened by an hour.")

    @field_validator("holidays", "working_weekends", "short_days")
    @classmethod
    def _each_date_once(cls, days: list[date]) -> list[date]:
        if twice := sorted({day for day in days if days.count(day) > 1}):
            raise ValueError(f"dates listed more than once: {', '.join(map(str, twice))}")
        return days

    @model_validator(mode="after")
    def _a_production_year(self) -> Self:
        try:
            self.production_year()  # the year's own rules: dates in the year, weekends, nothing both off and working
        except ValidationError as error:
            raise ValueError("; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())) from None
        return self

    def production_year(self) -> ProductionYear:
        return ProductionYear(year=self.year, source=self.source, notes=self.notes, holidays=frozenset(self.holidays),
                              working_weekends=frozenset(self.working_weekends), short_days=frozenset(self.short_days))


class CalendarFileRefused(ValueError):
    """The file is not a production year that can be loaded; the message lists every problem."""


def read_production_year(text: str, file_name: str, country: str = STATUTE_COUNTRY) -> ProductionYear:
    """The year a calendar file holds, or CalendarFileRefused naming each problem."""
    try:
        production_year = ProductionYearFile.model_validate_json(text).production_year()
    except ValidationError as error:
        raise CalendarFileRefused(f"{file_name}: " + "; ".join(_problem(e) for e in error.errors())) from None
    problems = statute_problems(country, production_year)
    stem = PurePath(file_name).stem
    if stem.isdigit() and int(stem) != production_year.year:
        problems.insert(0, f"the file is named {stem} but holds the year {production_year.year}")
    if problems:
        raise CalendarFileRefused(f"{file_name}: " + "; ".join(problems))
    return production_year


def _problem(error: ErrorDetails) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "the file"
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {message}"


def statute_problems(country: str, production_year: ProductionYear) -> list[str]:
    """What a country's calendar omits that its law makes a holiday every year (a typo in a date, usually)."""
    if country != STATUTE_COUNTRY:
        return []
    missing = sorted(statutory_holidays(production_year.year) - production_year.holidays)
    return [f"holidays lacks {day}, a non-working holiday by {STATUTE}" for day in missing]


class YearSource(StrEnum):
    SHIPPED = "shipped"  # data/calendars, deployed with the code
    LOADED = "loaded"  # python -m otklik calendar load
    LOADED_OVER_SHIPPED = "loaded (overrides shipped)"
    PROVISIONAL = "provisional"  # neither: the statutory holidays alone


def year_sources(shipped: Collection[int], loaded: Collection[int], years: range) -> Mapping[int, YearSource]:
    """Where each year's calendar comes from: the years asked for and every year shipped or loaded."""
    every_year = sorted({*years, *shipped, *loaded})
    return {year: (YearSource.LOADED_OVER_SHIPPED if year in loaded and year in shipped else YearSource.LOADED
                   if year in loaded else YearSource.SHIPPED if year in shipped else YearSource.PROVISIONAL)
            for year in every_year}


def missing_year(today: date, known_years: Collection[int]) -> int | None:
    """The year whose calendar is missing and needed: this one, or from October on the next one."""
    if today.year not in known_years:
        return today.year
    if today.month >= WARN_FROM_MONTH and today.year + 1 not in known_years:
        return today.year + 1
    return None


def calendar_warning(today: date, known_years: Collection[int]) -> str | None:
    """The supervisors' warning, in Russian, when deadlines are or will soon be counted on a provisional calendar:
    this year's calendar is missing, or next year's from October on. None when there is nothing to say."""
    missing = missing_year(today, known_years)
    if missing is None:
        return None
    when = "сейчас" if missing == today.year else f"с 1 января {missing} года"
    return (f"Нет производственного календаря на {missing} год: {when} сроки в рабочих часах считаются "
            f"предварительно — по праздникам {STATUTE}, без переносов выходных. Загрузите календарь, когда "
            f"Правительство его опубликует: python -m otklik calendar load {missing}.json")
