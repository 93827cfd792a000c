"""Labelled texts: what operators decided (or an archive says) about a text's category.

One JSON object per line, `{"text": ..., "category": ...}`; the category is a topic code of the domain or
NOT_APPEAL for a message that asks nothing of the town. The older sets' `{"category": null, "kind": "thanks"}` reads
as NOT_APPEAL."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from otklik.domain.categories import CATEGORY_LABELS

NOT_APPEAL = "not_appeal"
LABELS = frozenset(CATEGORY_LABELS) | {NOT_APPEAL}


class BadExample(ValueError):
    """A line that is not a labelled text; the message names the line and the problem."""


@dataclass(frozen=True)
class LabelledText:
    text: str
    category: str  # a category code or NOT_APPEAL

    @property
    def is_department_appeal(self) -> bool:
        """An appeal some department owns: neither a non-appeal nor `other` (which goes to triage by design)."""
        return self.category not in (NOT_APPEAL, "other")


def parse_example(line: str, number: int) -> LabelledText:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadExample(f"line {number}: not JSON ({error.msg})") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise BadExample(f"line {number}: expected an object with a string \"text\"")
    category = record.get("category")
    if category is None and record.get("kind", "appeal") != "appeal":
        category = NOT_APPEAL
    if category not in LABELS:
        raise BadExample(f"line {number}: unknown category {category!r} (expected one of {', '.join(sorted(LABELS))})")
    return LabelledText(record["text"], category)


def read_examples(lines: Iterable[str]) -> Iterator[LabelledText]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield parse_example(line, number)
