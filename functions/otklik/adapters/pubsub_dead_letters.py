"""The dead-letter subscriptions on Pub/Sub, pulled synchronously by the command line."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cached_property

from google.api_core import exceptions as google_exceptions
from google.cloud import pubsub_v1
from google.protobuf.timestamp_pb2 import Timestamp

from otklik.services.ports import DeadLetter, DeadLetterQueue, StorageUnavailable
from otklik.settings import Topics

# A pull waits for messages: an empty subscription answers with none (the emulator after about a second) or lets the
# call run out of this time.
PULL_TIMEOUT_SECONDS = 5.0
ACK_BATCH = 1000  # the most ack ids one request may carry is far above; this keeps requests small


class PubSubDeadLetterQueue(DeadLetterQueue):
    def __init__(self, project_id: str, topics: Topics) -> None:
        self._project_id = project_id
        self._topics = topics

    @cached_property
    def _client(self) -> pubsub_v1.SubscriberClient:
        return pubsub_v1.SubscriberClient()

    def _path(self, subscription: str) -> str:
        return self._client.subscription_path(self._project_id, self._topics.name(subscription))

    def pull(self, subscription: str, limit: int) -> list[DeadLetter]:
        try:
            response = self._client.pull(request={"subscription": self._path(subscription), "max_messages": limit},
                                         timeout=PULL_TIMEOUT_SECONDS)
        except google_exceptions.DeadlineExceeded:
            return []  # nothing came within the timeout
        except google_exceptions.GoogleAPIError as error:
            raise StorageUnavailable(f"pull from {subscription} failed: {error}") from error
        return [DeadLetter(ack_id=m.ack_id, message_id=m.message.message_id, data=bytes(m.message.data),
                           attributes=dict(m.message.attributes), dead_lettered_at=_datetime(m.message.publish_time))
                for m in response.received_messages]

    def release(self, subscription: str, ack_ids: Sequence[str]) -> None:
        for start in range(0, len(ack_ids), ACK_BATCH):
            self._client.modify_ack_deadline(request={"subscription": self._path(subscription),
                                                      "ack_ids": list(ack_ids[start:start + ACK_BATCH]),
                                                      "ack_deadline_seconds": 0})

    def acknowledge(self, subscription: str, ack_ids: Sequence[str]) -> None:
        for start in range(0, len(ack_ids), ACK_BATCH):
            self._client.acknowledge(request={"subscription": self._path(subscription),
                                              "ack_ids": list(ack_ids[start:start + ACK_BATCH])})


def _datetime(publish_time: Timestamp | datetime) -> datetime:
    # proto-plus gives the field as a datetime at run time; its type stubs say Timestamp.
    return publish_time if isinstance(publish_time, datetime) else publish_time.ToDatetime(tzinfo=UTC)
