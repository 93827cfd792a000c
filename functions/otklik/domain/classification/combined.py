"""Rules and a town's learned model together.

The rules decide what they are sure of; the model, learned from operators' labels, confirms them, decides what the
rules leave to triage when it is sure, and sends to triage what both are unsure of or disagree on. A text like one
operators corrected the rules on goes where operators put it (a correction is never silently undone). The reasons
say which decided: "model: ..." or "operators' corrections: ...". Without a model (or with one refused), the rules
alone."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from otklik.domain.classification.result import Classification
from otklik.domain.classification.rules import DEFAULT_THRESHOLD, classify_by_rules
from otklik.domain.learning.examples import NOT_APPEAL
from otklik.domain.learning.features import text_features
from otklik.domain.learning.model import LearnedModel, ModelRefused, load_model

MODEL_DECIDES = 0.85  # the model's probability above which it decides a text the rules left to triage
MODEL_OBJECTS = 0.80  # ... above which its disagreement sends the rules' decision to triage
# Labelled texts of a label before the model's probabilities may speak for or against it. A town's model starts from
# a handful of operators' corrections, all about the few categories the rules got wrong: a model that has seen no
# road texts cannot judge the rules' "roads", and one that knows a single label is sure of it for every text. The
# model objects to the rules' category only when it knows both it and its own guess, and decides a text the rules left
# to triage only as a label it knows.
MIN_SUPPORT = 5
DEPARTMENT_KINDS = ("appeal",)


def _routed_category(result: Classification) -> str | None:
    if result.triage or result.kind != "appeal" or result.category in (None, "other"):
        return None
    return result.category


@dataclass(frozen=True)
class Classifier:
    """`classifier(text)` answers as `classify(text)` does. Phase 2 gives route_appeal one per town."""

    model: LearnedModel | None = None
    threshold: float = DEFAULT_THRESHOLD
    model_problem: str | None = None  # why a model document was refused, when it was

    @classmethod
    def from_document(cls, document: str | bytes | dict[str, Any] | None,
                      threshold: float = DEFAULT_THRESHOLD) -> Classifier:
        """With the model of the document; the rules alone, and the reason in `model_problem`, when the document
        is refused (corrupt, or written by a newer version)."""
        if document is None:
            return cls(None, threshold)
        try:
            return cls(load_model(document), threshold)
        except ModelRefused as refused:
            return cls(None, threshold, model_problem=str(refused))

    def __call__(self, text: str) -> Classification:
        rules = classify_by_rules(text, threshold=self.threshold)
        if self.model is None or rules.kind == "empty":
            return rules
        features = text_features(text)
        decided = _routed_category(rules)
        if decided is not None:
            corrected = self.model.correction_for(features, decided)
            if corrected is not None:
                correction, count = corrected
                return _operators_label(rules, correction.category, decided, count)
        if not self._model_compares():
            return rules  # only its corrections so far
        probabilities = self.model.probabilities(features)
        guess, certainty = max(probabilities.items(), key=lambda item: item[1])
        if decided is not None:
            if guess == decided:
                return replace(rules, confidence=round(max(rules.confidence, certainty), 3),
                               reasons=[*rules.reasons, f"model agrees ({certainty:.2f})"])
            if certainty >= MODEL_OBJECTS and self._knows(decided) and self._knows(guess):
                return replace(rules, triage=True, confidence=round(1.0 - certainty, 3),
                               reasons=[*rules.reasons, f"model disagrees: {guess} ({certainty:.2f})"])
            return rules
        if (rules.kind == "appeal" and guess not in (NOT_APPEAL, "other") and certainty >= MODEL_DECIDES
                and self._knows(guess)):
            return Classification(category=guess, confidence=round(certainty, 3), triage=False,
                                  reasons=[f"model: {guess} ({certainty:.2f})", *rules.reasons], kind="appeal")
        return rules


    def _knows(self, label: str) -> bool:
        return self.model is not None and self.model.categories.get(label, 0) >= MIN_SUPPORT

    def _model_compares(self) -> bool:
        """Whether the model's probabilities can mean anything: it has seen at least two labels, and one of them
        often enough."""
        return (self.model is not None and len(self.model.categories) >= 2
                and any(self._knows(label) for label in self.model.categories))


def _operators_label(rules: Classification, label: str, rules_said: str, similar: int) -> Classification:
    reason = f"operators' corrections: {similar} similar text{'s' if similar > 1 else ''} {rules_said} -> {label}"
    if label in (NOT_APPEAL, "other"):
        kind = "appeal" if label == "other" else "not_appeal"
        return Classification(category="other" if label == "other" else None, confidence=1.0, triage=True,
                              reasons=[reason, *rules.reasons], kind=kind)
    return Classification(category=label, confidence=1.0, triage=False, reasons=[reason, *rules.reasons],
                          kind="appeal")
