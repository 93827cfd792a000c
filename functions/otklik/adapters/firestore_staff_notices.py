"""The staff notices' ledger in Firestore: one claim document per (digest, duty chat), and one status document per
duty chat (the last time it refused the bot, the last time it took a message)."""
from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore

from otklik.services.ports import ConcurrentUpdate, DutyChatStatus, NoticeClaim, StorageUnavailable

STAFF_NOTICES = "staff_notices"
DUTY_CHATS = "duty_chats"
TRANSACTION_ATTEMPTS = 10
_UNAVAILABLE = (google_exceptions.ServiceUnavailable, google_exceptions.DeadlineExceeded,
                google_exceptions.InternalServerError, google_exceptions.RetryError)


def _document_id(key: str) -> str:
    # Keys hold "/" and ":" (a digest id, a chat key); a hash is a valid, fixed-length document id.
    return hashlib.sha256(key.encode()).hexdigest()[:40]


def _chat_document_id(chat_key: str) -> str:
    return chat_key.replace("/", "_")


class FirestoreStaffNoticeLedger:
    def __init__(self, client: firestore.Client) -> None:
        self._client = client
        self._notices = client.collection(STAFF_NOTICES)
        self._chats = client.collection(DUTY_CHATS)

    def claim(self, key: str, now: datetime, by: str, hold_until: datetime) -> NoticeClaim:
        reference = self._notices.document(_document_id(key))

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> NoticeClaim:
            snapshot = reference.get(transaction=transaction)
            stored: dict[str, Any] = snapshot.to_dict() or {} if snapshot.exists else {}
            if stored.get("outcome"):
                return NoticeClaim(claimed=False, done=True)
            held_until = stored.get("claimed_until")
            if held_until is not None and held_until > now and stored.get("claimed_by") != by:
                return NoticeClaim(claimed=False, held_until=held_until)
            transaction.set(reference, {"key": key, "claimed_by": by, "claimed_until": hold_until,
                                        "parts_sent": int(stored.get("parts_sent", 0)), "updated_at": now})
            return NoticeClaim(claimed=True, parts_sent=int(stored.get("parts_sent", 0)))

        try:
            claim: NoticeClaim = run(self._client.transaction(max_attempts=TRANSACTION_ATTEMPTS))
            return claim
        except ValueError as error:  # the transaction kept being contended
            raise ConcurrentUpdate(str(error)) from error
        except _UNAVAILABLE as error:
            raise StorageUnavailable(str(error)) from error

    def record_parts(self, key: str, by: str, parts_sent: int, hold_until: datetime) -> None:
        self._update(key, {"parts_sent": parts_sent, "claimed_until": hold_until, "claimed_by": by})

    def finish(self, key: str, by: str, outcome: str, now: datetime, reason: str | None = None) -> None:
        self._update(key, {"outcome": outcome, "reason": reason, "finished_at": now, "claimed_by": by,
                           "claimed_until": None})

    def release(self, key: str, by: str, not_before: datetime) -> None:
        # Held by nobody until `not_before`: a delivery before then finds it held and sends nothing.
        self._update(key, {"claimed_by": None, "claimed_until": not_before})

    def chat_rejected(self, chat_key: str, town: str, reason: str, now: datetime) -> None:
        self._set_chat(chat_key, {"town": town, "rejected_at": now, "reason": reason})

    def chat_delivered(self, chat_key: str, town: str, now: datetime) -> None:
        self._set_chat(chat_key, {"town": town, "delivered_at": now})

    def chat_statuses(self) -> list[DutyChatStatus]:
        try:
            snapshots = list(self._chats.stream())
        except _UNAVAILABLE as error:
            raise StorageUnavailable(str(error)) from error
        statuses = []
        for snapshot in snapshots:
            data = snapshot.to_dict() or {}
            statuses.append(DutyChatStatus(chat_key=str(data.get("chat_key", snapshot.id)), town=str(data.get("town")),
                                           rejected_at=data.get("rejected_at"), reason=data.get("reason"),
                                           delivered_at=data.get("delivered_at")))
        return statuses

    def _update(self, key: str, fields: dict[str, Any]) -> None:
        try:
            self._notices.document(_document_id(key)).set(fields, merge=True)
        except _UNAVAILABLE as error:
            raise StorageUnavailable(str(error)) from error

    def _set_chat(self, chat_key: str, fields: dict[str, Any]) -> None:
        try:
            self._chats.document(_chat_document_id(chat_key)).set({"chat_key": chat_key} | fields, merge=True)
        except _UNAVAILABLE as error:
            raise StorageUnavailable(str(error)) from error
