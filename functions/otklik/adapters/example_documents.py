"""A labelled example's Firestore document (`classifier_examples/{id}`): written with its appeal's change
(firestore_appeals.py) or loaded from an archive, read by retraining (firestore_learning.py)."""
from __future__ import annotations

from typing import Any

from otklik.domain.learning.operator_labels import LabelledExample

EXAMPLES = "classifier_examples"


def example_document(example: LabelledExample) -> dict[str, Any]:
    return {
        "town": example.town, "text": example.text, "category": example.category, "source": example.source,
        "decided_by": example.decided_by, "decided_at": example.decided_at,
        "classifier_category": example.classifier_category, "classifier_triaged": example.classifier_triaged,
    }


def example_from_document(example_id: str, data: dict[str, Any]) -> LabelledExample:
    return LabelledExample(
        id=example_id, town=str(data["town"]), text=str(data["text"]), category=str(data["category"]),
        source=data["source"], decided_by=str(data["decided_by"]), decided_at=data["decided_at"],
        classifier_category=data.get("classifier_category"), classifier_triaged=bool(data.get("classifier_triaged")),
    )
