"""deliver_reply: an answer sent where the resident wrote, once, with what happened recorded on it.

Each delivery of `reply.requested` claims the answer's delivery in a transaction before it sends anything (see
domain/reply_delivery.py): a concurrent delivery of the same message finds the claim and is redelivered later,
when the outcome is recorded. The parts go out one at a time, each recorded as sent, so a delivery that failed
part-way resumes at the first part not sent. A message whose retries run out ends in the dead-letter topic, where
mark_reply_undelivered (services/reply_dead_letters.py) records the answer as undelivered with the last error,
for operators to see."""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from otklik.domain import reply_delivery
from otklik.domain.model import Answer, Appeal, Channel, DeliveryStatus
from otklik.domain.reply_delivery import ClaimState, NotClaimable
from otklik.logs import correlation
from otklik.messages import ReplyRequested
from otklik.platforms.replies import (
    OutgoingReply,
    PermanentDeliveryError,
    Photo,
    ReplyClient,
    ReplyPart,
    TransientDeliveryError,
)
from otklik.services.events import write
from otklik.services.ports import AppealStore, AppealWrite, ChannelDirectory, PhotoStore, SecretLookup

log = logging.getLogger(__name__)
_CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

# How long a claim holds without news from its sender. Longer than deliver_reply may run (its 60 s timeout in
# infra/catalogue.tf), so a live sender never loses its claim; each part sent renews it. A crashed sender's claim
# runs out within a few of Pub/Sub's redeliveries (5 s doubling).
CLAIM_LEASE = timedelta(minutes=2)


class DeliveryOutcome(StrEnum):
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    ALREADY_DONE = "already_done"
    IN_PROGRESS = "in_progress"
    UNKNOWN = "unknown"


class RetryLater(RuntimeError):
    """The delivery cannot finish now: the Pub/Sub delivery fails so that it is redelivered with backoff."""


class DeliveryInProgress(RetryLater):
    """Another delivery of the same answer holds the claim: this one sends nothing and comes back later."""


@dataclass(frozen=True)
class _Claimed:
    appeal: Appeal
    answer: Answer
    attempt: str


