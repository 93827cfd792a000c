"""Answers sent back where the resident wrote: the small `ReplyClient` interface every platform's client implements
(platforms/<network>/replies.py), and what those clients share: text cut in parts, parts planned, one lazily made
HTTP client, failures sorted, tokens kept out of the logs.

Every client turns an `OutgoingReply` into the platform's calls and sorts each failure into
`TransientDeliveryError` (try again later) or `PermanentDeliveryError` (this answer cannot be delivered here).

A reply that does not fit one platform message becomes several: each client plans its parts (`parts`, the same
parts for the same reply every time) and sends one part at a time (`send_part`, uploading that part's photos
first). They go out in order; if a later one fails, the earlier ones stay sent. VK drops the repeats of a retried
part itself (`random_id`, `guid`); Telegram, OK and MAX have no such key, so the caller records the parts sent and
resumes after them (services/delivery.py).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import httpx

from otklik.domain.model import Channel, SourceRef
from otklik.on_first_use import OnFirstUse

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 10.0


# ---------------------------------------------------------------------------------------------------------------
# The interface
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Photo:
    data: bytes
    content_type: str
    file_name: str
    # Set when the image is also reachable on the internet. OK then uses its documented "IMAGE by URL"
    # attachment instead of the unconfirmed upload flow.
    public_url: str | None = None


@dataclass(frozen=True)
class OutgoingReply:
    answer_id: str
    source: SourceRef
    text: str
    photos: tuple[Photo, ...] = ()

    def __post_init__(self) -> None:
        if not self.answer_id:
            raise ValueError("an answer needs an answer_id: it is the idempotency key")
        if not self.text.strip() and not self.photos:
            raise ValueError("an answer needs text or photos")


@dataclass(frozen=True)
class ReplyPart:
    """One platform message of a reply (or one media group, on Telegram), in the order they go out."""

    index: int
    text: str
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class Delivered:
    platform_message_ids: tuple[str, ...]


class TransientDeliveryError(Exception):
    """The platform could not take the answer now; sending the same answer later may succeed."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class PermanentDeliveryError(Exception):
    """The answer cannot be delivered to this place: blocked bot, closed comments, deleted chat, bad token…"""

    def __init__(self, reason: str, code: str | None = None) -> None:
        super().__init__(f"{reason} (code {code})" if code else reason)
        self.reason = reason
        self.code = code


class ReplyClient(Protocol):
    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        """The platform messages the reply becomes, in order: the same reply always gives the same parts.
        Refuses (PermanentDeliveryError) a reply this platform cannot take, before any call."""

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        """Sends one part of `parts(reply)`; the platform's ids of the messages it made."""

    def send(self, reply: OutgoingReply, *, token: str) -> Delivered:
        """Every part, in order."""


# ---------------------------------------------------------------------------------------------------------------
# What the platforms' clients share
# ---------------------------------------------------------------------------------------------------------------

