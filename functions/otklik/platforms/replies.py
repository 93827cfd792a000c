"""Answers sent back where the resident wrote: one client per platform behind the small `ReplyClient` interface.

Every client turns an `OutgoingReply` into the platform's calls and sorts each failure into
`TransientDeliveryError` (try again later) or `PermanentDeliveryError` (this answer cannot be delivered here).

A reply that does not fit one platform message becomes several: each client plans its parts (`parts`, the same
parts for the same reply every time) and sends one part at a time (`send_part`, uploading that part's photos
first). They go out in order; if a later one fails, the earlier ones stay sent. VK drops the repeats of a retried
part itself (`random_id`, `guid`); Telegram, OK and MAX have no such key, so the caller records the parts sent and
resumes after them (services/delivery.py).
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

import httpx

from otklik.on_first_use import OnFirstUse
from otklik.domain.model import Channel, SourceKind, SourceRef

logger = logging.getLogger(__name__)

PRODUCTION_BASE_URLS: Mapping[Channel, str] = {
    Channel.VK: "https://api.vk.ru",
    Channel.TELEGRAM: "https://api.telegram.org",
    Channel.OK: "https://api.ok.ru",
    Channel.MAX: "https://platform-api2.max.ru",
}

VK_API_VERSION = "5.199"
VK_TEXT_LIMIT = 9000
VK_ATTACHMENTS_PER_MESSAGE = 10
TELEGRAM_TEXT_LIMIT = 4096
TELEGRAM_CAPTION_LIMIT = 1024
TELEGRAM_MEDIA_GROUP_SIZE = 10
# OK documents no text limit for bot messages; MAX's is used as a cautious guess.
OK_TEXT_LIMIT = 4000
OK_ATTACHMENTS_PER_MESSAGE = 5
MAX_TEXT_LIMIT = 4000
# MAX documents no attachment count per message; ten is what VK and Telegram allow.
MAX_ATTACHMENTS_PER_MESSAGE = 10

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
# Shared pieces
# ---------------------------------------------------------------------------------------------------------------

_T = TypeVar("_T")
_BREAKS = ("\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " ")


def split_text(text: str, limit: int) -> list[str]:
    """Cuts text into pieces of at most `limit` UTF-16 code units, at the widest break that keeps pieces long.

    Length is counted in UTF-16 units because Telegram does; for the other platforms it only errs on the short side.
    """
    if _utf16_length(text) <= limit:
        return [text] if text.strip() else []
    pieces: list[str] = []
    rest = text.strip()
    while _utf16_length(rest) > limit:
        window = rest[: _longest_fitting_prefix(rest, limit)]
        cut = _break_position(window)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _utf16_length(text: str) -> int:
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


def vk_random_id(key: str) -> int:
    """A positive int64 derived from `key`, so a resend of the same answer part carries the same random_id."""
    value = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") >> 1
    return value or 1  # VK treats random_id=0 as "no deduplication"


def _delivered(reply: OutgoingReply, message_ids: Sequence[str]) -> Delivered:
    logger.info("answer delivered", extra={"answer_id": reply.answer_id, "platform": str(reply.source.platform),
                                           "source_kind": str(reply.source.kind),
                                           "platform_message_ids": list(message_ids)})
    return Delivered(tuple(message_ids))


def _require_platform(reply: OutgoingReply, platform: Channel) -> None:
    if reply.source.platform is not platform:
        raise PermanentDeliveryError(f"a {reply.source.platform} source given to the {platform} client", "wrong_platform")


def _required(source: SourceRef, field: str) -> str:
    value = getattr(source, field)
    if not value:
        raise PermanentDeliveryError(f"the source has no {field} to answer to", "unanswerable_source")
    return str(value)


def _required_int(source: SourceRef, field: str) -> int:
    value = _required(source, field)
    try:
        return int(value)
    except ValueError:
        raise PermanentDeliveryError(f"the source's {field} is not a number: {value!r}", "unanswerable_source") from None


def _positive_int_or_none(value: str | None) -> int | None:
    if value is None or not value.lstrip("-").isdigit():
        return None
    number = int(value)
    return number if number > 0 else None


def _json_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _retry_after_header(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.replace(".", "", 1).isdigit() else None


def _is_transient_status(status: int) -> bool:
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


class _PlatformReplies(_HttpClient):
    """A platform's reply client: its own plan of parts and its own way of sending one; every part in order here."""

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        raise NotImplementedError

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        raise NotImplementedError

    def send(self, reply: OutgoingReply, *, token: str) -> Delivered:
        sent = [message_id for part in self.parts(reply) for message_id in self.send_part(reply, part, token=token)]
        return _delivered(reply, sent)