class DeliveryService:
    def __init__(self, repository: AppealStore, channels: ChannelDirectory, secrets: SecretLookup,
                 clients: Mapping[Channel, ReplyClient], photos: PhotoStore, clock: Callable[[], datetime],
                 lease: timedelta = CLAIM_LEASE) -> None:
        self._repository = repository
        self._channels = channels
        self._secrets = secrets
        self._clients = clients
        self._photos = photos
        self._clock = clock
        self._lease = lease

    def deliver(self, request: ReplyRequested) -> DeliveryOutcome:
        with correlation(request.appeal_id):
            claimed = self._claim(request, attempt=uuid.uuid4().hex)
            if isinstance(claimed, DeliveryOutcome):
                return claimed
            try:
                self._send(claimed)
            except TransientDeliveryError as error:
                self._record(claimed, DeliveryStatus.PENDING, reason=error.reason)
                log.warning("delivery postponed", extra={"reason": error.reason, "retry_after": error.retry_after})
                raise RetryLater(error.reason) from error
            except PermanentDeliveryError as error:
                self._record(claimed, DeliveryStatus.UNDELIVERED, reason=error.reason)
                log.warning("reply undelivered", extra={"reason": error.reason, "code": error.code})
                return DeliveryOutcome.UNDELIVERED
            except Exception as error:
                self._release_after(claimed, error)
                raise
            log.info("reply delivered", extra={"platform": str(claimed.appeal.channel)})
            return DeliveryOutcome.DELIVERED

    def _claim(self, request: ReplyRequested, attempt: str) -> _Claimed | DeliveryOutcome:
        now = self._clock()
        result: _Claimed | DeliveryOutcome = DeliveryOutcome.UNKNOWN
        held_until: datetime | None = None

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            nonlocal result, held_until
            appeal = current[request.appeal_id]
            answer = reply_delivery.find_answer(appeal, request.answer_id) if appeal else None
            if appeal is None or answer is None:
                result = DeliveryOutcome.UNKNOWN
                return []
            try:
                claimed = reply_delivery.claim(appeal, answer.id, now, by=attempt, lease=self._lease)
            except NotClaimable as refused:
                result = (DeliveryOutcome.IN_PROGRESS if refused.state is ClaimState.HELD
                          else DeliveryOutcome.ALREADY_DONE)
                held_until = answer.delivery.claimed_until
                return []
            result = _Claimed(claimed, reply_delivery.find_answer(claimed, answer.id) or answer, attempt)
            return [write(appeal, claimed)]

        self._repository.transact([request.appeal_id], change)
        if result is DeliveryOutcome.UNKNOWN:
            log.warning("reply.requested for an unknown answer; acknowledged")
        elif result is DeliveryOutcome.IN_PROGRESS:
            log.info("another delivery is sending this answer; back later",
                     extra={"claimed_until": held_until.isoformat() if held_until else None})
            raise DeliveryInProgress(f"answer {request.answer_id} is being sent by another delivery")
        return result

    def _send(self, claimed: _Claimed) -> None:
        reply, client, token = self._reply(claimed.appeal, claimed.answer)
        parts = client.parts(reply)
        unsent = parts[claimed.answer.delivery.parts_sent:]
        if claimed.answer.delivery.parts_sent:
            log.info("delivery resumed", extra={"parts_sent": claimed.answer.delivery.parts_sent,
                                                "parts": len(parts)})
        for part in unsent[:-1]:
            self._record_part(claimed, part, client.send_part(reply, part, token=token))
        # The last part and the outcome are recorded together: one write for a reply of one part.
        last_part = (unsent[-1], client.send_part(reply, unsent[-1], token=token)) if unsent else None
        self._record(claimed, DeliveryStatus.DELIVERED, last_part=last_part)

    def _reply(self, appeal: Appeal, answer: Answer) -> tuple[OutgoingReply, ReplyClient, str]:
        source = appeal.source
        client = self._clients.get(source.platform)
        channel = self._channels.get(source.platform, source.account)
        token = self._secrets.get(channel.api_token_ref) if channel else None
        if client is None or token is None:
            raise PermanentDeliveryError(f"no API client or token configured for {source.platform}:{source.account}",
                                         code="not_configured")
        photos = tuple(Photo(data=self._photos.get(name), content_type=_content_type(name),
                             file_name=name.rsplit("/", 1)[-1]) for name in answer.photos)
        return OutgoingReply(answer_id=answer.id, source=source, text=answer.text, photos=photos), client, token

    def _release_after(self, claimed: _Claimed, error: Exception) -> None:
        """An unexpected failure: the next delivery need not wait for the claim to run out."""
        try:
            self._record(claimed, DeliveryStatus.PENDING, reason=f"{type(error).__name__} while sending")
        except Exception:  # the error being raised matters more; the claim runs out by itself
            log.warning("the delivery's claim could not be released", exc_info=True)

    def _record_part(self, claimed: _Claimed, part: ReplyPart, platform_message_ids: tuple[str, ...]) -> None:
        now = self._clock()

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            appeal = current[claimed.appeal.id]
            if appeal is None:
                return []
            return [write(appeal, self._with_part(appeal, claimed, part, platform_message_ids, now))]

        self._repository.transact([claimed.appeal.id], change)

    def _record(self, claimed: _Claimed, status: DeliveryStatus, *, reason: str | None = None,
                last_part: tuple[ReplyPart, tuple[str, ...]] | None = None) -> None:
        now = self._clock()

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            appeal = current[claimed.appeal.id]
            if appeal is None:
                return []
            changed = self._with_part(appeal, claimed, *last_part, now) if last_part else appeal
            changed = reply_delivery.record_delivery(changed, claimed.answer.id, now, status=status,
                                                     by=claimed.attempt, reason=reason)
            return [write(appeal, changed)] if changed is not appeal else []

        self._repository.transact([claimed.appeal.id], change)

    def _with_part(self, appeal: Appeal, claimed: _Claimed, part: ReplyPart, platform_message_ids: tuple[str, ...],
                   now: datetime) -> Appeal:
        return reply_delivery.record_part(appeal, claimed.answer.id, now, index=part.index,
                                          platform_message_ids=platform_message_ids, by=claimed.attempt,
                                          lease=self._lease)


def _content_type(object_name: str) -> str:
    return _CONTENT_TYPES.get(object_name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
