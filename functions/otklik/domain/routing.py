"""Deciding where an appeal goes: its town, category, department and response deadline."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from otklik.domain.deadlines import explained_deadline
from otklik.domain.model import Appeal, Channel, HistoryAction, HistoryEntry, Status, WarningPoint
from otklik.domain.sweep import plan_warnings
from otklik.domain.towns import TownConfig

if TYPE_CHECKING:
    from otklik.domain.classification import Classification

# The history entry of a classifier's decision.
DECIDED = {Status.ROUTED: HistoryAction.ROUTED, Status.NEEDS_TRIAGE: HistoryAction.NEEDS_TRIAGE}
ROUTER = "system:router"


@dataclass(frozen=True)
class RoutingDecision:
    status: Status
    municipality: str | None
    category: str | None
    confidence: float
    reasons: tuple[str, ...]
    department: str | None
    due_at: datetime | None
    triage_reason: str | None = None
    warnings: tuple[WarningPoint, ...] = ()
    due_reason: str | None = None  # how due_at was counted; "PROVISIONAL: …" without a published calendar


class NewDeadline(NamedTuple):
    due_at: datetime | None
    warnings: tuple[WarningPoint, ...]
    reason: str | None


def decide_town(appeal: Appeal, towns: Mapping[str, TownConfig]) -> str | None:
    """Direct channels: the receiving account decided it at ingest. Regional and reception appeals:
    the town they name, else a place named in the text."""
    if appeal.municipality in towns:
        return appeal.municipality
    if appeal.channel in (Channel.REGIONAL, Channel.RECEPTION):
        from otklik.domain.places import detect_town  # its gazetteer only where a town must be found in text

        found = detect_town(appeal.text)
        return found if found in towns else None
    return None


def decide_route(appeal: Appeal, classification: Classification, towns: Mapping[str, TownConfig]) -> RoutingDecision:
    town_code = decide_town(appeal, towns)
    town = towns.get(town_code) if town_code else None
    category = appeal.category_hint or classification.category
    confidence = 1.0 if appeal.category_hint else classification.confidence
    reasons = (f"category hint from the sender: {appeal.category_hint}",) if appeal.category_hint else tuple(
        classification.reasons)
    due_at: datetime | None = None
    due_reason: str | None = None
    warnings: tuple[WarningPoint, ...] = ()
    if town is not None:
        deadline = explained_deadline(appeal.received_at, source=str(appeal.channel), category=category,
                                      policy=town.sla, calendar=town.calendar,
                                      external_deadline=appeal.external_deadline)
        due_at, due_reason = deadline.due_at, deadline.reason
        warnings = plan_warnings(appeal.received_at, due_at, policy=town.sla, calendar=town.calendar,
                                 source=str(appeal.channel), category=category)

    def triage(reason: str) -> RoutingDecision:
        return RoutingDecision(Status.NEEDS_TRIAGE, town_code, category, confidence, reasons, None, due_at, reason,
                               warnings, due_reason)

    if town is None:
        return triage("town unknown")
    if not appeal.category_hint and classification.triage:
        return triage(f"classifier unsure ({classification.kind}, confidence {classification.confidence:.2f})")
    department = town.department_for(category)
    if department is None:
        return triage(f"no department for category {category}")
    return RoutingDecision(Status.ROUTED, town_code, category, confidence, reasons, department, due_at,
                           warnings=warnings, due_reason=due_reason)


def apply_route(appeal: Appeal, decision: RoutingDecision, at: datetime) -> Appeal:
    entry = HistoryEntry(
        at=at, actor=ROUTER, action=DECIDED[decision.status],
        details={
            "category": decision.category, "confidence": round(decision.confidence, 3),
            "reasons": list(decision.reasons), "department": decision.department,
            "due_at": decision.due_at.isoformat() if decision.due_at else None, "due_reason": decision.due_reason,
            "triage_reason": decision.triage_reason,
        },
    )
    return appeal.changed(
        decision.status, entry,
        municipality=decision.municipality or appeal.municipality,
        category=decision.category, category_confidence=decision.confidence,
        classification_reasons=decision.reasons, department=decision.department, due_at=decision.due_at,
        triage_reason=decision.triage_reason, warning_points=decision.warnings, clock_started_at=appeal.received_at,
    )


def deadline_from(start: datetime, appeal: Appeal, town: TownConfig | None,
                  category: str | None = None) -> NewDeadline:
    """A response deadline whose clock starts at `start` (a reopening, a late triage), its warnings and its reason."""
    if town is None:
        return NewDeadline(None, (), None)
    category = category or appeal.category
    deadline = explained_deadline(start, source=str(appeal.channel), category=category, policy=town.sla,
                                  calendar=town.calendar)
    warnings = plan_warnings(start, deadline.due_at, policy=town.sla, calendar=town.calendar,
                             source=str(appeal.channel), category=category)
    return NewDeadline(deadline.due_at, warnings, deadline.reason)
