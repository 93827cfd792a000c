"""bench/README.md from bench/results.json: the last full run's table, kept in the repository.

    .venv/bin/python -m bench.readme        (make bench does this after a full run of every section)"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results.json"
README = REPO / "bench" / "README.md"

INTRO = """# `make bench`

Otklik's functions measured beside bare baselines on the emulators, side by side in one run (`bench/run.py`
says how, and which knobs the environment turns). Ratios are what the targets judge: the machine is shared and
noisy, absolute figures are there for context. `make bench` rewrites this file after every full run of all its
sections (not after `OTKLIK_BENCH_QUICK=1` or `OTKLIK_BENCH_ONLY=…` runs); `bench/results.json` holds the rest.
"""


def render(results: dict[str, Any]) -> str:
    machine = results["machine"]
    rows = results["rows"]
    met = sum(row.get("met") is True for row in rows)
    missed = [f"{row['section']} / {row['metric']}" for row in rows if row.get("met") is False]
    lines = [
        INTRO,
        f"## Last full run: {results['when'][:16].replace('T', ' ')} UTC",
        "",
        f"{machine['cpus']} CPUs, Python {machine['python']}, {results['seconds'] / 60:.0f} minutes; load average "
        f"{machine['load_average_1min_at_start']:.1f} at the start, {machine['load_average_1min_at_end']:.1f} at "
        f"the end. Targets met: {met}, missed: {len(missed)}" + (f" ({'; '.join(missed)})." if missed else "."),
        "",
        "| section | metric | ours | baseline | unit | ratio | target | |",
        "|---|---|---:|---:|---|---:|---|---|",
    ]
    for row in rows:
        verdict = {True: "met", False: "**missed**"}.get(row.get("met"), "")
        ratio = f"{row['ratio']:.2f}×" if "ratio" in row else ""
        cells = (row["section"], row["metric"], _figure(row.get("ours")), _figure(row.get("baseline")),
                 row.get("unit", ""), ratio, row.get("target", ""), verdict)
        lines.append("| " + " | ".join(str(cell).replace("|", "/") for cell in cells) + " |")
    notes = [row for row in rows if row.get("note")]
    if notes:
        lines += ["", "Notes:", ""] + [f"- {row['section']} / {row['metric']}: {row['note']}" for row in notes]
    if results.get("errors"):
        lines += ["", f"Errors: `{json.dumps(results['errors'], ensure_ascii=False)}`"]
    return "\n".join(lines) + "\n"


def _figure(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def main() -> int:
    README.write_text(render(json.loads(RESULTS.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"written: {README.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
