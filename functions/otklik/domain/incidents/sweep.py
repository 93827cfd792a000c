"""Deadline notices per incident: one warning and one escalation for the whole incident, not one per member (the
per-appeal sweep skips members: domain/sweep.py). Pure: `now` is given.

The incident's deadline is the earliest of its members'. Its clock runs from its creation, or its last reopening;
any answer since stops it, as an appeal's does. The warning falls at WARNING_SHARE of the time to the deadline."""
from __future__ import annotations

from datetime import datetime

from otklik.domain.incidents.actions import resolve
from otklik.domain.incidents.model import Incident, IncidentStatus
from otklik.domain.model import HistoryAction, HistoryEntry
from otklik.domain.sweep import SWEEPER, notice_key

WORKED_ON = frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS})
WARNING_SHARE = 0.75
WARNING_LABEL = "75%"


def clock_started_at(incident: Incident) -> datetime:
    reopened = [e.at for e in incident.history if e.action is HistoryAction.REOPENED]
    return max(reopened) if reopened else incident.created_at


def responded(incident: Incident) -> bool:
    started = clock_started_at(incident)
    return any(answer.created_at >= started for answer in incident.work.answers)


def warning_at(incident: Incident) -> datetime | None:
    due_at = incident.due_at
    if due_at is None:
        return None
    started = clock_started_at(incident)
    return started + (due_at - started) * WARNING_SHARE if due_at > started else None


def next_notice_at(incident: Incident) -> datetime | None:
    """When the sweep should look at the incident next; None when nothing more can fall due."""
    due_at = incident.due_at
    if incident.status not in WORKED_ON or due_at is None or responded(incident):
        return None
    if notice_key(HistoryAction.ESCALATED, due_at) in incident.work.notices:
        return None
    warning = warning_at(incident)
    if warning is not None and notice_key(WARNING_LABEL, due_at) not in incident.work.notices and warning < due_at:
        return warning
    return due_at


def apply_due_notices(incident: Incident, now: datetime) -> Incident | None:
    """The incident with each notice due by `now` recorded once (a history entry each), or None when none is due."""
    due_at = incident.due_at
    if next_notice_at(incident) is None or due_at is None:
        return None
    changed = incident
    warning = warning_at(incident)
    key = notice_key(WARNING_LABEL, due_at)
    if warning is not None and warning <= now < due_at and key not in changed.work.notices:
        changed = changed.with_entry(
            HistoryEntry(at=now, actor=SWEEPER, action=HistoryAction.WARNING,
                         details={"notice": WARNING_LABEL, "due_at": due_at.isoformat(),
                                  "members": len(incident.members)}),
            work=changed.work.model_copy(update={"notices": (*changed.work.notices, key)}))
    escalation = notice_key(HistoryAction.ESCALATED, due_at)
    if due_at <= now and escalation not in changed.work.notices:
        changed = changed.with_entry(
            HistoryEntry(at=now, actor=SWEEPER, action=HistoryAction.ESCALATED,
                         details={"notice": str(HistoryAction.ESCALATED), "due_at": due_at.isoformat(),
                                  "late_by_seconds": (now - due_at).total_seconds(),
                                  "members": len(incident.members)}),
            work=changed.work.model_copy(update={"notices": (*changed.work.notices, escalation), "overdue": True}))
    return changed if changed is not incident else None


def earliest_member(incident: Incident) -> str | None:
    """The member whose deadline is the incident's: the staff line names it, and its outbox carries the notice."""
    dated = [m for m in incident.members if m.due_at is not None]
    if not dated:
        return incident.members[0].appeal_id if incident.members else None
    return min(dated, key=lambda m: (m.due_at, m.appeal_id)).appeal_id


AUTO_RESOLVED = "no objection in time"


def auto_resolve_at(incident: Incident) -> datetime | None:
    """When an answered incident is resolved without anyone's action: its final answer's time plus the town's
    auto-resolution period, unless a member's resident objected (the incident is flagged: people decide)."""
    if incident.status is not IncidentStatus.ANSWERED or incident.work.flagged:
        return None
    return incident.work.resolve_after


def auto_resolve(incident: Incident, now: datetime) -> Incident | None:
    """The incident resolved by the sweep when its time came, or None when it has not (or cannot)."""
    at = auto_resolve_at(incident)
    if at is None or at > now:
        return None
    return resolve(incident, SWEEPER, now, AUTO_RESOLVED)
