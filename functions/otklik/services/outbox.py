"""Publishing what changes left in their appeal's outbox: right after the change, on a redelivery,
and from the sweep for anything left behind."""
from __future__ import annotations

import json
import logging

from otklik.services.ports import AppealRepository, Publisher, PublishFailed
from otklik.settings import Topics

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(self, repository: AppealRepository, publisher: Publisher, topics: Topics) -> None:
        self._repository = repository
        self._publisher = publisher
        self._topics = topics

    def flush(self, appeal_id: str) -> int:
        """Publishes the appeal's pending messages in order; stops at the first failure."""
        published: set[str] = set()
        for message in self._repository.outbox(appeal_id):
            topic = self._topics.name(getattr(self._topics, message.topic))
            try:
                self._publisher.publish(topic, json.dumps(message.body, ensure_ascii=False).encode(),
                                        message.attributes)
            except PublishFailed:
                log.warning("outbox message not published; left for the sweep",
                            extra={"topic": message.topic}, exc_info=True)
                break
            published.add(message.id)
        if published:
            self._repository.clear_outbox(appeal_id, published)
        return len(published)
