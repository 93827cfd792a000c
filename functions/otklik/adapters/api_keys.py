"""API keys: shown once when issued, stored only as a SHA-256 hash, looked up by that hash."""
from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable

from google.cloud import firestore

from otklik.adapters.expiring_lru import ExpiringLru
from otklik.domain.principals import Principal, Role

API_KEYS = "api_keys"
_PREFIX = "otk"
# A valid key is looked up again after this long, so a revocation reaches every warm instance within it.
KEY_CACHE_SECONDS = 30.0
# An unknown key is remembered only briefly (a burst of one bad key costs one read) and in bounded numbers,
# so that a client trying many keys cannot grow an instance's memory.
MISS_CACHE_SECONDS = 2.0
KEY_CACHE_ENTRIES = 1024


def _hash(plaintext: str) -> str:
    # The keys are 256-bit random values, so a plain SHA-256 is enough: there is nothing to brute-force.
    return hashlib.sha256(plaintext.encode()).hexdigest()


class FirestoreApiKeys:
    def __init__(self, client: firestore.Client, cache_seconds: float = KEY_CACHE_SECONDS,
                 miss_cache_seconds: float = MISS_CACHE_SECONDS, max_cached: int = KEY_CACHE_ENTRIES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._keys = client.collection(API_KEYS)
        self._cache_seconds = cache_seconds
        self._miss_cache_seconds = miss_cache_seconds
        self._cache: ExpiringLru[str, Principal | None] = ExpiringLru(max_cached, clock)

    def issue(
        self, role: Role, towns: tuple[str, ...], department: str | None = None, name: str = ""
    ) -> tuple[Principal, str]:
        key_id = secrets.token_hex(6)
        plaintext = f"{_PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
        principal = Principal(key_id=key_id, role=role, towns=towns, department=department, name=name)
        self._keys.document(_hash(plaintext)).create(principal.model_dump(mode="json") | {"active": True})
        return principal, plaintext

    def authenticate(self, plaintext: str) -> Principal | None:
        digest = _hash(plaintext)
        cached = self._cache.get(digest)
        if cached is not None:
            return cached.value
        snapshot = self._keys.document(digest).get()
        data = snapshot.to_dict() if snapshot.exists else None
        principal = None
        if data and data.pop("active", False):
            principal = Principal.model_validate(data)
        self._cache.put(digest, principal, self._cache_seconds if principal else self._miss_cache_seconds)
        return principal

    def revoke(self, key_id: str) -> int:
        revoked = 0
        for snapshot in self._keys.where(filter=firestore.FieldFilter("key_id", "==", key_id)).stream():
            snapshot.reference.update({"active": False})
            revoked += 1
        self._cache.clear()
        return revoked
