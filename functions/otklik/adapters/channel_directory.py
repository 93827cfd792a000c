"""Channel configurations stored in Firestore, cached per instance for a short time."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore

from otklik.domain.channels import ChannelConfig, channel_key
from otklik.domain.model import Channel
from otklik.services.ports import StorageUnavailable

CHANNELS = "channels"


class FirestoreChannelDirectory:
    def __init__(self, client: firestore.Client, ttl_seconds: float, clock: Callable[[], float] = time.monotonic,
                 timeout_seconds: float = 10.0) -> None:
        self._client = client
        self._timeout = timeout_seconds
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._loaded_at: float | None = None
        self._by_key: dict[str, ChannelConfig] = {}

    def get(self, platform: Channel, account: str) -> ChannelConfig | None:
        config = self._snapshot().get(channel_key(platform, account))
        return config if config is not None and config.active else None

    def of_platform(self, platform: Channel) -> list[ChannelConfig]:
        return [c for c in self._snapshot().values() if c.platform == platform and c.active]

    def save(self, configs: Iterable[ChannelConfig]) -> None:
        batch = self._client.batch()
        for config in configs:
            batch.set(self._client.collection(CHANNELS).document(config.key), config.model_dump(mode="json"))
        batch.commit()
        self.invalidate()

    def invalidate(self) -> None:
        with self._lock:
            self._loaded_at = None

    def _snapshot(self) -> dict[str, ChannelConfig]:
        with self._lock:
            now = self._clock()
            if self._loaded_at is None or now - self._loaded_at > self._ttl:
                # A region has a few dozen channels: one read of them all beats a read per request.
                try:
                    self._by_key = {
                        snapshot.id: ChannelConfig.model_validate(snapshot.to_dict())
                        for snapshot in self._client.collection(CHANNELS).stream(timeout=self._timeout)
                    }
                except google_exceptions.GoogleAPICallError as error:
                    raise StorageUnavailable(f"channel configuration unavailable: {error}") from error
                self._loaded_at = now
            return self._by_key
