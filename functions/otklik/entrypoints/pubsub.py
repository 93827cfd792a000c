"""Reading Pub/Sub push deliveries (as CloudEvents): a poison message is logged and acknowledged."""
from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
# What Pub/Sub adds to a message it moves to a dead-letter topic (the emulator too): the deliveries it made.
DEAD_LETTER_DELIVERY_COUNT = "CloudPubSubDeadLetterSourceDeliveryCount"


@dataclass(frozen=True)
class Delivery(Generic[M]):
    body: M
    attributes: dict[str, str]
    message_id: str

    @property
    def dead_letter_attempts(self) -> int | None:
        """How many times Pub/Sub delivered the message before it gave up, for a dead letter."""
        count = self.attributes.get(DEAD_LETTER_DELIVERY_COUNT, "")
        return int(count) if count.isdigit() else None


def read_delivery(event: Any, model: type[M]) -> Delivery[M] | None:
    """The typed body and attributes, or None (logged) for a message that can never be processed:
    retrying it would only end in the dead-letter topic after every attempt failed the same way."""
    try:
        message = event.data["message"]
        raw = base64.b64decode(message.get("data") or "", validate=True)
        body = model.model_validate_json(raw)
        attributes = {str(k): str(v) for k, v in (message.get("attributes") or {}).items()}
        return Delivery(body=body, attributes=attributes, message_id=str(message.get("messageId", "")))
    except (KeyError, TypeError, AttributeError, binascii.Error, ValidationError, ValueError) as error:
        log.error("poison message acknowledged without processing",
                  extra={"problem": type(error).__name__, "event_id": _event_id(event)})
        return None


def _event_id(event: Any) -> str | None:
    try:
        return str(event["id"])
    except (KeyError, TypeError):
        return None
