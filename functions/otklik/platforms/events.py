"""What a platform event means to Otklik, whichever platform it came from."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from otklik.domain.model import IncomingMessage, Location


# A platform's clock, as far as a date can go (the end of year 9999): a time beyond is no time, and a 400.
LAST_UNIX_SECOND = 253_402_300_799
UnixSeconds = Annotated[int, Field(ge=0, le=LAST_UNIX_SECOND)]
UnixMillis = Annotated[int, Field(ge=0, le=LAST_UNIX_SECOND * 1000)]


class WireModel(BaseModel):
    """A platform's own payload: exact field names, unknown fields ignored (platforms add fields freely)."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)


@dataclass(frozen=True)
class NewMessage:
    message: IncomingMessage


@dataclass(frozen=True)
class EditedMessage:
    """The resident edited a message that may have created an appeal."""

    event_id: str  # the event identity of the original message
    text: str
    edited_at: datetime


@dataclass(frozen=True)
class Ignored:
    reason: str


PlatformEvent = NewMessage | EditedMessage | Ignored


class InvalidPayload(ValueError):
    """The event is well-formed JSON of the right shape but cannot mean anything (a required part is missing)."""


class TextTooLong(InvalidPayload):
    def __init__(self, field: str, length: int, limit: int) -> None:
        super().__init__(f"{field} has {length} characters, the platform allows at most {limit}")
        self.field = field


def check_length(field: str, text: str, limit: int) -> str:
    if len(text) > limit:
        raise TextTooLong(field, len(text), limit)
    return text


def location_from(fields: dict[str, Any]) -> Location:
    """A location attachment given as latitude/longitude fields (OK and MAX)."""
    try:
        return Location(latitude=float(fields["latitude"]), longitude=float(fields["longitude"]))
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidPayload(f"a location attachment needs numeric latitude and longitude: {error}") from None
