"""API keys on the Firestore emulator: what a warm instance remembers of them, and for how long."""
from __future__ import annotations

import hashlib
import secrets

from otklik.adapters.api_keys import API_KEYS, FirestoreApiKeys
from otklik.domain.principals import Role
from tests.conftest import Stack
from tests.support import TOWN


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_flood_of_unknown_keys_does_not_grow_the_cache_beyond_its_bound(stack: Stack) -> None:
    keys = FirestoreApiKeys(stack.deps.firestore, max_cached=16)
    for _ in range(100):
        assert keys.authenticate(f"otk_{secrets.token_hex(8)}_guess") is None
    assert len(keys._cache) == 16  # the bound is what this test is about


def test_a_key_unknown_a_moment_ago_works_once_the_short_miss_time_has_passed(stack: Stack) -> None:
    clock = Clock()
    keys = FirestoreApiKeys(stack.deps.firestore, miss_cache_seconds=2, clock=clock)
    plaintext = f"otk_{secrets.token_hex(6)}_{secrets.token_urlsafe(32)}"
    assert keys.authenticate(plaintext) is None
    # The key is written after the miss was remembered (as `keys issue` on another machine would).
    stack.deps.firestore.collection(API_KEYS).document(hashlib.sha256(plaintext.encode()).hexdigest()).create(
        {"key_id": "k1", "role": "operator", "towns": [TOWN], "department": None, "name": "", "active": True})
    clock.now += 1
    assert keys.authenticate(plaintext) is None
    clock.now += 1.5
    principal = keys.authenticate(plaintext)
    assert principal is not None and principal.role is Role.OPERATOR


def test_a_known_key_is_remembered_for_its_longer_time(stack: Stack) -> None:
    clock = Clock()
    keys = FirestoreApiKeys(stack.deps.firestore, cache_seconds=30, clock=clock)
    _, plaintext = keys.issue(Role.SUPERVISOR, (TOWN,))
    assert keys.authenticate(plaintext) is not None
    stack.deps.firestore.collection(API_KEYS).document(hashlib.sha256(plaintext.encode()).hexdigest()).update(
        {"active": False})
    clock.now += 29
    assert keys.authenticate(plaintext) is not None, "within its time the remembered answer stands"
    clock.now += 2
    assert keys.authenticate(plaintext) is None
