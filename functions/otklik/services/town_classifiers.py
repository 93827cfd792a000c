"""route_appeal's classifier for a town: the rules with the town's current learned model, loaded on first use and
kept by a warm instance; after `cache_seconds` the model's version is checked (one small read) and a newer one
loaded. A model that is refused (corrupt, or from a newer version of the code) leaves the rules alone, with a
WARNING naming the town, the version and the reason."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from otklik.domain.classification.combined import Classifier
from otklik.services.ports import ModelStore, StorageUnavailable

log = logging.getLogger(__name__)
RECHECK_SECONDS = 30.0  # after a version check that failed


@dataclass(frozen=True)
class _Loaded:
    version: int | None  # None: the town has no model
    classifier: Classifier
    check_after: float


class TownClassifiers:
    def __init__(self, models: ModelStore, cache_seconds: float = 300.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._models = models
        self._cache_seconds = cache_seconds
        self._monotonic = monotonic
        self._loaded: dict[str, _Loaded] = {}  # one entry per town: bounded by the region's towns
        self._lock = threading.Lock()

    def __call__(self, town: str) -> Classifier:
        now = self._monotonic()
        loaded = self._loaded.get(town)
        if loaded is not None and now < loaded.check_after:
            return loaded.classifier
        with self._lock:  # an instance's concurrent first messages load the model once
            loaded = self._loaded.get(town)
            if loaded is None or now >= loaded.check_after:
                loaded = self._load(town, loaded, now)
                self._loaded[town] = loaded
        return loaded.classifier

    def _load(self, town: str, previous: _Loaded | None, now: float) -> _Loaded:
        try:
            current = self._models.current(town)
        except StorageUnavailable:
            if previous is None:
                raise  # the appeal's own read would fail as well: Pub/Sub delivers it again
            log.warning("classifier model version not checked; the loaded one is kept", extra={"municipality": town})
            return _Loaded(previous.version, previous.classifier, now + min(self._cache_seconds, RECHECK_SECONDS))
        version = current.version if current is not None else None
        if previous is not None and previous.version == version:
            return _Loaded(version, previous.classifier, now + self._cache_seconds)
        if version is None:
            return _Loaded(None, Classifier(), now + self._cache_seconds)
        document = self._models.document(town, version)
        classifier = (Classifier.from_document(document) if document is not None
                      else Classifier(model_problem="the model's document is missing"))
        if classifier.model_problem:
            log.warning("classifier model refused; routing by the rules alone",
                        extra={"municipality": town, "version": version, "problem": classifier.model_problem})
        else:
            log.info("classifier model loaded", extra={"municipality": town, "version": version})
        return _Loaded(version, classifier, now + self._cache_seconds)