# ---------------------------------------------------------------------------------------------------------------
# VK
# ---------------------------------------------------------------------------------------------------------------

_VK_MESSAGE_KINDS = frozenset({SourceKind.PRIVATE_MESSAGE, SourceKind.GROUP_MESSAGE})
# 1 unknown error, 6 too many requests per second, 9 flood control, 10 internal server error.
_VK_TRANSIENT_ERRORS = frozenset({1, 6, 9, 10})


@dataclass(frozen=True)
class _VkCommentCall:
    method: str
    params: dict[str, str]
    upload_group_id: int | None


class VkReplyClient(_PlatformReplies):
    """VK API: messages.send for chats, *.createComment for wall, photo and board threads. Each part carries its own
    `random_id` or `guid` (`part_key`), so VK drops a part sent again."""

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        _require_platform(reply, Channel.VK)
        return message_parts(split_text(reply.text, VK_TEXT_LIMIT), reply.photos, VK_ATTACHMENTS_PER_MESSAGE)

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        if reply.source.kind in _VK_MESSAGE_KINDS:
            return (self._send_message(reply, part, token),)
        return (self._send_comment(reply, part, _vk_comment_call(reply.source), token),)

    def _send_message(self, reply: OutgoingReply, part: ReplyPart, token: str) -> str:
        peer_id = _required(reply.source, "chat_id")
        attachments = self._upload_message_photos(part.photos, peer_id, token)
        params = {"peer_id": peer_id, "random_id": str(vk_random_id(part_key(reply.answer_id, part.index))),
                  "message": part.text}
        reply_to = _positive_int_or_none(reply.source.message_id)
        if reply_to is not None:
            params["reply_to"] = str(reply_to)
        if attachments:
            params["attachment"] = ",".join(attachments)
        return str(self._call("messages.send", params, token))

    def _send_comment(self, reply: OutgoingReply, part: ReplyPart, call: _VkCommentCall, token: str) -> str:
        attachments = self._upload_wall_photos(part.photos, call.upload_group_id, token)
        params = call.params | {"message": part.text, "guid": part_key(reply.answer_id, part.index)}
        if attachments:
            params["attachments"] = ",".join(attachments)
        result = self._call(call.method, params, token)
        return str(result["comment_id"] if isinstance(result, dict) else result)

    def _upload_message_photos(self, photos: Sequence[Photo], peer_id: str, token: str) -> list[str]:
        if not photos:
            return []
        upload_url = self._call("photos.getMessagesUploadServer", {"peer_id": peer_id}, token)["upload_url"]
        return [self._save_photo("photos.saveMessagesPhoto", {}, self._upload(upload_url, photo), token)
                for photo in photos]

    def _upload_wall_photos(self, photos: Sequence[Photo], group_id: int | None, token: str) -> list[str]:
        if not photos:
            return []
        group = {"group_id": str(group_id)} if group_id is not None else {}
        upload_url = self._call("photos.getWallUploadServer", group, token)["upload_url"]
        return [self._save_photo("photos.saveWallPhoto", group, self._upload(upload_url, photo), token)
                for photo in photos]

    def _save_photo(self, method: str, params: dict[str, str], uploaded: dict[str, str], token: str) -> str:
        saved = self._call(method, params | uploaded, token)
        return _vk_attachment(saved[0])

    def _upload(self, upload_url: str, photo: Photo) -> dict[str, str]:
        # The upload URL carries its own signature: the token is not sent to the upload host.
        response = self._post(upload_url, files={"photo": (photo.file_name, photo.data, photo.content_type)})
        if _is_transient_status(response.status_code):
            raise TransientDeliveryError(f"VK photo upload answered HTTP {response.status_code}",
                                         _retry_after_header(response))
        body = _json_body(response)
        if not isinstance(body, dict) or body.get("photo") in (None, "", "[]"):
            raise PermanentDeliveryError(f"VK did not accept the photo {photo.file_name!r}", "upload_rejected")
        return {"server": str(body["server"]), "photo": str(body["photo"]), "hash": str(body["hash"])}

    def _call(self, method: str, params: Mapping[str, str], token: str) -> Any:
        response = self._post(f"{self.base_url}/method/{method}",
                              data={**params, "access_token": token, "v": VK_API_VERSION})
        if _is_transient_status(response.status_code):
            raise TransientDeliveryError(f"VK {method} answered HTTP {response.status_code}",
                                         _retry_after_header(response))
        body = _json_body(response)
        if not isinstance(body, dict):
            raise TransientDeliveryError(f"VK {method} answered HTTP {response.status_code} without JSON")
        if "error" in body:
            raise _vk_error(method, body["error"])
        return body["response"]


