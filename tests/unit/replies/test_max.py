"""How Otklik answers on MAX, checked over real HTTP against the fake Bot API."""
from __future__ import annotations

import pytest

from otklik.platforms.max.fake import MAX_ATTACHMENT_NOT_READY, MAX_INVALID_TOKEN, FakeMax, max_error
from otklik.platforms.max.replies import MaxReplyClient
from otklik.platforms.replies import (
    Delivered,
    OutgoingReply,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from tests.unit.replies.support import (
    MAX_DIALOG,
    MAX_TOKEN,
    PHOTO,
    REGISTERED,
    paragraphs,
)


class TestMax:
    def test_a_message_is_answered_in_the_chat_as_a_reply_with_the_raw_token_header(self, max_api: FakeMax) -> None:
        delivered = MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, REGISTERED),
                                                          token=MAX_TOKEN)

        [request] = max_api.requests
        assert (request.http_method, request.path, request.query) == ("POST", "/messages", {"chat_id": "182182182"})
        assert request.headers["Authorization"] == MAX_TOKEN
        assert request.json == {"text": REGISTERED,
                                "link": {"type": "reply", "mid": "mid.000000000adf429c019d47d58f2b3e01"}}
        assert delivered == Delivered((max_api.sent[0].platform_id,))

    def test_a_photo_is_uploaded_then_attached_with_the_photos_the_upload_returned(self, max_api: FakeMax) -> None:
        MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, "График", (PHOTO,)),
                                              token=MAX_TOKEN)

        uploads, upload, send = max_api.requests
        assert (uploads.path, uploads.query, uploads.headers["Authorization"]) == ("/uploads", {"type": "image"},
                                                                                   MAX_TOKEN)
        assert upload.files["data"].data == PHOTO.data
        assert "Authorization" not in upload.headers
        [attachment] = send.json["attachments"]
        assert attachment["type"] == "image"
        assert list(attachment["payload"]["photos"].values())[0]["token"]
        assert send.json["text"] == "График"

    def test_a_long_text_is_split_into_messages_of_at_most_4000_characters(self, max_api: FakeMax) -> None:
        text = paragraphs(2, 3500)

        delivered = MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, text), token=MAX_TOKEN)

        assert [m.text for m in max_api.sent] == text.split("\n\n")
        assert len(delivered.platform_message_ids) == 2

    def test_attachment_not_ready_is_transient(self, max_api: FakeMax) -> None:
        max_api.fail_next("messages", error=MAX_ATTACHMENT_NOT_READY)

        with pytest.raises(TransientDeliveryError) as raised:
            MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, "x", (PHOTO,)), token=MAX_TOKEN)

        assert "attachment.not.ready" in raised.value.reason

    def test_an_invalid_token_is_permanent(self, max_api: FakeMax) -> None:
        max_api.fail_next("messages", error=MAX_INVALID_TOKEN)

        with pytest.raises(PermanentDeliveryError) as raised:
            MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, REGISTERED), token=MAX_TOKEN)

        assert (raised.value.code, raised.value.reason) == ("verify.token", "Invalid access_token")

    @pytest.mark.parametrize("status", [403, 404])
    def test_forbidden_and_not_found_are_permanent(self, max_api: FakeMax, status: int) -> None:
        max_api.fail_next("messages", error=max_error(status, "chat.denied", "Bot is not a member of the chat"))

        with pytest.raises(PermanentDeliveryError):
            MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, REGISTERED), token=MAX_TOKEN)

    def test_429_is_transient(self, max_api: FakeMax) -> None:
        max_api.fail_next("messages", error=max_error(429, "too.many.requests", "Number of requests is exceeded"))

        with pytest.raises(TransientDeliveryError):
            MaxReplyClient(max_api.base_url).send(OutgoingReply("answer-1", MAX_DIALOG, REGISTERED), token=MAX_TOKEN)
