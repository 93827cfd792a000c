"""mark_reply_undelivered: a reply.requested whose retries ran out (from deliver-reply's dead-letter topic) leaves
its answer undelivered, with the last error, where operators see it. It sends nothing and needs no platform."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from otklik.domain import reply_delivery
from otklik.domain.model import Appeal
from otklik.domain.reply_delivery import ClaimState
from otklik.logs import correlation
from otklik.messages import ReplyRequested
from otklik.services.dead_letter_marks import log_marked
from otklik.services.delivery import DeliveryInProgress, DeliveryOutcome
from otklik.services.events import write
from otklik.services.ports import AppealStore, AppealWrite

log = logging.getLogger(__name__)
# A dead letter's answer by the state of its delivery claim: only a free claim is given up.
_OUTCOME_OF_CLAIM = {ClaimState.CLOSED: DeliveryOutcome.ALREADY_DONE, ClaimState.HELD: DeliveryOutcome.IN_PROGRESS,
                     ClaimState.FREE: DeliveryOutcome.UNDELIVERED}


class ReplyDeadLetters:
    def __init__(self, repository: AppealStore, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._clock = clock

    def give_up(self, request: ReplyRequested, attempts: int | None = None) -> DeliveryOutcome:
        """The message ran out of retries (it came from the dead-letter topic): a pending answer is undelivered.

        A live claim may be the last attempt's, which crashed: the dead letter comes back (DeliveryInProgress)
        until the claim has ended or run out."""
        with correlation(request.appeal_id):
            now = self._clock()
            outcome = DeliveryOutcome.UNKNOWN

            def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
                nonlocal outcome
                appeal = current[request.appeal_id]
                answer = reply_delivery.find_answer(appeal, request.answer_id) if appeal else None
                if appeal is None or answer is None:
                    outcome = DeliveryOutcome.UNKNOWN
                    return []
                outcome = _OUTCOME_OF_CLAIM[reply_delivery.claim_state(answer.delivery, now)]
                if outcome is not DeliveryOutcome.UNDELIVERED:
                    return []
                return [write(appeal, reply_delivery.give_up(appeal, request.answer_id, now))]

            self._repository.transact([request.appeal_id], change)
            if outcome is DeliveryOutcome.IN_PROGRESS:
                raise DeliveryInProgress(f"answer {request.answer_id} is being sent; its dead letter waits")
            if outcome is DeliveryOutcome.UNDELIVERED:
                log_marked("deliver-reply", attempts, answer_id=request.answer_id)
            else:
                log.info("a dead-lettered reply needs nothing", extra={"outcome": str(outcome)})
            return outcome
