"""A member's resident says it is not fixed ("не решено"): that member is reopened by the existing feedback path
(domain/followups.py); the incident is flagged, and reopened once a configurable share of its members say so."""
from __future__ import annotations

from datetime import datetime

from otklik.domain.incidents.actions import reopen
from otklik.domain.incidents.model import Incident, IncidentStatus
from otklik.domain.model import HistoryAction, HistoryEntry

FEEDBACK_ACTOR = "system:incident_feedback"
ANSWERED_OR_RESOLVED = frozenset({IncidentStatus.ANSWERED, IncidentStatus.RESOLVED})


def member_not_fixed(incident: Incident, appeal_id: str, at: datetime, *, reopen_share: float) -> Incident | None:
    """The incident flagged by the member `appeal_id`, and reopened when at least `reopen_share` of its members
    said it is not fixed since its final answer; None when that member said so already, is not a member, or the
    incident has no final answer to object to."""
    if (incident.status not in ANSWERED_OR_RESOLVED or appeal_id not in incident.member_ids
            or appeal_id in incident.work.not_fixed):
        return None
    not_fixed = (*incident.work.not_fixed, appeal_id)
    share = len(not_fixed) / len(incident.members)
    flagged = incident.with_entry(
        HistoryEntry(at=at, actor=FEEDBACK_ACTOR, action=HistoryAction.INCIDENT_NOT_FIXED, details={
            "appeal_id": appeal_id, "not_fixed": len(not_fixed), "members": len(incident.members),
            "share": round(share, 4), "reopen_share": reopen_share}),
        work=incident.work.model_copy(update={"not_fixed": not_fixed}))
    if share < reopen_share:
        return flagged
    return reopen(flagged, FEEDBACK_ACTOR, at,
                  f"{len(not_fixed)} of {len(incident.members)} residents say it is not fixed")
