"""The consumers of dead letters: a callback or a routing message Pub/Sub gave up on marks its appeal where operators
see it (`callback_not_delivered=true`, `routing_failed=true` in their lists), in one transaction with a history entry,
and is counted by one log line (DEAD_LETTER_MARKED, a log-based metric in infra/). A dead letter delivered again finds
its mark made and changes nothing. mark_reply_undelivered (services/reply_dead_letters.py) does the same for replies."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from otklik.domain import dead_letters
from otklik.domain.model import Appeal
from otklik.logs import correlation
from otklik.messages import AppealReceived, RegionalCallback
from otklik.services.events import write
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import AppealStore, AppealWrite

log = logging.getLogger(__name__)
# The line infra/ counts (google_logging_metric.dead_letters): one per appeal marked, with the subscription whose
# retries ran out as `dead_letter`.
DEAD_LETTER_MARKED = "dead letter marked"


def log_marked(subscription: str, attempts: int | None, **fields: object) -> None:
    log.warning(DEAD_LETTER_MARKED, extra={"dead_letter": subscription, "attempts": attempts, **fields})


class CallbackDeadLetters:
    """mark_callback_undelivered: a regional callback whose retries ran out (deliver-regional-callback's dead
    letters). The appeal lists it as not delivered until a replayed delivery reaches the regional centre."""

    SUBSCRIPTION = "deliver-regional-callback"

    def __init__(self, repository: AppealStore, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._clock = clock

    def give_up(self, callback: RegionalCallback, attempts: int | None) -> bool:
        """True when the appeal was marked now."""
        with correlation(callback.appeal_id):
            now = self._clock()

            def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
                appeal = current[callback.appeal_id]
                marked = (dead_letters.mark_callback_undelivered(appeal, callback.event_id, callback.event_type, now,
                                                                   attempts) if appeal is not None else None)
                return [write(appeal, marked)] if appeal is not None and marked is not None else []

            writes = self._repository.transact([callback.appeal_id], change)
            if writes:
                log_marked(self.SUBSCRIPTION, attempts, event_id=callback.event_id, event_type=callback.event_type)
            else:
                log.info("a dead-lettered callback needs nothing", extra={"event_id": callback.event_id})
            return bool(writes)


class RoutingDeadLetters:
    """mark_routing_failed: an appeal.received whose routing kept failing (route-appeal's dead letters). A received
    appeal goes to triage with the reason "routing failed"; a replay of its appeal.received classifies it again."""

    SUBSCRIPTION = "route-appeal"

    def __init__(self, repository: AppealStore, outbox: OutboxRelay, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._outbox = outbox
        self._clock = clock

    def give_up(self, message: AppealReceived, attempts: int | None) -> bool:
        """True when the appeal was marked now."""
        with correlation(message.appeal_id):
            now = self._clock()

            def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
                appeal = current[message.appeal_id]
                marked = dead_letters.mark_routing_failed(appeal, now, attempts) if appeal is not None else None
                return [write(appeal, marked)] if appeal is not None and marked is not None else []

            writes = self._repository.transact([message.appeal_id], change)
            if not writes:
                log.info("a dead-lettered appeal.received needs nothing")
                return False
            self._outbox.publish(writes)
            log_marked(self.SUBSCRIPTION, attempts, status=str(writes[0].appeal.status))
            return True
