"""Production calendars published after a deploy: the file `calendar load` accepts, where each year comes from,
and the supervisors' warning while a needed year is missing."""
from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from otklik.domain.calendar import statutory_year
from otklik.domain.calendar_years import (
    CalendarFileRefused,
    YearSource,
    calendar_warning,
    read_production_year,
    year_sources,
)


def a_2028_file(**changes: Any) -> str:
    """2028 as the Government might publish it: the statutory year, and Saturday 1 January moved to 10 January."""
    document = {"year": 2028, "source": "Постановление Правительства РФ о переносе выходных дней в 2028 году",
                "holidays": sorted({d.isoformat() for d in statutory_year(2028).holidays} | {"2028-01-10"}),
                "working_weekends": [], "short_days": ["2028-02-22", "2028-03-07", "2028-05-08", "2028-11-03"]}
    return json.dumps(document | changes)


def refusal(text: str, name: str = "2028.json") -> str:
    with pytest.raises(CalendarFileRefused) as refused:
        read_production_year(text, name)
    return str(refused.value)


class TestCalendarFile:
    def test_a_good_file_gives_its_year(self) -> None:
        production_year = read_production_year(a_2028_file(), "2028.json")

        assert production_year.year == 2028 and date(2028, 1, 10) in production_year.holidays

    def test_a_date_listed_twice_is_refused(self) -> None:
        holidays = json.loads(a_2028_file())["holidays"] + ["2028-01-10"]
        assert refusal(a_2028_file(holidays=holidays)) == (
            "2028.json: holidays: dates listed more than once: 2028-01-10")

    def test_a_date_of_another_year_is_refused(self) -> None:
        holidays = json.loads(a_2028_file())["holidays"] + ["2027-12-31"]
        assert refusal(a_2028_file(holidays=holidays)) == "2028.json: the file: dates outside 2028: 2027-12-31"

    def test_a_working_weekend_on_a_weekday_is_refused(self) -> None:
        assert "working_weekends must be Saturdays or Sundays: 2028-03-01" in refusal(
            a_2028_file(working_weekends=["2028-03-01"]))

    def test_a_missing_statutory_holiday_is_refused(self) -> None:
        holidays = [d for d in json.loads(a_2028_file())["holidays"] if d != "2028-06-12"]
        assert refusal(a_2028_file(holidays=holidays)) == (
            "2028.json: holidays lacks 2028-06-12, a non-working holiday by ст. 112 ТК РФ")

    def test_every_problem_of_the_fields_is_named(self) -> None:
        message = refusal(json.dumps({"year": 2028, "holidays": ["2028-02-30"], "extra": 1}))

        assert "source: Field required" in message
        assert "holidays.0: Input should be a valid date" in message
        assert "extra: Extra inputs are not permitted" in message

    def test_not_json_is_refused(self) -> None:
        assert refusal("year: 2028").startswith("2028.json: the file: Invalid JSON")

    def test_a_file_named_for_another_year_is_refused(self) -> None:
        assert "named 2029 but holds the year 2028" in refusal(a_2028_file(), "2029.json")


class TestYearSources:
    def test_shipped_loaded_and_provisional_years(self) -> None:
        sources = year_sources(shipped={2025, 2026, 2027}, loaded={2027, 2028}, years=range(2027, 2030))

        assert sources == {2025: YearSource.SHIPPED, 2026: YearSource.SHIPPED,
                           2027: YearSource.LOADED_OVER_SHIPPED, 2028: YearSource.LOADED,
                           2029: YearSource.PROVISIONAL}


class TestCalendarWarning:
    def test_nothing_before_october(self) -> None:
        assert calendar_warning(date(2027, 9, 30), {2027}) is None

    def test_from_october_next_year_missing_is_warned(self) -> None:
        warning = calendar_warning(date(2027, 10, 1), {2026, 2027})

        assert warning is not None and "2028" in warning and "calendar load 2028.json" in warning

    def test_nothing_once_next_year_is_known(self) -> None:
        assert calendar_warning(date(2027, 12, 31), {2027, 2028}) is None

    def test_this_year_missing_is_warned_all_year(self) -> None:
        warning = calendar_warning(date(2028, 3, 1), {2027})

        assert warning is not None and "2028" in warning and "сейчас" in warning
