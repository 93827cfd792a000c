"""CI (.ci/run) checks style, complexity and types before it spends minutes on the tests, and stops there when
they fail; `make lint` is what runs those checks."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _commands(script: str) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in script.splitlines() if not line.startswith("#!"))
    return [line for line in lines if line]


def _recipe(makefile: str, target: str) -> list[str]:
    lines = makefile.splitlines()
    starts = [i for i, line in enumerate(lines) if re.match(rf"{target}\s*:(?!=)", line)]
    assert len(starts) == 1, f"the Makefile should have one {target} target, found {len(starts)}"
    start = starts[0]
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_ci_runs_make_lint_before_make_test_and_stops_on_a_failure() -> None:
    commands = _commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert "set -euo pipefail" in commands or "set -e" in commands, "a failing step must stop .ci/run"
    assert "make lint" in commands, ".ci/run does not run make lint"
    assert "make test" in commands, ".ci/run does not run make test"
    assert commands.index("make lint") < commands.index("make test"), ".ci/run runs make lint after make test"


def test_make_lint_runs_ruff_on_all_the_code_and_mypy() -> None:
    recipe = _recipe((ROOT / "Makefile").read_text(encoding="utf-8"), "lint")
    assert "$(PY) -m ruff check functions tests bench tools" in recipe, recipe
    assert "$(PY) -m mypy" in recipe, recipe
