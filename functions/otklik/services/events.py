"""What a change of an appeal publishes: one row per kind of history entry (the appeal's events), naming the
messages an entry of that kind causes. The messages are written to the appeal's outbox in the change's own commit
and published by the outbox relay; each entry's number (its position since the appeal's first entry, archived ones
included) makes their ids stable, so a change retried or replayed never publishes a second time in effect.

A new kind of event is one member of HistoryAction and one row here (a test fails while a kind has no row)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from otklik.domain.learning.operator_labels import operator_label
from otklik.domain.model import Appeal, Channel, HistoryAction, HistoryEntry, Status
from otklik.domain.reclassification import awaits_reclassification, first_classification
from otklik.messages import (
    AppealReceived,
    AppealRouted,
    CallbackEventType,
    DeadlineNotice,
    IncidentFanOut,
    RegionalCallback,
    ReplyRequested,
    RetrainClassifier,
)
from otklik.services.ports import AppealWrite, OutboxMessage

# (the appeal as the change left it, the entry, the entry's key "<appeal id>/<number>") -> a message, or None
Rule = Callable[[Appeal, HistoryEntry, str], OutboxMessage | None]


def write(before: Appeal | None, after: Appeal) -> AppealWrite:
    """The change from `before` (None for a new appeal) to `after`, with the messages of the entries it added, the
    labelled example an operator's decision about its category makes, and whether the appeal's example (a resident's
    text) goes with its personal data."""
    erased_now = before is not None and before.erased_at is None and after.erased_at is not None
    return AppealWrite(after, outbox_messages(before, after), example=operator_label(before, after),
                       forget_example=erased_now)


def outbox_messages(before: Appeal | None, after: Appeal) -> tuple[OutboxMessage, ...]:
    first_new = before.recorded_entries if before is not None else 0
    messages: list[OutboxMessage] = []
    for position, entry in enumerate(after.history):
        number = after.archived_history + position
        if number >= first_new:
            key = f"{after.id}/{number}"
            messages += [m for rule in MESSAGES[entry.action] if (m := rule(after, entry, key)) is not None]
    return tuple(messages)


def _message(message_id: str, topic: str, body: Any) -> OutboxMessage:
    model: BaseModel = body
    return OutboxMessage(id=message_id, topic=topic, body=model.model_dump(mode="json"), attributes=body.attributes())


def incident_message(message_id: str, body: IncidentFanOut) -> OutboxMessage:
    """A message to fan_out_incident, keyed by its incident: the subscription hands one incident's messages over one
    at a time, so two of its pages or folds never contend for the incident's document."""
    return replace(_message(message_id, "incident_fan_out", body), ordering_key=body.incident_id)


def joined_message(incident_id: str, municipality: str, appeal_id: str) -> OutboxMessage:
    """The appeal joined the incident: fan_out_incident folds the incident's pending joins into it."""
    body = IncidentFanOut(incident_id=incident_id, municipality=municipality, joined=appeal_id)
    return incident_message(f"{appeal_id}/joined/{incident_id}", body)


# The rules.

def _received(appeal: Appeal, entry: HistoryEntry, key: str) -> OutboxMessage:
    body = AppealReceived(appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel,
                          received_at=appeal.received_at)
    return _message(f"{key}/received", "appeal_received", body)


def _classify_again(appeal: Appeal, entry: HistoryEntry, key: str) -> OutboxMessage | None:
    """An unanswered appeal whose text was edited goes back to route_appeal, as a received one does."""
    if not awaits_reclassification(appeal):
        return None
    body = AppealReceived(appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel,
                          received_at=appeal.received_at)
    return _message(f"{key}/classify-again", "appeal_received", body)


def _routed(appeal: Appeal, entry: HistoryEntry, key: str) -> OutboxMessage:
    body = AppealRouted(appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel,
                        status=str(appeal.status), category=appeal.category, department=appeal.department,
                        due_at=appeal.due_at, changed_at=entry.at, first_routing=first_classification(entry))
    return _message(f"{key}/routed", "appeal_routed", body)


def _routed_when_moved(appeal: Appeal, entry: HistoryEntry, key: str) -> OutboxMessage | None:
    """An assignment to a person within the department does not move the appeal."""
    moved = appeal.department != entry.details.get("previous_department")
    return _routed(appeal, entry, key) if moved else None


def _routed_when_sent_to_triage(appeal: Appeal, entry: HistoryEntry, key: str) -> OutboxMessage | None:
    """A routing that kept failing sends a received appeal to triage; one routed before stays where it was."""
    sent = entry.details.get("status") == Status.RECEIVED
    return _routed(appeal, entry, key) if sent else None


def _reply(appeal: Appeal, entry: HistoryEntry, key: str) -> OutboxMessage | None:
    # Regional appeals are answered through the callback; reception appeals by the operator, by phone or letter.
    if appeal.channel in (Channel.REGIONAL, Channel.RECEPTION):
        return None
    body = ReplyRequested(appeal_id=appeal.id, answer_id=str(entry.details["answer_id"]),
                          municipality=appeal.municipality, channel=appeal.channel)
    return _message(f"{key}/reply", "reply_requested", body)


def _notice(topic: str) -> Rule:
    def notice(appeal: Appeal, entry: HistoryEntry, key: str) -> OutboxMessage:
        body = DeadlineNotice(appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel,
                              department=appeal.department, status=str(appeal.status),
                              due_at=entry.details["due_at"], notice=str(entry.details.get("notice", entry.action)),
                              occurred_at=entry.at)
        return _message(f"{key}/notice", topic, body)

    return notice


