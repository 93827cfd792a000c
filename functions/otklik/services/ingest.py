"""The write path: every platform event becomes its appeal exactly once, and is published."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Appeal, Channel, HistoryEntry, IncomingMessage
from otklik.logs import correlation
from otklik.messages import AppealReceived
from otklik.services.ports import AppealRepository, Publisher, PublishFailed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Received:
    appeal_id: str
    created: bool
    published: bool


class AppealPublisher:
    """Publishes `appeal.received`. The appeal carries a marker from its creation until routing clears it
    (in the routing transaction), so the write path costs one create and one publish, and an appeal whose
    message was lost anywhere between here and routing is found and published again."""

    def __init__(self, repository: AppealRepository, publisher: Publisher, topic: str,
                 clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._publisher = publisher
        self._topic = topic
        self._clock = clock

    def publish(self, appeal: Appeal, *, again: bool = False) -> bool:
        message = AppealReceived(
            appeal_id=appeal.id, municipality=appeal.municipality, channel=appeal.channel, received_at=appeal.received_at
        )
        try:
            self._publisher.publish(self._topic, message.model_dump_json().encode(), message.attributes())
        except PublishFailed:
            log.warning("appeal.received not published; left for republish", exc_info=True)
            self._repository.mark_publish_failed(appeal.id, self._clock())
            return False
        if again:
            # Waits another while for routing before the next attempt.
            self._repository.mark_republished(appeal.id, self._clock())
        return True


class IngestService:
    def __init__(self, repository: AppealRepository, appeal_publisher: AppealPublisher,
                 clock: Callable[[], datetime], redelivery_publish_grace: timedelta) -> None:
        self._repository = repository
        self._appeal_publisher = appeal_publisher
        self._clock = clock
        self._grace = redelivery_publish_grace

    def receive(self, message: IncomingMessage, municipality: str) -> Received:
        source = message.source
        appeal_id = appeal_id_for(source.platform, source.account, source.event_id)
        return self.store(Appeal.receive(appeal_id, municipality, message, self._clock()))

    def store(self, appeal: Appeal, fingerprint: str | None = None) -> Received:
        """Creates the appeal if its id is new and publishes `appeal.received`; a repeat finds it stored.
        `fingerprint` (of the API request) is stored with a new appeal for idempotency checks."""
        with correlation(appeal.id):
            if self._repository.add(appeal, stored_at=self._clock(), fingerprint=fingerprint):
                log.info("appeal stored", extra={"channel": str(appeal.channel), "municipality": appeal.municipality})
                return Received(appeal.id, created=True, published=self._appeal_publisher.publish(appeal))
            return Received(appeal.id, created=False, published=self._publish_if_left_behind(appeal.id, self._clock()))

    def edit(self, platform: Channel, account: str, event_id: str, text: str, edited_at: datetime) -> bool:
        appeal_id = appeal_id_for(platform, account, event_id)
        with correlation(appeal_id):
            entry = HistoryEntry(
                at=self._clock(), actor=f"{platform}:{account}", action="text_edited",
                details={"edited_at": edited_at.isoformat()},
            )
            found = self._repository.edit_text(appeal_id, text, entry)
            log.info("edit applied" if found else "edit for an unknown message ignored")
            return found

    def _publish_if_left_behind(self, appeal_id: str, now: datetime) -> bool:
        state = self._repository.outbox_state(appeal_id)
        if state is None or not state.pending:
            return True
        # A concurrent duplicate must not publish while the first delivery is still publishing;
        # a failed first attempt, or an appeal still unrouted after the grace, is published here.
        stalled = state.pending_since is not None and now - state.pending_since > self._grace
        if state.failed_at is None and not stalled:
            return False
        appeal = self._repository.get(appeal_id)
        if appeal is None:
            return False
        log.info("redelivery publishes an appeal left unpublished")
        return self._appeal_publisher.publish(appeal, again=True)
