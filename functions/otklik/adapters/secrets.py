"""Secrets by name, from the environment (Secret Manager values are mounted there in the cloud)."""
from __future__ import annotations

import hmac
from collections.abc import Mapping

from pydantic import SecretStr


class SecretStore:
    def __init__(self, secrets: Mapping[str, SecretStr]) -> None:
        self._secrets = dict(secrets)

    def get(self, name: str | None) -> str | None:
        if not name:
            return None
        secret = self._secrets.get(name)
        return secret.get_secret_value() if secret is not None else None

    def matches(self, name: str | None, presented: str | None) -> bool:
        """Constant-time comparison; an unset secret never matches."""
        expected = self.get(name)
        if not expected or presented is None:
            return False
        return hmac.compare_digest(expected.encode(), presented.encode())
