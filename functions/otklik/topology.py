"""How functions are triggered: one table read by the local stack and checked against infra/."""
from __future__ import annotations

from dataclasses import dataclass

HTTP_FUNCTIONS: tuple[str, ...] = ("vk_webhook", "telegram_webhook", "ok_webhook", "max_webhook", "operator_api")


@dataclass(frozen=True)
class PushSubscription:
    """A push subscription delivering one topic to one Pub/Sub-triggered function."""

    name: str
    topic: str  # a field name of settings.Topics
    function: str
    filter: str | None = None
    ack_deadline_seconds: int = 60
    max_delivery_attempts: int = 5
    min_backoff_seconds: int = 10
    max_backoff_seconds: int = 600

    @property
    def dead_letter_topic(self) -> str:
        return f"{self.name}.dead-letter"


PUSH_SUBSCRIPTIONS: tuple[PushSubscription, ...] = (
    PushSubscription(name="route-appeal", topic="appeal_received", function="route_appeal"),
    PushSubscription(name="hand-to-regional", topic="appeal_routed", function="hand_to_regional",
                     filter='attributes.department = "regional"'),
    # Platforms' rate limits (Telegram 429, VK error 6) are waited out by Pub/Sub's backoff.
    PushSubscription(name="deliver-reply", topic="reply_requested", function="deliver_reply",
                     min_backoff_seconds=5, max_backoff_seconds=600, max_delivery_attempts=10),
)


def pubsub_functions() -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.function for s in PUSH_SUBSCRIPTIONS))