def _vk_comment_call(source: SourceRef) -> _VkCommentCall:
    owner_id = _required_int(source, "owner_id")
    community_id = -owner_id if owner_id < 0 else None
    if source.kind in (SourceKind.WALL_COMMENT, SourceKind.WALL_POST):
        params = {"owner_id": str(owner_id), "post_id": _required(source, "post_id")}
        if community_id is not None:
            params["from_group"] = str(community_id)
        if source.kind is SourceKind.WALL_COMMENT:
            params["reply_to_comment"] = _required(source, "comment_id")
        return _VkCommentCall("wall.createComment", params, community_id)
    if source.kind is SourceKind.PHOTO_COMMENT:
        params = {"owner_id": str(owner_id), "photo_id": _required(source, "photo_id")}
        if source.comment_id:
            params["reply_to_comment"] = source.comment_id
        if community_id is not None:
            params["from_group"] = "1"
        return _VkCommentCall("photos.createComment", params, community_id)
    if source.kind is SourceKind.BOARD_POST:
        params = {"group_id": str(abs(owner_id)), "topic_id": _required(source, "topic_id"), "from_group": "1"}
        return _VkCommentCall("board.createComment", params, abs(owner_id))
    raise PermanentDeliveryError(f"VK cannot answer a {source.kind} source", "unanswerable_source")


def _vk_attachment(photo: Mapping[str, Any]) -> str:
    key = f"photo{photo['owner_id']}_{photo['id']}"
    return f"{key}_{photo['access_key']}" if photo.get("access_key") else key


def _vk_error(method: str, error: Mapping[str, Any]) -> Exception:
    code = int(error.get("error_code", 0))
    message = str(error.get("error_msg", "unknown VK error"))
    if code in _VK_TRANSIENT_ERRORS:
        return TransientDeliveryError(f"VK {method}: {message} (error {code})")
    return PermanentDeliveryError(message, str(code))


# ---------------------------------------------------------------------------------------------------------------
# Telegram
# ---------------------------------------------------------------------------------------------------------------


