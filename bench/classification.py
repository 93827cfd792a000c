"""Classification quality and speed, by bench/classify.py's own measurement, on the dev and the holdout sets."""
from __future__ import annotations

from bench import classify
from bench.context import Context, Row

SETS = {"dev": classify.DEFAULT_SET, "holdout": classify.REPO_ROOT / "tests" / "data" / "classification_holdout.jsonl"}


def measure(ctx: Context) -> None:
    results = {}
    for name, path in SETS.items():
        if not path.exists():
            continue
        items = classify.load_set(path)
        first_call, rate = classify.measure_speed([item.text for item in items])
        report = classify.evaluate(items)
        results[name] = {"items": report.total, "accuracy": report.accuracy, "triage_share": report.triage_share,
                         "misrouted_share": report.misrouted_share, "kind_accuracy": report.kind_accuracy,
                         "texts_per_second": rate, "first_call_seconds": first_call}
        ctx.add(
            Row("classify", f"{name} ({report.total} texts): accuracy", f"{report.accuracy:.1%}",
                target=f">= {classify.TARGET_ACCURACY:.0%}", met=report.accuracy >= classify.TARGET_ACCURACY),
            Row("classify", f"{name}: sent to triage", f"{report.triage_share:.1%}",
                target=f"<= {classify.TARGET_MAX_TRIAGE:.0%}", met=report.triage_share <= classify.TARGET_MAX_TRIAGE),
            Row("classify", f"{name}: misrouted", f"{report.misrouted_share:.1%}",
                target=f"<= {classify.TARGET_MAX_MISROUTED:.0%}",
                met=report.misrouted_share <= classify.TARGET_MAX_MISROUTED),
            Row("classify", f"{name}: speed, warm", rate, unit="texts/s",
                target=f">= {classify.TARGET_TEXTS_PER_SECOND:,.0f}", met=rate >= classify.TARGET_TEXTS_PER_SECOND,
                note=f"first call {first_call * 1000:.0f} ms" if name == "dev" else ""),
        )
    ctx.results["classification"] = results
