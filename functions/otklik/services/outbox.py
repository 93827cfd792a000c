"""Publishing the messages changes left in their appeal's outbox: right after the change (from memory),
on a redelivery, and from the sweep for anything left behind."""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import datetime

from otklik.services.ports import AppealRepository, AppealWrite, OutboxMessage, Publisher, PublishFailed
from otklik.settings import Topics

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(self, repository: AppealRepository, publisher: Publisher, topics: Topics) -> None:
        self._repository = repository
        self._publisher = publisher
        self._topics = topics

    def publish(self, writes: Iterable[AppealWrite]) -> int:
        """What a change just wrote, without reading it back; stops at an appeal's first failure."""
        return sum(self._publish(write.appeal.id, write.messages) for write in writes)

    def flush(self, appeal_id: str) -> int:
        return self._publish(appeal_id, self._repository.pending_messages(appeal_id))

    def flush_stale(self, cutoff: datetime, limit: int) -> int:
        published = 0
        for appeal_id, message in self._repository.messages_before(cutoff, limit):
            published += self._publish(appeal_id, (message,))
        return published

    def _publish(self, appeal_id: str, messages: Iterable[OutboxMessage]) -> int:
        published = 0
        for message in messages:
            topic = self._topics.name(getattr(self._topics, message.topic))
            try:
                self._publisher.publish(topic, json.dumps(message.body, ensure_ascii=False).encode(),
                                        message.attributes)
            except PublishFailed:
                log.warning("outbox message not published; left for the sweep", extra={"topic": message.topic},
                            exc_info=True)
                break
            self._repository.delete_message(appeal_id, message.id)
            published += 1
        return published
