"""`python -m otklik calendar load` and `calendar list` against the Firestore emulator."""
from __future__ import annotations

import json
from pathlib import Path

from otklik.domain.calendar import statutory_year
from tests.conftest import Stack
from tests.e2e.test_cli_commands import cli


def a_2028_file(folder: Path, **changes: object) -> Path:
    document = {"year": 2028, "source": "Постановление о переносе выходных дней в 2028 году",
                "holidays": sorted({d.isoformat() for d in statutory_year(2028).holidays} | {"2028-01-10"})}
    path = folder / "2028.json"
    path.write_text(json.dumps(document | changes, ensure_ascii=False), encoding="utf-8")
    return path


def listed() -> dict[int, str]:
    result = cli("calendar", "list", "--json")
    assert result.returncode == 0, result.stderr
    return {row["year"]: row["source"] for row in map(json.loads, result.stdout.splitlines())}


def test_a_loaded_year_is_listed_as_loaded_instead_of_provisional(stack: Stack, tmp_path: Path) -> None:
    assert listed()[2028] == "provisional" and listed()[2027] == "shipped"

    result = cli("calendar", "load", str(a_2028_file(tmp_path)))

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["loaded"] == 2028
    assert listed()[2028] == "loaded"
    assert stack.deps.calendar_years.loaded("ru", 2028) is not None


def test_an_invalid_file_is_refused_with_its_problems_and_nothing_is_loaded(stack: Stack, tmp_path: Path) -> None:
    path = a_2028_file(tmp_path, short_days=["2028-03-07", "2028-03-07", "2029-01-01"], working_weekends=["2028-03-01"])

    result = cli("calendar", "load", str(path))

    assert result.returncode == 2
    assert "short_days: dates listed more than once: 2028-03-07" in result.stderr
    assert stack.deps.calendar_years.loaded_years("ru") == {}
    assert cli("calendar", "load", str(tmp_path / "2030.json")).returncode == 2
