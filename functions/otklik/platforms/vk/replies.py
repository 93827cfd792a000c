"""Answers on VK (API version 5.199): a chat message, or a comment in the wall, photo or board thread written in."""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from otklik.domain.model import Channel, SourceKind, SourceRef
from otklik.platforms.replies import (
    OutgoingReply,
    PermanentDeliveryError,
    Photo,
    PlatformReplies,
    ReplyPart,
    TransientDeliveryError,
    is_transient_status,
    json_body,
    message_parts,
    part_key,
    positive_int_or_none,
    require_platform,
    required_field,
    required_int,
    retry_after_header,
    split_text,
)

VK_API_VERSION = "5.199"
VK_TEXT_LIMIT = 9000
VK_ATTACHMENTS_PER_MESSAGE = 10

_VK_MESSAGE_KINDS = frozenset({SourceKind.PRIVATE_MESSAGE, SourceKind.GROUP_MESSAGE})
# 1 unknown error, 6 too many requests per second, 9 flood control, 10 internal server error.
_VK_TRANSIENT_ERRORS = frozenset({1, 6, 9, 10})


@dataclass(frozen=True)
class _VkCommentCall:
    method: str
    params: dict[str, str]
    upload_group_id: int | None


class VkReplyClient(PlatformReplies):
    """VK API: messages.send for chats, *.createComment for wall, photo and board threads. Each part carries its own
    `random_id` or `guid` (`part_key`), so VK drops a part sent again."""

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        require_platform(reply, Channel.VK)
        return message_parts(split_text(reply.text, VK_TEXT_LIMIT), reply.photos, VK_ATTACHMENTS_PER_MESSAGE)

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        if reply.source.kind in _VK_MESSAGE_KINDS:
            return (self._send_message(reply, part, token),)
        return (self._send_comment(reply, part, _vk_comment_call(reply.source), token),)

    def _send_message(self, reply: OutgoingReply, part: ReplyPart, token: str) -> str:
        peer_id = required_field(reply.source, "chat_id")
        attachments = self._upload_message_photos(part.photos, peer_id, token)
        params = {"peer_id": peer_id, "random_id": str(vk_random_id(part_key(reply.answer_id, part.index))),
                  "message": part.text}
        reply_to = positive_int_or_none(reply.source.message_id)
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
        if is_transient_status(response.status_code):
            raise TransientDeliveryError(f"VK photo upload answered HTTP {response.status_code}",
                                         retry_after_header(response))
        body = json_body(response)
        if not isinstance(body, dict) or body.get("photo") in (None, "", "[]"):
            raise PermanentDeliveryError(f"VK did not accept the photo {photo.file_name!r}", "upload_rejected")
        return {"server": str(body["server"]), "photo": str(body["photo"]), "hash": str(body["hash"])}

    def _call(self, method: str, params: Mapping[str, str], token: str) -> Any:
        response = self._post(f"{self.base_url}/method/{method}",
                              data={**params, "access_token": token, "v": VK_API_VERSION})
        if is_transient_status(response.status_code):
            raise TransientDeliveryError(f"VK {method} answered HTTP {response.status_code}",
                                         retry_after_header(response))
        body = json_body(response)
        if not isinstance(body, dict):
            raise TransientDeliveryError(f"VK {method} answered HTTP {response.status_code} without JSON")
        if "error" in body:
            raise _vk_error(method, body["error"])
        return body["response"]


def _vk_comment_call(source: SourceRef) -> _VkCommentCall:
    owner_id = required_int(source, "owner_id")
    community_id = -owner_id if owner_id < 0 else None
    if source.kind in (SourceKind.WALL_COMMENT, SourceKind.WALL_POST):
        params = {"owner_id": str(owner_id), "post_id": required_field(source, "post_id")}
        if community_id is not None:
            params["from_group"] = str(community_id)
        if source.kind is SourceKind.WALL_COMMENT:
            params["reply_to_comment"] = required_field(source, "comment_id")
        return _VkCommentCall("wall.createComment", params, community_id)
    if source.kind is SourceKind.PHOTO_COMMENT:
        params = {"owner_id": str(owner_id), "photo_id": required_field(source, "photo_id")}
        if source.comment_id:
            params["reply_to_comment"] = source.comment_id
        if community_id is not None:
            params["from_group"] = "1"
        return _VkCommentCall("photos.createComment", params, community_id)
    if source.kind is SourceKind.BOARD_POST:
        params = {"group_id": str(abs(owner_id)), "topic_id": required_field(source, "topic_id"), "from_group": "1"}
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


def vk_random_id(key: str) -> int:
    """A positive int64 derived from `key`, so a resend of the same answer part carries the same random_id."""
    value = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") >> 1
    return value or 1  # VK treats random_id=0 as "no deduplication"