def _incident_not_fixed(appeal: Appeal, entry: HistoryEntry, key: str) -> OutboxMessage | None:
    """A member of an incident reopened by its resident ("не решено"): the incident hears of it (fan_out_incident
    flags it, and reopens it when enough members say so). A reopening the incident itself carried out is not news."""
    if appeal.incident_id is None or not entry.actor.startswith("resident:"):
        return None
    body = IncidentFanOut(incident_id=appeal.incident_id, municipality=appeal.municipality, not_fixed_by=appeal.id)
    return incident_message(f"{key}/incident-not-fixed", body)


CALLBACK_EVENTS: dict[HistoryAction, CallbackEventType] = {
    HistoryAction.ANSWERED_INTERMEDIATE: "intermediate_answer",
    HistoryAction.ANSWERED_FINAL: "final_answer",
    HistoryAction.ESCALATED: "escalated",
    HistoryAction.REOPENED: "reopened",
    HistoryAction.RESOLVED: "resolved",
    HistoryAction.HANDED_TO_REGIONAL: "handed_over",
    # A regional appeal the town closes as not an appeal would otherwise leave the regional centre waiting.
    HistoryAction.REJECTED: "rejected",
}


def _callback(appeal: Appeal, entry: HistoryEntry, key: str) -> OutboxMessage | None:
    # Appeals the regional centre handed down report back on every step; direct ones only when handed over.
    regional = appeal.channel is Channel.REGIONAL
    if not regional and entry.action is not HistoryAction.HANDED_TO_REGIONAL:
        return None
    # Ids and facts only: the texts (the answer's, the appeal's, a rejection's reason) and the photos are read from
    # the appeal when the callback is delivered (services/regional_callbacks.py), so that no resident's words wait in
    # the topic (kept a week) or its dead letters (31 days).
    data: dict[str, Any] = {"due_at": appeal.due_at.isoformat() if appeal.due_at else None}
    answer_id = entry.details.get("answer_id")
    if answer_id:
        answer = next(a for a in appeal.answers if a.id == answer_id)
        data |= {"answer_id": answer.id, "kind": str(answer.kind),
                 "planned_date": answer.planned_date.isoformat() if answer.planned_date else None}
    if entry.action is HistoryAction.HANDED_TO_REGIONAL:
        data |= {"category": appeal.category}
    event_id = f"{key}/callback"
    body = RegionalCallback(
        event_id=event_id, event_type=CALLBACK_EVENTS[entry.action], appeal_id=appeal.id,
        client_id=appeal.source.account if regional else None, regional_id=appeal.source.event_id if regional else None,
        municipality=appeal.municipality, status=str(appeal.status), occurred_at=entry.at, data=data)
    return _message(event_id, "regional_callback", body)


def retrain_request(appeal: Appeal, examples_since_model: int) -> OutboxMessage:
    """Not a row of the table: added by services/learning.RetrainTrigger to the write of an operator's decision that
    made enough new examples for the appeal's town."""
    body = RetrainClassifier(municipality=appeal.municipality, examples_since_model=examples_since_model)
    return _message(f"{appeal.id}/{appeal.recorded_entries - 1}/examples-added", "classifier_retrain", body)


# The table: every kind of event and what it publishes (topics are field names of settings.Topics).
MESSAGES: dict[HistoryAction, tuple[Rule, ...]] = {
    HistoryAction.RECEIVED: (_received,),
    HistoryAction.ROUTED: (_routed,),
    HistoryAction.NEEDS_TRIAGE: (_routed,),
    HistoryAction.TRIAGED: (_routed,),
    HistoryAction.REJECTED: (_callback,),
    HistoryAction.ASSIGNED: (_routed_when_moved,),
    HistoryAction.HANDED_TO_REGIONAL: (_callback,),
    HistoryAction.TAKEN: (),
    HistoryAction.NOTE: (),
    HistoryAction.ANSWERED_INTERMEDIATE: (_reply, _callback),
    HistoryAction.ANSWERED_FINAL: (_reply, _callback),
    HistoryAction.RESOLVED: (_callback,),
    HistoryAction.REOPENED: (_routed, _callback, _incident_not_fixed),
    HistoryAction.FOLLOW_UP: (),
    HistoryAction.MERGED: (),
    HistoryAction.RELATED_APPEAL: (),
    HistoryAction.TEXT_EDITED: (_classify_again,),
    HistoryAction.FOLLOW_UP_EDITED: (_classify_again,),
    HistoryAction.WARNING: (_notice("deadline_warning"),),
    HistoryAction.ESCALATED: (_notice("appeal_escalated"), _callback),
    HistoryAction.REPLY_PENDING: (),
    HistoryAction.REPLY_DELIVERED: (),
    HistoryAction.REPLY_UNDELIVERED: (),
    HistoryAction.CALLBACK_DELIVERED: (),
    HistoryAction.CALLBACK_FAILED: (),
    HistoryAction.CALLBACK_REJECTED: (),
    HistoryAction.CALLBACK_NOT_DELIVERED: (),
    HistoryAction.ROUTING_FAILED: (_routed_when_sent_to_triage,),
    HistoryAction.PERSONAL_DATA_ERASED: (),
    HistoryAction.INCIDENT_STARTED: (),
    HistoryAction.INCIDENT_JOINED: (),
    HistoryAction.INCIDENT_LEFT: (),
    HistoryAction.INCIDENTS_MERGED: (),
    HistoryAction.INCIDENT_SPLIT: (),
    HistoryAction.INCIDENT_NOT_FIXED: (),
}
