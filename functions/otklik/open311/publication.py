"""What of an appeal may be published through Open311, where anyone can read it.

The policy: never the resident's name, platform ids, contacts, links to their post, location, attachments or
the answers' texts (an answer addresses the resident by name). The text only of appeals made in public: VK
wall comments, photo comments and board posts, which anyone could read there anyway, with phone numbers,
e-mails, links, @mentions, VK mention markup and flat numbers masked. Private and group messages, suggested
posts (seen only by the community's admins), reception and regional appeals, and Open311 filings themselves
get no description: the category says what they are about."""
from __future__ import annotations

import re

from otklik.domain.categories import CATEGORY_GROUPS, CATEGORY_LABELS, GROUP_LABELS
from otklik.domain.model import Appeal, SourceKind, Status
from otklik.domain.towns import TownConfig
from otklik.open311.wire import Service, ServiceRequest

PUBLIC_KINDS = frozenset({SourceKind.WALL_COMMENT, SourceKind.PHOTO_COMMENT, SourceKind.BOARD_POST})
HIDDEN_STATUSES = frozenset({Status.MERGED, Status.REJECTED})  # folded follow-ups; greetings and spam
OPEN = frozenset({Status.RECEIVED, Status.NEEDS_TRIAGE, Status.ROUTED, Status.IN_PROGRESS})
CLOSED = frozenset({Status.ANSWERED, Status.RESOLVED})
MAX_DESCRIPTION = 1000

_STATUS_NOTES = {
    Status.RECEIVED: "received — обращение получено",
    Status.NEEDS_TRIAGE: "needs_triage — тему уточняет оператор",
    Status.ROUTED: "routed — передано исполнителю",
    Status.IN_PROGRESS: "in_progress — в работе",
    Status.ANSWERED: "answered — дан ответ",
    Status.RESOLVED: "resolved — решено",
}
_MASKS = (
    (re.compile(r"\[(?:id|club|public|event)\d+\|[^\]]*\]"), "[…]"),
    (re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE), "[ссылка]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"@\w{2,}"), "[…]"),
    (re.compile(r"(?:\+\s*\d[\s\-()]*)?(?:\d[\s\-()]*){9,}\d"), "[телефон]"),
    (re.compile(r"\b(кв\.?|квартир[а-яё]*)\s*№?\s*\d+[а-яa-z]?", re.IGNORECASE), r"\1 […]"),
)


def services() -> list[Service]:
    return [
        Service(service_code=code, service_name=label, description=f"{GROUP_LABELS[CATEGORY_GROUPS[code]]}: {label}",
                keywords=code, group=GROUP_LABELS[CATEGORY_GROUPS[code]])
        for code, label in CATEGORY_LABELS.items()
    ]


def is_published(appeal: Appeal) -> bool:
    return appeal.status not in HIDDEN_STATUSES


def mask_contacts(text: str) -> str:
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text if len(text) <= MAX_DESCRIPTION else text[:MAX_DESCRIPTION - 1] + "…"


def public_description(appeal: Appeal) -> str | None:
    return mask_contacts(appeal.text) if appeal.source.kind in PUBLIC_KINDS else None


def service_request(appeal: Appeal, town: TownConfig | None) -> ServiceRequest:
    departments = town.departments if town else {}
    return ServiceRequest(
        service_request_id=appeal.id,
        status="closed" if appeal.status in CLOSED else "open",
        status_notes=_STATUS_NOTES.get(appeal.status, str(appeal.status)),
        service_name=CATEGORY_LABELS.get(appeal.category) if appeal.category else None,
        service_code=appeal.category,
        description=public_description(appeal),
        agency_responsible=departments.get(appeal.department) if appeal.department else None,
        requested_datetime=appeal.received_at,
        updated_datetime=appeal.history[-1].at if appeal.history else appeal.received_at,
        expected_datetime=appeal.due_at,
    )
