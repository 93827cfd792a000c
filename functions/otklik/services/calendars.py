"""Production calendars after a deploy: loading a newly published year, telling where each year comes from, and the
daily warning while next year's is missing (the deadline sweep gives it; the supervisors' chat is where it goes)."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from otklik.domain.calendar import ProductionYear, production_years
from otklik.domain.calendar_years import YearSource, calendar_warning, missing_year, read_production_year, year_sources
from otklik.services.ports import CalendarYears, DailyMarks

log = logging.getLogger(__name__)
COUNTRY = "ru"  # every town's calendar is Russia's (TownConfig.calendar)
# The line to alert on, and the kind of daily mark that lets it out once a day.
CALENDAR_MISSING = "production calendar missing"


class CalendarService:
    def __init__(self, loaded: CalendarYears, marks: DailyMarks, timezone: str, country: str = COUNTRY) -> None:
        self._loaded = loaded
        self._marks = marks
        self._tz = ZoneInfo(timezone)
        self._country = country

    def load(self, text: str, file_name: str) -> ProductionYear:
        """Checks the file and stores its year, which then counts instead of the shipped or provisional one."""
        production_year = read_production_year(text, file_name, self._country)  # or CalendarFileRefused
        self._loaded.save(self._country, production_year)
        log.info("production calendar loaded", extra={"year": production_year.year, "country": self._country})
        return production_year

    def sources(self, today: date) -> Mapping[int, YearSource]:
        """Where each year's calendar comes from: last year to the year after next, and every year shipped or loaded."""
        return year_sources(production_years(self._country), self._loaded.loaded_years(self._country),
                            range(today.year - 1, today.year + 3))

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
