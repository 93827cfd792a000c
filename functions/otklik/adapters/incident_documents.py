"""An incident as its Firestore document, and back: the model's fields as Firestore values, and beside them the
fields derived for queries. Pure: no Firestore here, only the values it stores."""
from __future__ import annotations

from typing import Any

from otklik.adapters.appeal_documents import compact, to_document
from otklik.domain.incidents.categories import category_family
from otklik.domain.incidents.model import Incident, PendingJoin
from otklik.domain.incidents.sweep import auto_resolve_at, next_notice_at

# Derived on every write: grouping's candidate query (FirestoreGroupingCandidates.open_incidents) and the lists.
FAMILY = "family"
JOINABLE = "joinable"
DUE_AT = "due_at"
MEMBER_COUNT = "member_count"
NEXT_NOTICE_AT = "next_notice_at"  # the deadline sweep's query (FirestoreIncidentLists.incident_notices_due)
AUTO_RESOLVE_AT = "auto_resolve_at"  # and its other (FirestoreIncidentLists.incident_auto_resolve_due)
DERIVED_FIELDS = (FAMILY, JOINABLE, DUE_AT, MEMBER_COUNT, NEXT_NOTICE_AT, AUTO_RESOLVE_AT)


def incident_document(incident: Incident) -> dict[str, Any]:
    document: dict[str, Any] = compact(to_document(incident.model_dump(mode="python")))
    return document | {FAMILY: category_family(incident.category), JOINABLE: incident.joinable,
                       DUE_AT: incident.due_at, MEMBER_COUNT: len(incident.members),
                       NEXT_NOTICE_AT: next_notice_at(incident), AUTO_RESOLVE_AT: auto_resolve_at(incident)}


def incident_from_document(data: dict[str, Any]) -> Incident:
    return Incident.model_validate({name: value for name, value in data.items() if name in Incident.model_fields})


def pending_join_document(pending: PendingJoin) -> dict[str, Any]:
    document: dict[str, Any] = compact(to_document(pending.model_dump(mode="python")))
    return document


def pending_join_from_document(data: dict[str, Any]) -> PendingJoin:
    return PendingJoin.model_validate(data)