_T = TypeVar("_T")
_BREAKS = ("\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " ")


def split_text(text: str, limit: int) -> list[str]:
    """Cuts text into pieces of at most `limit` UTF-16 code units, at the widest break that keeps pieces long.

    Length is counted in UTF-16 units because Telegram does; for the other platforms it only errs on the short side.
    """
    if utf16_length(text) <= limit:
        return [text] if text.strip() else []
    pieces: list[str] = []
    rest = text.strip()
    while utf16_length(rest) > limit:
        window = rest[: _longest_fitting_prefix(rest, limit)]
        cut = _break_position(window)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _longest_fitting_prefix(text: str, limit: int) -> int:
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def _break_position(window: str) -> int:
    for separator in _BREAKS:
        at = window.rfind(separator)
        if at > len(window) // 2:  # a break in the first half would leave a stub piece
            return at + len(separator)
    return len(window)


def batches(items: Sequence[_T], size: int) -> list[tuple[_T, ...]]:
    return [tuple(items[start:start + size]) for start in range(0, len(items), size)]


def message_parts(chunks: Sequence[str], photos: Sequence[Photo], per_message: int) -> tuple[ReplyPart, ...]:
    """The n-th text chunk goes out with the n-th batch of photos."""
    groups = batches(photos, per_message)
    count = max(len(chunks), len(groups))
    return tuple(ReplyPart(i, chunks[i] if i < len(chunks) else "", groups[i] if i < len(groups) else ())
                 for i in range(count))


def part_key(answer_id: str, index: int) -> str:
    """The idempotency key of one platform message of an answer: the answer id itself for the first one."""
    return answer_id if index == 0 else f"{answer_id}#{index + 1}"


def _delivered(reply: OutgoingReply, message_ids: Sequence[str]) -> Delivered:
    logger.info("answer delivered", extra={"answer_id": reply.answer_id, "platform": str(reply.source.platform),
                                           "source_kind": str(reply.source.kind),
                                           "platform_message_ids": list(message_ids)})
    return Delivered(tuple(message_ids))


def require_platform(reply: OutgoingReply, platform: Channel) -> None:
    if reply.source.platform is not platform:
        raise PermanentDeliveryError(f"a {reply.source.platform} source given to the {platform} client",
                                     "wrong_platform")


def required_field(source: SourceRef, field: str) -> str:
    value = getattr(source, field)
    if not value:
        raise PermanentDeliveryError(f"the source has no {field} to answer to", "unanswerable_source")
    return str(value)


def required_int(source: SourceRef, field: str) -> int:
    value = required_field(source, field)
    try:
        return int(value)
    except ValueError:
        raise PermanentDeliveryError(f"the source's {field} is not a number: {value!r}",
                                     "unanswerable_source") from None


def positive_int_or_none(value: str | None) -> int | None:
    if value is None or not value.lstrip("-").isdigit():
        return None
    number = int(value)
    return number if number > 0 else None


def json_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def retry_after_header(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.replace(".", "", 1).isdigit() else None


def is_transient_status(status: int) -> bool:
    return status == 429 or status >= 500


_TOKEN_IN_URL = (
    re.compile(r"(/bot)[^/\s]+"),
    re.compile(r"(access_token=)[^&\s\"']+"),
)


def hide_tokens(text: str) -> str:
    for pattern in _TOKEN_IN_URL:
        text = pattern.sub(r"\1***", text)
    return text


class _HideTokensInHttpxLogs(logging.Filter):
    """httpx logs every request URL at INFO; Telegram's token is in the path and OK's in the query."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(hide_tokens(str(arg)) if isinstance(arg, (str, httpx.URL)) else arg
                                for arg in record.args)
        return True


def _install_httpx_log_filter() -> None:
    httpx_logger = logging.getLogger("httpx")
    if not any(isinstance(existing, _HideTokensInHttpxLogs) for existing in httpx_logger.filters):
        httpx_logger.addFilter(_HideTokensInHttpxLogs())


_install_httpx_log_filter()


class LazyHttpClient:
    """An httpx.Client made on first use, or the one given. Making one builds a TLS context (~20 ms), which a
    cold instance should spend only when it sends something; the four platforms' clients share one."""

    def __init__(self, given: httpx.Client | None = None) -> None:
        self._owned = given is None
        self._client: OnFirstUse[httpx.Client] = OnFirstUse(lambda: given if given is not None else httpx.Client())

    def get(self) -> httpx.Client:
        return self._client.get()

    def close(self) -> None:
        client = self._client.forget() if self._owned else None
        if client is not None:
            client.close()


class _HttpClient:
    """One platform's HTTP access: every call has a timeout, and network failures become transient errors."""

    def __init__(self, base_url: str, http: httpx.Client | LazyHttpClient | None = None,
                 timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self.base_url = base_url.rstrip("/")
        self._owns_http = not isinstance(http, LazyHttpClient)
        self._http = http if isinstance(http, LazyHttpClient) else LazyHttpClient(http)
        self._timeout = timeout

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def _post(self, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._http.get().post(url, timeout=self._timeout, **kwargs)
        except httpx.TimeoutException as error:
            raise TransientDeliveryError(f"no answer within {self._timeout} s ({type(error).__name__})") from error
        except httpx.TransportError as error:
            raise TransientDeliveryError(hide_tokens(f"network failure: {type(error).__name__}: {error}")) from error


class PlatformReplies(_HttpClient):
    """A platform's reply client: its own plan of parts and its own way of sending one; every part in order here."""

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        raise NotImplementedError

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        raise NotImplementedError

    def send(self, reply: OutgoingReply, *, token: str) -> Delivered:
        sent = [message_id for part in self.parts(reply) for message_id in self.send_part(reply, part, token=token)]
        return _delivered(reply, sent)
