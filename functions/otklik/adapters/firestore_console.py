"""What the console keeps in Firestore: its sessions (by token digest) and the towns' reply templates."""
from __future__ import annotations

from google.cloud import firestore

from otklik.adapters.firestore_appeals import _storage_errors
from otklik.domain.principals import Principal
from otklik.services.ports import ConsoleSession

CONSOLE_SESSIONS = "console_sessions"
REPLY_TEMPLATES = "reply_templates"
# The field infra/ gives a TTL policy: Firestore deletes expired sessions by itself (within a day or so); until then
# ConsoleSessions refuses and deletes them.
SESSION_EXPIRY_FIELD = "expires_at"


class FirestoreConsoleSessions:
    def __init__(self, client: firestore.Client, timeout_seconds: float = 10.0) -> None:
        self._sessions = client.collection(CONSOLE_SESSIONS)
        self._timeout = timeout_seconds

    @_storage_errors
    def put(self, digest: str, session: ConsoleSession) -> None:
        self._sessions.document(digest).create({
            "principal": session.principal.model_dump(mode="json"), "csrf_token": session.csrf_token,
            SESSION_EXPIRY_FIELD: session.expires_at,
        }, timeout=self._timeout)

    @_storage_errors
    def get(self, digest: str) -> ConsoleSession | None:
        snapshot = self._sessions.document(digest).get(timeout=self._timeout)
        data = snapshot.to_dict() if snapshot.exists else None
        if not data:
            return None
        return ConsoleSession(principal=Principal.model_validate(data["principal"]), csrf_token=data["csrf_token"],
                              expires_at=data[SESSION_EXPIRY_FIELD])

    @_storage_errors
    def delete(self, digest: str) -> None:
        self._sessions.document(digest).delete(timeout=self._timeout)


class FirestoreReplyTemplates:
    """One document per town: {"templates": {category: text}}."""

    def __init__(self, client: firestore.Client, timeout_seconds: float = 10.0) -> None:
        self._towns = client.collection(REPLY_TEMPLATES)
        self._timeout = timeout_seconds

    @_storage_errors
    def for_town(self, town: str) -> dict[str, str]:
        snapshot = self._towns.document(town).get(timeout=self._timeout)
        data = (snapshot.to_dict() or {}) if snapshot.exists else {}
        return {str(k): str(v) for k, v in (data.get("templates") or {}).items()}

    @_storage_errors
    def save(self, town: str, category: str, text: str | None) -> None:
        value = text if text else firestore.DELETE_FIELD
        self._towns.document(town).set({"templates": {category: value}}, merge=True, timeout=self._timeout)
