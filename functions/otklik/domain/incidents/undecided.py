"""An appeal the classifier could not decide, placed by the outage it joins (issue 17): it takes the incident's
category and department, as an operator's triage would give them, with the reason grouping found. Pure: `now` is
given.

The step is a routing decision (`routed`), not an operator's triage: it makes no labelled example for the town's
learned model (domain/learning/operator_labels.py reads operators' decisions only). The deadline is the one routing
counted from the appeal's receipt, as an operator's triage keeps it."""
from __future__ import annotations

import re
from datetime import datetime

from otklik.domain.incidents.model import GROUPER, Incident, IncidentConflict, Reason
from otklik.domain.model import Appeal, HistoryAction, HistoryEntry, Status

# The family an undecided appeal is stored under (adapters/appeal_documents.py: grouping_family): what a late join
# finds it by (domain/incidents/late.py); no category's family.
UNDECIDED_FAMILY = "undecided"

# routing.decide_route's reason for a text the classifier read as an appeal but could not place in a category, or
# read as a question (not a greeting, thanks or spam, not an unknown town or a category without a department).
_UNDECIDED_APPEAL = re.compile(r"^classifier unsure \((?:appeal|question)\b")


def classifier_undecided(appeal: Appeal) -> bool:
    """In triage because the classifier could not decide an appeal's category, or read it as a question: what grouping
    may still place. A question joins only what an appeal in triage may join, an outage its own words say is missing
    ("Тепло когда?", "у кого тоже батареи холодные?"): the outage's answer is its answer."""
    return appeal.status is Status.NEEDS_TRIAGE and bool(_UNDECIDED_APPEAL.match(appeal.triage_reason or ""))


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
