"""Operators' decisions about a category, as labelled examples for a town's learned model.

An operator labels a text when they triage an appeal the classifier left undecided, and when they give an appeal
the classifier routed another category (triage of a routed appeal; `assign` moves departments, not categories).
Each such change of an appeal yields one example, stored in the change's own commit (services/events.write), one per
appeal: a later decision about the same appeal replaces the earlier. Its text is the resident's, so it is erased with
the appeal's personal data (the example is deleted in the erasure's commit). An archive loaded for a new town gives
examples of its own (services/learning.py).

Light on purpose: services/events.py, on every write path (the webhooks too), imports it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from otklik.domain.learning.examples import LabelledText
from otklik.domain.model import Appeal, HistoryAction, HistoryEntry, Status

ExampleSource = Literal["triage", "correction", "archive"]
ROUTER = "system:router"  # domain.routing.ROUTER (not imported: see above): the classifier's own decisions
_CLASSIFIER_DECISIONS = (HistoryAction.ROUTED, HistoryAction.NEEDS_TRIAGE)


@dataclass(frozen=True)
class LabelledExample:
    id: str  # the appeal's id; for an archive's text a hash of town and text
    town: str
    text: str
    category: str  # the operator's (or the archive's) label
    source: ExampleSource
    decided_by: str  # the principal's actor id ("operator:<key id>"), or who loaded the archive
    decided_at: datetime
    classifier_category: str | None = None  # what the classifier said; None: no category (or an archive)
    classifier_triaged: bool = False  # the classifier left the appeal to triage

    def labelled(self) -> LabelledText:
        return LabelledText(self.text, self.category)


def operator_label(before: Appeal | None, after: Appeal) -> LabelledExample | None:
    """The example a change from `before` to `after` makes, if an operator decided the appeal's category in it."""
    if before is None or after.erased_at is not None or not after.text.strip():
        return None
    entry = _last_triage(before, after)
    if entry is None:
        return None
    category = str(entry.details.get("category") or "")
    if not category:
        return None
    if before.status is Status.NEEDS_TRIAGE:
        source: ExampleSource = "triage"
    elif before.category != category:
        source = "correction"
    else:
        return None  # the same category, another department: no decision about the text's topic
    said, triaged = _classifier_decision(before)
    return LabelledExample(id=after.id, town=after.municipality, text=after.text, category=category, source=source,
                           decided_by=entry.actor, decided_at=entry.at, classifier_category=said,
                           classifier_triaged=triaged)


def _last_triage(before: Appeal, after: Appeal) -> HistoryEntry | None:
    added = after.recorded_entries - before.recorded_entries
    new_entries = after.history[len(after.history) - added:] if added > 0 else ()
    triaged = [e for e in new_entries if e.action is HistoryAction.TRIAGED]
    return triaged[-1] if triaged else None


def _classifier_decision(appeal: Appeal) -> tuple[str | None, bool]:
    """The classifier's last decision about the appeal: its category and whether it left it to triage. Read from the
    router's history entry; an appeal whose entry was archived falls back on its status and category."""
    for entry in reversed(appeal.history):
        if entry.actor == ROUTER and entry.action in _CLASSIFIER_DECISIONS:
            category = entry.details.get("category")
            return (str(category) if category else None), entry.action is HistoryAction.NEEDS_TRIAGE
    return appeal.category, appeal.status is Status.NEEDS_TRIAGE
