"""A town's learned model: multinomial naive Bayes over lemmas and lemma pairs, learned from labelled texts
(operators' decisions, or a town's archive), plus the corrections operators made to the rules' decisions.

Stored as a versioned JSON document (a file, or a Firestore/Cloud Storage document in phase 2). A document that is
not one, or was written by a newer version of this code, is refused with ModelRefused; the caller then classifies
by the rules alone (classification.Classifier.from_document)."""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, KeysView, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from otklik.domain.learning.examples import LABELS, LabelledText
from otklik.domain.learning.features import text_features

MODEL_FORMAT = "otklik.classifier-model"
MODEL_VERSION = 2  # 2: counts by label (version 1 counted by feature: 28,000 small maps made loading slow)
SMOOTHING = 0.5
MIN_SIMILARITY = 0.5  # share of a text's features a correction must share with it to count as a similar text


class ModelRefused(ValueError):
    """The document is not a model this code can use; the message says why."""


@dataclass(frozen=True)
class Correction:
    """A labelled text the rules decided otherwise: the label wins for similar texts."""

    features: frozenset[str]
    category: str  # the label
    rules_said: str  # what the rules decided


@dataclass(frozen=True)
class LearnedModel:
    categories: dict[str, int]  # label -> examples
    counts: dict[str, dict[str, int]]  # label -> feature -> occurrences
    corrections: tuple[Correction, ...] = ()
    town: str | None = None
    trained_at: str = ""
    _log_priors: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    _totals: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    _vocabulary: set[str] = field(default_factory=set, compare=False, repr=False)
    _by_feature: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        examples = sum(self.categories.values())
        self._vocabulary.update(*self.counts.values())
        self._log_priors.update({c: math.log(n / examples) for c, n in self.categories.items()})
        self._totals.update({c: sum(self.counts.get(c, {}).values()) + SMOOTHING * len(self._vocabulary)
                             for c in self.categories})
        index: defaultdict[str, list[int]] = defaultdict(list)
        for number, correction in enumerate(self.corrections):
            for feature in correction.features:
                index[feature].append(number)
        self._by_feature.update({feature: tuple(numbers) for feature, numbers in index.items()})

    @property
    def examples(self) -> int:
        return sum(self.categories.values())

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        """The posterior of each label, tempered by the number of features (naive Bayes is overconfident when many
        features repeat the same evidence)."""
        known = [f for f in features if f in self._vocabulary]
        scores = dict(self._log_priors)
        for category in scores:
            counts = self.counts.get(category, {})
            for feature in known:
                scores[category] += math.log((counts.get(feature, 0) + SMOOTHING) / self._totals[category])
        temperature = max(1.0, math.sqrt(len(known)))
        top = max(scores.values())
        weights = {c: math.exp((s - top) / temperature) for c, s in scores.items()}
        total = sum(weights.values())
        return {c: w / total for c, w in weights.items()}

    def correction_for(self, features: Sequence[str], rules_said: str) -> tuple[Correction, int] | None:
        """The label operators gave texts like this one when the rules said `rules_said`, and how many such texts
        there were; None when no corrected text is similar enough."""
        wanted = frozenset(features)
        if not wanted:
            return None
        shared: Counter[int] = Counter()
        for feature in wanted:
            for number in self._by_feature.get(feature, ()):
                shared[number] += 1
        similar = [
            self.corrections[number] for number, overlap in shared.items()
            if self.corrections[number].rules_said == rules_said
            and overlap / len(wanted | self.corrections[number].features) >= MIN_SIMILARITY
        ]
        if not similar:
            return None
        label, count = Counter(c.category for c in similar).most_common(1)[0]
        return next(c for c in similar if c.category == label), count

    def to_document(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT, "version": MODEL_VERSION, "town": self.town, "trained_at": self.trained_at,
            "smoothing": SMOOTHING, "categories": self.categories, "counts": self.counts,
            "corrections": [{"features": sorted(c.features), "category": c.category, "rules_said": c.rules_said}
                            for c in self.corrections],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_document(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def train(examples: Iterable[LabelledText], *, rules: Callable[[str], str | None] | None = None,
          town: str | None = None, trained_at: str = "") -> LearnedModel:
    """Count features per label. `rules` (text -> the category the rules decide, None for triage) finds the texts
    the rules decide against their label: kept as corrections, so that the label wins for similar texts."""
    categories: Counter[str] = Counter()
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)  # label -> feature -> occurrences
    corrections: list[Correction] = []
    for example in examples:
        features = text_features(example.text)
        categories[example.category] += 1
        for feature in features:
            counts[example.category][feature] += 1
        said = rules(example.text) if rules is not None else None
        if said is not None and said != example.category:
            corrections.append(Correction(frozenset(features), example.category, said))
    if not categories:
        raise ValueError("no labelled texts to learn from")
    return LearnedModel(dict(categories), {c: dict(n) for c, n in counts.items()}, tuple(corrections), town,
                        trained_at)


def load_model(document: str | bytes | Mapping[str, Any]) -> LearnedModel:
    """A model from its JSON document; ModelRefused when it is corrupt or from a newer version."""
    try:
        data = json.loads(document) if isinstance(document, (str, bytes)) else document
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ModelRefused(f"the model is not JSON ({error})") from None
    if not isinstance(data, Mapping) or data.get("format") != MODEL_FORMAT:
        raise ModelRefused(f"not a classifier model (expected \"format\": \"{MODEL_FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise ModelRefused(f"the model's version {version!r} is not a positive integer")
    if version > MODEL_VERSION:
        raise ModelRefused(f"the model is of version {version}, newer than this code reads ({MODEL_VERSION}): "
                           "deploy the code that wrote it, or train the model again")
    try:
        categories = {str(c): int(n) for c, n in data["categories"].items()}
        counts = data["counts"] if version >= 2 else _by_label(data["features"])
        corrections = tuple(Correction(frozenset(map(str, c["features"])), str(c["category"]), str(c["rules_said"]))
                            for c in data.get("corrections", ()))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ModelRefused(f"the model is corrupt ({type(error).__name__}: {error})") from None
    unknown = sorted(set(categories) - LABELS)
    if unknown or not categories or any(n <= 0 for n in categories.values()):
        raise ModelRefused(f"the model's categories are corrupt ({', '.join(unknown) or 'no examples'})")
    if not _counts_of(counts, categories.keys()):
        raise ModelRefused("the model is corrupt (its counts are not occurrences of features in its categories)")
    return LearnedModel(categories, counts, corrections, data.get("town"), str(data.get("trained_at", "")))


def _by_label(features: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    """Version 1's counts (feature -> label -> occurrences) by label."""
    counts: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for feature, per_label in features.items():
        for label, occurrences in per_label.items():
            counts[label][feature] = occurrences
    return dict(counts)


def _counts_of(counts: object, labels: KeysView[str]) -> TypeGuard[dict[str, dict[str, int]]]:
    """Whether `counts` maps some of the model's labels to occurrences of features. Checked, not rebuilt:
    route_appeal reads a town's model of tens of thousands of features on its first message."""
    return isinstance(counts, dict) and labels >= counts.keys() and all(
        isinstance(per_feature, dict)
        and all(type(feature) is str for feature in per_feature)
        and all(type(occurrences) is int for occurrences in per_feature.values())
        for per_feature in counts.values())
