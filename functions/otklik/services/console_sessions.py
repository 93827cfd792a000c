"""Console sign-in: an API key (the operator API's) exchanged for a session.

The session's token is a random value the browser keeps in an HttpOnly cookie; only its SHA-256 digest is stored,
with the principal, an expiry and the CSRF token the session's forms carry. The key itself is never kept."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from otklik.domain.principals import APPEAL_READERS
from otklik.services.ports import ApiKeys, ConsoleSession, ConsoleSessionStore

SESSION_LIFETIME = timedelta(hours=12)  # a working day on duty; then sign in again


class SignInRefused(ValueError):
    """The key is unknown or revoked, or its role does not use the console."""


def _digest(token: str) -> str:
    # Tokens are 256-bit random values: a plain SHA-256 is enough, there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


class ConsoleSessions:
    def __init__(self, keys: ApiKeys, store: ConsoleSessionStore, clock: Callable[[], datetime],
                 lifetime: timedelta = SESSION_LIFETIME) -> None:
        self._keys = keys
        self._store = store
        self._clock = clock
        self._lifetime = lifetime

    @property
    def lifetime(self) -> timedelta:
        return self._lifetime

    def sign_in(self, api_key: str) -> tuple[str, ConsoleSession]:
        """A new session for the key's principal: its token (for the cookie) and the session."""
        principal = self._keys.authenticate(api_key.strip()) if api_key.strip() else None
        if principal is None:
            raise SignInRefused("Ключ не подходит: он неизвестен или отозван.")
        if principal.role not in APPEAL_READERS:
            raise SignInRefused("С этим ключом в консоль не войти: он выдан не сотруднику центра.")
        token = secrets.token_urlsafe(32)
        session = ConsoleSession(principal=principal, csrf_token=secrets.token_urlsafe(32),
                                 expires_at=self._clock() + self._lifetime)
        self._store.put(_digest(token), session)
        return token, session

    def current(self, token: str | None) -> ConsoleSession | None:
        """The live session of this token; an expired one is deleted and counts as none."""
        if not token:
            return None
        digest = _digest(token)
        session = self._store.get(digest)
        if session is None:
            return None
        if session.expires_at <= self._clock():
            self._store.delete(digest)
            return None
        return session

    def sign_out(self, token: str | None) -> None:
        if token:
            self._store.delete(_digest(token))


def csrf_matches(session: ConsoleSession, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(session.csrf_token.encode(), (sent or "").encode())
