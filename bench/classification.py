"""Classification quality and speed, by bench/classify.py's own measurement: each style's development and held-out
sets by the rules alone, the validation and held-out sets by the rules with the regional archive's model (a town
that loaded it, otklik/regional_archive.py), the rules with a model learned from 4/5 of the labelled texts, and time
per 1,000 characters from 1k to 40k characters and throughput on real-length texts."""
from __future__ import annotations

from bench import classify
from bench.context import Context, Row


def measure(ctx: Context) -> None:
    results: dict[str, object] = {}
    first_call = classify.first_call_seconds()
    for name, path in classify.SETS.items():
        quality = classify.rules_quality(path)
        results[name] = quality.as_dict()
        _add_targets(ctx, f"{name} ({quality.total} texts)", classify.quality_targets(quality), "holdout" in name)
        if classify.judged_with_archive(path):
            quality = classify.archive_quality(path)
            results[f"{name} with the archive"] = quality.as_dict()
            _add_targets(ctx, f"{name} ({quality.total} texts), rules + the regional archive's model",
                         classify.quality_targets(quality), "holdout" in name)
    quality = classify.model_quality(list(classify.SETS.values()))
    results["model_cross_validated"] = quality.as_dict()
    _add_targets(ctx, f"rules + model, {classify.FOLDS}-fold ({quality.total} texts)",
                 classify.quality_targets(quality, with_model=True), judged=True)
    texts = classify.real_length_texts()
    per_thousand = classify.milliseconds_per_thousand_characters([t for t in texts if len(t) > 80])
    for length, milliseconds in per_thousand.items():
        ctx.add(Row("classify", f"time per 1,000 characters, {length // 1000}k text", round(milliseconds, 3),
                    unit="ms"))
    ratio = per_thousand[classify.LENGTHS[-1]] / per_thousand[classify.LENGTHS[0]]
    ctx.add(Row("classify", "time per 1,000 characters, 40k / 1k", round(ratio, 2),
                target=f"<= {classify.TARGET_MAX_LENGTH_RATIO}", met=ratio <= classify.TARGET_MAX_LENGTH_RATIO))
    rate = classify.texts_per_second(texts)
    ctx.add(Row("classify", f"speed, warm, {len(texts)} real-length texts", round(rate), unit="texts/s",
                target=f">= {classify.TARGET_TEXTS_PER_SECOND:,.0f}", met=rate >= classify.TARGET_TEXTS_PER_SECOND,
                note=f"first call {first_call * 1000:.0f} ms"))
    results["speed"] = {"ms_per_1000_chars": per_thousand, "length_ratio": ratio, "texts_per_second": rate,
                        "first_call_seconds": first_call}
    ctx.results["classification"] = results


def _add_targets(ctx: Context, label: str, targets: list[classify.Target], judged: bool) -> None:
    """A row per target; `judged`: counted as met or missed (held-out sets, the cross-validated model), else shown."""
    for target in targets:
        value, limit = target.text.split(" (")
        ctx.add(Row("classify", f"{label}: {target.name}", value, target=limit.rstrip(")"),
                    met=target.met if judged else None))
