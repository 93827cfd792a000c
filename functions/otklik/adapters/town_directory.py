"""Town configurations (routing tables, deadlines, calendars) in Firestore, cached per instance."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping

from google.cloud import firestore

from otklik.adapters.appeal_documents import to_document
from otklik.domain.towns import TownConfig

TOWNS = "towns"


class FirestoreTownDirectory:
    def __init__(
        self, client: firestore.Client, ttl_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._client = client
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._loaded_at: float | None = None
        self._towns: dict[str, TownConfig] = {}

    def all(self) -> Mapping[str, TownConfig]:
        with self._lock:
            now = self._clock()
            if self._loaded_at is None or now - self._loaded_at > self._ttl:
                stored = self._client.collection(TOWNS).stream()
                self._towns = {s.id: TownConfig.model_validate(s.to_dict()) for s in stored}
                self._loaded_at = now
            return self._towns

    def get(self, code: str) -> TownConfig | None:
        return self.all().get(code)

    def save(self, towns: Iterable[TownConfig]) -> None:
        batch = self._client.batch()
        for town in towns:
            batch.set(self._client.collection(TOWNS).document(town.code), to_document(town.model_dump(mode="json")))
        batch.commit()
        with self._lock:
            self._loaded_at = None
