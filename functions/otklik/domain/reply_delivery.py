"""Sending an answer to the resident, as the answer's `Delivery` records it.

A sender claims the delivery before it sends anything, and only a pending delivery without a live claim can be
claimed: two deliveries of one `reply.requested` never send at the same time. A claim runs out at its
`claimed_until`, so a delivery that finds the claim of a sender that crashed takes over. Each part the platform
takes is recorded as it goes (and renews the claim), so the next sender starts at the first part not yet sent.
The outcome ends it: delivered, undelivered for good, or still pending with the error of the attempt."""
from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from otklik.domain.model import Answer, Appeal, Delivery, DeliveryStatus, HistoryAction, HistoryEntry

RECORDED = {DeliveryStatus.PENDING: HistoryAction.REPLY_PENDING,
            DeliveryStatus.DELIVERED: HistoryAction.REPLY_DELIVERED,
            DeliveryStatus.UNDELIVERED: HistoryAction.REPLY_UNDELIVERED}
ACTOR = "system:delivery"
GIVEN_UP = "not delivered after"  # how the reason of an answer whose retries ran out begins


class ClaimState(StrEnum):
    FREE = "free"  # pending, and nobody's claim is live: a sender may take it
    HELD = "held"  # another sender's claim is live
    CLOSED = "closed"  # delivered, undelivered for good, or delivered by hand: nothing to send


class NotClaimable(ValueError):
    def __init__(self, state: ClaimState) -> None:
        super().__init__(f"the delivery is {state}")
        self.state = state


def find_answer(appeal: Appeal, answer_id: str) -> Answer | None:
    return next((a for a in appeal.answers if a.id == answer_id), None)


def claim_state(delivery: Delivery, now: datetime) -> ClaimState:
    if delivery.status is not DeliveryStatus.PENDING:
        return ClaimState.CLOSED
    if delivery.claimed_by is not None and delivery.claimed_until is not None and delivery.claimed_until > now:
        return ClaimState.HELD
    return ClaimState.FREE


def claim(appeal: Appeal, answer_id: str, at: datetime, *, by: str, lease: timedelta) -> Appeal:
    """The appeal with the answer's delivery claimed by the attempt `by` until `at + lease`: one attempt more."""
    delivery = _answer(appeal, answer_id).delivery
    state = claim_state(delivery, at)
    if state is not ClaimState.FREE:
        raise NotClaimable(state)
    return _with_delivery(appeal, answer_id, delivery.model_copy(update={
        "claimed_by": by, "claimed_until": at + lease, "attempts": delivery.attempts + 1, "updated_at": at}))


def record_part(appeal: Appeal, answer_id: str, at: datetime, *, index: int, platform_message_ids: tuple[str, ...],
                by: str, lease: timedelta) -> Appeal:
    """Part `index` (counted from 0) was sent: counted once, in order. The sender holding the claim has it renewed.
    A part recorded already (or out of order) leaves the appeal as it is."""
    delivery = _answer(appeal, answer_id).delivery
    if index != delivery.parts_sent:
        return appeal
    renewed = {"claimed_until": at + lease} if delivery.claimed_by == by else {}
    return _with_delivery(appeal, answer_id, delivery.model_copy(update={
        "parts_sent": index + 1, "platform_message_ids": (*delivery.platform_message_ids, *platform_message_ids),
        "updated_at": at, **renewed}))


def record_delivery(appeal: Appeal, answer_id: str, at: datetime, *, status: DeliveryStatus, by: str,
                    reason: str | None = None) -> Appeal:
    """The outcome of the attempt `by`, with a history entry.

    DELIVERED is the platform's word that the resident has it, recorded over anything but a delivery by hand.
    UNDELIVERED (refused for good) and PENDING (failed for now; `reason` is kept as the last error and the claim is
    released for the next attempt) are recorded only while the delivery is pending. Otherwise the appeal is returned
    as it is."""
    delivery = _answer(appeal, answer_id).delivery
    if status is DeliveryStatus.DELIVERED:
        if delivery.status not in (DeliveryStatus.PENDING, DeliveryStatus.UNDELIVERED):
            return appeal
        reason = None
    elif delivery.status is not DeliveryStatus.PENDING:
        return appeal
    released = {"claimed_by": None, "claimed_until": None}
    if status is DeliveryStatus.PENDING and delivery.claimed_by != by:
        released = {}  # another attempt has taken over since: its claim stays
    return _recorded(appeal, answer_id, at, delivery.model_copy(update={
        "status": status, "reason": reason, "updated_at": at, **released}))


def give_up(appeal: Appeal, answer_id: str, at: datetime) -> Appeal:
    """Every delivery attempt failed (the message ran out of retries): a pending answer becomes undelivered, with the
    last error as the reason, so that operators deliver it another way. A delivery that is done, or that a sender
    is working on right now, is left as it is."""
    delivery = _answer(appeal, answer_id).delivery
    if claim_state(delivery, at) is not ClaimState.FREE:
        return appeal
    last_error = delivery.reason or "no error was recorded"
    return _recorded(appeal, answer_id, at, delivery.model_copy(update={
        "status": DeliveryStatus.UNDELIVERED, "updated_at": at, "claimed_by": None, "claimed_until": None,
        "reason": f"{GIVEN_UP} {delivery.attempts} attempts; the last error: {last_error}"}))


def retry_given_up(appeal: Appeal, answer_id: str, at: datetime) -> Appeal:
    """An answer `give_up` marked undelivered is pending again, for its replayed reply.requested (`dead-letters
    replay`) to send it. One the platform refused for good (a blocked bot), or any other, is left as it is."""
    delivery = _answer(appeal, answer_id).delivery
    if delivery.status is not DeliveryStatus.UNDELIVERED or not (delivery.reason or "").startswith(GIVEN_UP):
        return appeal
    return _recorded(appeal, answer_id, at, delivery.model_copy(update={
        "status": DeliveryStatus.PENDING, "updated_at": at, "reason": f"sent again after: {delivery.reason}"}))


def _answer(appeal: Appeal, answer_id: str) -> Answer:
    answer = find_answer(appeal, answer_id)
    if answer is None:
        raise LookupError(f"no answer {answer_id} in appeal {appeal.id}")
    return answer


def _with_delivery(appeal: Appeal, answer_id: str, delivery: Delivery) -> Appeal:
    answers = tuple(a.model_copy(update={"delivery": delivery}) if a.id == answer_id else a for a in appeal.answers)
    return appeal.model_copy(update={"answers": answers})


def _recorded(appeal: Appeal, answer_id: str, at: datetime, delivery: Delivery) -> Appeal:
    changed = _with_delivery(appeal, answer_id, delivery)
    entry = HistoryEntry(at=at, actor=ACTOR, action=RECORDED[delivery.status], details={
        "answer_id": answer_id, "platform_message_ids": list(delivery.platform_message_ids),
        "parts_sent": delivery.parts_sent, "reason": delivery.reason})
    return changed.with_entry(entry)