class TelegramReplyClient(_PlatformReplies):
    """Telegram Bot API: sendMessage / sendPhoto / sendMediaGroup, each replying to the resident's message.

    The photos go first, in media groups of up to ten, with the text as the first one's caption if it fits one;
    a text that does not follows in messages of its own."""

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        _require_platform(reply, Channel.TELEGRAM)
        text_as_caption = bool(reply.photos) and _utf16_length(reply.text) <= TELEGRAM_CAPTION_LIMIT
        caption = reply.text if text_as_caption and reply.text.strip() else ""
        photo_groups = [(caption if index == 0 else "", group)
                        for index, group in enumerate(batches(reply.photos, TELEGRAM_MEDIA_GROUP_SIZE))]
        texts = [] if text_as_caption else [(chunk, ()) for chunk in split_text(reply.text, TELEGRAM_TEXT_LIMIT)]
        return tuple(ReplyPart(index, text, photos) for index, (text, photos) in enumerate([*photo_groups, *texts]))

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        chat_id = _telegram_chat_id(_required(reply.source, "chat_id"))
        reply_parameters = _telegram_reply_parameters(reply.source.message_id)
        if part.photos:
            return tuple(self._send_photos(token, chat_id, part.photos, part.text or None, reply_parameters))
        body: dict[str, Any] = {"chat_id": chat_id, "text": part.text}
        if reply_parameters:
            body["reply_parameters"] = reply_parameters
        return (str(self._call(token, "sendMessage", json=body)["message_id"]),)

    def _send_photos(self, token: str, chat_id: int | str, photos: tuple[Photo, ...], caption: str | None,
                     reply_parameters: dict[str, Any] | None) -> list[str]:
        form: dict[str, str] = {"chat_id": str(chat_id)}
        if reply_parameters:
            form["reply_parameters"] = json.dumps(reply_parameters, ensure_ascii=False)
        if len(photos) == 1:
            photo = photos[0]
            if caption:
                form["caption"] = caption
            result = self._call(token, "sendPhoto", data=form,
                                files={"photo": (photo.file_name, photo.data, photo.content_type)})
            return [str(result["message_id"])]
        media = [{"type": "photo", "media": f"attach://photo{i}"} for i in range(len(photos))]
        if caption:
            media[0]["caption"] = caption
        form["media"] = json.dumps(media, ensure_ascii=False)
        files = {f"photo{i}": (p.file_name, p.data, p.content_type) for i, p in enumerate(photos)}
        return [str(message["message_id"]) for message in self._call(token, "sendMediaGroup", data=form, files=files)]

    def _call(self, token: str, method: str, **request: Any) -> Any:
        response = self._post(f"{self.base_url}/bot{token}/{method}", **request)
        body = _json_body(response)
        if isinstance(body, dict) and body.get("ok") is True:
            return body["result"]
        raise _telegram_error(method, response, body)


def _telegram_chat_id(chat_id: str) -> int | str:
    return int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id


def _telegram_reply_parameters(message_id: str | None) -> dict[str, Any] | None:
    replied = _positive_int_or_none(message_id)
    if replied is None:
        return None
    # If the resident deleted their message, the answer still goes out, just not as a reply.
    return {"message_id": replied, "allow_sending_without_reply": True}


def _telegram_error(method: str, response: httpx.Response, body: Any) -> Exception:
    if not isinstance(body, dict):
        if _is_transient_status(response.status_code):
            return TransientDeliveryError(f"Telegram {method} answered HTTP {response.status_code}",
                                          _retry_after_header(response))
        return PermanentDeliveryError(f"Telegram {method} answered HTTP {response.status_code}", str(response.status_code))
    code = int(body.get("error_code") or response.status_code)
    description = str(body.get("description") or f"HTTP {response.status_code}")
    if _is_transient_status(code):
        retry_after = (body.get("parameters") or {}).get("retry_after")
        return TransientDeliveryError(f"Telegram {method}: {description}",
                                      float(retry_after) if retry_after is not None else _retry_after_header(response))
    return PermanentDeliveryError(description, str(code))


# ---------------------------------------------------------------------------------------------------------------
# OK
# ---------------------------------------------------------------------------------------------------------------

