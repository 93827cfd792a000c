"""A small bounded cache whose entries expire: what an instance remembers between requests, never without bound."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True)
class Cached(Generic[V]):
    """A remembered value (which may itself be None: "we looked, there is none")."""

    value: V
    expires_at: float


class ExpiringLru(Generic[K, V]):
    """Up to `max_entries` values, each kept for the time given when it was put; the least recently used goes
    first when the cache is full. Safe to share between a warm instance's request threads."""

    def __init__(self, max_entries: int, clock: Callable[[], float] = time.monotonic) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[K, Cached[V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> Cached[V] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.expires_at <= self._clock():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: K, value: V, ttl_seconds: float) -> None:
        with self._lock:
            self._entries[key] = Cached(value, self._clock() + ttl_seconds)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
