"""The instance-local cache: bounded, least recently used out first, entries gone when they expire."""
from __future__ import annotations

from otklik.adapters.expiring_lru import ExpiringLru


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_it_never_holds_more_than_its_bound_and_drops_the_least_recently_used() -> None:
    cache: ExpiringLru[str, int] = ExpiringLru(3, Clock())
    for number, key in enumerate("abc"):
        cache.put(key, number, ttl_seconds=60)
    assert cache.get("a") is not None  # "a" is now the most recently used
    cache.put("d", 3, ttl_seconds=60)
    assert len(cache) == 3
    assert cache.get("b") is None
    assert [cache.get(k).value for k in "acd"] == [0, 2, 3]  # type: ignore[union-attr]


def test_an_entry_expires_after_its_own_time() -> None:
    clock = Clock()
    cache: ExpiringLru[str, str | None] = ExpiringLru(10, clock)
    cache.put("miss", None, ttl_seconds=2)
    cache.put("hit", "principal", ttl_seconds=30)
    clock.now = 1.9
    cached_miss = cache.get("miss")
    assert cached_miss is not None and cached_miss.value is None
    clock.now = 2.0
    assert cache.get("miss") is None
    assert cache.get("hit") is not None
    clock.now = 30.0
    assert cache.get("hit") is None and len(cache) == 0
