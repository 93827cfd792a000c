"""Regional clients: who may hand appeals down, for which towns, and where their callbacks go."""
from __future__ import annotations

from typing import Self
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, model_validator

CLIENT_ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_RATE_LIMIT_PER_MINUTE = 600


class RegionalClient(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str = Field(pattern=CLIENT_ID_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    secret_ref: str = Field(min_length=1, description="The shared secret's name in the secret store, never the secret.")
    towns: tuple[str, ...] = Field(min_length=1, description="Town codes the client may hand appeals to and read.")
    callback_url: str | None = None
    rate_limit_per_minute: int = Field(default=DEFAULT_RATE_LIMIT_PER_MINUTE, ge=1, le=100_000)
    active: bool = True

    @model_validator(mode="after")
    def _callbacks_go_over_https(self) -> Self:
        if self.callback_url is None:
            return self
        parts = urlsplit(self.callback_url)
        # Plain http only to this machine (the fake regional centre of tests and `make run`).
        if not parts.hostname or not (parts.scheme == "https" or
                                      (parts.scheme == "http" and parts.hostname in _LOOPBACK_HOSTS)):
            raise ValueError("callback_url must be an https URL (http only for 127.0.0.1/localhost)")
        return self

    def may_use(self, town: str) -> bool:
        return town in self.towns

