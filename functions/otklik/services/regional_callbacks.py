"""Delivering callbacks to the regional centre: signed, each attempt recorded on the appeal.

Events (services/events.py): intermediate and final answers, escalation, reopening, resolution and rejection
of an appeal the regional centre handed down, and "handed_over" for a town's own appeal routed to the
`regional` department.

A callback of an appeal the regional centre handed down goes to the client that handed it down. A town's own
appeal handed over to the regional centre (event "handed_over", no client in the message) goes to every active
client granted that town: each of them serves the region and may have to take it up.

Outcomes: 2xx → delivered; no answer, a timeout, 408, 429 or 5xx → failed, and the delivery raises so that
Pub/Sub redelivers with backoff (and dead-letters after the subscription's limit); any other answer (4xx, a
redirect) → rejected, recorded and not retried, since sending the same again would be refused the same way.
A recipient whose delivery or rejection is already recorded is skipped on a redelivery."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from otklik.domain.dead_letters import callback_reached
from otklik.domain.model import Appeal, HistoryAction, HistoryEntry
from otklik.logs import correlation
from otklik.messages import RegionalCallback
from otklik.regional.clients import RegionalClient
from otklik.regional.signing import EVENT_ID_HEADER, signed_headers
from otklik.regional.wire import CallbackEvent
from otklik.services.events import write
from otklik.services.ports import (
    AppealStore,
    AppealWrite,
    CallbackSender,
    HttpAnswer,
    RegionalClientDirectory,
    SecretLookup,
)

log = logging.getLogger(__name__)
ACTOR = "system:regional_callback"
DELIVERED = HistoryAction.CALLBACK_DELIVERED
FAILED = HistoryAction.CALLBACK_FAILED
REJECTED = HistoryAction.CALLBACK_REJECTED
_RECORDED = frozenset({DELIVERED, FAILED, REJECTED})
_RETRYABLE_CLIENT_ERRORS = frozenset({408, 429})


class Outcome(StrEnum):
    DELIVERED = DELIVERED
    FAILED = FAILED
    REJECTED = REJECTED


class CallbackNotDelivered(RuntimeError):
    """Raised so that the push fails and Pub/Sub delivers the message again later."""


def outcome_of(answer: HttpAnswer) -> Outcome:
    code = answer.status_code
    if code is not None and 200 <= code < 300:
        return Outcome.DELIVERED
    if code is None or code >= 500 or code in _RETRYABLE_CLIENT_ERRORS:
        return Outcome.FAILED
    return Outcome.REJECTED


def callback_body(callback: RegionalCallback, client_id: str, appeal: Appeal) -> bytes:
    event = CallbackEvent(event_id=callback.event_id, event_type=callback.event_type, client_id=client_id,
                          appeal_id=callback.appeal_id, regional_id=callback.regional_id,
                          town=callback.municipality, status=callback.status, occurred_at=callback.occurred_at,
                          data=callback_data(callback, appeal))
    return json.dumps(event.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")).encode()


def callback_data(callback: RegionalCallback, appeal: Appeal) -> dict[str, Any]:
    """The event's data as the regional centre receives it: the message's facts, and the texts and photos read from
    the appeal (the message carries ids only). Messages published before carried the texts: the appeal's win."""
    data = dict(callback.data)
    answer = next((a for a in appeal.answers if a.id == data.get("answer_id")), None)
    if answer is not None:
        data |= {"text": answer.text, "photos": list(answer.photos)}
    if callback.event_type == "handed_over":
        data |= {"text": appeal.text, "source_link": appeal.source.link}
    if callback.event_type == "rejected":
        rejection = next((e for e in reversed(appeal.history) if e.action is HistoryAction.REJECTED), None)
        data |= {"reason": rejection.details.get("reason") if rejection else data.get("reason")}
    return data


