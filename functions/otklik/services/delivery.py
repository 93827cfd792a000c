"""deliver_reply: an answer sent where the resident wrote, once, with what happened recorded on it."""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from otklik.domain.actions import record_delivery
from otklik.domain.channels import ChannelConfig
from otklik.domain.model import Answer, Appeal, Channel, DeliveryStatus
from otklik.logs import correlation
from otklik.messages import ReplyRequested
from otklik.platforms.replies import OutgoingReply, PermanentDeliveryError, Photo, ReplyClient, TransientDeliveryError
from otklik.services.events import write
from otklik.services.ports import AppealRepository, AppealWrite

log = logging.getLogger(__name__)
_CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


class DeliveryOutcome(StrEnum):
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    ALREADY_DONE = "already_done"
    UNKNOWN = "unknown"


class RetryLater(RuntimeError):
    """The platform asked to try again later: the Pub/Sub delivery fails so it is redelivered with backoff."""


class ChannelLookup(Protocol):
    def get(self, platform: Channel, account: str) -> ChannelConfig | None: ...


class SecretLookup(Protocol):
    def get(self, name: str | None) -> str | None: ...


class PhotoSource(Protocol):
    def get(self, object_name: str) -> bytes: ...


class DeliveryService:
    def __init__(self, repository: AppealRepository, channels: ChannelLookup, secrets: SecretLookup,
                 clients: Mapping[Channel, ReplyClient], photos: PhotoSource, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._channels = channels
        self._secrets = secrets
        self._clients = clients
        self._photos = photos
        self._clock = clock

    def deliver(self, request: ReplyRequested) -> DeliveryOutcome:
        with correlation(request.appeal_id):
            appeal = self._repository.get(request.appeal_id)
            answer = next((a for a in appeal.answers if a.id == request.answer_id), None) if appeal else None
            if appeal is None or answer is None:
                log.warning("reply.requested for an unknown answer; acknowledged")
                return DeliveryOutcome.UNKNOWN
            if answer.delivery.status is not DeliveryStatus.PENDING:
                return DeliveryOutcome.ALREADY_DONE
            try:
                delivered = self._send(appeal, answer)
            except TransientDeliveryError as error:
                self._record(appeal.id, answer.id, DeliveryStatus.PENDING, reason=f"will retry: {error.reason}")
                log.warning("delivery postponed", extra={"reason": error.reason, "retry_after": error.retry_after})
                raise RetryLater(error.reason) from error
            except PermanentDeliveryError as error:
                self._record(appeal.id, answer.id, DeliveryStatus.UNDELIVERED, reason=error.reason)
                log.warning("reply undelivered", extra={"reason": error.reason, "code": error.code})
                return DeliveryOutcome.UNDELIVERED
            self._record(appeal.id, answer.id, DeliveryStatus.DELIVERED, ids=delivered)
            log.info("reply delivered", extra={"platform": str(appeal.channel)})
            return DeliveryOutcome.DELIVERED

    def _send(self, appeal: Appeal, answer: Answer) -> tuple[str, ...]:
        source = appeal.source
        client = self._clients.get(source.platform)
        channel = self._channels.get(source.platform, source.account)
        token = self._secrets.get(channel.api_token_ref) if channel else None
        if client is None or token is None:
            raise PermanentDeliveryError(f"no API client or token configured for {source.platform}:{source.account}",
                                         code="not_configured")
        photos = tuple(Photo(data=self._photos.get(name), content_type=_content_type(name),
                             file_name=name.rsplit("/", 1)[-1]) for name in answer.photos)
        reply = OutgoingReply(answer_id=answer.id, source=source, text=answer.text, photos=photos)
        return client.send(reply, token=token).platform_message_ids

    def _record(self, appeal_id: str, answer_id: str, status: DeliveryStatus, *, reason: str | None = None,
                ids: tuple[str, ...] = ()) -> None:
        now = self._clock()

        def change(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            appeal = current[appeal_id]
            if appeal is None:
                return []
            return [write(appeal, record_delivery(appeal, answer_id, now, status=status, platform_message_ids=ids,
                                                  reason=reason))]

        self._repository.transact([appeal_id], change)


def _content_type(object_name: str) -> str:
    return _CONTENT_TYPES.get(object_name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
