"""Bodies every HTTP function shares: the error body and the webhooks' acknowledgement.
schemas/ documents them (`make schemas`)."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    """An error answer: a stable code, a message for people and, where there is more to say, details."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    error: str = Field(description="A stable machine-readable code, e.g. invalid_body, unknown_channel, forbidden.")
    message: str = Field(description="What went wrong, in words.")
    details: Any = Field(default=None, description="Left out unless there is more: the field problems of an invalid "
                                                   "body ([{field, problem}]), the current status of a conflict.")

    def body(self) -> dict[str, Any]:
        """The JSON object sent, without `details` when there are none."""
        return self.model_dump(exclude_none=True)


class WebhookAck(BaseModel):
    """What the Telegram, OK and MAX webhooks answer once an update is taken (VK expects plain `ok`)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    ok: Literal[True] = True
