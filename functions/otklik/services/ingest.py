"""The write path: every platform event becomes its appeal exactly once, and is published; an edit changes the
message's text where it is kept."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from otklik.domain.edits import edit_follow_up, edit_message
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import Appeal, Channel, IncomingMessage, Status
from otklik.domain.reclassification import awaits_reclassification
from otklik.logs import correlation
from otklik.messages import AppealReceived
from otklik.services.events import outbox_messages
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import (
    AppealRepository,
    AppealWrite,
    ConcurrentUpdate,
    OutboxMessage,
    Publisher,
    PublishFailed,
)

log = logging.getLogger(__name__)
EDIT_ATTEMPTS = 3


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
    def __init__(self, repository: AppealRepository, appeal_publisher: AppealPublisher, outbox: OutboxRelay,
                 clock: Callable[[], datetime], redelivery_publish_grace: timedelta) -> None:
        self._repository = repository
        self._appeal_publisher = appeal_publisher
        self._outbox = outbox
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

    def edit(self, platform: Channel, account: str, event_id: str, text: str, edited_at: datetime | None) -> bool:
        """The resident edited a message: its record takes the new text, and so does the appeal that holds it
        (the message's own, or the one it was folded into, whose other follow-ups stay). An unanswered appeal is
        then classified again by route_appeal. False when no appeal has that message."""
        appeal_id = appeal_id_for(platform, account, event_id)
        with correlation(appeal_id):
            # Routing may fold the message into an appeal between the read and the transaction: read again then.
            for _ in range(EDIT_ATTEMPTS):
                record = self._repository.get(appeal_id)
                if record is None:
                    log.info("edit for an unknown message ignored")
                    return False
                writes = self._edit(appeal_id, _holder(record), text, edited_at, actor=f"{platform}:{account}")
                if writes is not None:
                    self._outbox.publish(writes)
                    log.info("edit applied" if writes else "edit repeated: nothing changed")
                    return True
            raise ConcurrentUpdate(f"appeal {appeal_id} kept being folded while its edit was applied")

    def _edit(self, appeal_id: str, holder: str | None, text: str, edited_at: datetime | None,
              actor: str) -> list[AppealWrite] | None:
        """The edit's writes, done; None when the message no longer belongs where it was read."""
        now = self._clock()
        moved = False

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            nonlocal moved
            message = current[appeal_id]
            if message is None:
                return []
            moved = _holder(message) != holder
            edited = edit_message(message, text, now, actor, edited_at)
            if moved or edited is None:
                return []
            writes = [_with_reclassification(message, edited)]
            appeal = current[holder] if holder else None
            changed = edit_follow_up(appeal, edited, message.text, now, actor) if appeal is not None else None
            if appeal is not None and changed is not None:
                writes.append(_with_reclassification(appeal, changed))
            return writes

        writes = self._repository.transact([appeal_id, *([holder] if holder else [])], change)
        return None if moved else writes

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


def _holder(message: Appeal) -> str | None:
    """The appeal a folded follow-up's text is part of."""
    return message.merged_into if message.status is Status.MERGED else None


def _with_reclassification(before: Appeal, after: Appeal) -> AppealWrite:
    """The change and its messages, and `appeal.received` again when its new text may move an unanswered appeal."""
    write = AppealWrite(after, outbox_messages(before, after))
    if not awaits_reclassification(after):
        return write
    again = AppealReceived(appeal_id=after.id, municipality=after.municipality, channel=after.channel,
                           received_at=after.received_at)
    message = OutboxMessage(id=f"{after.id}/{after.recorded_entries - 1}/classify-again", topic="appeal_received",
                            body=again.model_dump(mode="json"), attributes=again.attributes())
    return AppealWrite(after, (*write.messages, message))
