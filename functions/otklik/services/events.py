"""The messages a change of an appeal publishes, derived from the history entries it added:
the history is the event log, and each entry's number (its position since the appeal's first entry) makes the
message id stable."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from otklik.domain.model import Appeal, Channel, HistoryEntry
from otklik.messages import AppealRouted, CallbackEventType, DeadlineNotice, RegionalCallback, ReplyRequested
from otklik.services.ports import AppealWrite, OutboxMessage

ROUTING_ACTIONS = frozenset({"routed", "needs_triage", "reopened", "triaged", "assigned"})
CALLBACK_EVENTS: dict[str, CallbackEventType] = {
    "answered_intermediate": "intermediate_answer",
    "answered_final": "final_answer",
    "escalated": "escalated",
    "reopened": "reopened",
    "resolved": "resolved",
    "handed_to_regional": "handed_over",
    # A regional appeal the town closes as not an appeal would otherwise leave the regional centre waiting.
    "rejected": "rejected",
}


def outbox_messages(before: Appeal | None, after: Appeal) -> tuple[OutboxMessage, ...]:
    # Entries are numbered from the appeal's first on, those moved to the history archive included.
    first_new = before.recorded_entries if before is not None else 0
    messages: list[OutboxMessage] = []
    for position, entry in enumerate(after.history):
        index = after.archived_history + position
        if index < first_new:
            continue
        key = f"{after.id}/{index}"
        if entry.action in ROUTING_ACTIONS and (entry.action != "assigned" or after.department != _previous(entry)):
            messages.append(_message(f"{key}/routed", "appeal_routed", _routed(after, entry)))
        if entry.action.startswith("answered_") and after.channel not in (Channel.REGIONAL, Channel.RECEPTION):
            reply = ReplyRequested(appeal_id=after.id, answer_id=str(entry.details["answer_id"]),
                                   municipality=after.municipality, channel=after.channel)
            messages.append(_message(f"{key}/reply", "reply_requested", reply))
        if entry.action == "escalated" or entry.action.startswith("warning"):
            messages.append(_message(f"{key}/notice", "appeal_escalated" if entry.action == "escalated"
                                     else "deadline_warning", _notice(after, entry)))
        if entry.action in CALLBACK_EVENTS and _tells_the_regional_centre(after, entry):
            messages.append(_message(f"{key}/callback", "regional_callback", _callback(after, entry, f"{key}/callback")))
    return tuple(messages)


def write(before: Appeal | None, after: Appeal) -> AppealWrite:
    return AppealWrite(after, outbox_messages(before, after))


def _message(message_id: str, topic: str, body: Any) -> OutboxMessage:
    model: BaseModel = body
    return OutboxMessage(id=message_id, topic=topic, body=model.model_dump(mode="json"),
                         attributes=body.attributes())


def _previous(entry: HistoryEntry) -> Any:
    return entry.details.get("previous_department")


def _routed(appeal: Appeal, entry: HistoryEntry) -> AppealRouted:
    return AppealRouted(appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel,
                        status=str(appeal.status), category=appeal.category, department=appeal.department,
                        due_at=appeal.due_at, changed_at=entry.at)


def _notice(appeal: Appeal, entry: HistoryEntry) -> DeadlineNotice:
    return DeadlineNotice(appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel,
                          department=appeal.department, status=str(appeal.status),
                          due_at=entry.details["due_at"], notice=str(entry.details.get("notice", entry.action)),
                          occurred_at=entry.at)


def _tells_the_regional_centre(appeal: Appeal, entry: HistoryEntry) -> bool:
    # Appeals the regional centre handed down report back on every step; direct ones only when handed over.
    return appeal.channel is Channel.REGIONAL or entry.action == "handed_to_regional"


def _callback(appeal: Appeal, entry: HistoryEntry, event_id: str) -> RegionalCallback:
    data: dict[str, Any] = {"due_at": appeal.due_at.isoformat() if appeal.due_at else None}
    answer_id = entry.details.get("answer_id")
    if answer_id:
        answer = next(a for a in appeal.answers if a.id == answer_id)
        data |= {"answer_id": answer.id, "kind": str(answer.kind), "text": answer.text, "photos": list(answer.photos),
                 "planned_date": answer.planned_date.isoformat() if answer.planned_date else None}
    if entry.action == "handed_to_regional":
        data |= {"category": appeal.category, "text": appeal.text, "source_link": appeal.source.link}
    if entry.action == "rejected":
        data |= {"reason": entry.details.get("reason")}
    regional = appeal.channel is Channel.REGIONAL
    return RegionalCallback(
        event_id=event_id, event_type=CALLBACK_EVENTS[entry.action], appeal_id=appeal.id,
        client_id=appeal.source.account if regional else None, regional_id=appeal.source.event_id if regional else None,
        municipality=appeal.municipality, status=str(appeal.status), occurred_at=entry.at, data=data)
