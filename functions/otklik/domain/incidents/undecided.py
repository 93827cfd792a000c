"""An appeal the classifier could not decide, placed by the outage it joins (issue 17): it takes the incident's
category and department, as an operator's triage would give them, with the reason grouping found. Pure: `now` is
given.

The step is a routing decision (`routed`), not an operator's triage: it makes no labelled example for the town's
learned model (domain/learning/operator_labels.py reads operators' decisions only). The deadline is the one routing
counted from the appeal's receipt, as an operator's triage keeps it."""
from __future__ import annotations

from datetime import datetime

from otklik.domain.incidents.model import GROUPER, Incident, IncidentConflict, Reason
from otklik.domain.model import Appeal, HistoryAction, HistoryEntry, Status


def routed_by_incident(appeal: Appeal, incident: Incident, reason: Reason, now: datetime) -> Appeal:
    """The undecided appeal routed to the incident's category and department, ready to join it."""
    if appeal.status is not Status.NEEDS_TRIAGE:
        raise IncidentConflict(f"appeal {appeal.id} is {appeal.status}, not waiting for triage")
    if appeal.municipality != incident.municipality or incident.department is None:
        raise IncidentConflict(f"incident {incident.id} cannot route appeal {appeal.id}")
    entry = HistoryEntry(at=now, actor=GROUPER, action=HistoryAction.ROUTED, details={
        "category": incident.category, "department": incident.department, "incident_id": incident.id,
        "reason": reason.text, "previous": {"category": appeal.category, "department": appeal.department,
                                            "triage_reason": appeal.triage_reason}})
    return appeal.changed(Status.ROUTED, entry, category=incident.category, department=incident.department,
                          triage_reason=None)