# From the OK REST API's error table (2 SERVICE "temporarily unavailable", 8 FLOOD_BLOCKED); whether the bot
# graph API answers with the same codes is UNCONFIRMED. Every other error_code is taken as permanent.
_OK_TRANSIENT_ERROR_CODES = frozenset({2, 8})


class OkReplyClient(_PlatformReplies):
    """OK group bot API: POST /graph/me/messages/<chat_id>.

    UNCONFIRMED: the image upload flow. Only IMAGE attachments by URL are documented. For photos without a public
    URL this client assumes the flow OK shares with TamTam and MAX: `POST /graph/me/fetch-upload-url?type=IMAGE`
    gives `{"url"}`, a multipart POST of field `data` there gives `{"photos": {<id>: {"token"}}}`, and the
    attachment is `{"type": "IMAGE", "payload": {"token"}}`. The answer to a send and the error body format are
    unconfirmed too.
    """

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        _require_platform(reply, Channel.OK)
        return message_parts(split_text(reply.text, OK_TEXT_LIMIT), reply.photos, OK_ATTACHMENTS_PER_MESSAGE)

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        chat_id = _required(reply.source, "chat_id")
        attachments = [self._image_attachment(photo, token) for photo in part.photos]
        message: dict[str, Any] = {}
        if part.text:
            message["text"] = part.text
        if len(attachments) == 1:
            message["attachment"] = attachments[0]
        elif attachments:
            message["attachments"] = attachments
        answer = self._call(f"/graph/me/messages/{quote(chat_id, safe=':')}", token,
                            json={"recipient": {"chat_id": chat_id}, "message": message})
        message_id = answer.get("message_id") or answer.get("mid")
        return (str(message_id),) if message_id else ()

    def _image_attachment(self, photo: Photo, token: str) -> dict[str, Any]:
        if photo.public_url:
            return {"type": "IMAGE", "payload": {"url": photo.public_url}}
        upload_url = self._call("/graph/me/fetch-upload-url", token, params={"type": "IMAGE"})["url"]
        uploaded = self._upload(upload_url, photo)
        tokens = [entry["token"] for entry in (uploaded.get("photos") or {}).values() if "token" in entry]
        if not tokens:
            raise PermanentDeliveryError(f"OK did not accept the photo {photo.file_name!r}", "upload_rejected")
        return {"type": "IMAGE", "payload": {"token": tokens[0]}}

    def _upload(self, upload_url: str, photo: Photo) -> dict[str, Any]:
        response = self._post(upload_url, files={"data": (photo.file_name, photo.data, photo.content_type)})
        return _ok_answer("photo upload", response)

    def _call(self, path: str, token: str, *, params: Mapping[str, str] | None = None, **request: Any) -> dict[str, Any]:
        response = self._post(f"{self.base_url}{path}", params={**(params or {}), "access_token": token}, **request)
        return _ok_answer(path, response)


def _ok_answer(what: str, response: httpx.Response) -> dict[str, Any]:
    if _is_transient_status(response.status_code):
        raise TransientDeliveryError(f"OK {what} answered HTTP {response.status_code}", _retry_after_header(response))
    body = _json_body(response)
    error_code = body.get("error_code") if isinstance(body, dict) else None
    if response.status_code >= 400 or error_code is not None:
        message = str(body.get("error_msg") or body.get("message") or "") if isinstance(body, dict) else ""
        reason = message or f"HTTP {response.status_code}"  # the platform's own words, for the operator
        if error_code is not None and int(error_code) in _OK_TRANSIENT_ERROR_CODES:
            raise TransientDeliveryError(f"OK {what}: {reason} (error {error_code})")
        raise PermanentDeliveryError(reason, str(error_code if error_code is not None else response.status_code))
    if isinstance(body, dict) and body.get("success") is False:
        raise PermanentDeliveryError(f"OK {what} answered success=false", "not_sent")
    return body if isinstance(body, dict) else {}


