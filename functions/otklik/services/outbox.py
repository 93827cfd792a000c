"""The one way messages leave: a change writes them to its appeal's outbox in its own commit, and the relay publishes
and clears them right after the commit (from memory), on a redelivery of the change, and from the sweep for
anything left behind."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from otklik.services.ports import AppealWrite, Outbox, OutboxMessage, Publisher, PublishFailed, StorageUnavailable
from otklik.settings import Topics

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(self, outbox: Outbox, publisher: Publisher, topics: Topics) -> None:
        self._outbox = outbox
        self._publisher = publisher
        self._topics = topics

    def publish(self, writes: Iterable[AppealWrite]) -> int:
        """What a change just wrote, without reading it back; stops at an appeal's first failure."""
        return sum(self._publish(write.appeal.id, write.messages) for write in writes)

    def flush(self, appeal_id: str) -> int:
        return self._publish(appeal_id, self._outbox.pending_messages(appeal_id))

    def flush_stale(self, cutoff: datetime, limit: int,
                    hold: Callable[[str, OutboxMessage], bool] | None = None) -> int:
        """Publishes what changes left behind; a message `hold` takes (returns True for) is left to its caller."""
        published = 0
        for appeal_id, message in self._outbox.messages_before(cutoff, limit):
            if hold is not None and hold(appeal_id, message):
                continue
            published += self._publish(appeal_id, (message,))
        return published

    def publish_held(self, held: Iterable[tuple[str, OutboxMessage]]) -> int:
        """Messages of the outbox a caller held back, per appeal in their order."""
        by_appeal: dict[str, list[OutboxMessage]] = {}
        for appeal_id, message in held:
            by_appeal.setdefault(appeal_id, []).append(message)
        return sum(self._publish(appeal_id, messages) for appeal_id, messages in by_appeal.items())

    def send(self, message: OutboxMessage) -> None:
        """A message stored nowhere (built from messages still in outboxes); raises PublishFailed."""
        topic = self._topics.name(getattr(self._topics, message.topic))
        self._publisher.publish(topic, json.dumps(message.body, ensure_ascii=False).encode(), message.attributes,
                                message.ordering_key)

    def _publish(self, appeal_id: str, messages: Iterable[OutboxMessage]) -> int:
        published = 0
        for message in messages:
            topic = self._topics.name(getattr(self._topics, message.topic))
            try:
                self._publisher.publish(topic, json.dumps(message.body, ensure_ascii=False).encode(),
                                        message.attributes, message.ordering_key)
            except PublishFailed:
                log.warning("outbox message not published; left for the sweep", extra={"topic": message.topic},
                            exc_info=True)
                break
            published += 1
            try:
                self._outbox.delete_message(appeal_id, message.id)
            except StorageUnavailable:
                # The change is committed and its message published: a request that succeeded must not fail now.
                # The sweep publishes the message again; every consumer takes a repeat as done.
                log.warning("published outbox message not cleared; the sweep will publish it again",
                            extra={"topic": message.topic}, exc_info=True)
                break
        return published
