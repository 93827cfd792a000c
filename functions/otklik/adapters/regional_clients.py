"""Regional clients in Firestore (collection `regional_clients`, one document per client id), cached per
instance: a region has a handful of clients, so one read of them all serves every request for a while."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from google.cloud import firestore
from pydantic import ValidationError

from otklik.regional.clients import RegionalClient

log = logging.getLogger(__name__)
REGIONAL_CLIENTS = "regional_clients"
# Brief, so that a revoked client or a changed grant takes effect within half a minute on every instance.
REGIONAL_CLIENTS_CACHE_SECONDS = 30.0


class FirestoreRegionalClients:
    def __init__(self, client: firestore.Client, ttl_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._collection = client.collection(REGIONAL_CLIENTS)
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._loaded_at: float | None = None
        self._by_id: dict[str, RegionalClient] = {}

    def get(self, client_id: str) -> RegionalClient | None:
        found = self._snapshot().get(client_id)
        return found if found is not None and found.active else None

    def granted(self, town: str) -> list[RegionalClient]:
        return [c for c in self._snapshot().values() if c.active and c.may_use(town)]

    def save(self, regional_client: RegionalClient) -> None:
        self._collection.document(regional_client.id).set(regional_client.model_dump(mode="json"))
        self.invalidate()

    def invalidate(self) -> None:
        with self._lock:
            self._loaded_at = None

    def _snapshot(self) -> dict[str, RegionalClient]:
        with self._lock:
            now = self._clock()
            if self._loaded_at is None or now - self._loaded_at > self._ttl:
                self._by_id = {}
                for snapshot in self._collection.stream():
                    try:
                        self._by_id[snapshot.id] = RegionalClient.model_validate(snapshot.to_dict())
                    except ValidationError:
                        # One bad document must not lock every other client out.
                        log.error("regional client document is invalid; skipped", extra={"client_id": snapshot.id})
                self._loaded_at = now
            return self._by_id
