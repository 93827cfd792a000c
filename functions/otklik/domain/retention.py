"""How long a resident's personal data is kept, and what erasing it leaves (152-ФЗ: no longer than the purpose needs).

An appeal is closed when it is resolved, rejected, or folded into another; its town's retention period counts from
then. Erasing takes out everything that identifies or speaks for the resident — name, contact, platform ids, the
place of the message on the platform, texts, attachments, the location, the answers' texts and photo reports — and
keeps what the figures and the regional centre's bookkeeping are made of: category, department, channel, times,
statuses, deadlines, notices, and the history's actions. Pure: `now` is given; deleting the photo objects and the
archived history is the service's (services/residents.py)."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from otklik.domain.incidents.model import is_incident_id
from otklik.domain.model import (
    Answer,
    Appeal,
    Attachment,
    Author,
    Channel,
    Delivery,
    HistoryAction,
    HistoryEntry,
    SourceRef,
    Status,
)

ERASED = "[удалено]"
ERASER = "system:retention"
ErasureReason = Literal["retention", "request"]

# History details that are facts of the process. Anything else (notes, reasons written by people, the classifier's
# reasons quoting the text, platform message ids) is replaced by the placeholder: a key added later is erased until
# it is listed here.
KEPT_DETAILS = frozenset({
    "category", "department", "municipality", "previous", "previous_department", "assignee", "due_at", "answer_id",
    "planned_date", "photos", "notice", "late_by_seconds", "triage_reason", "confidence", "reclassified", "event_id",
    "event_type", "client_id", "status_code", "attempt", "parts_sent", "sent_at", "routed_at", "edited_at", "channel",
    "appeal_id", "into", "follow_up", "by",
})
# "by" is kept only where it is one of the system's fixed words, not an operator's free text.
_FIXED_RESOLUTIONS = frozenset({"no objection in time", "resident confirmed"})
_RESIDENT_ACTOR = "resident"


def closed_at(appeal: Appeal) -> datetime | None:
    """When the appeal stopped needing the resident's data: resolved, rejected or folded into another; None while
    it is open or answered (an answered appeal is resolved automatically or reopened)."""
    if appeal.status is Status.RESOLVED:
        return appeal.resolved_at or _last_entry_at(appeal, HistoryAction.RESOLVED)
    if appeal.status is Status.REJECTED:
        return _last_entry_at(appeal, HistoryAction.REJECTED)
    if appeal.status is Status.MERGED:
        return _last_entry_at(appeal, HistoryAction.MERGED)
    return None


def retention_from(appeal: Appeal) -> datetime | None:
    """The moment the retention period counts from; None while open, and once erased (nothing left to erase)."""
    return None if appeal.erased_at is not None else closed_at(appeal)


def erasure_due(appeal: Appeal, retention: timedelta, now: datetime) -> bool:
    start = retention_from(appeal)
    return start is not None and start + retention <= now


def erase_personal_data(appeal: Appeal, now: datetime, reason: ErasureReason = "retention") -> Appeal:
    """The appeal without the resident's personal data, with an entry saying so; the same appeal once erased."""
    if appeal.erased_at is not None:
        return appeal
    erased = appeal.model_copy(update={
        "source": _erased_source(appeal),
        "author": Author(platform_user_id=""),
        "text": ERASED,
        "own_text": None,
        "attachments": tuple(Attachment(kind=a.kind, mime_type=a.mime_type) for a in appeal.attachments),
        "location": None,
        "classification_reasons": (),
        "answers": tuple(_erased_answer(a) for a in appeal.answers),
        "history": tuple(erase_entry(e) for e in appeal.history),
        "erased_at": now,
    })
    return erased.with_entry(HistoryEntry(at=now, actor=ERASER, action=HistoryAction.PERSONAL_DATA_ERASED,
                                          details={"by": reason}))


def erase_entry(entry: HistoryEntry) -> HistoryEntry:
    """A history entry without what a person wrote or what identifies the resident; its action and facts kept.
    Erasing an erased entry changes nothing (archived entries are erased one by one, perhaps twice)."""
    actor = _RESIDENT_ACTOR if entry.actor.startswith(f"{_RESIDENT_ACTOR}:") else entry.actor
    details = {key: _erased_detail(key, value) for key, value in entry.details.items()}
    if actor == entry.actor and details == entry.details:
        return entry
    return entry.model_copy(update={"actor": actor, "details": details})


def photo_objects(appeal: Appeal) -> tuple[str, ...]:
    """The Cloud Storage objects of the appeal's photo reports: deleted when its data is erased. An incident's photo
    report, which every member's answer names (stored under the incident's id), is not the member's to delete: the
    other members' deliveries still send it."""
    return tuple(name for answer in appeal.answers for name in answer.photos if not _incident_photo(name))


def _incident_photo(object_name: str) -> bool:
    return any(is_incident_id(part) for part in object_name.split("/")[:2])


def _erased_detail(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key == "by" and value not in _FIXED_RESOLUTIONS and value not in ("retention", "request"):
        return ERASED
    return value if key in KEPT_DETAILS else ERASED


def _erased_source(appeal: Appeal) -> SourceRef:
    # The regional centre's own id of an appeal it handed down is its bookkeeping, not the resident's: its API and
    # callbacks name the appeal by it. Every other source field points at the resident's message.
    source = appeal.source
    event_id = source.event_id if appeal.channel is Channel.REGIONAL else ERASED
    return SourceRef(platform=source.platform, account=source.account, kind=source.kind, event_id=event_id)


def _erased_answer(answer: Answer) -> Answer:
    # Answers are the centre's words, but written to one resident: they greet them by name, repeat the address and
    # the problem, and the photo report shows their yard or door. Kind, dates and delivery outcome stay.
    delivery = answer.delivery
    return answer.model_copy(update={
        "text": ERASED, "photos": (),
        "delivery": Delivery(status=delivery.status, parts_sent=delivery.parts_sent, attempts=delivery.attempts,
                             updated_at=delivery.updated_at,
                             reason=ERASED if delivery.reason is not None else None)})


def _last_entry_at(appeal: Appeal, action: HistoryAction) -> datetime | None:
    found = next((entry.at for entry in reversed(appeal.history) if entry.action is action), None)
    return found or (appeal.history[-1].at if appeal.history else appeal.received_at)
