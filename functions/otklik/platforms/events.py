"""What a platform event means to Otklik, whichever platform it came from."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
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
    """The resident edited a message that may have created an appeal (or been folded into one)."""

    event_id: str  # the event identity of the original message
    text: str
    edited_at: datetime | None  # when the platform says it was edited, if it does


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


def unix_time(seconds: float, field: str) -> datetime:
    """A platform's unix time (seconds); one no calendar holds is a bad field, not a failure of ours."""
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, ValueError, OSError):
        raise InvalidPayload(f"{field} is not a time: {seconds}") from None


def location_from(fields: dict[str, Any]) -> Location | None:
    """A location attachment given as latitude/longitude fields (OK and MAX); None when they are left out, as the
    platforms' models allow."""
    if fields.get("latitude") is None or fields.get("longitude") is None:
        return None
    try:
        return Location(latitude=float(fields["latitude"]), longitude=float(fields["longitude"]))
    except (TypeError, ValueError) as error:
        raise InvalidPayload(f"a location attachment needs numeric latitude and longitude: {error}") from None


# A forwarded message's text in an appeal's text: marked, so that operators see the words are not the resident's.
FORWARD_MARK = "[пересланное сообщение]"
# Forwards nest and repeat (a VK message forwards up to 100, each with its own): what an appeal takes is bounded.
FORWARDED_TEXT_LIMIT = 16384
MAX_FORWARDED_MESSAGES = 100


def with_forwarded(own: str, forwarded: Iterable[str]) -> str:
    """The resident's own words, then each forwarded text marked as forwarded, within FORWARDED_TEXT_LIMIT."""
    parts = [own] if own else []
    parts += [f"{FORWARD_MARK}\n{text}" for text in forwarded if text]
    composed = "\n\n".join(parts)
    limit = len(own) + FORWARDED_TEXT_LIMIT
    return composed if len(composed) <= limit else composed[:limit - 1] + "…"
