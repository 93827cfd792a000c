"""One Firestore client per process, created on first use and reused by warm instances."""
from __future__ import annotations

from functools import lru_cache

from google.cloud import firestore


@lru_cache(maxsize=4)
def firestore_client(project_id: str) -> firestore.Client:
    return firestore.Client(project=project_id)
