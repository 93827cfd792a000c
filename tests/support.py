"""Shared test helpers: fixture payloads, the test town's channels, and a probe on published messages."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from google.api_core import exceptions as google_exceptions
from google.cloud import pubsub_v1

from otklik.domain.channels import ChannelConfig
from otklik.domain.model import Appeal, Channel

FIXTURES = Path(__file__).parent / "fixtures" / "platforms"
T = TypeVar("T")
TOWN = "yuzhno_sakhalinsk"
OTHER_TOWN = "kholmsk"

SECRETS = {
    "vk-218734512-webhook": "Xq7vN2kLp9",  # the secret the VK fixtures carry
    "telegram-yuzhno-webhook": "tg-secret-for-tests_0123456789",
    "ok-yuzhno-webhook": "ok-path-token-for-tests-abcdefghijklmnop",
    "max-yuzhno-webhook": "max-secret-for-tests-0123456789",
    "telegram-kholmsk-webhook": "tg-kholmsk-secret",
    "vk-218734512-token": "vk-community-token",
    "telegram-yuzhno-token": "7012345678:AAtest-token",
    "ok-yuzhno-token": "ok-group-token",
    "max-yuzhno-token": "max-bot-token",
    # Regional clients' shared secrets (tests/regional_support.py).
    "regional-cur-sakhalin": "cur-sakhalin-shared-secret-0123456789",
    "regional-cur-north": "cur-north-shared-secret-9876543210",
}

CHANNELS = [
    ChannelConfig(platform=Channel.VK, account="218734512", municipality=TOWN,
                  webhook_secret_ref="vk-218734512-webhook", vk_confirmation="c0nf1rm",
                  api_token_ref="vk-218734512-token"),
    ChannelConfig(platform=Channel.TELEGRAM, account="yuzhno", municipality=TOWN,
                  webhook_secret_ref="telegram-yuzhno-webhook", bot_username="city_reception_bot",
                  bot_user_id=7012345678, api_token_ref="telegram-yuzhno-token"),
    ChannelConfig(platform=Channel.TELEGRAM, account="kholmsk", municipality=OTHER_TOWN,
                  webhook_secret_ref="telegram-kholmsk-webhook", bot_username="kholmsk_bot", bot_user_id=7000000001),
    ChannelConfig(platform=Channel.OK, account="yuzhno", municipality=TOWN, webhook_secret_ref="ok-yuzhno-webhook",
                  api_token_ref="ok-yuzhno-token"),
    ChannelConfig(platform=Channel.MAX, account="yuzhno", municipality=TOWN,
                  webhook_secret_ref="max-yuzhno-webhook", bot_username="city_reception_bot", bot_user_id=229229229,
                  api_token_ref="max-yuzhno-token"),
]


def payload(platform: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / platform / f"{name}.json").read_text())
    return data


class MessageProbe:
    """A pull subscription made for one test: it sees only what is published after it exists."""

    def __init__(self, project_id: str, topic: str, name: str) -> None:
        self._subscriber = pubsub_v1.SubscriberClient()
        self.path = self._subscriber.subscription_path(project_id, name)
        self._subscriber.create_subscription(name=self.path, topic=self._subscriber.topic_path(project_id, topic))

    def collect(self, expected: int, settle_seconds: float = 1.0, timeout: float = 15.0) -> list[Any]:
        """Everything published, waiting for `expected` messages and then a little longer for extras."""
        messages: list[Any] = []
        deadline = time.monotonic() + timeout
        settle_until: float | None = None
        while time.monotonic() < deadline:
            if len(messages) >= expected:
                settle_until = settle_until or time.monotonic() + settle_seconds
                if time.monotonic() >= settle_until:
                    break
            # Pub/Sub holds a pull open until a message comes or the timeout ends: once the expected ones are in,
            # wait only for the rest of the settling time.
            wait = 5.0 if settle_until is None else settle_until - time.monotonic()
            try:
                received = self._subscriber.pull(subscription=self.path, max_messages=100,
                                                 timeout=max(wait, 0.05)).received_messages
            except google_exceptions.DeadlineExceeded:
                received = []
            if received:
                messages += [r.message for r in received]
                self._subscriber.acknowledge(subscription=self.path, ack_ids=[r.ack_id for r in received])
            time.sleep(0.05)
        return messages

    def close(self) -> None:
        self._subscriber.delete_subscription(subscription=self.path)
        self._subscriber.close()


class CountingRepository:
    """An appeal repository that counts the documents read through it: every document a query returns (an empty
    query is billed one read), each appeal a transaction reads, each single `get`; `queries`
    counts the queries. Used by tests/integration/test_sweep.py and bench/data.py."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.reads = 0
        self.queries = 0

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name in ("notices_due", "auto_resolve_due", "messages_before", "pending_messages"):
            return self._counting_list(attribute)
        if name == "transact":
            def transact(ids: list[str], change: Callable[..., Any]) -> Any:
                self.reads += len(ids)
                return attribute(ids, change)
            return transact
        if name == "get":
            def read(*args: Any, **kwargs: Any) -> Any:
                self.reads += 1
                return attribute(*args, **kwargs)
            return read
        return attribute

    def _counting_list(self, method: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
        def counted(*args: Any, **kwargs: Any) -> list[Any]:
            found = method(*args, **kwargs)
            self.queries += 1
            self.reads += max(1, len(found))  # an empty query is billed one read
            return found
        return counted


def eventually(condition: Callable[[], T | None], timeout: float = 15, what: str = "the condition",
               interval: float = 0.05) -> T:
    """The first truthy value of `condition`, asked every `interval` seconds: for what happens in the background
    (push deliveries, a server starting, a process stopping)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s (last: {value!r})")
        time.sleep(interval)


def wait_for(stack: Any, appeal_id: str, ready: Callable[[Appeal], bool], timeout: float = 15) -> Appeal:
    """The appeal once `ready` holds for it (push deliveries work in the background)."""

    def appeal_when_ready() -> Appeal | None:
        appeal = stack.deps.appeals.get(appeal_id)
        return appeal if appeal is not None and ready(appeal) else None

    return eventually(appeal_when_ready, timeout, what=f"appeal {appeal_id} getting there")