def path_with_query(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class RegionalCallbacks:
    def __init__(self, repository: AppealStore, clients: RegionalClientDirectory, secrets: SecretLookup,
                 sender: CallbackSender, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._clients = clients
        self._secrets = secrets
        self._sender = sender
        self._clock = clock

    def deliver(self, callback: RegionalCallback) -> dict[str, Outcome]:
        """Sends to every recipient not yet served; raises CallbackNotDelivered if any attempt failed."""
        with correlation(callback.appeal_id):
            appeal = self._repository.get(callback.appeal_id)
            if appeal is None:
                log.warning("callback for an unknown appeal dropped", extra={"event_id": callback.event_id})
                return {}
            outcomes: dict[str, Outcome] = {}
            for client in self._recipients(callback):
                if _settled(appeal, callback.event_id, client.id):
                    continue
                outcomes[client.id] = self._deliver_to(client, callback, appeal)
            failed = sorted(c for c, o in outcomes.items() if o is Outcome.FAILED)
            if failed:
                raise CallbackNotDelivered(f"callback {callback.event_id} not delivered to {', '.join(failed)}")
            return outcomes

    def _recipients(self, callback: RegionalCallback) -> list[RegionalClient]:
        if callback.client_id is not None:
            client = self._clients.get(callback.client_id)
            candidates = [client] if client is not None else []
            if client is None:
                log.warning("callback for an unknown or inactive client dropped",
                            extra={"client_id": callback.client_id, "event_id": callback.event_id})
        else:
            candidates = self._clients.granted(callback.municipality)
        recipients = [c for c in candidates if c.callback_url]
        if not recipients:
            log.info("no regional client takes this callback", extra={"event_id": callback.event_id,
                                                                       "event_type": callback.event_type})
        return recipients

    def _deliver_to(self, client: RegionalClient, callback: RegionalCallback, appeal: Appeal) -> Outcome:
        assert client.callback_url is not None
        secret = self._secrets.get(client.secret_ref)
        if not secret:
            log.error("no secret for regional client; callback not signed, not sent", extra={"client_id": client.id})
            answer = HttpAnswer(status_code=None, problem="secret_missing")
        else:
            body = callback_body(callback, client.id, appeal)
            headers = signed_headers(client.id, secret, "POST", path_with_query(client.callback_url), body) | {
                EVENT_ID_HEADER: callback.event_id, "Content-Type": "application/json; charset=utf-8"}
            answer = self._sender.post(client.callback_url, body, headers)
        outcome = outcome_of(answer)
        self._record(client, callback, outcome, answer)
        log.log(logging.WARNING if outcome is not Outcome.DELIVERED else logging.INFO, "regional callback %s", outcome,
                extra={"client_id": client.id, "event_id": callback.event_id, "event_type": callback.event_type,
                       "status_code": answer.status_code, "problem": answer.problem})
        return outcome

    def _record(self, client: RegionalClient, callback: RegionalCallback, outcome: Outcome,
                answer: HttpAnswer) -> None:
        now = self._clock()

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            appeal = current[callback.appeal_id]
            if appeal is None:
                return []
            attempt = 1 + sum(1 for e in appeal.history
                              if e.action in _RECORDED and _is_for(e, callback.event_id, client.id))
            entry = HistoryEntry(at=now, actor=ACTOR, action=HistoryAction(outcome), details={
                "event_id": callback.event_id, "event_type": callback.event_type, "client_id": client.id,
                "status_code": answer.status_code, "problem": answer.problem, "attempt": attempt})
            recorded = appeal.with_entry(entry)
            if outcome is Outcome.DELIVERED:  # a replayed dead letter that got through: its mark goes
                recorded = callback_reached(recorded, callback.event_id)
            return [write(appeal, recorded)]

        self._repository.transact([callback.appeal_id], change)


def _is_for(entry: HistoryEntry, event_id: str, client_id: str) -> bool:
    return entry.details.get("event_id") == event_id and entry.details.get("client_id") == client_id


def _settled(appeal: Appeal, event_id: str, client_id: str) -> bool:
    return any(e.action in (DELIVERED, REJECTED) and _is_for(e, event_id, client_id) for e in appeal.history)