# ---------------------------------------------------------------------------------------------------------------
# MAX
# ---------------------------------------------------------------------------------------------------------------

_MAX_TRANSIENT_CODES = frozenset({"attachment.not.ready"})


class MaxReplyClient(_PlatformReplies):
    """MAX Bot API: POST /messages?chat_id=…, replying with link {type: reply, mid}; images via /uploads."""

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        _require_platform(reply, Channel.MAX)
        return message_parts(split_text(reply.text, MAX_TEXT_LIMIT), reply.photos, MAX_ATTACHMENTS_PER_MESSAGE)

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        chat_id = _required(reply.source, "chat_id")
        attachments = [self._image_attachment(photo, token) for photo in part.photos]
        body: dict[str, Any] = {"text": part.text} if part.text else {}
        if reply.source.message_id:
            body["link"] = {"type": "reply", "mid": reply.source.message_id}
        if attachments:
            body["attachments"] = attachments
        answer = self._call("/messages", token, params={"chat_id": chat_id}, json=body)
        return (str(answer["message"]["body"]["mid"]),)

    def _image_attachment(self, photo: Photo, token: str) -> dict[str, Any]:
        upload_url = self._call("/uploads", token, params={"type": "image"})["url"]
        # The upload URL is signed and may be on another host (iu.oneme.ru): the token is not sent there.
        response = self._post(upload_url, files={"data": (photo.file_name, photo.data, photo.content_type)})
        uploaded = _max_answer("photo upload", response)
        if not uploaded.get("photos"):
            raise PermanentDeliveryError(f"MAX did not accept the photo {photo.file_name!r}", "upload_rejected")
        return {"type": "image", "payload": {"photos": uploaded["photos"]}}

    def _call(self, path: str, token: str, **request: Any) -> dict[str, Any]:
        response = self._post(f"{self.base_url}{path}", headers={"Authorization": token}, **request)
        return _max_answer(path, response)


def _max_answer(what: str, response: httpx.Response) -> dict[str, Any]:
    body = _json_body(response)
    if response.status_code < 400 and isinstance(body, dict):
        return body
    code = str(body["code"]) if isinstance(body, dict) and body.get("code") else None
    message = str(body.get("message") or "") if isinstance(body, dict) else ""
    description = message or code or f"HTTP {response.status_code}"
    if _is_transient_status(response.status_code) or code in _MAX_TRANSIENT_CODES:
        raise TransientDeliveryError(f"MAX {what}: {description}" + (f" ({code})" if code and message else ""),
                                     _retry_after_header(response))
    raise PermanentDeliveryError(description, code or str(response.status_code))


# ---------------------------------------------------------------------------------------------------------------
# Wiring
# ---------------------------------------------------------------------------------------------------------------

_CLIENT_CLASSES: Mapping[Channel, type[_PlatformReplies]] = {
    Channel.VK: VkReplyClient,
    Channel.TELEGRAM: TelegramReplyClient,
    Channel.OK: OkReplyClient,
    Channel.MAX: MaxReplyClient,
}


def clients_for(base_urls: Mapping[str, str], *, http: httpx.Client | None = None,
                timeout: float = DEFAULT_TIMEOUT_SECONDS) -> dict[Channel, ReplyClient]:
    """One reply client per platform named in `base_urls` (keys are Channel values: "vk", "telegram", "ok", "max").

    Only the platforms given get a client, so a local stack cannot fall through to a production API."""
    clients: dict[Channel, ReplyClient] = {}
    shared = LazyHttpClient(http)
    for name, base_url in base_urls.items():
        channel = Channel(name)
        if channel not in _CLIENT_CLASSES:
            raise ValueError(f"no reply client for the {channel} channel")
        clients[channel] = _CLIENT_CLASSES[channel](base_url, http=shared, timeout=timeout)
    return clients
