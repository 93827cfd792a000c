"""Production calendars after a deploy: loading a newly published year, telling where each year comes from, and the
daily warning while next year's is missing (the deadline sweep gives it; the supervisors' chat is where it goes)."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import PurePath
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from otklik.domain.calendar import ProductionYear, production_years
from otklik.domain.calendar_years import (
    ProductionYearFile,
    YearSource,
    calendar_warning,
    missing_year,
    statute_problems,
    year_sources,
)
from otklik.services.ports import CalendarYears, DailyMarks

log = logging.getLogger(__name__)
COUNTRY = "ru"  # every town's calendar is Russia's (TownConfig.calendar)
# The line to alert on, and the kind of daily mark that lets it out once a day.
CALENDAR_MISSING = "production calendar missing"


class CalendarFileRefused(ValueError):
    """The file is not a production year that can be loaded; the message lists every problem."""


class CalendarService:
    def __init__(self, loaded: CalendarYears, marks: DailyMarks, timezone: str, country: str = COUNTRY) -> None:
        self._loaded = loaded
        self._marks = marks
        self._tz = ZoneInfo(timezone)
        self._country = country

    def load(self, text: str, file_name: str) -> ProductionYear:
        """Checks the file and stores its year, which then counts instead of the shipped or provisional one."""
        production_year = read_production_year(text, file_name, self._country)
        self._loaded.save(self._country, production_year)
        log.info("production calendar loaded", extra={"year": production_year.year, "country": self._country})
        return production_year

    def sources(self, today: date) -> Mapping[int, YearSource]:
        """Where each year's calendar comes from, from last year to next year and every year shipped or loaded."""
        return year_sources(production_years(self._country), self._loaded.loaded_years(self._country),
                            range(today.year - 1, today.year + 2))

    def warning_due(self, now: datetime) -> str | None:
        """The warning that this or next year's calendar is missing, the first time it is asked for on a local day
        (any instance); None otherwise. Reads nothing while the shipped years are enough."""
        today = now.astimezone(self._tz).date()
        if missing_year(today, production_years(self._country)) is None:
            return None
        known = {*production_years(self._country), *self._loaded.loaded_years(self._country)}
        warning = calendar_warning(today, known)
        if warning is None or not self._marks.first_today(CALENDAR_MISSING, today):
            return None
        return warning


def read_production_year(text: str, file_name: str, country: str = COUNTRY) -> ProductionYear:
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
