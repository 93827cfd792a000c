"""Quality and speed of the appeal classifier on a labelled JSONL set.

    PYTHONPATH=functions .venv/bin/python bench/classify.py [--set tests/data/classification_holdout.jsonl]

Exits non-zero when a target is missed (accuracy, triage share, misrouted share, texts per second).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = REPO_ROOT / "tests" / "data" / "classification_dev.jsonl"

TARGET_ACCURACY = 0.90
TARGET_MAX_TRIAGE = 0.15
TARGET_MAX_MISROUTED = 0.05
TARGET_TEXTS_PER_SECOND = 2000.0
WARM_ROUNDS = 5


@dataclass(frozen=True)
class LabelledText:
    text: str
    category: str | None
    kind: str


@dataclass(frozen=True)
class QualityReport:
    total: int
    accuracy: float  # correct category among appeal items the machine routed itself (no triage)
    triage_share: float
    misrouted_share: float
    kind_accuracy: float
    per_category: dict[str, tuple[float, float, int]]  # category -> precision, recall, support
    errors: list[tuple[LabelledText, str | None, float, bool]]


def load_set(path: Path) -> list[LabelledText]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            items.append(LabelledText(record["text"], record.get("category"), record.get("kind", "appeal")))
    return items


def evaluate(items: list[LabelledText]) -> QualityReport:
    from otklik.domain.classification import classify

    routed = correct = triaged = misrouted = kind_correct = 0
    predicted_counts: Counter[str] = Counter()
    true_counts: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    errors = []
    for item in items:
        result = classify(item.text)
        kind_correct += result.kind == item.kind
        if result.triage:
            triaged += 1
        else:
            predicted_counts[result.category or "-"] += 1
        if item.kind == "appeal" and item.category:
            true_counts[item.category] += 1
        if not result.triage:
            routed += item.kind == "appeal"
            if result.category == item.category and item.kind == "appeal":
                correct += 1
                hits[item.category] += 1
            else:
                misrouted += 1
        if result.triage and item.kind == "appeal" and item.category != "other" or (
            not result.triage and result.category != item.category
        ):
            errors.append((item, result.category, result.confidence, result.triage))
    categories = sorted(set(true_counts) | set(predicted_counts))
    per_category = {
        category: (
            hits[category] / predicted_counts[category] if predicted_counts[category] else 0.0,
            hits[category] / true_counts[category] if true_counts[category] else 0.0,
            true_counts[category],
        )
        for category in categories
    }
    total = len(items)
    return QualityReport(
        total=total,
        accuracy=correct / routed if routed else 0.0,
        triage_share=triaged / total,
        misrouted_share=misrouted / total,
        kind_accuracy=kind_correct / total,
        per_category=per_category,
        errors=errors,
    )


def measure_speed(texts: list[str]) -> tuple[float, float]:
    """First-call seconds (data load included) and warm texts per second."""
    started = time.perf_counter()
    from otklik.domain.classification import classify

    classify(texts[0])
    first_call = time.perf_counter() - started
    for text in texts:  # fill the lemma caches, as a long-running worker would have them
        classify(text)
    started = time.perf_counter()
    for _ in range(WARM_ROUNDS):
        for text in texts:
            classify(text)
    rate = WARM_ROUNDS * len(texts) / (time.perf_counter() - started)
    return first_call, rate


def print_report(report: QualityReport, first_call: float, rate: float, show_errors: bool) -> None:
    print(f"items: {report.total}")
    print(f"accuracy among non-triaged appeals: {report.accuracy:.1%} (target >= {TARGET_ACCURACY:.0%})")
    print(f"sent to triage:                     {report.triage_share:.1%} (target <= {TARGET_MAX_TRIAGE:.0%})")
    print(f"confidently wrong (misrouted):      {report.misrouted_share:.1%} (target <= {TARGET_MAX_MISROUTED:.0%})")
    print(f"kind (appeal/greeting/...) correct: {report.kind_accuracy:.1%}")
    print(f"speed: {rate:,.0f} texts/s warm on one core (target >= {TARGET_TEXTS_PER_SECOND:,.0f}); first call {first_call * 1000:.0f} ms")
    print()
    print(f"{'category':20} {'precision':>9} {'recall':>7} {'n':>4}")
    for category, (precision, recall, support) in report.per_category.items():
        print(f"{category:20} {precision:9.0%} {recall:7.0%} {support:4d}")
    if show_errors and report.errors:
        print("\nerrors and triaged appeals (expected -> predicted):")
        for item, predicted, confidence, triage in report.errors:
            flag = "TRIAGE" if triage else "WRONG "
            print(f"  {flag} {item.category or item.kind} -> {predicted} ({confidence:.2f}): {item.text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="JSONL with text, category, kind")
    parser.add_argument("--errors", action="store_true", help="list misrouted and triaged appeals")
    args = parser.parse_args(argv)

    items = load_set(args.set)
    first_call, rate = measure_speed([item.text for item in items])
    report = evaluate(items)
    print_report(report, first_call, rate, args.errors)

    missed = []
    if report.accuracy < TARGET_ACCURACY:
        missed.append("accuracy")
    if report.triage_share > TARGET_MAX_TRIAGE:
        missed.append("triage")
    if report.misrouted_share > TARGET_MAX_MISROUTED:
        missed.append("misrouted")
    if rate < TARGET_TEXTS_PER_SECOND:
        missed.append("speed")
    if missed:
        print(f"\nTARGETS MISSED: {', '.join(missed)}")
        return 1
    print("\nall targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
