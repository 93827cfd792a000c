"""What waits in the dead-letter subscriptions, and sending it back once the cause is fixed
(`python -m otklik dead-letters list|replay`).

Listing holds the waiting messages only while it reads them and releases them at once (a nack): nothing is
acknowledged, nothing leaves. A replay publishes each message again, as it was, to the topic it was first published
to (its first consumer takes it again; every consumer takes a repeat as done) and acknowledges it once published.
A reply that mark_reply_undelivered marked undelivered is made pending again first, in its appeal's transaction, so
that deliver_reply sends it instead of finding it done."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from otklik.domain import dead_letters, reply_delivery
from otklik.domain.model import Appeal
from otklik.logs import correlation
from otklik.services.events import write
from otklik.services.ports import AppealStore, AppealWrite, DeadLetter, DeadLetterQueue, Publisher, PublishFailed
from otklik.settings import Topics
from otklik.topology import DEAD_LETTER_SUBSCRIPTIONS, DeadLetterSubscription

log = logging.getLogger(__name__)
# Attributes Pub/Sub adds to a message it dead-letters: left out of a replay, which is a new delivery.
PUBSUB_DEAD_LETTER_ATTRIBUTES = "CloudPubSubDeadLetter"
DELIVERY_COUNT = "CloudPubSubDeadLetterSourceDeliveryCount"
PULL_BATCH = 100
_Result = TypeVar("_Result")


class UnknownTopic(ValueError):
    pass


@dataclass(frozen=True)
class Waiting:
    """One dead letter as `dead-letters list` shows it."""

    subscription: str  # the dead-letter subscription, "<push subscription>.dead-letter"
    gave_up: str  # the push subscription whose retries ran out
    topic: str  # the topic it replays to
    message_id: str
    appeal_id: str | None
    attempts: int | None
    age: timedelta
    error: str | None  # the last error its appeal records, when it records one


@dataclass
class ReplayReport:
    replayed: dict[str, int] = field(default_factory=dict)  # by dead-letter subscription
    failed: str | None = None  # why it stopped: what was not republished waits, unacknowledged


class DeadLetters:
    def __init__(self, queue: DeadLetterQueue, publisher: Publisher, appeals: AppealStore, topics: Topics,
                 clock: Callable[[], datetime]) -> None:
        self._queue = queue
        self._publisher = publisher
        self._appeals = appeals
        self._topics = topics
        self._clock = clock

    def subscriptions(self, topic: str | None = None) -> list[DeadLetterSubscription]:
        """Every dead-letter subscription, or those of `topic`: a push subscription ("deliver-reply"), its dead-letter
        topic ("deliver-reply.dead-letter") or the topic its messages were first published to ("reply.requested")."""
        if topic is None:
            return list(DEAD_LETTER_SUBSCRIPTIONS)
        found = [s for s in DEAD_LETTER_SUBSCRIPTIONS if topic in (s.of.name, s.name, s.of.topic,
                                                                     getattr(self._topics, s.of.topic))]
        if not found:
            known = ", ".join(s.of.name for s in DEAD_LETTER_SUBSCRIPTIONS)
            raise UnknownTopic(f"no dead letters of {topic!r}; name a push subscription ({known}), its dead-letter "
                               "topic or the topic it takes")
        return found

    def waiting(self, topic: str | None = None, limit: int = 1000) -> list[Waiting]:
        now = self._clock()

        def shown(subscription: DeadLetterSubscription) -> list[Waiting]:
            held = self._pull(subscription, limit)
            try:
                return [self._describe(subscription, letter, now) for letter in held]
            finally:
                self._queue.release(subscription.name, [letter.ack_id for letter in held])

        return [waiting for part in _side_by_side(self.subscriptions(topic), shown) for waiting in part]

    def replay(self, topic: str | None = None, limit: int = 1000) -> ReplayReport:
        report = ReplayReport()
        subscriptions = self.subscriptions(topic)
        for subscription, (replayed, failed) in zip(
                subscriptions, _side_by_side(subscriptions, lambda s: self._replay_all(s, limit)), strict=True):
            report.replayed[subscription.name] = replayed
            report.failed = report.failed or failed
        log.info("dead letters replayed", extra={"replayed": report.replayed, "failed": report.failed})
        return report

    def _replay_all(self, subscription: DeadLetterSubscription, limit: int) -> tuple[int, str | None]:
        """How many of the subscription's waiting messages were republished and acknowledged, and why it stopped
        early (what was not republished waits, unacknowledged)."""
        held = self._pull(subscription, limit)
        replayed = 0
        try:
            for letter in held:
                self._replay(subscription, letter)
                self._queue.acknowledge(subscription.name, [letter.ack_id])
                replayed += 1
        except PublishFailed as error:
            return replayed, str(error)
        finally:
            self._queue.release(subscription.name, [letter.ack_id for letter in held[replayed:]])
        return replayed, None

    def _pull(self, subscription: DeadLetterSubscription, limit: int) -> list[DeadLetter]:
        """Every waiting message up to `limit`, each once (one whose ack deadline passed meanwhile comes again)."""
        held: dict[str, DeadLetter] = {}
        duplicates: list[str] = []
        while len(held) < limit:
            batch = self._queue.pull(subscription.name, min(PULL_BATCH, limit - len(held)))
            if not batch:
                break
            for letter in batch:
                if letter.message_id in held:
                    duplicates.append(letter.ack_id)
                else:
                    held[letter.message_id] = letter
        if duplicates:
            self._queue.release(subscription.name, duplicates)
        return list(held.values())

    def _replay(self, subscription: DeadLetterSubscription, letter: DeadLetter) -> None:
        if subscription.of.topic == "reply_requested":
            self._make_reply_pending(letter)
        attributes = {k: v for k, v in letter.attributes.items() if not k.startswith(PUBSUB_DEAD_LETTER_ATTRIBUTES)}
        self._publisher.publish(self._topics.name(getattr(self._topics, subscription.of.topic)), letter.data,
                                attributes)

    def _make_reply_pending(self, letter: DeadLetter) -> None:
        body = _body(letter)
        appeal_id, answer_id = body.get("appeal_id"), body.get("answer_id")
        if not isinstance(appeal_id, str) or not isinstance(answer_id, str):
            return
        now = self._clock()

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            appeal = current[appeal_id]
            if appeal is None or reply_delivery.find_answer(appeal, answer_id) is None:
                return []
            pending = reply_delivery.retry_given_up(appeal, answer_id, now)
            return [write(appeal, pending)] if pending is not appeal else []

        with correlation(appeal_id):
            self._appeals.transact([appeal_id], change)

    def _describe(self, subscription: DeadLetterSubscription, letter: DeadLetter, now: datetime) -> Waiting:
        body = _body(letter)
        appeal_id = letter.attributes.get("appeal_id") or body.get("appeal_id")
        appeal_id = appeal_id if isinstance(appeal_id, str) and appeal_id else None
        count = letter.attributes.get(DELIVERY_COUNT, "")
        appeal = self._appeals.get(appeal_id) if appeal_id else None
        return Waiting(subscription=subscription.name, gave_up=subscription.of.name,
                       topic=getattr(self._topics, subscription.of.topic), message_id=letter.message_id,
                       appeal_id=appeal_id, attempts=int(count) if count.isdigit() else None,
                       age=now - letter.dead_lettered_at,
                       error=_last_error(subscription.of.topic, body, appeal) if appeal is not None else None)


def _side_by_side(subscriptions: Sequence[DeadLetterSubscription],
                  work: Callable[[DeadLetterSubscription], _Result]) -> list[_Result]:
    """`work` on each subscription at once, results in their order: a pull finds a subscription empty only when its
    timeout ends (Pub/Sub holds an empty pull open), so the thirteen one after another took over a minute."""
    if len(subscriptions) < 2:
        return [work(subscription) for subscription in subscriptions]
    with ThreadPoolExecutor(max_workers=len(subscriptions), thread_name_prefix="dead-letters") as pool:
        return list(pool.map(work, subscriptions))


def _body(letter: DeadLetter) -> dict[str, Any]:
    try:
        body = json.loads(letter.data)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _last_error(topic: str, body: dict[str, Any], appeal: Appeal) -> str | None:
    """What the appeal records of the failure: Pub/Sub keeps no error with a dead letter."""
    if topic == "reply_requested":
        answer = reply_delivery.find_answer(appeal, str(body.get("answer_id")))
        return answer.delivery.reason if answer is not None else None
    if topic == "regional_callback":
        return dead_letters.last_callback_error(appeal, str(body.get("event_id")))
    if topic == "appeal_received" and dead_letters.routing_failed(appeal):
        return f"routing failed; the appeal is {appeal.status} (route_appeal's log has the error)"
    return None
