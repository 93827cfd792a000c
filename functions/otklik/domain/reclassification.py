"""Classifying an appeal again when the resident changes its text before anyone has answered it."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from otklik.domain.model import Appeal, HistoryAction, HistoryEntry, Status

if TYPE_CHECKING:
    from otklik.domain.routing import RoutingDecision

# History entries that decide or change where an appeal goes. The classifier's own decisions are "routed" and
# "needs_triage"; the others are people's, which a new text does not overrule.
CLASSIFIED = frozenset({HistoryAction.ROUTED, HistoryAction.NEEDS_TRIAGE})
DECIDED_BY_PEOPLE = frozenset({HistoryAction.TRIAGED, HistoryAction.ASSIGNED, HistoryAction.REOPENED,
                               HistoryAction.TAKEN})
TEXT_CHANGES = frozenset({HistoryAction.TEXT_EDITED, HistoryAction.FOLLOW_UP_EDITED})
# Since these the classifier has not decided: a changed text, and a routing that kept failing (domain/dead_letters.py),
# whose appeal.received replayed classifies the appeal again.
AWAITING_CLASSIFIER = TEXT_CHANGES | {HistoryAction.ROUTING_FAILED}
ROUTER = "system:router"  # domain.routing.ROUTER, not imported: the webhooks' edit path needs only the checks here


def first_classification(entry: HistoryEntry) -> bool:
    """The router's first decision about the appeal (routed, or to triage): not a decision again after its text
    changed (`reclassified`), nor grouping's placing of an undecided appeal by its outage (actor system:grouping)."""
    return entry.action in CLASSIFIED and entry.actor == ROUTER and "reclassified" not in entry.details


def may_reclassify(appeal: Appeal) -> bool:
    """Unanswered and still where the classifier put it: no answer, nobody working on it, no person's decision
    about where it goes, no category given by the sender."""
    return (appeal.status in (Status.NEEDS_TRIAGE, Status.ROUTED) and not appeal.answers and appeal.assignee is None
            and appeal.category_hint is None and not any(e.action in DECIDED_BY_PEOPLE for e in appeal.history))


def awaits_reclassification(appeal: Appeal) -> bool:
    """Its text changed (or its routing failed) after the classifier last decided, and it may still be classified
    again."""
    if not may_reclassify(appeal):
        return False
    for entry in reversed(appeal.history):
        if entry.action in CLASSIFIED:
            return False
        if entry.action in AWAITING_CLASSIFIER:
            return True
    return False


def reroute(appeal: Appeal, decision: RoutingDecision, at: datetime, because: str) -> Appeal | None:
    """The appeal where the new decision puts it, with a routing entry naming where it was; None when the
    decision leaves it where it is."""
    from otklik.domain.routing import DECIDED, ROUTER  # here: the webhooks' edit path needs only the checks above
    if (decision.status, decision.category, decision.department) == (appeal.status, appeal.category,
                                                                      appeal.department):
        return None
    entry = HistoryEntry(at=at, actor=ROUTER, action=DECIDED[decision.status], details={
        "category": decision.category, "confidence": round(decision.confidence, 3),
        "reasons": list(decision.reasons), "department": decision.department,
        "due_at": decision.due_at.isoformat() if decision.due_at else None, "due_reason": decision.due_reason,
        "triage_reason": decision.triage_reason, "reclassified": because,
        "previous": {"status": str(appeal.status), "category": appeal.category, "department": appeal.department}})
    changes = {"category": decision.category, "category_confidence": decision.confidence,
               "classification_reasons": decision.reasons, "department": decision.department,
               "due_at": decision.due_at, "triage_reason": decision.triage_reason,
               "warning_points": decision.warnings,
               "overdue": appeal.overdue and decision.due_at is not None and decision.due_at <= at}
    if decision.status is appeal.status and appeal.status is Status.NEEDS_TRIAGE:
        return appeal.with_entry(entry, **changes)
    return appeal.changed(decision.status, entry, **changes)
