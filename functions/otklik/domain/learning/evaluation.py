"""How well a classifier does on labelled texts, and cross-validation folds that never share a text.

The measures are those of the targets (issue 16): correct among the texts the classifier decided itself (routed
to a department without triage), the share of all texts sent confidently to a wrong category, the share of real
appeals left to triage, and the share of non-appeals kept away from departments."""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from otklik.domain.classification.result import Classification
from otklik.domain.learning.examples import NOT_APPEAL, LabelledText


@dataclass(frozen=True)
class CategoryQuality:
    precision: float
    recall: float
    support: int


@dataclass(frozen=True)
class Mistake:
    example: LabelledText
    predicted: str | None
    triage: bool
    confidence: float


@dataclass(frozen=True)
class Quality:
    total: int
    decided: int
    correct: int
    misrouted: int
    triaged: int
    appeals: int  # texts some department owns
    appeals_triaged: int
    non_appeals: int
    non_appeals_kept_away: int
    per_category: dict[str, CategoryQuality] = field(default_factory=dict)
    mistakes: tuple[Mistake, ...] = ()

    @property
    def accuracy(self) -> float:
        """Correct among the texts the classifier decided itself."""
        return self.correct / self.decided if self.decided else 0.0

    @property
    def misrouted_share(self) -> float:
        """Of all texts, those sent confidently to a wrong category (or a non-appeal sent to a department)."""
        return self.misrouted / self.total if self.total else 0.0

    @property
    def triage_share(self) -> float:
        return self.triaged / self.total if self.total else 0.0

    @property
    def appeals_triaged_share(self) -> float:
        return self.appeals_triaged / self.appeals if self.appeals else 0.0

    @property
    def non_appeals_kept_away_share(self) -> float:
        return self.non_appeals_kept_away / self.non_appeals if self.non_appeals else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "texts": self.total, "accuracy_among_decided": round(self.accuracy, 4),
            "misrouted_share": round(self.misrouted_share, 4), "triage_share": round(self.triage_share, 4),
            "appeals_triaged_share": round(self.appeals_triaged_share, 4),
            "non_appeals_kept_away_share": round(self.non_appeals_kept_away_share, 4),
            "per_category": {category: {"precision": round(q.precision, 4), "recall": round(q.recall, 4),
                                        "support": q.support} for category, q in self.per_category.items()},
        }


def decided_category(result: Classification) -> str | None:
    """The department category the result sends a text to; None when it goes to triage."""
    if result.triage or result.kind != "appeal" or result.category in (None, "other"):
        return None
    return result.category


def measure(examples: Sequence[LabelledText], classify: Callable[[str], Classification]) -> Quality:
    return measure_results([(example, classify(example.text)) for example in examples])


def measure_results(results: Sequence[tuple[LabelledText, Classification]]) -> Quality:
    decided = correct = misrouted = triaged = appeals = appeals_triaged = non_appeals = kept_away = 0
    predicted_counts: Counter[str] = Counter()
    true_counts: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    mistakes: list[Mistake] = []
    for example, result in results:
        category = decided_category(result)
        if example.is_department_appeal:
            appeals += 1
            true_counts[example.category] += 1
        if example.category == NOT_APPEAL:
            non_appeals += 1
            kept_away += category is None
        if category is None:
            triaged += 1
            if example.is_department_appeal:
                appeals_triaged += 1
                mistakes.append(Mistake(example, result.category, True, result.confidence))
            continue
        decided += 1
        predicted_counts[category] += 1
        if category == example.category:
            correct += 1
            hits[category] += 1
        else:
            misrouted += 1
            mistakes.append(Mistake(example, category, False, result.confidence))
    per_category = {
        category: CategoryQuality(
            precision=hits[category] / predicted_counts[category] if predicted_counts[category] else 0.0,
            recall=hits[category] / true_counts[category] if true_counts[category] else 0.0,
            support=true_counts[category],
        )
        for category in sorted(set(true_counts) | set(predicted_counts))
    }
    return Quality(len(results), decided, correct, misrouted, triaged, appeals, appeals_triaged, non_appeals,
                   kept_away, per_category, tuple(mistakes))


def text_key(text: str) -> str:
    """The same text, whatever its case and spacing, is one text for the folds."""
    return " ".join(text.lower().replace("ё", "е").split())


def fold_of(text: str, folds: int) -> int:
    """A text's fold, by a hash of the text itself: copies of a text always land in one fold."""
    digest = hashlib.sha256(text_key(text).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds


def split_folds(examples: Sequence[LabelledText], folds: int) -> list[list[LabelledText]]:
    if folds < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    parts: list[list[LabelledText]] = [[] for _ in range(folds)]
    for example in examples:
        parts[fold_of(example.text, folds)].append(example)
    return parts


def rules_decision(text: str) -> str | None:
    """The category the rules alone route a text to; None when they leave it to triage. What training compares each
    label with, to keep the texts the rules decide otherwise as corrections."""
    from otklik.domain.classification.rules import classify_by_rules

    return decided_category(classify_by_rules(text))


def cross_validate(examples: Sequence[LabelledText], folds: int) -> Quality:
    """Rules with a model learned from all folds but one, judged on that one, for every fold in turn."""
    from otklik.domain.classification.combined import Classifier
    from otklik.domain.learning.model import train

    parts = split_folds(examples, folds)
    results: list[tuple[LabelledText, Classification]] = []
    for held_out, part in enumerate(parts):
        learned_from = [example for number, other in enumerate(parts) if number != held_out for example in other]
        if not part or not learned_from:
            continue
        classifier = Classifier(train(learned_from, rules=rules_decision))
        results.extend((example, classifier(example.text)) for example in part)
    return measure_results(results)
