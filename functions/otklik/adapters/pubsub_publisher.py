"""Publishing to Pub/Sub with a client created once per process, on the first publish: a function that only reads
(the console's pages, most of the operator API) never loads the Pub/Sub library (~100 ms of a cold start)."""
from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import TYPE_CHECKING

from google.api_core import exceptions as google_exceptions
from google.api_core.retry import Retry

from otklik.on_first_use import OnFirstUse
from otklik.services.ports import PublishFailed

if TYPE_CHECKING:
    from google.cloud import pubsub_v1


def publisher_client() -> pubsub_v1.PublisherClient:
    """The process's client, made once even when a first message's preparation (services/preparation.py) and its
    first publish ask for it together."""
    return _client.get()


def _make_client() -> pubsub_v1.PublisherClient:
    from google.cloud import pubsub_v1

    # Request paths wait for each publish: a small batch latency instead of the default 10 ms.
    # Ordering on: a message with an ordering key reaches its ordered subscription after the key's earlier ones
    # (the folds of one incident's joins: services/incident_joins.py); messages without a key are unaffected.
    return pubsub_v1.PublisherClient(
        batch_settings=pubsub_v1.types.BatchSettings(max_messages=100, max_latency=0.001),
        publisher_options=pubsub_v1.types.PublisherOptions(enable_message_ordering=True),
    )


_client: OnFirstUse[pubsub_v1.PublisherClient] = OnFirstUse(_make_client)


class PubSubPublisher:
    def __init__(self, client: Callable[[], pubsub_v1.PublisherClient], project_id: str,
                 timeout_seconds: float) -> None:
        """`client`: returns the process's client (`publisher_client`), made on the first publish."""
        self._make_client = client
        self._project_id = project_id
        self._timeout = timeout_seconds
        self._retry = Retry(initial=0.1, maximum=1.0, multiplier=2.0, timeout=timeout_seconds)

    @property
    def _client(self) -> pubsub_v1.PublisherClient:
        return self._make_client()

    def publish(self, topic: str, data: bytes, attributes: dict[str, str], ordering_key: str | None = None) -> str:
        topic_path = self._client.topic_path(self._project_id, topic)
        try:
            future = self._client.publish(
                topic_path, data, ordering_key=ordering_key or "", retry=self._retry, timeout=self._timeout,
                **attributes
            )
            return str(future.result(timeout=self._timeout))
        except (google_exceptions.GoogleAPIError, concurrent.futures.TimeoutError, RuntimeError) as error:
            if ordering_key:
                # A failed ordered publish pauses its key in the client until resumed; the caller publishes again.
                self._client.resume_publish(topic_path, ordering_key)
            raise PublishFailed(f"publish to {topic} failed: {error}") from error
