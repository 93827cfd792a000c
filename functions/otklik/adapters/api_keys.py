"""API keys: shown once when issued, stored only as a SHA-256 hash, looked up by that hash."""
from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable

from google.cloud import firestore

from otklik.domain.principals import Principal, Role

API_KEYS = "api_keys"
_PREFIX = "otk"


def _hash(plaintext: str) -> str:
    # The keys are 256-bit random values, so a plain SHA-256 is enough: there is nothing to brute-force.
    return hashlib.sha256(plaintext.encode()).hexdigest()


class FirestoreApiKeys:
    def __init__(self, client: firestore.Client, cache_seconds: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._keys = client.collection(API_KEYS)
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._cache: dict[str, tuple[float, Principal | None]] = {}
        self._lock = threading.Lock()

    def issue(self, role: Role, towns: tuple[str, ...], department: str | None = None, name: str = "") -> tuple[Principal, str]:
        key_id = secrets.token_hex(6)
        plaintext = f"{_PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
        principal = Principal(key_id=key_id, role=role, towns=towns, department=department, name=name)
        self._keys.document(_hash(plaintext)).create(principal.model_dump(mode="json") | {"active": True})
        return principal, plaintext

    def authenticate(self, plaintext: str) -> Principal | None:
        digest = _hash(plaintext)
        now = self._clock()
        with self._lock:
            cached = self._cache.get(digest)
            if cached is not None and now - cached[0] < self._cache_seconds:
                return cached[1]
        snapshot = self._keys.document(digest).get()
        data = snapshot.to_dict() if snapshot.exists else None
        principal = None
        if data and data.pop("active", False):
            principal = Principal.model_validate(data)
        with self._lock:
            self._cache[digest] = (now, principal)
        return principal

    def revoke(self, key_id: str) -> int:
        revoked = 0
        for snapshot in self._keys.where(filter=firestore.FieldFilter("key_id", "==", key_id)).stream():
            snapshot.reference.update({"active": False})
            revoked += 1
        with self._lock:
            self._cache.clear()
        return revoked
