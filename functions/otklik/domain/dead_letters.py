"""Messages about an appeal that Pub/Sub gave up on (their dead letters) mark the appeal, so that operators see them
in their lists: a callback the regional centre never got, a routing that kept failing (the appeal goes to triage).
An undelivered reply is marked by domain/reply_delivery.give_up.

Each mark is made once: a dead letter delivered again, or dead-lettered again after a replay that failed the same
way, finds its mark made and changes nothing."""
from __future__ import annotations

from datetime import datetime

from otklik.domain.model import Appeal, HistoryAction, HistoryEntry, Status
from otklik.domain.reclassification import CLASSIFIED, DECIDED_BY_PEOPLE, TEXT_CHANGES, awaits_reclassification

ACTOR = "system:dead_letters"
ROUTING_FAILED_REASON = "routing failed"
_ROUTING_STEPS = CLASSIFIED | DECIDED_BY_PEOPLE | TEXT_CHANGES | {HistoryAction.ROUTING_FAILED}
_CALLBACK_SETTLED = frozenset({HistoryAction.CALLBACK_DELIVERED, HistoryAction.CALLBACK_REJECTED})


# Routing.

def routing_failed(appeal: Appeal) -> bool:
    """Routing kept failing since the classifier, or a person, last decided where the appeal goes (or since its text
    last changed): a replay of its appeal.received classifies it again, or an operator triages it."""
    for entry in reversed(appeal.history):
        if entry.action in _ROUTING_STEPS:
            return entry.action is HistoryAction.ROUTING_FAILED
    return False


def mark_routing_failed(appeal: Appeal, at: datetime, attempts: int | None) -> Appeal | None:
    """A received appeal goes to triage with the reason "routing failed"; one whose text changed after routing (its
    classification again failed) stays where it is, marked. None when there is nothing to mark: routed meanwhile, or
    marked already."""
    entry = HistoryEntry(at=at, actor=ACTOR, action=HistoryAction.ROUTING_FAILED,
                         details={"attempts": attempts, "status": str(appeal.status)})  # the status it had
    if appeal.status is Status.RECEIVED:
        return appeal.changed(Status.NEEDS_TRIAGE, entry, triage_reason=ROUTING_FAILED_REASON)
    if awaits_reclassification(appeal) and not routing_failed(appeal):
        triage = {"triage_reason": ROUTING_FAILED_REASON} if appeal.status is Status.NEEDS_TRIAGE else {}
        return appeal.with_entry(entry, **triage)
    return None


# Callbacks to the regional centre.

def unreached_clients(appeal: Appeal, event_id: str) -> list[str]:
    """Regional clients a callback failed for and that neither took nor refused it since."""
    failed: set[str] = set()
    settled: set[str] = set()
    for entry in appeal.history:
        if entry.details.get("event_id") != event_id:
            continue
        client = str(entry.details.get("client_id"))
        if entry.action is HistoryAction.CALLBACK_FAILED:
            failed.add(client)
        elif entry.action in _CALLBACK_SETTLED:
            settled.add(client)
    return sorted(failed - settled)


def _reached_anyone(appeal: Appeal, event_id: str) -> bool:
    return any(e.action in _CALLBACK_SETTLED and e.details.get("event_id") == event_id for e in appeal.history)


def last_callback_error(appeal: Appeal, event_id: str) -> str | None:
    """The last failed attempt of a callback, as "client: HTTP 503" or "client: timeout"."""
    for entry in reversed(appeal.history):
        if entry.action is HistoryAction.CALLBACK_FAILED and entry.details.get("event_id") == event_id:
            code, problem = entry.details.get("status_code"), entry.details.get("problem")
            answer = f"HTTP {code}" if code is not None else (problem or "no answer")
            return f"{entry.details.get('client_id')}: {answer}"
    return None


def mark_callback_undelivered(appeal: Appeal, event_id: str, event_type: str, at: datetime,
                                attempts: int | None) -> Appeal | None:
    """The callback is listed among the appeal's undelivered ones, with the clients it did not reach and the last
    error. None when it is marked already, or reached every client it failed for (the last attempt did)."""
    if event_id in appeal.undelivered_callbacks:
        return None
    clients = unreached_clients(appeal, event_id)
    if not clients and _reached_anyone(appeal, event_id):
        return None
    entry = HistoryEntry(at=at, actor=ACTOR, action=HistoryAction.CALLBACK_NOT_DELIVERED, details={
        "event_id": event_id, "event_type": event_type, "client_ids": clients, "attempts": attempts,
        "last_error": last_callback_error(appeal, event_id)})
    return appeal.with_entry(entry, undelivered_callbacks=(*appeal.undelivered_callbacks, event_id))


def callback_reached(appeal: Appeal, event_id: str) -> Appeal:
    """After a delivery of the callback: its mark goes once no client it failed for is left unreached."""
    if event_id not in appeal.undelivered_callbacks or unreached_clients(appeal, event_id):
        return appeal
    return appeal.model_copy(update={
        "undelivered_callbacks": tuple(e for e in appeal.undelivered_callbacks if e != event_id)})
